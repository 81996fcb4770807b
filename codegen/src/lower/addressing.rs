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
use crate::schema::{BindsTo, CapabilitiesDescription, PathAddressing, TypeKind};

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

/// What the capabilities allow, with OData's defaults (everything) where they are silent. Only a
/// `collection` creates members: one entity is never created through its own path.
pub(crate) fn caps(
    capabilities: [Option<&CapabilitiesDescription>; 2],
    reference: bool,
    deletable_default: bool,
    collection: bool,
) -> Caps {
    let allowed = |pick: fn(&CapabilitiesDescription) -> Option<bool>, default: bool| {
        capabilities.iter().flatten().find_map(|caps| pick(caps)).unwrap_or(default)
    };
    let writable = !reference;
    Caps {
        create: collection && writable && allowed(|c| c.insertable, true),
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
    if caps.create {
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
    /// The requests of the entity type `qualified` (named `{name}Requests` in `items`): what it
    /// adds to `Item<T>` and `Items<T>`. `None` for other types, and when the service does not
    /// address anything.
    pub(super) fn addressing(&self, qualified: &str, name: &str, items: &mut Scope) -> Option<Addressing> {
        let entry = &self.resolved.types[qualified];
        if entry.description.kind != TypeKind::Entity || entry.inline.is_some() || self.resolved.roots.is_empty() {
            return None;
        }
        let mut item_names = scope_without(ITEM_METHODS);
        let mut items_names = scope_without(ITEMS_METHODS);
        let requests = ident::ident(&items.claim_free(&format!("{name}Requests"), ""));
        let model = ident::ident(name);
        let mut docs = Docs::generated(format!(
            "The requests on [`{model}`]s: what a path to one ([`Item<{model}>`](crate::runtime::Item)) or to a collection of them ([`Items<{model}>`](crate::runtime::Items)) adds to the generic requests (`get`, `update`, `delete`, `list`, `create`, `by_id`, …)."
        ));
        docs.push_generated(format!(
            "Its methods are called on the path: `Item<{model}>` and `Items<{model}>` dereference to it ([`Addressable`](crate::runtime::Addressable)). On one entity: its navigation properties, bound actions and functions and streams; on a collection: its alternate keys and the operations bound to collections."
        ));
        let mut addressing = Addressing { name: requests, docs, item: Vec::new(), items: Vec::new() };
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
        for way in &entry.description.path_addressing {
            let (names, methods) = match way {
                PathAddressing::BelowItem => (&mut item_names, &mut addressing.item),
                PathAddressing::HostAndPath => (&mut items_names, &mut addressing.items),
            };
            methods.push(by_path(*way, names));
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
        Some(addressing)
    }

    /// The methods that the complex type `qualified` adds to `Property<T>`: its navigation
    /// properties, addressed below a structural property of the type. Empty for other types, and
    /// when the service does not address anything.
    pub(super) fn property_methods(&self, qualified: &str) -> Vec<PathMethod> {
        let entry = &self.resolved.types[qualified];
        if entry.description.kind != TypeKind::Complex || entry.inline.is_some() || self.resolved.roots.is_empty() {
            return Vec::new();
        }
        let mut names = scope_without(PROPERTY_METHODS);
        self.resolved.fields[qualified]
            .iter()
            .filter_map(|field| self.navigation(qualified, field, &mut names))
            .collect()
    }

    /// The Rust name of the first navigation of `qualified` into an entity type (inherited ones
    /// included), as [`Namer::addressing`] names it, for examples.
    /// Its method name, wire name and whether it is a collection.
    pub(super) fn first_navigation(&self, qualified: &str) -> Option<(String, &'a str, bool)> {
        // One that compiles wherever the type does (not into another workload).
        let field = self.resolved.fields.get(qualified)?.iter().find(|field| {
            field.navigation
                && matches!(&field.ty, TypeRef::Named(target)
                    if self.resolved.types[target].description.kind == TypeKind::Entity
                        && self.narrower_cfg(qualified, target).is_none())
        })?;
        let name = scope_without(ITEM_METHODS).claim_free(&ident::snake_name(field.wire_name), "_");
        Some((name, field.wire_name, field.collection))
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
        let caps = caps(capabilities, !contained, true, field.collection);
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
        let cfg = self.narrower_cfg(holder, target);
        self.push_features(&mut docs, cfg.as_ref());
        Some(PathMethod {
            name: name(),
            docs,
            kind: PathMethodKind::Navigation {
                segment: field.wire_name.to_owned(),
                target: path,
                collection: field.collection,
                caps,
            },
            cfg,
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

/// The method of a path-based way of addressing an entity (documented Graph behaviour, not
/// metadata: its docs say so and link the page that documents it).
fn by_path(way: PathAddressing, names: &mut Scope) -> PathMethod {
    let (wanted, host, docs) = match way {
        PathAddressing::BelowItem => (
            "item_by_path",
            false,
            [
                "The item at `path` below this one, by its names (`…/root:/FolderA/FileB.txt:`, `…/items/{id}:/{name}:`), as OneDrive addresses drive items: documented Graph behaviour that the metadata does not describe (<https://learn.microsoft.com/graph/onedrive-addressing-driveitems>).",
                "`path` is split on `/` and each name is percent-encoded, so a `:`, `#`, `?` or `%` in a name stays in the name; the closing `:` is written only when more of the path follows (`…:/content`). An empty path or name, `.` and `..` make the request invalid.",
            ],
        ),
        PathAddressing::HostAndPath => (
            "by_path",
            true,
            [
                "The member at `path` on `hostname` (`/sites/{hostname}:/{server-relative-path}:`), as SharePoint addresses sites: documented Graph behaviour that the metadata does not describe (<https://learn.microsoft.com/graph/api/site-getbypath>).",
                "The host name is one segment and each name of `path` is percent-encoded, so no `:`, `#`, `?` or `%` can end the path or change the route; the closing `:` is written only when more of the path follows (`…:/lists`).",
            ],
        ),
    };
    let mut lines = Docs::generated(docs[0]);
    lines.push_generated(docs[1]);
    PathMethod {
        name: ident::ident(&names.claim_free(wanted, "_")),
        docs: lines,
        kind: PathMethodKind::ByPath { host },
        cfg: None,
    }
}
