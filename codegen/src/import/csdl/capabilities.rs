//! The `Org.OData.Capabilities.V1` annotations: what the service allows on entity sets,
//! singletons, types and navigation properties.
//!
//! A capability aimed at a root or a type is kept there. One aimed at a navigation (inline on the
//! `<NavigationProperty>`, through `Type/navigation`, `Container/set/navigation/…`, or a
//! `NavigationRestrictions` entry's `RestrictedProperties`) is kept on the navigation property
//! its path ends on, in the type that declares it: the descriptions say what a navigation allows
//! wherever it is reached. Where paths to one navigation disagree about a capability, or a path
//! cannot be followed, the capability is left out with a warning.

use std::collections::{BTreeMap, HashMap};

use roxmltree::Node;

use super::reader::{Reader, Vocabulary};
use super::types::{property_values, text_value};
use super::{Metadata, children};
use crate::import::describe::Warning;
use crate::schema::CapabilitiesDescription;

/// A capability annotation waiting for the navigation property it ends on.
#[derive(Debug)]
pub(super) struct Pending<'a> {
    /// The qualified type the path starts at.
    pub(super) start: String,
    /// Navigation properties and type casts, separated by `/` (at least one).
    pub(super) path: String,
    /// What the annotation allows.
    pub(super) capabilities: CapabilitiesDescription,
    /// Where it is written, for warnings.
    pub(super) node: Node<'a, 'a>,
}

impl<'a> Reader<'a> {
    /// The capabilities `annotations` give their target, and the ones their
    /// `NavigationRestrictions/RestrictedProperties` give navigations below it (from `start`).
    pub(super) fn capabilities(
        &self,
        annotations: &[Node<'a, 'a>],
        start: &str,
        pending: &mut Vec<Pending<'a>>,
    ) -> Option<CapabilitiesDescription> {
        let mut capabilities = CapabilitiesDescription::default();
        let mut conflicting = [false; 14];
        for annotation in annotations {
            let Some((Vocabulary::Capabilities, term)) = self.term(*annotation) else { continue };
            let mut own = CapabilitiesDescription::default();
            apply(&mut own, term, *annotation);
            agree(&mut capabilities, own, &mut conflicting);
            if term != "NavigationRestrictions" {
                continue;
            }
            let restricted = children(*annotation, "Record")
                .flat_map(property_values)
                .filter(|(name, _)| *name == "RestrictedProperties")
                .flat_map(|(_, value)| children(value, "Collection").flat_map(|c| children(c, "Record")));
            for record in restricted {
                let mut nested = CapabilitiesDescription::default();
                let mut path = None;
                for (name, value) in property_values(record) {
                    match name {
                        "NavigationProperty" => path = text_value(value, "NavigationPropertyPath"),
                        _ => apply(&mut nested, name, value),
                    }
                }
                if let Some(path) = path.filter(|_| !nested.is_empty()) {
                    let (start, path) = (start.to_owned(), path.to_owned());
                    pending.push(Pending { start, path, capabilities: nested, node: record });
                }
            }
        }
        (!capabilities.is_empty()).then_some(capabilities)
    }

    /// Capability annotations aimed from `<Annotations>` at paths below a root or a type
    /// (`Container/users/messages`, `graph.user/messages`), as pending navigations; `roots`
    /// gives each root's (`Container/name`) type.
    pub(super) fn external_paths(
        &self,
        roots: &HashMap<String, String>,
        pending: &mut Vec<Pending<'a>>,
        warnings: &mut Vec<Warning>,
    ) {
        let mut targets: Vec<(&String, &Vec<Node<'a, 'a>>)> = self.external.iter().collect();
        targets.sort_by_key(|(target, _)| *target);
        for (target, annotations) in targets {
            let Some(first) =
                annotations.iter().find(|a| matches!(self.term(**a), Some((Vocabulary::Capabilities, _))))
            else {
                continue;
            };
            if target.contains('(') {
                let message = format!(
                    "the capabilities aimed at the operation `{target}` are not described: only entity sets, singletons, types and navigation properties have capabilities"
                );
                self.warn(warnings, *first, message);
                continue;
            }
            let Some((head, rest)) = target.split_once('/') else { continue };
            let (start, path) = match rest.split_once('/') {
                Some((root, path)) if roots.contains_key(&format!("{head}/{root}")) => {
                    (roots[&format!("{head}/{root}")].clone(), path)
                }
                None if roots.contains_key(target.as_str()) => continue,
                _ if self.navigations.contains_key(head) => (head.to_owned(), rest),
                _ => {
                    let message = format!(
                        "the capabilities aimed at `{target}` are not described: it names no entity set, singleton or type of the metadata"
                    );
                    self.warn(warnings, *first, message);
                    continue;
                }
            };
            let mut scratch = Vec::new();
            if let Some(capabilities) = self.capabilities(annotations, &start, &mut scratch) {
                pending.push(Pending { start: start.clone(), path: path.to_owned(), capabilities, node: *first });
            }
            // Restrictions inside an annotation aimed at a navigation start at its target type.
            for mut nested in scratch {
                nested.start = start.clone();
                nested.path = format!("{path}/{}", nested.path);
                pending.push(nested);
            }
        }
    }

    /// Follows every pending path to the navigation property it ends on and keeps the merged
    /// capabilities there.
    pub(super) fn settle(&self, pending: Vec<Pending<'a>>, metadata: &mut Metadata, warnings: &mut Vec<Warning>) {
        let mut found: BTreeMap<(String, String), Vec<(CapabilitiesDescription, Node<'a, 'a>)>> = BTreeMap::new();
        for entry in pending {
            match self.follow(&entry.start, &entry.path) {
                Ok(navigation) => found.entry(navigation).or_default().push((entry.capabilities, entry.node)),
                Err(why) => {
                    let message = format!(
                        "the capabilities for `{}` from `{}` are not described: {why}",
                        entry.path, entry.start
                    );
                    self.warn(warnings, entry.node, message);
                }
            }
        }
        let mut types: HashMap<String, usize> = HashMap::new();
        for (index, documented) in metadata.types.iter().enumerate() {
            types.insert(format!("{}.{}", documented.ty.namespace, documented.ty.name), index);
        }
        for ((owner, property), sources) in found {
            let merged = self.merge(&owner, &property, &sources, warnings);
            let Some(index) = types.get(&owner) else { continue };
            let properties = &mut metadata.types[*index].ty.properties;
            if let Some(described) = properties.iter_mut().find(|p| p.name == property) {
                described.capabilities = (!merged.is_empty()).then_some(merged);
            }
        }
    }

    /// The type that declares the navigation property `path` ends on, and its name; or why the
    /// path cannot be followed. A segment with a `.` is a type cast.
    fn follow(&self, start: &str, path: &str) -> Result<(String, String), String> {
        let mut current = start.to_owned();
        let mut last = None;
        for segment in path.split('/') {
            if segment.contains('.') {
                let cast = self.canonical(segment);
                if !self.navigations.contains_key(&cast) {
                    return Err(format!("`{segment}` is not an entity or complex type of the metadata"));
                }
                current = cast;
                last = None;
                continue;
            }
            let Some((declaring, target)) = self.navigation(&current, segment) else {
                return Err(format!("`{segment}` is not a navigation property of `{current}`"));
            };
            last = Some((declaring, segment.to_owned()));
            current = target;
        }
        last.ok_or_else(|| "the path ends on a type cast, not a navigation property".to_owned())
    }

    /// The navigation property `name` of `ty` or of a base type: the declaring type, and the
    /// property's target type.
    fn navigation(&self, ty: &str, name: &str) -> Option<(String, String)> {
        let mut current = Some(ty.to_owned());
        // The base chain is bounded by the number of types: a cycle stops the walk.
        let mut steps = 0;
        while let Some(candidate) = current {
            if let Some((_, target)) = self.navigations.get(&candidate)?.iter().find(|(n, _)| *n == name) {
                return Some((candidate, target.clone()));
            }
            steps += 1;
            if steps > self.navigations.len() {
                return None;
            }
            current = self.bases.get(&candidate).cloned();
        }
        None
    }

    /// One navigation's capabilities from all the paths that reach it: a field they disagree on
    /// is left out, with a warning.
    fn merge(
        &self,
        owner: &str,
        property: &str,
        sources: &[(CapabilitiesDescription, Node<'a, 'a>)],
        warnings: &mut Vec<Warning>,
    ) -> CapabilitiesDescription {
        let mut merged = CapabilitiesDescription::default();
        let mut conflicting = Vec::new();
        for (capabilities, node) in sources {
            let mut capabilities = capabilities.clone();
            for ((name, into), (_, from)) in fields(&mut merged).into_iter().zip(fields(&mut capabilities)) {
                match (*into, *from) {
                    (None, value) => *into = value,
                    (Some(a), Some(b)) if a != b => conflicting.push((name, *node)),
                    _ => {}
                }
            }
        }
        conflicting.sort_by_key(|(name, _)| *name);
        conflicting.dedup_by_key(|(name, _)| *name);
        for (name, node) in conflicting {
            for (field, value) in fields(&mut merged) {
                if field == name {
                    *value = None;
                }
            }
            let message = format!(
                "the paths to `{owner}/{property}` disagree about `{name}`; it is left out (the OData default applies)"
            );
            self.warn(warnings, node, message);
        }
        merged
    }
}

/// Adds what one annotation says to what the element's other annotations said. Graph's metadata
/// sometimes annotates one element twice with the same term and opposite values
/// (`directoryObject` is `Referenceable` false and true): such a capability is left out, so the
/// OData default (allowed) applies, as it does where the metadata says nothing.
fn agree(capabilities: &mut CapabilitiesDescription, mut own: CapabilitiesDescription, conflicting: &mut [bool; 14]) {
    for (((_, field), (_, value)), conflict) in fields(capabilities).into_iter().zip(fields(&mut own)).zip(conflicting)
    {
        match (*field, *value) {
            (_, None) => {}
            _ if *conflict => {}
            (None, value) => *field = value,
            (Some(old), Some(new)) if old != new => {
                *field = None;
                *conflict = true;
            }
            _ => {}
        }
    }
}

/// Reads one capability term (or a `NavigationPropertyRestriction` field of the same name) into
/// `capabilities`; a field already set is kept (the element's own annotations come first).
fn apply(capabilities: &mut CapabilitiesDescription, term: &str, node: Node) {
    let record = |property: &str| {
        children(node, "Record")
            .flat_map(property_values)
            .find(|(name, _)| *name == property)
            .and_then(|(_, value)| bool_value(value))
    };
    let (field, value) = match term {
        "InsertRestrictions" => (&mut capabilities.insertable, record("Insertable")),
        "UpdateRestrictions" => (&mut capabilities.updatable, record("Updatable")),
        "DeleteRestrictions" => (&mut capabilities.deletable, record("Deletable")),
        "CountRestrictions" => (&mut capabilities.countable, record("Countable")),
        "SearchRestrictions" => (&mut capabilities.searchable, record("Searchable")),
        "FilterRestrictions" => (&mut capabilities.filterable, record("Filterable")),
        "SortRestrictions" => (&mut capabilities.sortable, record("Sortable")),
        "ExpandRestrictions" => (&mut capabilities.expandable, record("Expandable")),
        "SelectSupport" => (&mut capabilities.selectable, record("Supported")),
        "SelectRestrictions" => (&mut capabilities.selectable, record("Selectable")),
        // Tags: present without a value means true.
        "TopSupported" => (&mut capabilities.top_supported, Some(bool_value(node).unwrap_or(true))),
        "SkipSupported" => (&mut capabilities.skip_supported, Some(bool_value(node).unwrap_or(true))),
        "Navigability" => (&mut capabilities.readable, navigable(node)),
        "NavigationRestrictions" => {
            let navigability = children(node, "Record")
                .flat_map(property_values)
                .find(|(name, _)| *name == "Navigability")
                .and_then(|(_, value)| navigable(value));
            set(&mut capabilities.readable, navigability);
            (&mut capabilities.referenceable, record("Referenceable"))
        }
        "ReadRestrictions" => {
            set(&mut capabilities.consistency_level, consistency_level(node));
            (&mut capabilities.readable, record("Readable"))
        }
        _ => return,
    };
    set(field, value);
}

fn set(field: &mut Option<bool>, value: Option<bool>) {
    if field.is_none() {
        *field = value;
    }
}

/// `Bool="true"` or `<Bool>true</Bool>`.
fn bool_value(node: Node) -> Option<bool> {
    text_value(node, "Bool").and_then(|text| text.trim().parse().ok())
}

/// `Navigability` `None` means the navigation cannot be followed; other values say nothing here.
fn navigable(node: Node) -> Option<bool> {
    text_value(node, "EnumMember").filter(|member| member.trim().ends_with("/None")).map(|_| false)
}

/// Whether the `CustomHeaders` of a `ReadRestrictions` name `ConsistencyLevel`, and if so
/// whether it is required.
fn consistency_level(node: Node) -> Option<bool> {
    let headers = children(node, "Record")
        .flat_map(property_values)
        .filter(|(name, _)| *name == "CustomHeaders")
        .flat_map(|(_, value)| children(value, "Collection").flat_map(|c| children(c, "Record")));
    for header in headers {
        let values: Vec<(&str, Node)> = property_values(header).collect();
        let named = values.iter().any(|(name, value)| {
            *name == "Name" && text_value(*value, "String").is_some_and(|n| n.eq_ignore_ascii_case("ConsistencyLevel"))
        });
        if named {
            let required =
                values.iter().find(|(name, _)| *name == "Required").and_then(|(_, value)| bool_value(*value));
            return Some(required.unwrap_or(false));
        }
    }
    None
}

/// Every field of `capabilities`, by its name in the descriptions.
fn fields(capabilities: &mut CapabilitiesDescription) -> [(&'static str, &mut Option<bool>); 14] {
    let CapabilitiesDescription {
        insertable,
        updatable,
        deletable,
        readable,
        referenceable,
        countable,
        searchable,
        filterable,
        sortable,
        expandable,
        selectable,
        top_supported,
        skip_supported,
        consistency_level,
    } = capabilities;
    [
        ("insertable", insertable),
        ("updatable", updatable),
        ("deletable", deletable),
        ("readable", readable),
        ("referenceable", referenceable),
        ("countable", countable),
        ("searchable", searchable),
        ("filterable", filterable),
        ("sortable", sortable),
        ("expandable", expandable),
        ("selectable", selectable),
        ("topSupported", top_supported),
        ("skipSupported", skip_supported),
        ("consistencyLevel", consistency_level),
    ]
}
