//! Stage 3 of the importer: merge what the pages document into description files.
//!
//! Several pages about one type merge into one description; operations attach to the type their
//! file name names; enums that the docs only list as "Possible values" are made from that list;
//! example bodies are checked against the documented tables; names of undocumented types are
//! reported and their values kept as raw JSON. Hand-made corrections come last, from the
//! overrides file, so the output stays reproducible from the pages.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::csdl::{describe_metadata, is_metadata};
use super::describe::{Documented, DocumentedType, PageOperation, Warning, describe, display_path};
use super::page::{parse_markdown, parse_rendered};
use crate::error::{Error, Result};
use crate::schema::Primitive;
use crate::schema::{
    DescriptionFile, ExampleRole, JSON_SCHEMA_FILE_NAME, MemberDescription, OperationDescription, ServiceDescription,
    TypeDescription, TypeKind,
};

/// The result of an import: description files by file name, and the defect report.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The description files to write, by file name.
    pub files: BTreeMap<String, DescriptionFile>,
    /// Every defect met, sorted by file and line.
    pub warnings: Vec<Warning>,
    /// Pages read.
    pub pages: usize,
    /// Types, properties and operations described.
    pub counts: (usize, usize, usize),
    /// What was read: documentation pages or metadata documents.
    pub input: InputKind,
    /// Metadata elements read but not described (actions, functions, …), by element name.
    pub skipped: BTreeMap<String, usize>,
}

/// What an import reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// Documentation pages (`*.md`, or rendered `*.txt`).
    #[default]
    Pages,
    /// OData CSDL metadata documents (`*.csdl`, `*.xml`).
    Metadata,
}

impl Imported {
    /// `imported 12 pages: 5 types, 32 properties, 8 operations, 3 warnings`, and for metadata
    /// what it holds that is not described.
    pub fn summary(&self) -> String {
        let (types, properties, operations) = self.counts;
        let inputs = match (self.input, self.pages) {
            (InputKind::Pages, 1) => "page",
            (InputKind::Pages, _) => "pages",
            (InputKind::Metadata, 1) => "metadata document",
            (InputKind::Metadata, _) => "metadata documents",
        };
        let mut summary = format!(
            "imported {} {inputs}: {types} types, {properties} properties, {operations} operations, {} warnings",
            self.pages,
            self.warnings.len()
        );
        if !self.skipped.is_empty() {
            let skipped: Vec<String> = self.skipped.iter().map(|(kind, count)| format!("{count} {kind}")).collect();
            summary.push_str(&format!(" (not described yet: {})", skipped.join(", ")));
        }
        summary
    }

    /// Writes the files into `dir`, rewriting only those whose content changed (so a re-import
    /// of unchanged pages changes nothing), all or none of them.
    ///
    /// A description file in `dir` that this import no longer writes is removed when it was
    /// imported from this run's inputs before: every source it names is a source of this run
    /// (for metadata, the document's file name). So a type that Graph removed from the metadata
    /// goes at the next import, while hand-written descriptions, and files imported from other
    /// pages or documents, stay.
    pub fn write_to(&self, dir: &Path) -> Result<crate::WriteReport> {
        let mut texts = BTreeMap::new();
        let mut sources = BTreeSet::new();
        for (name, file) in &self.files {
            let mut text =
                serde_json::to_string_pretty(file).map_err(|error| Error::Internal { message: error.to_string() })?;
            text.push('\n');
            texts.insert(PathBuf::from(name), text);
            sources.extend(file.types.iter().flat_map(|ty| ty.sources.iter().cloned()));
        }
        let stale = stale_descriptions(dir, &texts, &sources);
        crate::output::sync_files(dir, &texts, stale)
    }
}

/// The description files directly in `dir`, not in `written`, all of whose types name sources and
/// only sources in `sources`. Files that cannot be read or parsed are not ours to remove.
fn stale_descriptions(dir: &Path, written: &BTreeMap<PathBuf, String>, sources: &BTreeSet<String>) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|entry| Some(PathBuf::from(entry.ok()?.file_name())))
        .filter(|name| name.extension().is_some_and(|extension| extension == "json") && !written.contains_key(name))
        .filter(|name| {
            let Ok(text) = fs::read_to_string(dir.join(name)) else { return false };
            let Ok(file) = serde_json::from_str::<DescriptionFile>(&text) else { return false };
            let mut named = file.types.iter().flat_map(|ty| &ty.sources).peekable();
            named.peek().is_some()
                && file.types.iter().all(|ty| !ty.sources.is_empty())
                && named.all(|source| sources.contains(source))
        })
        .collect()
}

/// Reads the pages at `paths` (files, or folders searched for `*.md` and `*.txt`), or the OData
/// CSDL metadata documents at `paths` (`*.csdl`, `*.xml`), applies the overrides file if given,
/// and assembles description files.
pub fn import(paths: &[PathBuf], overrides: Option<&Path>) -> Result<Imported> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    files.sort();
    files.dedup();
    let (metadata, pages): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|path| is_metadata(path));
    if let (Some(document), Some(page)) = (metadata.first(), pages.first()) {
        let message = format!(
            "cannot import metadata (`{}`) and documentation pages (`{}`) together",
            document.display(),
            page.display()
        );
        let diagnostic = crate::Diagnostic::file(document, message)
            .with_help("import the metadata and the pages into separate folders, in two runs");
        return Err(Error::Invalid(crate::Diagnostics(vec![diagnostic])));
    }
    let mut inputs = Vec::new();
    for path in metadata.into_iter().chain(pages) {
        let bytes = fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
        inputs.push((path, String::from_utf8_lossy(&bytes).into_owned()));
    }
    if inputs.first().is_some_and(|(path, _)| is_metadata(path)) {
        import_metadata(&inputs, overrides)
    } else {
        import_pages(&inputs, overrides)
    }
}

/// Imports OData CSDL metadata documents already read: (path, text).
pub fn import_metadata(documents: &[(PathBuf, String)], overrides: Option<&Path>) -> Result<Imported> {
    let mut assembler = Assembler { types: BTreeMap::new(), possible: Vec::new(), warnings: Vec::new() };
    let mut skipped = BTreeMap::new();
    for (path, text) in documents {
        let mut warnings = Vec::new();
        let metadata = describe_metadata(path, text, &mut warnings)?;
        assembler.warnings.extend(warnings);
        for ty in metadata.types {
            assembler.add_type(ty);
        }
        for (kind, count) in metadata.skipped {
            *skipped.entry(kind).or_default() += count;
        }
    }
    let overrides = overrides.map(Overrides::read).transpose()?;
    if let Some(overrides) = &overrides {
        assembler.add_from_overrides(overrides)?;
        assembler.patch_from_overrides(overrides)?;
    }
    assembler.unknown_types();
    let mut imported = assembler.finish(documents.len(), None);
    imported.input = InputKind::Metadata;
    imported.skipped = skipped;
    Ok(imported)
}

/// Imports pages already read: (path, text). A path ending in `.txt` is a rendered page.
pub fn import_pages(pages: &[(PathBuf, String)], overrides: Option<&Path>) -> Result<Imported> {
    let mut warnings = Vec::new();
    let mut documented = Vec::new();
    for (path, text) in pages {
        let page = if path.extension().is_some_and(|e| e == "txt") {
            parse_rendered(path, text)
        } else {
            parse_markdown(path, text)
        };
        documented.push(describe(&page, &mut warnings));
    }
    let mut assembler = Assembler { types: BTreeMap::new(), possible: Vec::new(), warnings };
    let mut operations = Vec::new();
    for item in documented {
        match item {
            Documented::Type(documented) => assembler.add_type(*documented),
            Documented::Operation(op) => operations.push(*op),
            Documented::Nothing => {}
        }
    }
    let overrides = overrides.map(Overrides::read).transpose()?;
    if let Some(overrides) = &overrides {
        assembler.add_from_overrides(overrides)?;
    }
    assembler.enums_from_possible_values();
    let api_version = assembler.attach(operations);
    assembler.inherit_base_actions();
    if let Some(overrides) = &overrides {
        assembler.patch_from_overrides(overrides)?;
    }
    assembler.unknown_types();
    assembler.check_examples();
    Ok(assembler.finish(pages.len(), api_version))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let metadata = fs::metadata(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    if metadata.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    let entries = fs::read_dir(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read { path: path.to_owned(), source })?;
        let child = entry.path();
        if child.is_dir() {
            collect(&child, out)?;
        } else if child.extension().is_some_and(|e| e == "md" || e == "txt") && !child.ends_with("README.md") {
            out.push(child);
        }
    }
    Ok(())
}

/// The request-body tables of create and update pages, by (type, operation): rows and page.
type BodyTables = BTreeMap<(String, String), (Vec<(String, usize)>, PathBuf)>;

/// Where a type came from, for messages.
#[derive(Debug, Clone)]
struct Described {
    ty: TypeDescription,
    file: PathBuf,
    /// The line of each property's row on the page.
    lines: BTreeMap<String, usize>,
}

impl Described {
    fn line(&self, property: &str) -> usize {
        self.lines.get(property).copied().unwrap_or(1)
    }
}

struct Assembler {
    types: BTreeMap<String, Described>,
    /// (qualified owner, property, values, file, line)
    possible: Vec<(String, String, Vec<String>, PathBuf, usize)>,
    warnings: Vec<Warning>,
}

impl Assembler {
    fn warn(&mut self, file: &Path, line: usize, message: String) {
        self.warnings.push(Warning { file: file.to_owned(), line, message });
    }

    fn add_type(&mut self, documented: DocumentedType) {
        let DocumentedType { ty, possible, file, lines } = documented;
        let qualified = format!("{}.{}", ty.namespace, ty.name);
        if let Some(existing) = self.types.get(&qualified) {
            let message =
                format!("`{qualified}` is also documented by {}; the first page is kept", display_path(&existing.file));
            self.warn(&file, 1, message);
            return;
        }
        for (property, values, line) in possible {
            self.possible.push((qualified.clone(), property, values, file.clone(), line));
        }
        self.types.insert(qualified, Described { ty, file, lines });
    }

    /// The qualified name of a type named in a description of `namespace`.
    fn lookup(&self, namespace: &str, name: &str) -> Option<String> {
        let name = name.trim_start_matches('#');
        if self.types.contains_key(name) {
            return Some(name.to_owned());
        }
        let local = format!("{namespace}.{name}");
        if self.types.contains_key(&local) {
            return Some(local);
        }
        // The docs are not consistent about case (`enrollmentProfile.md` vs `enrollmentprofile`).
        self.types.keys().find(|q| q.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(name))).cloned()
    }

    /// Enums the docs only list as "Possible values are: …" in a property description.
    fn enums_from_possible_values(&mut self) {
        for (owner, property, values, file, line) in std::mem::take(&mut self.possible) {
            let Some(namespace) = self.types.get(&owner).map(|d| d.ty.namespace.clone()) else { continue };
            let ty = self.types[&owner]
                .ty
                .properties
                .iter()
                .find(|p| p.name == property)
                .map(|p| p.r#type.clone())
                .unwrap_or_default();
            if Primitive::from_name(&ty).is_some() {
                continue;
            }
            match self.lookup(&namespace, &ty) {
                Some(enum_name) if self.types[&enum_name].ty.kind == TypeKind::Enum => {
                    let members: BTreeSet<String> =
                        self.types[&enum_name].ty.members.iter().map(|m| m.name.clone()).collect();
                    let missing: Vec<&String> = values.iter().filter(|v| !members.contains(*v)).collect();
                    if !missing.is_empty() {
                        let message = format!(
                            "`{property}` lists possible values {missing:?} that the `{ty}` enum page does not document"
                        );
                        self.warn(&file, line, message);
                    }
                }
                Some(_) => {}
                None => {
                    let mut members: Vec<MemberDescription> = Vec::new();
                    for value in values {
                        if !members.iter().any(|m| m.name == value) {
                            members.push(MemberDescription { name: value, value: None, description: String::new() });
                        }
                    }
                    self.warn(&file, line, format!("the enum `{ty}` has no page; its members are taken from the \"Possible values\" of `{property}`"));
                    let qualified = format!("{namespace}.{ty}");
                    let ty = TypeDescription {
                        kind: TypeKind::Enum,
                        name: ty,
                        namespace,
                        base_type: None,
                        r#abstract: false,
                        description: String::new(),
                        sources: Vec::new(),
                        properties: Vec::new(),
                        flags: false,
                        members,
                        operations: Vec::new(),
                    };
                    self.types.insert(qualified, Described { ty, file, lines: BTreeMap::new() });
                }
            }
        }
    }

    /// Attaches operations to the types their files name; returns the API version.
    fn attach(&mut self, operations: Vec<PageOperation>) -> Option<String> {
        let mut api_version = None;
        let mut tables: BodyTables = BTreeMap::new();
        for op in &operations {
            let text = op.file.to_string_lossy();
            if text.contains("/beta/") || text.contains("seeds") {
                api_version.get_or_insert_with(|| "beta".to_owned());
            } else if text.contains("/v1.0/") {
                api_version.get_or_insert_with(|| "v1.0".to_owned());
            }
        }
        // Operations whose page gives no usable path go last, so that a create page can take its
        // collection path from the list page whatever the order of the files.
        let mut operations = operations;
        operations.sort_by_key(|op| op.operation.path.is_empty());
        for mut op in operations {
            let owner = self
                .types
                .keys()
                .find(|q| q.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(&op.owner_token)))
                .cloned()
                .or_else(|| op.title_type.as_ref().and_then(|t| self.lookup("microsoft.graph", t)));
            let Some(owner) = owner else {
                self.warn(
                    &op.file,
                    1,
                    format!(
                        "no page documents `{}`, the type this operation belongs to; the operation is skipped",
                        op.owner_token
                    ),
                );
                continue;
            };
            let name = op.operation.name.clone();
            if op.operation.path.is_empty() {
                let sibling =
                    self.types[&owner].ty.operations.iter().find(|o| o.name == "list").map(|o| o.path.clone());
                match sibling {
                    Some(path) if name == "create" => {
                        self.warn(
                            &op.file,
                            op.line,
                            format!("the collection path of `{owner}` is taken from its list page: `{path}`"),
                        );
                        op.operation.path = path;
                    }
                    _ => {
                        self.warn(
                            &op.file,
                            op.line,
                            format!(
                                "`{name}` of `{owner}` has no path; it is skipped until an overrides entry gives one"
                            ),
                        );
                        continue;
                    }
                }
            }
            if !op.body_table.is_empty() {
                self.compare_body_table(&owner, &op);
                tables.insert((owner.clone(), name.clone()), (op.body_table.clone(), op.file.clone()));
            }
            let described = self.types.get_mut(&owner).expect("the owner was found");
            if let Some(kept) = described.ty.operations.iter_mut().find(|o| o.name == name) {
                if kept.permissions != op.operation.permissions {
                    let list = |p: &crate::schema::PermissionsDescription| {
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
                let message = format!(
                    "`{owner}` has two pages for `{name}`; the first is kept (with the other's {added} examples)"
                );
                self.warnings.push(Warning { file: op.file.clone(), line: op.line, message });
                continue;
            }
            described.ty.operations.push(op.operation);
        }
        // Once every page is attached: properties an update page lists that its create page lacks.
        for ((owner, name), (rows, file)) in &tables {
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
        api_version
    }

    fn compare_body_table(&mut self, owner: &str, op: &PageOperation) {
        let known = self.flattened(owner);
        for (property, line) in &op.body_table {
            if !known.contains_key(property) {
                let message = format!(
                    "the request body table lists `{property}`, which the `{owner}` resource page does not document"
                );
                self.warn(&op.file, *line, message);
            }
        }
    }

    /// Every property of a type and its base types: name → (type, collection).
    fn flattened(&self, qualified: &str) -> BTreeMap<String, (String, bool)> {
        let mut chain = Vec::new();
        let mut current = Some(qualified.to_owned());
        while let Some(name) = current {
            if chain.contains(&name) {
                break;
            }
            let next = self
                .types
                .get(&name)
                .and_then(|d| d.ty.base_type.as_ref().and_then(|b| self.lookup(&d.ty.namespace, b)));
            chain.push(name);
            current = next;
        }
        let mut properties = BTreeMap::new();
        for name in chain.iter().rev() {
            if let Some(described) = self.types.get(name) {
                for property in &described.ty.properties {
                    properties.insert(property.name.clone(), (property.r#type.clone(), property.collection));
                }
            }
        }
        properties
    }

    /// Actions and functions documented on a base type apply to a derived type with the same
    /// item path (the docs document `setDefaultProfile` on `enrollmentProfile` only).
    fn inherit_base_actions(&mut self) {
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

    /// Type names no page documents: reported, and read as raw JSON so that nothing is lost.
    fn unknown_types(&mut self) {
        let names: Vec<String> = self.types.keys().cloned().collect();
        for qualified in names {
            let described = &self.types[&qualified];
            let namespace = described.ty.namespace.clone();
            let file = described.file.clone();
            let mut unknown = Vec::new();
            for (i, property) in described.ty.properties.iter().enumerate() {
                if Primitive::from_name(&property.r#type).is_none()
                    && self.lookup(&namespace, &property.r#type).is_none()
                {
                    unknown.push((i, property.name.clone(), property.r#type.clone()));
                }
            }
            if let Some(base) = &described.ty.base_type
                && self.lookup(&namespace, base).is_none()
            {
                let message = format!(
                    "no page documents `{base}`, the base type of `{qualified}`; its properties are not inherited"
                );
                self.warn(&file, 1, message);
                self.types.get_mut(&qualified).expect("exists").ty.base_type = None;
            }
            for (i, property, ty) in unknown {
                let line = self.types[&qualified].line(&property);
                self.warn(
                    &file,
                    line,
                    format!(
                        "no page documents the type `{ty}` of `{qualified}.{property}`; its values are kept as raw JSON"
                    ),
                );
                self.types.get_mut(&qualified).expect("exists").ty.properties[i].r#type = "Untyped".into();
            }
            let described = &self.types[&qualified];
            let ops: Vec<(usize, bool, String)> = described
                .ty
                .operations
                .iter()
                .enumerate()
                .flat_map(|(i, op)| {
                    [(i, true, op.request_body.as_ref()), (i, false, op.response.as_ref())]
                        .into_iter()
                        .filter_map(|(i, request, body)| body.and_then(|b| b.r#type.clone()).map(|t| (i, request, t)))
                })
                .collect();
            for (i, request, ty) in ops {
                if Primitive::from_name(&ty).is_none() && self.lookup(&namespace, &ty).is_none() {
                    self.warn(
                        &file,
                        1,
                        format!("no page documents `{ty}`, a body type of `{qualified}`; it is kept as raw JSON"),
                    );
                    let op = &mut self.types.get_mut(&qualified).expect("exists").ty.operations[i];
                    let body = if request { op.request_body.as_mut() } else { op.response.as_mut() };
                    if let Some(body) = body {
                        body.r#type = Some("Untyped".into());
                    }
                }
            }
        }
        // An "Inherited from" note that names no base type having the property (an undocumented
        // type, or a type that is not a base) is dropped with a warning, so that lowering accepts
        // the description.
        let names: Vec<String> = self.types.keys().cloned().collect();
        for qualified in names {
            let namespace = self.types[&qualified].ty.namespace.clone();
            let file = self.types[&qualified].file.clone();
            let bases = self.bases(&qualified);
            let mut fixes = Vec::new();
            for (i, property) in self.types[&qualified].ty.properties.iter().enumerate() {
                if let Some(named) = &property.inherited_from {
                    let resolved = self.lookup(&namespace, named);
                    let has_it = resolved
                        .as_ref()
                        .is_some_and(|r| bases.contains(r) && self.flattened(r).contains_key(&property.name));
                    if !has_it {
                        fixes.push((i, named.clone(), property.name.clone()));
                    }
                }
            }
            for (i, named, property) in fixes {
                let line = self.types[&qualified].line(&property);
                self.warn(&file, line, format!("`{qualified}.{property}` is documented as inherited from `{named}`, which is not a base type that has it; the note is dropped"));
                self.types.get_mut(&qualified).expect("exists").ty.properties[i].inherited_from = None;
            }
        }
    }

    fn bases(&self, qualified: &str) -> Vec<String> {
        let mut bases = Vec::new();
        let mut current = self
            .types
            .get(qualified)
            .and_then(|d| d.ty.base_type.as_ref().and_then(|b| self.lookup(&d.ty.namespace, b)));
        while let Some(base) = current {
            if bases.contains(&base) {
                break;
            }
            current = self
                .types
                .get(&base)
                .and_then(|d| d.ty.base_type.as_ref().and_then(|b| self.lookup(&d.ty.namespace, b)));
            bases.push(base);
        }
        bases
    }

    /// Example bodies that break the documented table are marked (they must still round-trip).
    fn check_examples(&mut self) {
        let names: Vec<String> = self.types.keys().cloned().collect();
        for qualified in names {
            let namespace = self.types[&qualified].ty.namespace.clone();
            let operations = self.types[&qualified].ty.operations.clone();
            for (i, op) in operations.iter().enumerate() {
                for (e, example) in op.examples.iter().enumerate() {
                    let body = match example.role {
                        ExampleRole::Request => op.request_body.as_ref(),
                        ExampleRole::Response => op.response.as_ref(),
                    };
                    let Some(type_name) = body.and_then(|b| b.r#type.clone()) else { continue };
                    let Some(target) = self.lookup(&namespace, &type_name) else { continue };
                    let objects: Vec<&Value> = match &example.body {
                        Value::Object(map) if body.is_some_and(|b| b.collection) => {
                            map.get("value").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
                        }
                        other => vec![other],
                    };
                    let mut defects = Vec::new();
                    for object in objects {
                        self.defects_of(&target, object, "", &mut defects);
                    }
                    defects.sort();
                    defects.dedup();
                    let (file, line) = example
                        .source
                        .as_ref()
                        .and_then(|s| s.rsplit_once(':'))
                        .map(|(f, l)| (PathBuf::from(f), l.parse().unwrap_or(1)))
                        .unwrap_or_default();
                    for defect in &defects {
                        self.warnings.push(Warning {
                            file: file.clone(),
                            line,
                            message: format!(
                                "the {} example of `{}` breaks the documented table: {defect}",
                                example.name, op.name
                            ),
                        });
                    }
                    self.types.get_mut(&qualified).expect("exists").ty.operations[i].examples[e].defects = defects;
                }
            }
        }
    }

    /// How `value` breaks the documented table of `qualified`.
    fn defects_of(&self, qualified: &str, value: &Value, at: &str, defects: &mut Vec<String>) {
        let Value::Object(map) = value else { return };
        let properties = self.flattened(qualified);
        let namespace = self.types.get(qualified).map(|d| d.ty.namespace.clone()).unwrap_or_default();
        for (key, item) in map {
            if key.starts_with('@') || key.contains("@odata.") {
                continue;
            }
            let Some((ty, collection)) = properties.get(key) else {
                defects.push(format!("`{at}{key}` is not a documented property"));
                continue;
            };
            let items: Vec<&Value> = match (collection, item) {
                (true, Value::Array(items)) => items.iter().collect(),
                (true, Value::Null) | (false, Value::Null) => Vec::new(),
                (true, other) => {
                    defects.push(format!("`{at}{key}` is documented as a collection but is {}", json_kind(other)));
                    continue;
                }
                (false, other) => vec![other],
            };
            for item in items {
                if let Some(primitive) = Primitive::from_name(ty) {
                    let fits = match primitive {
                        Primitive::Boolean => item.is_boolean(),
                        Primitive::Int32 | Primitive::Int64 | Primitive::Int16 | Primitive::Byte | Primitive::SByte => {
                            item.is_i64() || item.is_u64()
                        }
                        Primitive::Double | Primitive::Single => item.is_number() || item.is_string(),
                        Primitive::Json => true,
                        _ => item.is_string(),
                    };
                    if !fits {
                        defects.push(format!("`{at}{key}` is documented as `{ty}` but is {}", json_kind(item)));
                    }
                } else if let Some(target) = self.lookup(&namespace, ty) {
                    let described = &self.types[&target].ty;
                    match (described.kind, item) {
                        (TypeKind::Enum, Value::String(text)) => {
                            let parts: Vec<&str> = if described.flags {
                                text.split(',').map(str::trim).collect()
                            } else {
                                vec![text.as_str()]
                            };
                            for part in parts {
                                if !described.members.iter().any(|m| m.name == part) {
                                    defects.push(format!(
                                        "`{at}{key}` is `\"{part}\"`, which is not a documented member of `{}`",
                                        described.name
                                    ));
                                }
                            }
                        }
                        (TypeKind::Enum, other) => defects.push(format!(
                            "`{at}{key}` is documented as the enum `{}` but is {}",
                            described.name,
                            json_kind(other)
                        )),
                        (_, Value::Object(_)) => self.defects_of(&target, item, &format!("{at}{key}."), defects),
                        (_, other) => defects.push(format!(
                            "`{at}{key}` is documented as `{}` but is {}",
                            described.name,
                            json_kind(other)
                        )),
                    }
                }
            }
        }
    }

    /// Adds the types the overrides file describes whole (types no imported page documents).
    fn add_from_overrides(&mut self, overrides: &Overrides) -> Result<()> {
        for added in overrides.value.get("add").and_then(Value::as_array).into_iter().flatten() {
            let ty: TypeDescription = serde_json::from_value(without_why(added))
                .map_err(|e| overrides.invalid(format!("an added type is not a valid description: {e}")))?;
            let qualified = format!("{}.{}", ty.namespace, ty.name);
            if self.types.contains_key(&qualified) {
                return Err(overrides.invalid(format!(
                    "the overrides add `{qualified}`, which a page already documents; patch it under \"types\" instead"
                )));
            }
            self.types.insert(qualified, Described { ty, file: overrides.path.clone(), lines: BTreeMap::new() });
        }
        Ok(())
    }

    /// Applies the patches of the overrides file to what the pages document.
    fn patch_from_overrides(&mut self, overrides: &Overrides) -> Result<()> {
        for (qualified, patch) in overrides.value.get("types").and_then(Value::as_object).into_iter().flatten() {
            let described = self.types.get_mut(qualified).ok_or_else(|| {
                overrides.invalid(format!("the overrides name `{qualified}`, which no page documents"))
            })?;
            let mut value = serde_json::to_value(&described.ty).map_err(|e| overrides.invalid(e.to_string()))?;
            merge_patch(&mut value, &without_why(patch));
            described.ty = serde_json::from_value(value).map_err(|e| {
                overrides.invalid(format!("the override of `{qualified}` does not make a valid description: {e}"))
            })?;
        }
        for (qualified, operations) in
            overrides.value.get("operations").and_then(Value::as_object).into_iter().flatten()
        {
            for (name, patch) in operations.as_object().into_iter().flatten() {
                let described = self.types.get_mut(qualified).ok_or_else(|| {
                    overrides.invalid(format!("the overrides name `{qualified}`, which no page documents"))
                })?;
                let position = described.ty.operations.iter().position(|o| o.name == *name);
                let mut value = match position {
                    Some(i) => serde_json::to_value(&described.ty.operations[i])
                        .map_err(|e| overrides.invalid(e.to_string()))?,
                    None => Value::Object(serde_json::Map::new()),
                };
                merge_patch(&mut value, &without_why(patch));
                let op: OperationDescription = serde_json::from_value(value).map_err(|e| {
                    overrides
                        .invalid(format!("the override of `{qualified}.{name}` does not make a valid operation: {e}"))
                })?;
                match position {
                    Some(i) => described.ty.operations[i] = op,
                    None => described.ty.operations.push(op),
                }
            }
        }
        Ok(())
    }

    fn finish(mut self, pages: usize, api_version: Option<String>) -> Imported {
        let mut files = BTreeMap::new();
        let mut counts = (0, 0, 0);
        for (qualified, described) in &self.types {
            counts.0 += 1;
            counts.1 += described.ty.properties.len();
            counts.2 += described.ty.operations.len();
            let name =
                qualified.strip_prefix("microsoft.graph.").filter(|rest| !rest.contains('.')).unwrap_or(qualified);
            // The loader skips `*.schema.json` (JSON Schemas), so a type named `schema` in a
            // namespace other than the root gets a file name it does not skip.
            let file_name =
                if name.ends_with(".schema") { format!("{name}-type.json") } else { format!("{name}.json") };
            files.insert(
                file_name,
                DescriptionFile {
                    schema: Some(format!("./{JSON_SCHEMA_FILE_NAME}")),
                    service: None,
                    types: vec![described.ty.clone()],
                },
            );
        }
        if let Some(api_version) = api_version {
            files.insert(
                "service.json".into(),
                DescriptionFile {
                    schema: Some(format!("./{JSON_SCHEMA_FILE_NAME}")),
                    service: Some(ServiceDescription { api_version }),
                    types: Vec::new(),
                },
            );
        }
        for warning in &mut self.warnings {
            warning.file = PathBuf::from(display_path(&warning.file));
        }
        self.warnings.sort();
        self.warnings.dedup();
        Imported { files, warnings: self.warnings, pages, counts, input: InputKind::Pages, skipped: BTreeMap::new() }
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The overrides file: hand-made corrections the docs need.
struct Overrides {
    path: PathBuf,
    value: Value,
}

impl Overrides {
    fn read(path: &Path) -> Result<Self> {
        let text = fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
        let value = serde_json::from_str(&text).map_err(|error| {
            let diagnostic = crate::Diagnostic::file(path, format!("the overrides file is not valid JSON: {error}"));
            Error::Invalid(crate::Diagnostics(vec![diagnostic.with_help("see the overrides format in the README")]))
        })?;
        Ok(Self { path: path.to_owned(), value })
    }

    fn invalid(&self, message: String) -> Error {
        Error::Invalid(crate::Diagnostics(vec![
            crate::Diagnostic::file(&self.path, message).with_help("see the overrides format in the README"),
        ]))
    }
}

/// A patch without its `"why"` note.
fn without_why(patch: &Value) -> Value {
    let mut patch = patch.clone();
    if let Value::Object(map) = &mut patch {
        map.remove("why");
    }
    patch
}

/// RFC 7396 JSON merge patch.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    let Value::Object(map) = target else { return };
    for (key, value) in patch {
        if value.is_null() {
            map.remove(key);
        } else {
            merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merge_patch;
    use serde_json::json;

    #[test]
    fn merge_patches_follow_rfc_7396() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}, "list": [1]});
        merge_patch(&mut target, &json!({"a": "z", "c": {"f": null}, "list": [2, 3], "new": true}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}, "list": [2, 3], "new": true}));
    }
}
