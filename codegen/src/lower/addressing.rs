//! What each entity type adds to the runtime's path builders (its navigations, streams,
//! alternate keys and bound operations, inherited ones included), and the entry points of
//! `requests` (entity sets, singletons, operation imports). Each type's methods are generated
//! once, in its own file, and every path that reaches the type reuses them.

use super::Namer;
use std::collections::BTreeSet;

use super::docs::MarkdownDocs;
use super::ident::{self, Scope};
use super::resolve::{ResolvedField, TypeRef};
use crate::ir::{Addressing, Caps, Docs, PathMethod, PathMethodKind};
use crate::schema::{BindsTo, CapabilitiesDescription, TypeKind};

/// The methods of the runtime's `Item<T>` (and those every type has): a generated method of the
/// same name would be a duplicate definition, so generated names avoid them.
const ITEM_METHODS: &[&str] =
    &["get", "update", "put", "delete", "cast", "reference", "remove_ref", "set_ref", "property", "clone", "fmt"];

/// The methods of the runtime's `Property<T>`.
const PROPERTY_METHODS: &[&str] = &["get", "update", "property", "clone", "fmt"];

/// The methods of the runtime's `Items<T>`.
const ITEMS_METHODS: &[&str] = &["by_id", "list", "count", "cast", "create", "add_ref", "list_refs", "clone", "fmt"];

fn scope_without(reserved: &[&str]) -> Scope {
    let mut scope = Scope::default();
    for name in reserved {
        scope.claim(name);
    }
    scope
}

/// What the capabilities allow, with OData's defaults (everything) where they are silent.
pub(crate) fn caps(
    capabilities: [Option<&CapabilitiesDescription>; 2],
    reference: bool,
    deletable_default: bool,
) -> Caps {
    let allowed = |pick: fn(&CapabilitiesDescription) -> Option<bool>, default: bool| {
        capabilities.iter().flatten().find_map(|caps| pick(caps)).unwrap_or(default)
    };
    let writable = !reference;
    Caps {
        create: writable && allowed(|c| c.insertable, true),
        update: writable && allowed(|c| c.updatable, true),
        delete: writable && allowed(|c| c.deletable, deletable_default),
        reference: reference && allowed(|c| c.referenceable, true),
    }
}

/// What the docs say of a non-containment navigation.
const REFERENCE_DOCS: &str =
    "not contained: it refers to entities that live elsewhere, added and removed as references (`…/$ref`)";

/// What the docs say of a containment navigation: what the service allows through it.
fn contained_docs(caps: Caps, collection: bool) -> String {
    let mut verbs = vec!["read"];
    if caps.create && collection {
        verbs.push("created");
    }
    if caps.update {
        verbs.push("updated");
    }
    if caps.delete {
        verbs.push("deleted");
    }
    let what = if collection { "its members are" } else { "it is" };
    let verbs = match verbs.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => "read".to_owned(),
    };
    format!("contained: {what} {verbs} through it")
}

/// Reads one capability.
type Pick = fn(&CapabilitiesDescription) -> Option<bool>;

/// Which query options the capabilities turn off, for the docs.
pub(crate) fn unsupported_options(capabilities: [Option<&CapabilitiesDescription>; 2]) -> Vec<&'static str> {
    let options: [(&str, Pick); 7] = [
        ("$filter", |c| c.filterable),
        ("$search", |c| c.searchable),
        ("$count", |c| c.countable),
        ("$orderby", |c| c.sortable),
        ("$expand", |c| c.expandable),
        ("$top", |c| c.top_supported),
        ("$skip", |c| c.skip_supported),
    ];
    options
        .into_iter()
        .filter(|(_, pick)| capabilities.iter().flatten().find_map(|caps| pick(caps)) == Some(false))
        .map(|(name, _)| name)
        .collect()
}

impl<'a> Namer<'a> {
    /// What the entity type `qualified` adds to `Item<T>` and `Items<T>` (nothing for other
    /// types, and when the service does not address anything).
    pub(super) fn addressing(&self, qualified: &str) -> Addressing {
        let entry = &self.resolved.types[qualified];
        if entry.inline.is_some() || self.resolved.roots.is_empty() {
            return Addressing::default();
        }
        if entry.description.kind == TypeKind::Complex {
            // A complex type's navigation properties, below a structural property of the type.
            let mut names = scope_without(PROPERTY_METHODS);
            let property = self.resolved.fields[qualified]
                .iter()
                .filter_map(|field| self.navigation(qualified, field, &mut names))
                .collect();
            return Addressing { property, ..Addressing::default() };
        }
        if entry.description.kind != TypeKind::Entity {
            return Addressing::default();
        }
        let mut item_names = scope_without(ITEM_METHODS);
        let mut items_names = scope_without(ITEMS_METHODS);
        let mut addressing = Addressing::default();
        for field in &self.resolved.fields[qualified] {
            if let Some(method) = self.navigation(qualified, field, &mut item_names) {
                addressing.item.push(method);
            }
        }
        let chain = self.inheritance_chain(qualified);
        if chain.iter().any(|ty| self.resolved.types[*ty].description.has_stream) {
            addressing.item.push(PathMethod {
                name: ident::ident(&item_names.claim_free("value", "_")),
                docs: Docs::generated(
                    "The entity's content (`…/$value`): download it with `get`, upload it with `put`.",
                ),
                kind: PathMethodKind::Stream { segment: "$value".to_owned() },
                cfg: None,
            });
        }
        for key in &entry.description.alternate_keys {
            addressing.items.push(self.alternate_key(key, &mut items_names));
        }
        // An operation of a derived type hides the base type's of the same name and binding (the
        // most specific binding parameter wins, as OData resolves overloads); overloads within
        // one type are all kept.
        let mut hidden: BTreeSet<(bool, &str)> = BTreeSet::new();
        for ty in chain {
            let calls = self.resolved.bound.get(ty).map(Vec::as_slice).unwrap_or_default();
            for call in calls {
                let collection = call.binds_to == Some(BindsTo::Collection);
                if hidden.contains(&(collection, call.name)) {
                    continue;
                }
                let (names, methods) = if collection {
                    (&mut items_names, &mut addressing.items)
                } else {
                    (&mut item_names, &mut addressing.item)
                };
                let overloaded =
                    calls.iter().filter(|other| other.name == call.name && other.binds_to == call.binds_to).count() > 1;
                methods.extend(self.call_method(call, names, ty, overloaded));
            }
            hidden.extend(calls.iter().map(|call| (call.binds_to == Some(BindsTo::Collection), call.name)));
        }
        addressing
    }

    /// `qualified` and its base types, most derived first.
    fn inheritance_chain(&self, qualified: &'a str) -> Vec<&'a str> {
        let mut chain = vec![qualified];
        let mut current = qualified;
        while let Some(base) = self.resolved.bases.get(current) {
            chain.push(base);
            current = base;
        }
        chain
    }

    fn navigation(&self, holder: &str, field: &ResolvedField<'a>, names: &mut Scope) -> Option<PathMethod> {
        let property = field.property;
        let stream = !field.navigation && matches!(property.r#type.trim_start_matches("Edm."), "Stream");
        let mut name = || ident::ident(&names.claim_free(&ident::snake_name(field.wire_name), "_"));
        if stream {
            let mut docs = Docs::from_markdown(field.description);
            docs.push_generated(format!(
                "The `{}` stream (`…/{}`): download it with `get`, upload it with `put`.",
                field.wire_name, field.wire_name
            ));
            return Some(PathMethod {
                name: name(),
                docs,
                kind: PathMethodKind::Stream { segment: field.wire_name.to_owned() },
                cfg: None,
            });
        }
        let TypeRef::Named(target) = &field.ty else { return None };
        if !field.navigation || self.resolved.types[target].description.kind != TypeKind::Entity {
            return None;
        }
        let type_caps = self.resolved.types[target].description.capabilities.as_ref();
        let capabilities = [property.capabilities.as_ref(), type_caps];
        let contained = property.contains_target;
        let caps = caps(capabilities, !contained, true);
        let path = self.type_path(target);
        let mut docs = Docs::from_markdown(field.description);
        let what = if field.collection { "collection" } else { "single-valued" };
        let how = if contained { contained_docs(caps, field.collection) } else { REFERENCE_DOCS.to_owned() };
        docs.push_generated(format!(
            "The {what} navigation `{}` (`…/{}`) to [`{}`]({}), {how}.",
            field.wire_name,
            field.wire_name,
            path.name,
            path.doc_link()
        ));
        let unsupported = unsupported_options(capabilities);
        if !unsupported.is_empty() {
            docs.push_generated(format!("The metadata says it does not support {}.", unsupported.join(", ")));
        }
        Some(PathMethod {
            name: name(),
            docs,
            kind: PathMethodKind::Navigation {
                segment: field.wire_name.to_owned(),
                target: path,
                collection: field.collection,
                caps,
            },
            cfg: self.narrower_cfg(holder, target),
        })
    }

    fn alternate_key(&self, key: &[String], names: &mut Scope) -> PathMethod {
        let wanted = format!("by_{}", key.iter().map(|part| ident::snake_name(part)).collect::<Vec<_>>().join("_and_"));
        let name = ident::ident(&names.claim_free(&wanted, "_"));
        let mut arguments = scope_without(&["self"]);
        let parts: Vec<(String, ident::Ident)> = key
            .iter()
            .map(|part| (part.clone(), ident::ident(&arguments.claim_free(&ident::snake_name(part), "_"))))
            .collect();
        let shape = key.iter().map(|part| format!("{part}='…'")).collect::<Vec<_>>().join(",");
        let docs = Docs::generated(format!(
            "One member by the alternate key {}: `…({shape})`. Each value is written as an OData literal (a `&str` in quotes).",
            key.iter().map(|part| format!("`{part}`")).collect::<Vec<_>>().join(" and ")
        ));
        PathMethod { name, docs, kind: PathMethodKind::AlternateKey { parts }, cfg: None }
    }
}
