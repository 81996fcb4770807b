//! What can be checked in one type's description alone: its name and namespace, what its kind
//! allows, and duplicate members and properties.

use std::collections::BTreeMap;

use super::{Entry, Resolver, kind_name};
use crate::schema::TypeKind;

impl<'a> Resolver<'a> {
    /// Every check of one type's description on its own.
    pub(super) fn check_type(&mut self, entry: &Entry<'a>) {
        self.check_identity(entry);
        if entry.description.kind == TypeKind::Enum {
            self.check_enum_shape(entry);
        } else {
            self.check_struct_shape(entry);
        }
        self.check_members(entry);
        self.check_properties(entry);
    }

    /// The type's name and namespace.
    fn check_identity(&mut self, entry: &Entry<'a>) {
        let description = entry.description;
        let path = entry.path();
        if description.name.trim().is_empty() {
            self.problem(
                entry,
                &path.key("name"),
                "the type has an empty name".into(),
                "give the type its documented name",
            );
        }
        if description.namespace.split('.').any(|segment| segment.trim().is_empty()) {
            self.problem(
                entry,
                &path.key("namespace"),
                format!("`{}` is not a namespace", description.namespace),
                "use a dotted namespace such as `microsoft.graph`",
            );
        }
    }

    /// An enum has members, and nothing that only structs have.
    fn check_enum_shape(&mut self, entry: &Entry<'a>) {
        let (description, path) = (entry.description, entry.path());
        if description.base_type.is_some() {
            self.problem(
                entry,
                &path.key("baseType"),
                format!("the enum `{}` has a base type", description.name),
                "only entities and complex types have base types; remove `baseType`",
            );
        }
        if !description.properties.is_empty() {
            self.problem(
                entry,
                &path.key("properties"),
                format!("the enum `{}` has properties", description.name),
                "enums list their values in `members`; properties belong to entities and complex types",
            );
        }
        if description.r#abstract {
            self.problem(
                entry,
                &path.key("abstract"),
                format!("the enum `{}` is marked abstract", description.name),
                "only entities and complex types can be abstract; remove `abstract`",
            );
        }
        if description.members.is_empty() {
            self.problem(
                entry,
                &path,
                format!("the enum `{}` has no members", description.name),
                "list its documented values in `members`, for example [{\"name\": \"allow\"}]",
            );
        }
    }

    /// An entity or complex type has no enum members and is not flags.
    fn check_struct_shape(&mut self, entry: &Entry<'a>) {
        let (description, path) = (entry.description, entry.path());
        if !description.members.is_empty() {
            self.problem(
                entry,
                &path.key("members"),
                format!("the {} type `{}` has enum members", kind_name(description.kind), description.name),
                "members belong to enums; set `kind` to `enum` or move them to `properties`",
            );
        }
        if description.flags {
            self.problem(
                entry,
                &path.key("flags"),
                format!("the {} type `{}` is marked as flags", kind_name(description.kind), description.name),
                "only enums can be flags enums; remove `flags`",
            );
        }
    }

    /// Members are listed once, and a flags member has no comma.
    fn check_members(&mut self, entry: &Entry<'a>) {
        let (description, path) = (entry.description, entry.path());
        let mut seen = BTreeMap::new();
        for (index, member) in description.members.iter().enumerate() {
            if let Some(first) = seen.insert(member.name.as_str(), index) {
                self.problem(
                    entry,
                    &path.key("members").index(index).key("name"),
                    format!("the enum `{}` lists the member `{}` twice", description.name, member.name),
                    format!("it is also members[{first}]; remove one of the two"),
                );
            }
            if description.flags && member.name.contains(',') {
                self.problem(
                    entry,
                    &path.key("members").index(index).key("name"),
                    format!("the flags enum member `{}` contains a comma", member.name),
                    "flags values are comma-separated on the wire, so a member cannot contain one",
                );
            }
        }
    }

    /// Properties are listed once, named, and not `@odata.type`.
    fn check_properties(&mut self, entry: &Entry<'a>) {
        let description = entry.description;
        let mut seen = BTreeMap::new();
        for (index, property) in description.properties.iter().enumerate() {
            let property_path = entry.property_path(index).key("name");
            if let Some(first) = seen.insert(property.name.as_str(), index) {
                self.problem(
                    entry,
                    &property_path,
                    format!("the property `{}` of `{}` is listed twice", property.name, description.name),
                    format!("it is also properties[{first}]; remove one of the two"),
                );
            }
            if property.name == "@odata.type" {
                self.problem(
                    entry,
                    &property_path,
                    "`@odata.type` is not a documented property".into(),
                    "every generated model handles `@odata.type` itself; remove this row",
                );
            } else if property.name.is_empty() {
                self.problem(
                    entry,
                    &property_path,
                    format!("a property of `{}` has an empty name", description.name),
                    "give the property its documented name",
                );
            }
        }
    }
}
