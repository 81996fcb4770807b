//! Operations to their types: each API page's operation is attached to the type its file name (or
//! title) names, pages that document one operation twice are merged, and actions documented on a
//! base type are given to derived types that share its item path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::{Assembler, OperationPage};
use crate::import::describe::{PageOperation, Warning};
use crate::schema::{OperationDescription, PermissionsDescription};

/// The request-body tables of create and update pages, by (type, operation): rows and page.
type BodyTables = BTreeMap<(String, String), (Vec<(String, usize)>, PathBuf)>;

impl Assembler {
    /// Attaches operations to the types their files name; returns the API version.
    pub(super) fn attach(&mut self, operations: Vec<PageOperation>) -> Option<String> {
        let api_version = api_version(&operations);
        let mut tables: BodyTables = BTreeMap::new();
        // Operations whose page gives no usable path go last, so that a create page can take its
        // collection path from the list page whatever the order of the files.
        let mut operations = operations;
        operations.sort_by_key(|op| op.operation.path.is_empty());
        for mut op in operations {
            let Some(owner) = self.owner_of(&op) else {
                let message = format!(
                    "no page documents `{}`, the type this operation belongs to; the operation is skipped",
                    op.owner_token
                );
                self.warn(&op.file, 1, message);
                continue;
            };
            if op.operation.path.is_empty() && !self.path_from_list_page(&owner, &mut op) {
                continue;
            }
            if !op.body_table.is_empty() {
                self.compare_body_table(&owner, &op);
                let key = (owner.clone(), op.operation.name.clone());
                tables.insert(key, (op.body_table.clone(), op.file.clone()));
            }
            self.add_operation(&owner, op);
        }
        self.update_only_properties(&tables);
        api_version
    }

    /// The type an operation page belongs to: the one its file name names, else its title's.
    pub(super) fn owner_of(&self, op: &PageOperation) -> Option<String> {
        self.types
            .keys()
            .find(|q| q.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(&op.owner_token)))
            .cloned()
            .or_else(|| op.title_type.as_ref().and_then(|t| self.lookup("microsoft.graph", t)))
    }

    /// A create page without a usable path takes its collection path from the list page of the
    /// same type; false (with a warning) when there is none and the operation is skipped.
    fn path_from_list_page(&mut self, owner: &str, op: &mut PageOperation) -> bool {
        let name = &op.operation.name;
        let sibling = self.types[owner].ty.operations.iter().find(|o| o.name == "list").map(|o| o.path.clone());
        match sibling {
            Some(path) if name == "create" => {
                let message = format!("the collection path of `{owner}` is taken from its list page: `{path}`");
                self.warn(&op.file, op.line, message);
                op.operation.path = path;
                true
            }
            _ => {
                let message =
                    format!("`{name}` of `{owner}` has no path; it is skipped until an overrides entry gives one");
                self.warn(&op.file, op.line, message);
                false
            }
        }
    }

    /// Adds an operation to its owner; a second page for an operation already attached is
    /// merged into the first (its examples kept) and reported.
    fn add_operation(&mut self, owner: &str, op: PageOperation) {
        let name = op.operation.name.clone();
        let Some(described) = self.types.get_mut(owner) else { return };
        let Some(kept) = described.ty.operations.iter_mut().find(|o| o.name == name) else {
            described.ty.operations.push(op.operation);
            let page = OperationPage { file: op.file, line: op.line, body_rows: op.body_rows.into_iter().collect() };
            self.operation_pages.insert((owner.to_owned(), name), page);
            return;
        };
        if kept.permissions != op.operation.permissions {
            let list = |p: &PermissionsDescription| {
                format!(
                    "delegated work {:?}, personal {:?}, application {:?}",
                    p.delegated_work, p.delegated_personal, p.application
                )
            };
            let message = format!(
                "this page documents other permissions for `{name}` of `{owner}` ({}) than the page kept ({})",
                list(&op.operation.permissions),
                list(&kept.permissions)
            );
            self.warnings.push(Warning { file: op.file.clone(), line: op.line, message });
        }
        // The first page's description is kept; the second page's examples still count.
        let mut added = 0;
        for mut example in op.operation.examples {
            let base = example.name.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
            let mut n = 2;
            while kept.examples.iter().any(|e| e.name == example.name) {
                example.name = format!("{base}{n}");
                n += 1;
            }
            kept.examples.push(example);
            added += 1;
        }
        let message =
            format!("`{owner}` has two pages for `{name}`; the first is kept (with the other's {added} examples)");
        self.warnings.push(Warning { file: op.file, line: op.line, message });
    }

    /// Once every page is attached: properties an update page lists that its create page lacks.
    fn update_only_properties(&mut self, tables: &BodyTables) {
        for ((owner, name), (rows, file)) in tables {
            if name != "update" {
                continue;
            }
            if let Some((create_rows, _)) = tables.get(&(owner.clone(), "create".to_owned())) {
                let on_create: BTreeSet<&String> = create_rows.iter().map(|(n, _)| n).collect();
                for (property, line) in rows.iter().filter(|(n, _)| !on_create.contains(n)) {
                    let message =
                        format!("the update page of `{owner}` lists `{property}`, which its create page does not");
                    self.warnings.push(Warning { file: file.clone(), line: *line, message });
                }
            }
        }
    }

    pub(super) fn compare_body_table(&mut self, owner: &str, op: &PageOperation) {
        let known = self.flattened(owner);
        for (property, line) in &op.body_table {
            if !known.contains_key(property) {
                let message = format!(
                    "the request body table lists `{property}`, which `{owner}` does not have (neither its resource page nor, when imported, the metadata defines it)"
                );
                self.warn(&op.file, *line, message);
            }
        }
    }

    /// Actions and functions documented on a base type apply to a derived type with the same
    /// item path (the docs document `setDefaultProfile` on `enrollmentProfile` only).
    pub(super) fn inherit_base_actions(&mut self) {
        let crud = ["list", "get", "create", "update", "delete"];
        let mut additions: Vec<(String, OperationDescription)> = Vec::new();
        for (qualified, described) in &self.types {
            let Some(item) = described.ty.operations.iter().find(|o| o.name == "get").map(|o| o.path.clone()) else {
                continue;
            };
            let mut base = described.ty.base_type.as_ref().and_then(|b| self.lookup(&described.ty.namespace, b));
            let mut guard = 0;
            while let Some(base_name) = base {
                guard += 1;
                if guard > 32 {
                    break;
                }
                let Some(base_type) = self.types.get(&base_name) else { break };
                for op in &base_type.ty.operations {
                    let own = described.ty.operations.iter().any(|o| o.name == op.name);
                    if !crud.contains(&op.name.as_str()) && !own && op.path.starts_with(&format!("{item}/")) {
                        additions.push((qualified.clone(), op.clone()));
                    }
                }
                base = base_type.ty.base_type.as_ref().and_then(|b| self.lookup(&base_type.ty.namespace, b));
            }
        }
        for (qualified, op) in additions {
            if let Some(described) = self.types.get_mut(&qualified)
                && !described.ty.operations.iter().any(|o| o.name == op.name)
            {
                described.ty.operations.push(op);
            }
        }
    }
}

/// The API version the pages document, from the folder of the first operation page that says.
fn api_version(operations: &[PageOperation]) -> Option<String> {
    operations.iter().find_map(|op| {
        let text = op.file.to_string_lossy();
        if text.contains("/beta/") || text.contains("seeds") {
            Some("beta".to_owned())
        } else if text.contains("/v1.0/") {
            Some("v1.0".to_owned())
        } else {
            None
        }
    })
}
