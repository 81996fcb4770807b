//! The comparison of what lowering made of both sides: the Rust name of everything that is on both
//! sides, what each cargo feature compiles, and what is described but not generated.
//!
//! - A documented name can stay while its Rust name changes (a new member `ALLOW` beside `allow`
//!   turns a variant into `Allow2`; a new `security.user` takes the variant `AnyEntity::User`,
//!   and `user`'s becomes `User2`); downstream code sees that as a rename, so it is breaking even
//!   when the descriptions agree. Types, fields, enum members, derived-type enums and their
//!   variants, path builder methods, entry points, imports and parameters structs are compared,
//!   each by what it is (a qualified name, a wire name, an operation's key), never by position.
//! - A feature that is on both sides must compile, alone, everything it compiled before that is
//!   still generated: when Graph adds an entity set or a large containment subtree, the
//!   workloads are cut again, and a type can move from `authentication` to a new
//!   `fido2_authentication_method`. Code built with only `authentication` then no longer
//!   compiles.
//! - What lowering leaves out ([`crate::ir::Omission`]) is reported when it is new.

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, Check};
use crate::ir::{Api, BodyValue, CallKind, Cfg, PathMethod, PathMethodKind, TypeItem, ValueType};
use crate::lower::resolve::Resolved;

/// What an item of the generated crate is, across versions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    /// A model struct or enum, by qualified name.
    Type(String),
    /// A field, by its type's qualified name and its wire name.
    Field(String, String),
    /// An enum's variant, by the enum's qualified name and the member's wire value.
    Member(String, String),
    /// The `Any…` enum of a base type.
    DerivedEnum(String),
    /// A variant of a base type's `Any…` enum, by the base's and the variant's qualified names.
    Variant(String, String),
    /// A method of a type's path builder: the type, `Item` or `Items`, and what the method is (a
    /// navigation's or stream's segment, an alternate key, an operation's key).
    Method(String, &'static str, String),
    /// An entry point of `requests`, by its name in the URL.
    Root(String),
    /// An import's function in `requests`, by its key.
    Import(String),
    /// The parameters struct of a bound action, by the action's key.
    Parameters(String),
    /// The struct of an entity type's requests (`UserRequests`), by the type's qualified name.
    Requests(String),
}

impl Item {
    /// The change's subject: the type, operation or path the item belongs to.
    fn subject(&self) -> String {
        match self {
            Item::Type(ty)
            | Item::Field(ty, _)
            | Item::Member(ty, _)
            | Item::DerivedEnum(ty)
            | Item::Variant(ty, _)
            | Item::Method(ty, _, _)
            | Item::Requests(ty) => ty.clone(),
            Item::Root(name) => format!("/{name}"),
            Item::Import(key) | Item::Parameters(key) => key.clone(),
        }
    }

    /// What a sentence calls it: `the field `display_name` of `models::User``.
    fn describe(&self, rust: &str) -> String {
        match self {
            Item::Type(_) => format!("`{rust}`"),
            Item::Field(..) => format!("the field `{rust}`"),
            Item::Member(..) | Item::Variant(..) => format!("the variant `{rust}`"),
            Item::DerivedEnum(_) => format!("the enum `{rust}`"),
            Item::Method(..) => format!("the method `{rust}`"),
            Item::Root(_) | Item::Import(_) => format!("the function `{rust}`"),
            Item::Parameters(_) => format!("the parameters struct `{rust}`"),
            Item::Requests(_) => format!("the requests struct `{rust}`"),
        }
    }

    /// The items reported once for all the types that have them: a method every derived type
    /// inherits is one rename, not one per type.
    fn shared(&self) -> Option<(&'static str, &str)> {
        match self {
            Item::Method(_, builder, what) => Some((builder, what)),
            _ => None,
        }
    }
}

/// How an item is named in Rust, and the features that must be on for it to compile (each a set
/// of which any one will do: its type's, then its own).
#[derive(Debug, Clone)]
struct Named {
    rust: String,
    cfgs: Vec<Cfg>,
}

impl Named {
    fn new(rust: String, cfgs: &[Option<&Cfg>]) -> Self {
        Self { rust, cfgs: cfgs.iter().flatten().map(|cfg| (*cfg).clone()).collect() }
    }

    /// The features with which, each alone, it compiles: those of every one of its cfgs (`None`:
    /// with any, it has none).
    fn alone(&self) -> Option<BTreeSet<&str>> {
        let mut cfgs = self.cfgs.iter();
        let mut features: BTreeSet<&str> = cfgs.next()?.features.iter().map(String::as_str).collect();
        for cfg in cfgs {
            features.retain(|feature| cfg.features.iter().any(|f| f == feature));
        }
        Some(features)
    }

    /// The features any one of which compiles it (`None` when it always compiles).
    fn needs(&self) -> Option<&[String]> {
        self.cfgs.last().map(|cfg| cfg.features.as_slice())
    }
}

/// Every item of a crate with its Rust name.
fn items(api: &Api) -> BTreeMap<Item, Named> {
    let mut items = BTreeMap::new();
    for (module, item, cfg) in api.model_types() {
        let prefix = if module.is_empty() { "models::".to_owned() } else { format!("models::{module}::") };
        match item {
            TypeItem::Struct(def) => {
                let path = format!("{prefix}{}", def.name);
                let qualified = &def.qualified_name;
                items.insert(Item::Type(qualified.clone()), Named::new(path.clone(), &[cfg]));
                for field in &def.fields {
                    items.insert(
                        Item::Field(qualified.clone(), field.wire_name.clone()),
                        Named::new(format!("{path}::{}", field.name), &[cfg, field.cfg.as_ref()]),
                    );
                }
                if let Some(derived) = &def.derived {
                    let enum_path = format!("{prefix}{}", derived.name);
                    items.insert(Item::DerivedEnum(qualified.clone()), Named::new(enum_path.clone(), &[cfg]));
                    for variant in &derived.variants {
                        items.insert(
                            Item::Variant(qualified.clone(), variant.qualified_name.clone()),
                            Named::new(format!("{enum_path}::{}", variant.name), &[cfg, variant.cfg.as_ref()]),
                        );
                    }
                }
                let addressing = def.addressing.as_ref();
                let requests = addressing.map(|addressing| format!("{prefix}{}", addressing.name)).unwrap_or_default();
                let mut builders: Vec<(&str, String, &Vec<PathMethod>)> = Vec::new();
                if let Some(addressing) = addressing {
                    items.insert(Item::Requests(qualified.clone()), Named::new(requests.clone(), &[cfg]));
                    builders.push(("Item", requests.clone(), &addressing.item));
                    builders.push(("Items", requests, &addressing.items));
                }
                // A complex type's navigations are methods of the runtime's `Property<T>`.
                builders.push(("Property", format!("Property<{path}>"), &def.property_methods));
                for (builder, owner, methods) in builders {
                    for method in methods {
                        let what = match &method.kind {
                            PathMethodKind::Navigation { segment, .. } | PathMethodKind::Stream { segment } => {
                                segment.clone()
                            }
                            PathMethodKind::ByPath { host: false } => ":/{path}".to_owned(),
                            PathMethodKind::ByPath { host: true } => "{hostname}:/{path}".to_owned(),
                            PathMethodKind::AlternateKey { parts } => {
                                let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
                                format!("({})", names.join(","))
                            }
                            PathMethodKind::Call(call) => {
                                // The struct is in the file of the type that declares the action.
                                let body = match &call.kind {
                                    CallKind::Action { body: Some(body), .. } => match &body.ty.value {
                                        BodyValue::Value(ValueType::Struct(path)) => Some(path),
                                        _ => None,
                                    },
                                    _ => None,
                                };
                                if let Some(body) = body.filter(|_| call.bound_to.as_ref() == Some(qualified)) {
                                    let struct_path = format!("{prefix}{}", body.name);
                                    items.insert(
                                        Item::Parameters(call.operation.clone()),
                                        Named::new(struct_path, &[cfg]),
                                    );
                                }
                                call.operation.clone()
                            }
                        };
                        items.insert(
                            Item::Method(qualified.clone(), builder, what),
                            Named::new(format!("{owner}::{}", method.name), &[cfg, method.cfg.as_ref()]),
                        );
                    }
                }
            }
            TypeItem::Enum(def) => {
                let path = format!("{prefix}{}", def.name);
                items.insert(Item::Type(def.qualified_name.clone()), Named::new(path.clone(), &[cfg]));
                for member in &def.members {
                    items.insert(
                        Item::Member(def.qualified_name.clone(), member.wire_value.clone()),
                        Named::new(format!("{path}::{}", member.name), &[cfg]),
                    );
                }
            }
        }
    }
    if let Some(service) = api.service() {
        for root in &service.roots {
            items.insert(
                Item::Root(root.segment.clone()),
                Named::new(format!("requests::{}", root.name), &[root.cfg.as_ref()]),
            );
        }
        for import in &service.imports {
            items.insert(
                Item::Import(import.call.operation.clone()),
                Named::new(format!("requests::{}", import.name), &[import.cfg.as_ref()]),
            );
        }
    }
    items
}

/// The items of one crate by what they are, with the derived types of each type: what a breaking
/// change of the descriptions breaks in that crate, as the Rust paths code names
/// ([`crate::diff::Change::rust`]).
pub(super) struct RustItems {
    items: BTreeMap<Item, Named>,
    descendants: BTreeMap<String, Vec<String>>,
}

impl RustItems {
    /// The items of `api`, lowered from `resolved`.
    pub(super) fn new(api: &Api, resolved: &Resolved<'_>) -> Self {
        let descendants = resolved
            .descendants()
            .into_iter()
            .map(|(base, derived)| (base.to_owned(), derived.into_iter().map(str::to_owned).collect()))
            .collect();
        Self { items: items(api), descendants }
    }

    fn paths<'i>(&self, wanted: impl IntoIterator<Item = &'i Item>) -> Vec<String> {
        let mut paths: Vec<String> =
            wanted.into_iter().filter_map(|item| self.items.get(item)).map(|named| named.rust.clone()).collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// `ty` and the types derived from it.
    fn family<'s>(&'s self, ty: &'s str) -> impl Iterator<Item = &'s str> {
        std::iter::once(ty).chain(self.descendants.get(ty).into_iter().flatten().map(String::as_str))
    }

    /// The type, its fields (and so their builder methods), its `Any…` enum and its variant in
    /// every base type's `Any…` enum.
    pub(super) fn ty(&self, ty: &str) -> Vec<String> {
        let related = self.items.keys().filter(|item| match item {
            Item::Variant(_, variant) => variant == ty,
            Item::Field(owner, _) | Item::Member(owner, _) => owner == ty,
            _ => false,
        });
        let own = [Item::Type(ty.to_owned()), Item::DerivedEnum(ty.to_owned()), Item::Requests(ty.to_owned())];
        self.paths(own.iter().chain(related))
    }

    /// The field of `ty` and of every type derived from it.
    pub(super) fn field(&self, ty: &str, wire: &str) -> Vec<String> {
        let wanted: Vec<Item> = self.family(ty).map(|ty| Item::Field(ty.to_owned(), wire.to_owned())).collect();
        self.paths(&wanted)
    }

    /// What `ty` and its derived types inherit from `bases` (a base type change): the fields
    /// those bases declare (`fields`), and the variants of `ty`'s family in their `Any…` enums.
    pub(super) fn inherited(&self, ty: &str, bases: &[&str], fields: &[&str]) -> Vec<String> {
        let mut wanted = Vec::new();
        for member in self.family(ty) {
            wanted.extend(fields.iter().map(|wire| Item::Field(member.to_owned(), (*wire).to_owned())));
            wanted.extend(bases.iter().map(|base| Item::Variant((*base).to_owned(), member.to_owned())));
        }
        self.paths(&wanted)
    }

    /// An enum's variant.
    pub(super) fn member(&self, ty: &str, wire: &str) -> Vec<String> {
        self.paths(&[Item::Member(ty.to_owned(), wire.to_owned())])
    }

    /// The methods of `ty`'s family's builders for what `what` names (a navigation's or stream's
    /// segment, an alternate key `(a,b)`, an operation's key), and an import's function.
    pub(super) fn method(&self, ty: Option<&str>, what: &str) -> Vec<String> {
        let Some(ty) = ty else { return self.paths(&[Item::Import(what.to_owned())]) };
        let mut wanted = Vec::new();
        for member in self.family(ty) {
            for builder in ["Item", "Items", "Property"] {
                wanted.push(Item::Method(member.to_owned(), builder, what.to_owned()));
            }
        }
        self.paths(&wanted)
    }

    /// The method of `ty`'s own builders (not its derived types') for `what`: an alternate key.
    pub(super) fn own_method(&self, ty: &str, what: &str) -> Vec<String> {
        let wanted = ["Item", "Items"].map(|builder| Item::Method(ty.to_owned(), builder, what.to_owned()));
        self.paths(&wanted)
    }

    /// The field of an action's parameters struct.
    pub(super) fn parameter(&self, key: &str, wire: &str) -> Vec<String> {
        let field = crate::lower::ident::snake_name(wire);
        self.paths(&[Item::Parameters(key.to_owned())]).into_iter().map(|path| format!("{path}::{field}")).collect()
    }

    /// The entry point of an entity set or singleton.
    pub(super) fn root(&self, name: &str) -> Vec<String> {
        self.paths(&[Item::Root(name.to_owned())])
    }

    /// The Rust name of an action's parameters struct.
    pub(super) fn parameters_struct(&self, key: &str) -> Option<&str> {
        self.items.get(&Item::Parameters(key.to_owned())).map(|named| named.rust.as_str())
    }

    /// The features with which, each alone, at least one of the items named `paths` compiles:
    /// whose users a breaking change breaks. Empty when the crate has no features or one of the
    /// items compiles with any.
    pub(super) fn features_of(&self, paths: &[String]) -> Vec<String> {
        let wanted: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
        let mut features = BTreeSet::new();
        for named in self.items.values().filter(|named| wanted.contains(named.rust.as_str())) {
            match named.alone() {
                Some(alone) => features.extend(alone.into_iter().map(str::to_owned)),
                None => return Vec::new(),
            }
        }
        features.into_iter().collect()
    }
}

/// The Rust renames between `old` and `new`, the features removed, added or narrowed, and what
/// `new` newly leaves out.
pub(super) fn compare(old: &Api, new: &Api, before: &RustItems, after: &RustItems, changes: &mut Vec<Change>) {
    let (before, after) = (&before.items, &after.items);
    renames(before, after, changes);
    features(old, new, before, after, changes);
    omissions(old, new, before, changes);
}

/// The items on both sides whose Rust name changed; a method inherited by many types is one row.
fn renames(before: &BTreeMap<Item, Named>, after: &BTreeMap<Item, Named>, changes: &mut Vec<Change>) {
    let mut shared: BTreeMap<(&str, &str, String, String), Vec<&Item>> = BTreeMap::new();
    for (item, named) in before {
        let Some(now) = after.get(item) else { continue };
        if named.rust == now.rust {
            continue;
        }
        let (from, to) = (last_segment(&named.rust), last_segment(&now.rust));
        match item.shared() {
            Some((builder, what)) => {
                shared.entry((builder, what, from.to_owned(), to.to_owned())).or_default().push(item);
            }
            None => changes.push(
                Change::new(
                    Check::RustNameChanged,
                    item.subject(),
                    format!(
                        "The Rust name of {} changed to `{}`: code that names it no longer compiles.",
                        item.describe(&named.rust),
                        now.rust
                    ),
                )
                .breaks(vec![named.rust.clone()]),
            ),
        }
    }
    for ((builder, _, from, to), types) in shared {
        let rust = types.iter().filter_map(|item| before.get(*item)).map(|named| named.rust.clone()).collect();
        let first = types[0];
        let others = match types.len() - 1 {
            0 => String::new(),
            1 => " (and of 1 other type's)".to_owned(),
            more => format!(" (and of {more} other types')"),
        };
        changes.push(
            Change::new(
                Check::RustNameChanged,
                first.subject(),
                format!(
                    "The method `{from}` of the `{builder}` builder of `{}`{others} is now called `{to}`: code that calls it no longer compiles.",
                    first.subject()
                ),
            )
            .breaks(rust),
        );
    }
}

/// `models::User::display_name` → `display_name`; `models::UserRequests::messages` → `messages`.
fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// Features removed and added, and each feature on both sides that no longer compiles, alone,
/// an item it compiled before that is still generated.
fn features(
    old: &Api,
    new: &Api,
    before: &BTreeMap<Item, Named>,
    after: &BTreeMap<Item, Named>,
    changes: &mut Vec<Change>,
) {
    let names = |api: &Api| -> BTreeMap<String, String> {
        api.features.iter().map(|feature| (feature.name.clone(), feature.namespace.clone())).collect()
    };
    let (old_features, new_features) = (names(old), names(new));
    for (feature, what) in &old_features {
        if !new_features.contains_key(feature) {
            changes.push(Change::new(
                Check::FeatureRemoved,
                "features",
                format!("The cargo feature `{feature}` ({what}) was removed: a `Cargo.toml` that enables it no longer builds."),
            ));
        }
    }
    for (feature, what) in &new_features {
        if !old_features.contains_key(feature) {
            changes.push(Change::new(
                Check::FeatureAdded,
                "features",
                format!("The crate has a new cargo feature `{feature}` ({what})."),
            ));
        }
    }
    // For each feature on both sides, the items it compiled alone before and now does not.
    let common: BTreeSet<&str> =
        old_features.keys().filter(|feature| new_features.contains_key(*feature)).map(String::as_str).collect();
    let mut moved: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for (item, named) in before {
        let Some(now) = after.get(item) else { continue };
        let Some(now_alone) = now.alone() else { continue };
        let then_alone = named.alone().unwrap_or_else(|| common.clone());
        for feature in then_alone.iter().filter(|feature| common.contains(*feature) && !now_alone.contains(*feature)) {
            let needs = now.needs().map(|features| features.join("` or `")).unwrap_or_default();
            let described = format!("{} (now with `{needs}`)", item.describe(&now.rust));
            moved.entry(feature).or_default().push((described, named.rust.clone()));
        }
    }
    for (feature, moved) in moved {
        const SHOWN: usize = 8;
        let more = moved.len().saturating_sub(SHOWN);
        let mut listed =
            moved.iter().take(SHOWN).map(|(described, _)| described.as_str()).collect::<Vec<_>>().join(", ");
        if more > 0 {
            listed.push_str(&format!(", and {more} more"));
        }
        changes.push(
            Change::new(
                Check::FeatureNarrowed,
                format!("feature {feature}"),
                format!(
                    "The feature `{feature}` alone no longer compiles {} it compiled before, still generated behind other features: {listed}.",
                    count(moved.len(), "item", "items")
                ),
            )
            .breaks(moved.into_iter().map(|(_, rust)| rust).collect())
            .for_features(vec![feature.to_owned()]),
        );
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// What `new` leaves out that `old` did not: a method of the old crate that is no longer
/// generated (breaking), or a new operation that is not (a warning).
fn omissions(old: &Api, new: &Api, before: &BTreeMap<Item, Named>, changes: &mut Vec<Change>) {
    let old_omitted: BTreeSet<&str> = old.omitted.iter().map(|omission| omission.subject.as_str()).collect();
    let generated_before: BTreeSet<&str> = before
        .keys()
        .filter_map(|item| match item {
            Item::Method(_, _, what) | Item::Import(what) => Some(what.as_str()),
            _ => None,
        })
        .collect();
    for omission in new.omitted.iter().filter(|omission| !old_omitted.contains(omission.subject.as_str())) {
        let change = Change::new(Check::OperationNotGenerated, &omission.subject, omission.message.clone());
        if generated_before.contains(omission.subject.as_str()) {
            let rust: Vec<String> = before
                .iter()
                .filter(|(item, _)| matches!(item, Item::Method(_, _, what) | Item::Import(what) if *what == omission.subject))
                .map(|(_, named)| named.rust.clone())
                .collect();
            changes.push(Change { check: Check::MethodNoLongerGenerated, ..change }.breaks(rust));
        } else {
            changes.push(change);
        }
    }
}
