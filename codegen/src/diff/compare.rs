//! The comparison of two resolved descriptions: types, inherited properties, enum members and
//! documented operations, by their documented names.
//!
//! A property is compared on the effective field list of each struct (its own and its base
//! types'), and reported once, at the type that declares it, so a property removed from `entity`
//! is one change rather than one per derived type, and a property moved from a derived type to
//! its base is no change to the derived struct.
//!
//! The body of a documented operation with a property table of its own is compared as the
//! operation's (by the operation's name). A bound action's parameters are compared with the
//! action, in [`super::addressing`]. What only the pipeline knows and a reader of the generated
//! docs never sees is not compared: a metadata file's name in `sources`, nullability (every field
//! is an `Option`), an enum member's number (the wire value is its name), the examples (tests).

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, Check};
use super::names::RustItems;
use crate::lower::resolve::{
    BodyRole, Entry, OperationKey, Resolved, ResolvedBody, ResolvedField, ResolvedOperation, TemplatePart, TypeRef,
};
use crate::schema::{HttpMethod, TypeKind};

/// Every change from `old` to `new`, by the documented names.
pub(super) fn compare(old: &Resolved<'_>, new: &Resolved<'_>, rust: &RustItems, changes: &mut Vec<Change>) {
    for (name, entry) in &old.types {
        match new.types.get(name) {
            None if entry.inline.is_none() => {
                let change = Change::new(Check::TypeRemoved, name, format!("The type `{name}` was removed."));
                changes.push(change.breaks(rust.ty(name)))
            }
            None => {}
            // An action's parameters are compared with the action.
            Some(_) if entry.inline.as_ref().is_some_and(|inline| inline.role == BodyRole::Parameters) => {}
            Some(new_entry) => Types { old, new, rust, name, subject: subject_of(name, entry), changes: &mut *changes }
                .compare(entry, new_entry),
        }
    }
    for (name, entry) in &new.types {
        if old.types.contains_key(name) || entry.inline.is_some() {
            continue;
        }
        match new.bases.get(name).filter(|base| old.types.contains_key(*base)) {
            Some(base) => changes.push(Change::new(
                Check::DerivedTypeAdded,
                name,
                format!("`{name}` is a new type derived from `{base}`."),
            )),
            None => changes.push(Change::new(Check::TypeAdded, name, format!("The type `{name}` was added."))),
        }
    }
    if let (Some(old_version), Some(new_version)) = (old.api_version, new.api_version)
        && old_version != new_version
    {
        changes.push(Change::new(
            Check::ApiVersionChanged,
            "service",
            format!(
                "The API version of every URL changed from `{old_version}` to `{new_version}`: the same code sends every request to another version."
            ),
        ));
    }
}

/// How the report names a type: its qualified name, or for an operation's inline body, "the
/// request body of `name` of `owner`" (its key is an implementation detail).
fn subject_of(key: &str, entry: &Entry<'_>) -> (String, String) {
    match &entry.inline {
        Some(inline) => (
            inline.key.to_string(),
            format!("the {} body of the operation `{}` of `{}`", inline.role.as_str(), inline.key.name(), inline.owner),
        ),
        None => (key.to_owned(), format!("`{key}`")),
    }
}

/// The comparison of one type present on both sides.
struct Types<'s, 'a> {
    old: &'s Resolved<'a>,
    new: &'s Resolved<'a>,
    /// The old crate's items, for what a breaking change breaks.
    rust: &'s RustItems,
    /// The key in [`Resolved::types`].
    name: &'s str,
    /// What the report names it: the change's subject, and how a sentence names it.
    subject: (String, String),
    changes: &'s mut Vec<Change>,
}

impl Types<'_, '_> {
    fn push(&mut self, check: Check, message: String) {
        self.changes.push(Change::new(check, self.subject.0.clone(), message));
    }

    /// A breaking change, with the Rust items of the old crate it breaks.
    fn push_breaking(&mut self, check: Check, message: String, rust: Vec<String>) {
        self.changes.push(Change::new(check, self.subject.0.clone(), message).breaks(rust));
    }

    /// A change of the documented operation `operation` of this type, about the operation.
    fn push_operation(&mut self, operation: &str, check: Check, message: String) {
        self.changes.push(Change::new(check, OperationKey::documented(self.name, operation).to_string(), message));
    }

    fn compare(&mut self, old: &Entry<'_>, new: &Entry<'_>) {
        let name = self.name;
        let (o, n) = (old.description, new.description);
        if (o.kind == TypeKind::Enum) != (n.kind == TypeKind::Enum) {
            let kind = |kind| if kind == TypeKind::Enum { "an enum" } else { "a struct" };
            self.push_breaking(
                Check::TypeKindChanged,
                format!("The type `{name}` changed from {} to {}.", kind(o.kind), kind(n.kind)),
                self.rust.ty(name),
            );
            return;
        }
        if o.kind != n.kind || o.r#abstract != n.r#abstract {
            self.push(
                Check::TypeTraitsChanged,
                format!("The type `{name}` is now documented as {}.", traits(n.kind, n.r#abstract)),
            );
        }
        let (old_base, new_base) = (self.old.bases.get(name), self.new.bases.get(name));
        if old_base != new_base {
            let show = |base: Option<&String>| base.map_or("none".to_owned(), |base| format!("`{base}`"));
            // A base inserted above the type keeps every old ancestor, so every inherited field
            // and every `Any…` variant stays: only new fields and a new variant appear.
            let new_chain = ancestors(self.new, name);
            let lost: Vec<&str> =
                ancestors(self.old, name).into_iter().filter(|base| !new_chain.contains(base)).collect();
            let (check, note) = if lost.is_empty() {
                (Check::BaseTypeInserted, String::new())
            } else {
                let listed: Vec<String> = lost.iter().map(|base| format!("`{base}`")).collect();
                (Check::BaseTypeChanged, format!(" (it no longer derives from {})", listed.join(", ")))
            };
            // The inherited fields it loses, and its variants in the lost bases' `Any…` enums.
            let (old_fields, new_fields) = (fields_of(self.old, name), fields_of(self.new, name));
            let lost_fields: Vec<&str> = old_fields
                .iter()
                .filter(|(wire, field)| field.declared_in != name && !new_fields.contains_key(*wire))
                .map(|(wire, _)| wire.as_str())
                .collect();
            let broken = if lost.is_empty() { Vec::new() } else { self.rust.inherited(name, &lost, &lost_fields) };
            self.push_breaking(
                check,
                format!("The base type of `{name}` changed from {} to {}{note}.", show(old_base), show(new_base)),
                broken,
            );
        }
        if o.flags != n.flags {
            let now = if n.flags { "a flags enum" } else { "a plain enum" };
            self.push_breaking(Check::EnumFlagsChanged, format!("The enum `{name}` is now {now}."), self.rust.ty(name));
        }
        if o.description != n.description {
            self.push(Check::TypeDescriptionChanged, format!("The description of `{name}` changed."));
        }
        // Only links are shown in the docs (a metadata file's name is where it was read from).
        let links = |sources: &'_ [String]| -> Vec<String> {
            sources.iter().filter(|source| source.starts_with("https://")).cloned().collect()
        };
        if links(&o.sources) != links(&n.sources) {
            self.push(Check::TypeSourcesChanged, format!("The documentation pages `{name}` links to changed."));
        }
        if o.kind == TypeKind::Enum {
            self.members(o, n);
        } else {
            self.fields();
        }
        self.operations();
    }

    fn members(&mut self, old: &crate::schema::TypeDescription, new: &crate::schema::TypeDescription) {
        let name = self.name;
        let new_members: BTreeMap<&str, _> = new.members.iter().map(|member| (member.name.as_str(), member)).collect();
        let old_names: BTreeSet<&str> = old.members.iter().map(|member| member.name.as_str()).collect();
        let mut added: Vec<_> = new.members.iter().filter(|member| !old_names.contains(member.name.as_str())).collect();
        for member in &old.members {
            let Some(now) = new_members.get(member.name.as_str()) else {
                // A member gone while a new one has its value is a rename.
                let renamed = member.value.and_then(|value| added.iter().position(|new| new.value == Some(value)));
                match renamed {
                    Some(index) => {
                        let new_member = added.remove(index);
                        self.push_breaking(
                            Check::EnumMemberRenamed,
                            format!(
                                "The member `{}` of the enum `{name}` was renamed to `{}`.",
                                member.name, new_member.name
                            ),
                            self.rust.member(name, &member.name),
                        );
                    }
                    None => self.push_breaking(
                        Check::EnumMemberRemoved,
                        format!("The member `{}` of the enum `{name}` was removed.", member.name),
                        self.rust.member(name, &member.name),
                    ),
                }
                continue;
            };
            if member.description != now.description {
                self.push(
                    Check::EnumMemberDocsChanged,
                    format!("The description of the member `{}` of `{name}` changed.", member.name),
                );
            }
        }
        for member in added {
            self.push(Check::EnumMemberAdded, format!("The enum `{name}` has a new member `{}`.", member.name));
        }
    }

    fn fields(&mut self) {
        let name = self.name;
        let shown = self.subject.1.clone();
        let (old, new) = (fields_of(self.old, name), fields_of(self.new, name));
        for (wire, field) in &old {
            let Some(now) = new.get(wire) else {
                if field.declared_in == name {
                    let message = format!("The property `{wire}` of {shown} was removed.");
                    self.push_breaking(Check::PropertyRemoved, message, self.rust.field(name, wire));
                }
                continue;
            };
            if field.declared_in != name && now.declared_in != name {
                continue; // reported at the type that declares it
            }
            if field.ty != now.ty {
                self.push_breaking(
                    Check::PropertyTypeChanged,
                    format!(
                        "The property `{wire}` of {shown} changed type from `{}` to `{}`.",
                        type_name(&field.ty),
                        type_name(&now.ty)
                    ),
                    self.rust.field(name, wire),
                );
            }
            if field.collection != now.collection {
                let now_is = if now.collection { "a collection" } else { "a single value" };
                self.push_breaking(
                    Check::PropertyCollectionChanged,
                    format!("The property `{wire}` of {shown} is now {now_is}."),
                    self.rust.field(name, wire),
                );
            }
            if field.description != now.description {
                self.push(
                    Check::PropertyDescriptionChanged,
                    format!("The description of the property `{wire}` of {shown} changed."),
                );
            }
            if field.navigation != now.navigation {
                let now_is = if now.navigation { "a navigation property" } else { "a structural property" };
                self.push(
                    Check::PropertyTraitsChanged,
                    format!(
                        "The property `{wire}` of {shown} is now {now_is} (only its docs change: every field is an `Option`)."
                    ),
                );
            }
        }
        for (wire, field) in &new {
            if !old.contains_key(wire) && field.declared_in == name {
                self.push(Check::PropertyAdded, format!("{} has a new property `{wire}`.", capitalized(&shown)));
            }
        }
    }

    fn operations(&mut self) {
        let name = self.name;
        let (old, new) = (operations_of(self.old, name), operations_of(self.new, name));
        for (operation, before) in &old {
            match new.get(operation) {
                None => self.push_operation(
                    operation,
                    Check::OperationRemoved,
                    format!("The operation `{operation}` of `{name}` was removed."),
                ),
                Some(after) => self.operation(operation, before, after),
            }
        }
        for operation in new.keys().filter(|operation| !old.contains_key(*operation)) {
            self.push_operation(
                operation,
                Check::OperationAdded,
                format!("`{name}` has a new operation `{operation}`."),
            );
        }
    }

    fn operation(&mut self, operation: &str, old: &ResolvedOperation<'_>, new: &ResolvedOperation<'_>) {
        let name = self.name;
        let (o, n) = (old.description, new.description);
        let what = format!("the operation `{operation}` of `{name}`");
        if o.method != n.method {
            // A write that answers with a body returns an `Outcome` of it; a read returns it.
            let outcome =
                |method: HttpMethod, response: &Option<ResolvedBody>| response.is_some() && method != HttpMethod::Get;
            let check = if outcome(o.method, &old.response) != outcome(n.method, &new.response) {
                Check::OperationOutcomeChanged
            } else {
                Check::OperationMethodChanged
            };
            self.push_operation(
                operation,
                check,
                format!("The method of {what} changed from {} to {}.", o.method.as_str(), n.method.as_str()),
            );
        }
        let params = |path: &[TemplatePart]| -> Vec<String> {
            path.iter()
                .filter_map(|part| if let TemplatePart::Param(p) = part { Some(p.clone()) } else { None })
                .collect()
        };
        let (old_params, new_params) = (params(&old.path), params(&new.path));
        if shape(&old.path) != shape(&new.path) && old_params.len() == new_params.len() {
            self.push_operation(
                operation,
                Check::OperationPathChanged,
                format!("The path of {what} changed from `{}` to `{}`.", o.path, n.path),
            );
        }
        if old_params.len() != new_params.len() {
            self.push_operation(
                operation,
                Check::OperationParametersChanged,
                format!(
                    "The path of {what} changed from `{}` to `{}`, and with it the request function's arguments, from {old_params:?} to {new_params:?}.",
                    o.path, n.path
                ),
            );
        } else if old_params != new_params {
            self.push_operation(
                operation,
                Check::OperationDocsChanged,
                format!("The path parameters of {what} were renamed (the function's arguments keep their positions)."),
            );
        }
        for (check, role, before, after) in [
            (Check::OperationBodyChanged, "request body", &old.request_body, &new.request_body),
            (Check::OperationResponseChanged, "response", &old.response, &new.response),
        ] {
            if body_name(before) != body_name(after) {
                self.push_operation(
                    operation,
                    check,
                    format!("The {role} of {what} changed from {} to {}.", body_name(before), body_name(after)),
                );
            }
        }
        if o.success_status != n.success_status {
            self.push_operation(
                operation,
                Check::OperationStatusChanged,
                format!("The success status of {what} changed from {} to {}.", o.success_status, n.success_status),
            );
        }
        for option in o.query_options.iter().filter(|option| !n.query_options.contains(option)) {
            self.push_operation(
                operation,
                Check::QueryOptionRemoved,
                format!("The query option `{}` of {what} was removed.", option.as_str()),
            );
        }
        for option in n.query_options.iter().filter(|option| !o.query_options.contains(option)) {
            self.push_operation(
                operation,
                Check::QueryOptionAdded,
                format!("{what} has a new query option `{}`.", option.as_str()),
            );
        }
        if o.description != n.description {
            self.push_operation(
                operation,
                Check::OperationDescriptionChanged,
                format!("The description of {what} changed."),
            );
        }
        if o.permissions != n.permissions {
            self.push_operation(
                operation,
                Check::OperationPermissionsChanged,
                format!("The permissions of {what} changed."),
            );
        }
        if o.source != n.source || o.headers != n.headers || o.parameters != n.parameters {
            self.push_operation(
                operation,
                Check::OperationDocsChanged,
                format!("The documentation of {what} changed (its page, documented headers or parameter docs)."),
            );
        }
    }
}

/// The base types of `name`, nearest first.
fn ancestors<'r>(resolved: &'r Resolved<'_>, name: &str) -> Vec<&'r str> {
    let mut chain = Vec::new();
    let mut current = resolved.bases.get(name);
    while let Some(base) = current.filter(|base| !chain.contains(&base.as_str())) {
        chain.push(base.as_str());
        current = resolved.bases.get(base);
    }
    chain
}

/// The effective fields of the struct `name`, by wire name.
fn fields_of<'a>(resolved: &Resolved<'a>, name: &str) -> BTreeMap<String, ResolvedField<'a>> {
    let fields = resolved.fields.get(name).map(Vec::as_slice).unwrap_or_default();
    fields.iter().map(|field| (field.wire_name.to_owned(), field.clone())).collect()
}

/// The operations of the type `name`, by operation name.
fn operations_of<'a>(resolved: &Resolved<'a>, name: &str) -> BTreeMap<String, ResolvedOperation<'a>> {
    let operations = resolved.operations.get(name).map(Vec::as_slice).unwrap_or_default();
    operations.iter().map(|op| (op.description.name.clone(), op.clone())).collect()
}

/// `the request body …` → `The request body …`; `` `a` `` stays.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `an entity type`, `an abstract complex type`.
fn traits(kind: TypeKind, is_abstract: bool) -> String {
    let kind = if kind == TypeKind::Entity { "entity" } else { "complex" };
    if is_abstract {
        format!("an abstract {kind} type")
    } else {
        format!("an {kind} type").replace("an complex", "a complex")
    }
}

/// The path with its parameters blanked out: what the URL looks like, whatever they are called.
fn shape(path: &[TemplatePart]) -> Vec<String> {
    path.iter()
        .map(|part| match part {
            TemplatePart::Literal(text) => text.clone(),
            TemplatePart::Param(_) => "{}".to_owned(),
        })
        .collect()
}

/// A property or body type as the report writes it.
fn type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(primitive) => format!("Edm.{primitive:?}"),
        TypeRef::Named(name) => name.clone(),
    }
}

/// A body as the report writes it: `none`, `` `microsoft.graph.user` ``, `` a collection of `…` ``.
fn body_name(body: &Option<ResolvedBody>) -> String {
    match body {
        None => "none".to_owned(),
        Some(body) if body.collection => format!("a collection of `{}`", type_name(&body.ty)),
        Some(body) => format!("`{}`", type_name(&body.ty)),
    }
}
