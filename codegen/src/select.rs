//! Generating only chosen types ([`crate::Config::types`], `generate --types`) or workloads
//! ([`crate::Config::workloads`], `generate --workloads`). Types: those that match the patterns
//! (qualified names, `*` matching any run of characters: `microsoft.graph.user`,
//! `microsoft.graph.callRecords.*`). Workloads, the same as the features of `--workload-features`:
//! entity sets and singletons by name (`users`, `me`, or in snake case, `device_management`), each
//! with the types reachable from it through containment navigation properties
//! (`/users/{id}/settings`) except the subtrees large enough to be workloads of their own, which
//! are chosen by their feature name (`message` for `/users/{id}/messages`). Both bring what they
//! need — base types, the types of their structural properties, of their operations' bodies and of
//! their bound operations' parameters and results, transitively. A navigation property to a type
//! left out is left out too: its JSON, when Graph sends it (`$expand`), stays in the object's
//! `additional_properties`, so nothing is lost on the wire. Entity sets, singletons and operation
//! imports stay when their types do.
//!
//! Selection works on the loaded descriptions, before lowering: it resolves them once to follow
//! the references, and hands lowering the descriptions of the chosen types alone.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostics;
use crate::error::{Chosen, Error, Result};
use crate::load::LoadedFile;
use crate::lower::resolve::{self, Resolved, TypeRef, WorkloadRoot};

/// What to generate: types by pattern, and workloads (root resources) by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Patterns of qualified type names (`*` matches any run of characters).
    pub types: Vec<String>,
    /// Entity sets and singletons, by their name in the URL or in snake case.
    pub workloads: Vec<String>,
}

impl Selection {
    /// Whether it chooses nothing (everything is generated).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.workloads.is_empty()
    }
}

/// The descriptions of what `selection` chooses and of what it needs (`root_namespace` names the
/// contained workloads of other namespaces, as in [`crate::Config::root_namespace`]).
///
/// # Errors
///
/// [`Error::Invalid`] when the descriptions are, [`Error::NoMatch`] for a pattern that matches
/// no described type or a workload that is no described root.
pub fn select(files: &[LoadedFile], selection: &Selection, root_namespace: &str) -> Result<Vec<LoadedFile>> {
    let inline = resolve::inline_bodies(files);
    let resolved = resolve::resolve(files, &inline).map_err(|problems| Error::Invalid(Diagnostics(problems)))?;
    let described: Vec<&str> = resolved
        .types
        .iter()
        .filter(|(_, entry)| entry.inline.is_none())
        .map(|(qualified, _)| qualified.as_str())
        .collect();
    let mut seeds = Vec::new();
    for pattern in &selection.types {
        let matched: Vec<&str> = described.iter().copied().filter(|name| glob(pattern, name)).collect();
        if matched.is_empty() {
            let suggestion = suggestion(pattern, &described);
            return Err(Error::NoMatch { chosen: Chosen::Type, name: pattern.clone(), suggestion });
        }
        seeds.extend(matched.into_iter().map(|ty| (ty, false)));
    }
    let mut roots = BTreeSet::new();
    let mut kept = resolved.closure(seeds);
    if !selection.workloads.is_empty() {
        let workloads = resolved.workloads(root_namespace);
        for wanted in &selection.workloads {
            let found = workloads.iter().find(|workload| match workload.root {
                WorkloadRoot::Service { name, .. } => name == wanted || workload.name == *wanted,
                WorkloadRoot::Contained { .. } => workload.name == *wanted,
            });
            let Some(workload) = found else {
                let names: Vec<&str> = workloads.iter().map(|workload| workload.name.as_str()).collect();
                let suggestion = suggestion(wanted, &names);
                return Err(Error::NoMatch { chosen: Chosen::Workload, name: wanted.clone(), suggestion });
            };
            if let WorkloadRoot::Service { name, .. } = workload.root {
                roots.insert(name);
            }
            kept.extend(&workload.types);
        }
    }
    let keep_root = |name: &str| {
        roots.contains(name)
            || (!selection.types.is_empty()
                && resolved.roots.iter().any(|root| root.name == name && kept.contains(root.ty.as_str())))
    };
    Ok(files.iter().map(|file| keep(file, &resolved, &kept, &keep_root)).collect())
}

/// Whether `name` matches `pattern`, where `*` matches any run of characters (case-sensitive,
/// as qualified names are).
fn glob(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// The described type whose name is closest to a pattern that matched nothing: the same name in
/// another case or namespace, or one within two edits.
fn suggestion(pattern: &str, described: &[&str]) -> Option<String> {
    let wanted = pattern.replace('*', "").to_ascii_lowercase();
    let last = |name: &str| name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    let wanted_last = last(&wanted);
    let exact = described.iter().find(|name| name.to_ascii_lowercase() == wanted || last(name) == wanted_last);
    let close = || crate::suggest::closest(&wanted, described.iter().copied(), 2);
    exact.copied().or_else(close).map(str::to_owned)
}

/// A file with only the kept types, their navigation properties to kept types, the roots
/// `keep_root` keeps and the imports whose types are kept.
fn keep(
    file: &LoadedFile,
    resolved: &Resolved<'_>,
    kept: &BTreeSet<&str>,
    keep_root: &dyn Fn(&str) -> bool,
) -> LoadedFile {
    let mut file = file.clone();
    let description = &mut file.description;
    description.types.retain(|ty| kept.contains(format!("{}.{}", ty.namespace, ty.name).as_str()));
    for ty in &mut description.types {
        let qualified = format!("{}.{}", ty.namespace, ty.name);
        let left_out: BTreeSet<&str> = resolved
            .fields
            .get(&qualified)
            .into_iter()
            .flatten()
            .filter(|field| field.navigation && field.declared_in == qualified)
            .filter(|field| matches!(&field.ty, TypeRef::Named(target) if !kept.contains(target.as_str())))
            .map(|field| field.wire_name)
            .collect();
        ty.properties.retain(|property| !left_out.contains(property.name.as_str()));
    }
    if let Some(service) = &mut description.service {
        service.entity_sets.retain(|root| keep_root(&root.name));
        service.singletons.retain(|root| keep_root(&root.name));
        let imports = &resolved.imports;
        service.operation_imports.retain(|import| {
            imports.iter().filter(|call| call.name == import.name).all(|call| {
                let types = call.parameters.iter().map(|p| &p.ty).chain(call.returns.iter().map(|(ty, _)| ty));
                types.into_iter().all(|ty| !matches!(ty, TypeRef::Named(target) if !kept.contains(target.as_str())))
            })
        });
    }
    file
}

#[cfg(test)]
mod tests {
    use super::{glob, suggestion};

    #[test]
    fn a_pattern_that_matches_nothing_gets_the_closest_name() {
        let described = ["microsoft.graph.user", "microsoft.graph.group", "microsoft.graph.callRecords.session"];
        assert_eq!(suggestion("microsoft.graph.usr", &described).as_deref(), Some("microsoft.graph.user"));
        assert_eq!(suggestion("microsoft.graph.Group", &described).as_deref(), Some("microsoft.graph.group"));
        assert_eq!(suggestion("session", &described).as_deref(), Some("microsoft.graph.callRecords.session"));
        assert_eq!(suggestion("microsoft.graph.device", &described), None);
    }

    #[test]
    fn patterns_match_qualified_names() {
        assert!(glob("microsoft.graph.user", "microsoft.graph.user"));
        assert!(!glob("microsoft.graph.user", "microsoft.graph.userActivity"));
        assert!(glob("microsoft.graph.user*", "microsoft.graph.userActivity"));
        assert!(glob("microsoft.graph.callRecords.*", "microsoft.graph.callRecords.session"));
        assert!(!glob("microsoft.graph.callRecords.*", "microsoft.graph.call"));
        assert!(glob("*.drive*", "microsoft.graph.driveItem"));
        assert!(glob("*", "anything"));
        assert!(!glob("a*b*c", "acb"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("ab*ba", "aba"), "the prefix and suffix may not overlap");
    }
}
