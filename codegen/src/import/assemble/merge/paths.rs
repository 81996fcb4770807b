//! The documented paths against the metadata's addressing: each operation's path is followed
//! from the service root (an entity set, singleton or operation import) through keys,
//! properties, navigation properties, type casts and bound operations. A segment the metadata
//! cannot address is reported (the operation is kept as documented: the metadata describes no
//! requests); a path that ends in a bound action or function gives it the page's text.

use super::{DisagreementKind, Side, is_text};
use crate::import::assemble::Assembler;
use crate::schema::{BindsTo, OperationDescription, ServiceDescription, TypeKind};

/// Where a path has got to: a type, one entity of it or a collection.
struct Position {
    /// The qualified name of the type addressed.
    ty: String,
    /// Whether it is a collection of the type.
    collection: bool,
}

/// How a path ends, when the metadata addresses all of it.
enum Addressed {
    /// At a bound operation: its binding type and index in that type's `boundOperations`.
    BoundOperation(String, usize),
    /// Anywhere else.
    Elsewhere,
}

impl Assembler {
    /// Checks the path of every operation a page documents against the metadata's addressing.
    pub(in crate::import::assemble) fn check_paths(&mut self, service: &ServiceDescription) {
        let mut checks = Vec::new();
        for (qualified, described) in &self.types {
            for operation in &described.ty.operations {
                // Operations copied from a base type (`inherit_base_actions`) are the base's page's.
                if let Some(page) = self.operation_pages.get(&(qualified.clone(), operation.name.clone())) {
                    checks.push((operation.clone(), page.file.clone(), page.line));
                }
            }
        }
        for (operation, file, line) in checks {
            match self.address(service, &operation.path) {
                Ok(Addressed::BoundOperation(owner, index)) => self.describe_bound_operation(&owner, index, &operation),
                Ok(Addressed::Elsewhere) => {}
                Err((element, reason)) => {
                    let message = format!(
                        "the metadata cannot address `{} {}`: {reason}; the page wins: the operation is kept as documented",
                        operation.method.as_str(),
                        operation.path
                    );
                    self.disagree(DisagreementKind::PathNotAddressable, (&file, line), element, Side::Page, message);
                }
            }
        }
    }

    /// Follows `path` through the metadata; on failure, the metadata element where it stopped
    /// and why.
    fn address(&self, service: &ServiceDescription, path: &str) -> Result<Addressed, (String, String)> {
        let mut segments = path.split('/').filter(|segment| !segment.is_empty());
        let first = segments.next().unwrap_or_default();
        let root = first.split('(').next().unwrap_or(first);
        let matches = |name: &str| name.eq_ignore_ascii_case(root);
        let mut at = if let Some(set) = service.entity_sets.iter().find(|set| matches(&set.name)) {
            Position { ty: set.r#type.clone(), collection: !first.contains('(') }
        } else if let Some(singleton) = service.singletons.iter().find(|singleton| matches(&singleton.name)) {
            Position { ty: singleton.r#type.clone(), collection: false }
        } else if service.operation_imports.iter().any(|import| matches(&import.name)) {
            return Ok(Addressed::Elsewhere);
        } else {
            let reason = format!("`{root}` is not an entity set, singleton or operation import of the service");
            return Err(("the service's entity container".to_owned(), reason));
        };
        for segment in segments {
            if segment.starts_with('{') || segment.starts_with('(') {
                if !at.collection {
                    let reason = format!("the key `{segment}` follows one `{}`, not a collection of them", at.ty);
                    return Err((at.ty, reason));
                }
                at.collection = false;
                continue;
            }
            if segment.starts_with('$') {
                return Ok(Addressed::Elsewhere);
            }
            match self.step(&at, segment) {
                Some(Ok(next)) => at = next,
                Some(Err(addressed)) => return Ok(addressed),
                None => {
                    let reason = self.not_addressable(&at, segment);
                    return Err((at.ty, reason));
                }
            }
        }
        Ok(Addressed::Elsewhere)
    }

    /// The position after `segment` (a type cast, a property or a bound operation that returns
    /// a structured type); `Err` when the path ends there (a primitive property, an operation
    /// returning nothing or a primitive); `None` when the metadata has nothing of that name.
    fn step(&self, at: &Position, segment: &str) -> Option<Result<Position, Addressed>> {
        let (name, call) = match segment.split_once('(') {
            Some((name, _)) => (name, true),
            None => (segment, false),
        };
        if let Some(cast) = self.types.get(name).filter(|d| d.ty.kind != TypeKind::Enum) {
            let ty = format!("{}.{}", cast.ty.namespace, cast.ty.name);
            return Some(Ok(Position { ty, collection: at.collection }));
        }
        // A bound operation may be written qualified (`microsoft.graph.assign`).
        let name = name.rsplit('.').next().unwrap_or(name);
        let chain: Vec<String> = std::iter::once(at.ty.clone()).chain(self.bases(&at.ty)).collect();
        if !at.collection && !call {
            for owner in &chain {
                let described = self.types.get(owner)?;
                if let Some(property) = described.ty.properties.iter().find(|p| p.name.eq_ignore_ascii_case(name)) {
                    return Some(match self.lookup(&described.ty.namespace, &property.r#type) {
                        Some(ty) if self.types[&ty].ty.kind != TypeKind::Enum => {
                            Ok(Position { ty, collection: property.collection })
                        }
                        _ => Err(Addressed::Elsewhere),
                    });
                }
            }
        }
        let binds_to = if at.collection { BindsTo::Collection } else { BindsTo::Entity };
        for owner in &chain {
            let described = self.types.get(owner)?;
            let found = described
                .ty
                .bound_operations
                .iter()
                .position(|o| o.name.eq_ignore_ascii_case(name) && o.binds_to == binds_to);
            let Some(index) = found else { continue };
            let returns = described.ty.bound_operations[index].returns.as_ref();
            let next = returns.and_then(|r| Some((self.lookup(&described.ty.namespace, &r.r#type)?, r.collection)));
            return Some(match next {
                Some((ty, collection)) if self.types[&ty].ty.kind != TypeKind::Enum => Ok(Position { ty, collection }),
                _ => Err(Addressed::BoundOperation(owner.clone(), index)),
            });
        }
        None
    }

    /// Why `segment` cannot follow `at`, with the derived type that would address it when there
    /// is one (the path lacks a type cast).
    fn not_addressable(&self, at: &Position, segment: &str) -> String {
        let name = segment.split('(').next().unwrap_or(segment);
        let name = name.rsplit('.').next().unwrap_or(name);
        let what = if at.collection { "a collection of " } else { "" };
        let mut reason = format!(
            "`{name}` is not a property, navigation property or bound operation of {what}`{}` or its base types",
            at.ty
        );
        let derived = self.types.iter().find(|(qualified, described)| {
            self.bases(qualified).contains(&at.ty)
                && (described.ty.properties.iter().any(|p| p.name.eq_ignore_ascii_case(name))
                    || described.ty.bound_operations.iter().any(|o| o.name.eq_ignore_ascii_case(name)))
        });
        if let Some((qualified, _)) = derived {
            reason
                .push_str(&format!(" (the derived type `{qualified}` has it: the path needs the cast `/{qualified}`)"));
        }
        reason
    }

    /// The page's text for the bound operation its path calls: its description, and its
    /// parameters' from the request body's table (the pages win on text).
    fn describe_bound_operation(&mut self, owner: &str, index: usize, documented: &OperationDescription) {
        let Some(described) = self.types.get_mut(owner) else { return };
        let operation = &mut described.ty.bound_operations[index];
        if is_text(&documented.description) {
            operation.description.clone_from(&documented.description);
        }
        let rows = documented.request_body.iter().flat_map(|body| &body.properties);
        for row in rows.filter(|row| is_text(&row.description)) {
            if let Some(parameter) = operation.parameters.iter_mut().find(|p| p.name == row.name) {
                parameter.description.clone_from(&row.description);
            }
        }
    }
}
