//! The comparison of how resources are addressed: entity sets and singletons (the entry points
//! of `requests`), operation imports, the actions and functions bound to each type (methods of its
//! path builders) with their parameters and results, what each path allows (capabilities, which
//! decide the builders' `create`, `update`, `delete` and `$ref` methods), navigation containment,
//! alternate keys and streams.
//!
//! An operation is matched by its key (binding, name, overload: see
//! [`OperationKey`](crate::lower::resolve::OperationKey)), never by its place in a list. A
//! function whose parameters changed has another key; when it is the only function of its name
//! and binding on both sides, it is compared as the same function with other parameters. A bound
//! operation is reported at the type that declares it, once, as a property is: derived types
//! inherit its method. The operations of a type that was added or removed are in that type's
//! row.
//!
//! Capabilities are compared as lowering applies them (the path's own, then its type's, then
//! OData's defaults), so a change the builder does not see is no change; `Readable`,
//! `ConsistencyLevel` and `IsComposable` are not compared because nothing is generated from them.

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, Check};
use super::names::RustItems;
use crate::ir::Caps;
use crate::lower::caps;
use crate::lower::resolve::{OperationKey, Resolved, ResolvedRoot, TypeRef};
use crate::schema::{CapabilitiesDescription, PathAddressing, TypeKind};

mod operations;
use operations::calls;

/// What the old and the new crate call things.
struct Rust<'r> {
    old: &'r RustItems,
    new: &'r RustItems,
}

impl Rust<'_> {
    /// `the field `x` of `models::ChatSendParameters``, or `its parameters struct's field `x``.
    fn field(items: &RustItems, key: &OperationKey, name: &str) -> String {
        let field = crate::lower::ident::snake_name(name);
        match items.parameters_struct(&key.to_string()) {
            Some(path) => format!("the field `{field}` of `{path}`"),
            None => format!("the field `{field}` of its parameters struct"),
        }
    }
}

/// Every addressing change from `old` to `new`.
pub(super) fn compare(
    old: &Resolved<'_>,
    new: &Resolved<'_>,
    before: &RustItems,
    after: &RustItems,
    changes: &mut Vec<Change>,
) {
    let rust = Rust { old: before, new: after };
    roots(old, new, &rust, changes);
    calls(&old.imports, &new.imports, &rust, changes);
    for (owner, entry) in &old.types {
        let Some(now) = new.types.get(owner) else { continue };
        if entry.inline.is_some() {
            continue;
        }
        let empty = Vec::new();
        let before = old.bound.get(owner).unwrap_or(&empty);
        let after = new.bound.get(owner).unwrap_or(&empty);
        calls(before, after, &rust, changes);
        if entry.description.kind != TypeKind::Entity || now.description.kind != TypeKind::Entity {
            continue;
        }
        let (o, n) = (entry.description, now.description);
        let keys = |description: &crate::schema::TypeDescription| -> BTreeSet<Vec<String>> {
            description.alternate_keys.iter().cloned().collect()
        };
        let (old_keys, new_keys) = (keys(o), keys(n));
        for key in old_keys.difference(&new_keys) {
            let change = Change::new(
                Check::AlternateKeyRemoved,
                owner,
                format!(
                    "The alternate key {} of `{owner}` was removed: its `by_…` method of `Items` is gone.",
                    key_text(key)
                ),
            );
            changes.push(change.breaks(rust.old.own_method(owner, &format!("({})", key.join(",")))));
        }
        for key in new_keys.difference(&old_keys) {
            changes.push(Change::new(
                Check::AlternateKeyAdded,
                owner,
                format!("`{owner}` has a new alternate key {}: a new `by_…` method of `Items`.", key_text(key)),
            ));
        }
        if o.has_stream != n.has_stream {
            let (check, message) = if n.has_stream {
                (
                    Check::StreamAdded,
                    format!(
                        "`{owner}` is now a media entity: its builder (and its derived types') has a new `value()` stream (`…/$value`)."
                    ),
                )
            } else {
                (
                    Check::StreamRemoved,
                    format!(
                        "`{owner}` is no longer a media entity: the `value()` stream (`…/$value`) of its builder and its derived types' is gone."
                    ),
                )
            };
            let broken = if n.has_stream { Vec::new() } else { rust.old.method(Some(owner), "$value") };
            changes.push(Change::new(check, owner, message).breaks(broken));
        }
        for way in &o.path_addressing {
            if !n.path_addressing.contains(way) {
                let (method, what) = path_method(*way);
                let message = format!("`{owner}` can no longer be addressed {what}: its `{method}` method is gone.");
                let broken = rust.old.method(Some(owner), path_identity(*way));
                changes.push(Change::new(Check::PathAddressingRemoved, owner, message).breaks(broken));
            }
        }
        for way in &n.path_addressing {
            if !o.path_addressing.contains(way) {
                let (method, what) = path_method(*way);
                let message = format!("`{owner}` can be addressed {what}: a new `{method}` method.");
                changes.push(Change::new(Check::PathAddressingAdded, owner, message));
            }
        }
        navigations(old, new, owner, &rust, changes);
    }
}

/// The method of a way of addressing by path, and how a sentence says it.
fn path_method(way: PathAddressing) -> (&'static str, &'static str) {
    match way {
        PathAddressing::BelowItem => ("item_by_path", "by a path below another of its items (`…:/a/b:`)"),
        PathAddressing::HostAndPath => ("by_path", "by a host name and a path (`…/{hostname}:/{path}:`)"),
    }
}

/// What the crate's items call the method of a way of addressing by path (see `names.rs`).
fn path_identity(way: PathAddressing) -> &'static str {
    match way {
        PathAddressing::BelowItem => ":/{path}",
        PathAddressing::HostAndPath => "{hostname}:/{path}",
    }
}

/// `(appId)`, `(a, b)`.
fn key_text(key: &[String]) -> String {
    format!("({})", key.iter().map(|part| format!("`{part}`")).collect::<Vec<_>>().join(", "))
}

/// Entity sets and singletons, by name.
fn roots(old: &Resolved<'_>, new: &Resolved<'_>, rust: &Rust<'_>, changes: &mut Vec<Change>) {
    let (before, after) = (roots_by_name(old), roots_by_name(new));
    let what = |root: &ResolvedRoot<'_>| if root.singleton { "singleton" } else { "entity set" };
    for (name, (root, old_caps, old_query)) in &before {
        let subject = format!("/{name}");
        let Some((now, new_caps, new_query)) = after.get(name) else {
            let check = if root.singleton { Check::SingletonRemoved } else { Check::EntitySetRemoved };
            let change = Change::new(
                check,
                &subject,
                format!(
                    "The {} `/{name}` (of `{}`) was removed: its entry point in `requests` is gone.",
                    what(root),
                    root.ty
                ),
            );
            changes.push(change.breaks(rust.old.root(name)));
            continue;
        };
        if root.ty != now.ty || root.singleton != now.singleton {
            let change = Change::new(
                Check::RootChanged,
                &subject,
                format!(
                    "`/{name}` changed from the {} of `{}` to the {} of `{}`: its entry point returns another builder.",
                    what(root),
                    root.ty,
                    what(now),
                    now.ty
                ),
            );
            changes.push(change.breaks(rust.old.root(name)));
            continue;
        }
        let path = format!("the {} `/{name}`", what(root));
        let caps = Caps2 { old: *old_caps, new: *new_caps, collection: !root.singleton };
        capabilities(&subject, &path, caps, rust.old.root(name), changes);
        query_capabilities(&subject, &path, old_query, new_query, changes);
        if root.description != now.description {
            changes.push(Change::new(Check::RootDocsChanged, &subject, format!("The description of {path} changed.")));
        }
    }
    for (name, (root, ..)) in &after {
        if !before.contains_key(name) {
            let check = if root.singleton { Check::SingletonAdded } else { Check::EntitySetAdded };
            changes.push(Change::new(
                check,
                format!("/{name}"),
                format!("The new {} `/{name}` (of `{}`): a new entry point in `requests`.", what(root), root.ty),
            ));
        }
    }
}

/// A root by name, with what its builder allows and what its docs say it does not support.
type Root<'a> = (ResolvedRoot<'a>, Caps, Option<CapabilitiesDescription>);

fn roots_by_name<'a>(resolved: &Resolved<'a>) -> BTreeMap<String, Root<'a>> {
    resolved
        .roots
        .iter()
        .map(|root| {
            let type_caps = resolved.types.get(&root.ty).and_then(|entry| entry.description.capabilities.as_ref());
            let effective = caps([root.capabilities, type_caps], false, !root.singleton, !root.singleton);
            (root.name.to_owned(), (root.clone(), effective, merged(root.capabilities, type_caps)))
        })
        .collect()
}

/// The capabilities of a path and of its type, the path's first: what the docs of a path say it
/// does not support.
fn merged(
    path: Option<&CapabilitiesDescription>,
    ty: Option<&CapabilitiesDescription>,
) -> Option<CapabilitiesDescription> {
    let unsupported = crate::lower::unsupported_options([path, ty]);
    (!unsupported.is_empty()).then(|| {
        let mut merged = CapabilitiesDescription::default();
        for option in unsupported {
            let off = Some(false);
            match option {
                "$filter" => merged.filterable = off,
                "$search" => merged.searchable = off,
                "$count" => merged.countable = off,
                "$orderby" => merged.sortable = off,
                "$expand" => merged.expandable = off,
                "$top" => merged.top_supported = off,
                _ => merged.skip_supported = off,
            }
        }
        merged
    })
}

/// What a builder's methods allow, as the methods a user calls.
fn cap_methods(caps: Caps, collection: bool) -> Vec<(bool, &'static str)> {
    if collection {
        vec![
            (caps.create, "`create`"),
            (caps.update, "`by_id(…).update` and `put`"),
            (caps.delete, "`by_id(…).delete`"),
            (caps.reference, "`add_ref`, `list_refs` and `by_id(…).remove_ref`"),
        ]
    } else {
        vec![
            (caps.update, "`update` and `put`"),
            (caps.delete, "`delete`"),
            (caps.reference, "`set_ref` and `remove_ref`"),
        ]
    }
}

/// What a path's builder allows on each side, and whether it is a collection.
#[derive(Clone, Copy)]
struct Caps2 {
    old: Caps,
    new: Caps,
    collection: bool,
}

/// The capability rows of one path: one for what it lost, one for what it gained. `broken`: the
/// functions or methods that return its builder (their return type changes).
fn capabilities(subject: &str, path: &str, caps: Caps2, broken: Vec<String>, changes: &mut Vec<Change>) {
    let (before, after) = (cap_methods(caps.old, caps.collection), cap_methods(caps.new, caps.collection));
    let lost: Vec<&str> = before.iter().zip(&after).filter(|(b, a)| b.0 && !a.0).map(|(b, _)| b.1).collect();
    let gained: Vec<&str> = before.iter().zip(&after).filter(|(b, a)| !b.0 && a.0).map(|(_, a)| a.1).collect();
    if !lost.is_empty() {
        let change = Change::new(
            Check::CapabilityRemoved,
            subject,
            format!("The builder of {path} no longer has {} (the metadata no longer allows it).", lost.join(", ")),
        );
        changes.push(change.breaks(broken));
    }
    if !gained.is_empty() {
        changes.push(Change::new(
            Check::CapabilityAdded,
            subject,
            format!("The builder of {path} now has {} (the metadata now allows it).", gained.join(", ")),
        ));
    }
}

/// The query options a path's docs say it does not support.
fn query_capabilities(
    subject: &str,
    path: &str,
    old: &Option<CapabilitiesDescription>,
    new: &Option<CapabilitiesDescription>,
    changes: &mut Vec<Change>,
) {
    if old != new {
        changes.push(Change::new(
            Check::QueryCapabilityChanged,
            subject,
            format!("What the metadata says {path} supports of the query options changed (only its docs say it)."),
        ));
    }
}

/// The navigation properties `owner` declares, on both sides: what each path builder allows.
fn navigations(old: &Resolved<'_>, new: &Resolved<'_>, owner: &str, rust: &Rust<'_>, changes: &mut Vec<Change>) {
    type Navigation = (String, Caps, bool, bool, Option<CapabilitiesDescription>);
    let navigations = |resolved: &Resolved<'_>| -> BTreeMap<String, Navigation> {
        let fields = resolved.fields.get(owner).map(Vec::as_slice).unwrap_or_default();
        fields
            .iter()
            .filter(|field| field.navigation && field.declared_in == owner)
            .filter_map(|field| {
                let TypeRef::Named(target) = &field.ty else { return None };
                let target_entry = resolved.types.get(target)?;
                if target_entry.description.kind != TypeKind::Entity {
                    return None;
                }
                let type_caps = target_entry.description.capabilities.as_ref();
                let property = field.property.capabilities.as_ref();
                let contained = field.property.contains_target;
                let effective = caps([property, type_caps], !contained, true, field.collection);
                let query = merged(property, type_caps);
                Some((field.wire_name.to_owned(), (target.clone(), effective, field.collection, contained, query)))
            })
            .collect()
    };
    let (before, after) = (navigations(old), navigations(new));
    for (wire, (target, old_caps, collection, was_contained, old_query)) in &before {
        // A navigation removed, retyped or made a collection is a property change.
        let Some((now_target, new_caps, now_collection, is_contained, new_query)) = after.get(wire) else { continue };
        if target != now_target || collection != now_collection {
            continue;
        }
        let path = match (was_contained, is_contained) {
            (true, false) => format!("the navigation `{wire}` of `{owner}`, no longer contained"),
            (false, true) => format!("the navigation `{wire}` of `{owner}`, now contained"),
            _ => format!("the navigation `{wire}` of `{owner}`"),
        };
        let caps = Caps2 { old: *old_caps, new: *new_caps, collection: *collection };
        capabilities(owner, &path, caps, rust.old.method(Some(owner), wire), changes);
        if was_contained != is_contained && old_caps == new_caps {
            let now = if *is_contained { "contained" } else { "not contained" };
            changes.push(Change::new(
                Check::PropertyTraitsChanged,
                owner,
                format!(
                    "The navigation `{wire}` of `{owner}` is now {now}, which changes nothing its builder allows (only its docs change)."
                ),
            ));
        }
        query_capabilities(owner, &path, old_query, new_query, changes);
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
