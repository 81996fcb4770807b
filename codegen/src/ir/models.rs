//! Model types: structs of entity and complex types, their fields, builders, derived-type
//! enums, and enums.

use super::{Addressing, Cfg, Docs, Ident, PathMethod, Scalar};

/// A struct (entity or complex type) or an enum.
// Most types are structs, so boxing the larger variant would only add an allocation per type.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Hash)]
pub enum TypeItem {
    /// An entity or complex type.
    Struct(StructDef),
    /// An enum type.
    Enum(EnumDef),
}

/// A model struct: every documented property of the type and its base types, plus `@odata.type`
/// and the JSON properties the description does not know.
#[derive(Debug, Clone, Hash)]
pub struct StructDef {
    /// The struct's name.
    pub name: Ident,
    /// The qualified OData name (`microsoft.graph.depEnrollmentProfile`), or for an inline body
    /// a description of it, for messages.
    pub qualified_name: String,
    /// The `@odata.type` value naming this type (`None` for an inline body, which has no type).
    pub odata_type: Option<String>,
    /// The struct's documentation.
    pub docs: Docs,
    /// The field holding `@odata.type`; an action's parameters have none (their body is not a
    /// value of a type: an `@odata.type` sent there stays in the additional properties).
    pub odata_type_field: Option<OdataTypeField>,
    /// The field holding the JSON properties the description does not know.
    pub additional_properties_field: Ident,
    /// The documented properties, base types' first, in documented order.
    pub fields: Vec<Field>,
    /// The enum of the struct's documented keys (the runtime's `Object::Field`).
    pub field_enum: Ident,
    /// The documentation of that enum.
    pub field_enum_docs: Docs,
    /// The builder: an alias of the runtime's `Builder` of this struct.
    pub builder: Ident,
    /// The builder's documentation.
    pub builder_docs: Docs,
    /// Whether a setter is named like a std trait's method (`sub`, `not`): the builder then
    /// allows clippy's `should_implement_trait`, which would take it for a hand-rolled trait method.
    pub setter_named_like_trait_method: bool,
    /// The enum of this type and its derived types, when it has derived types.
    pub derived: Option<DerivedEnum>,
    /// The requests of an entity type (what it adds to the runtime's path builders), when the
    /// crate addresses its service.
    pub addressing: Option<Addressing>,
    /// Methods on `Property<T>` of a complex type: its navigation properties, addressed below a
    /// structural property of the type (`…/apiConnectorConfiguration/postFederationSignup`).
    pub property_methods: Vec<PathMethod>,
    /// The parameters of the actions bound to the type, each the struct of its JSON body,
    /// generated in the type's file.
    pub bodies: Vec<StructDef>,
    /// Other names of this struct and of its builder: the parameters of the actions bound to the
    /// same type with the same parameters, which share this struct.
    pub aliases: Vec<TypeAlias>,
}

/// The `@odata.type` field of a struct: the field, its variant of the field enum and its setter.
#[derive(Debug, Clone, Hash)]
pub struct OdataTypeField {
    /// The field (`odata_type`, or a free name if a property takes it).
    pub name: Ident,
    /// The field's documentation.
    pub docs: Docs,
    /// Its variant of the struct's field enum.
    pub variant: Ident,
    /// The documentation of the builder's setter (named like the field).
    pub setter_docs: Docs,
}

/// `pub type Name = Target;`: another name of a generated type.
#[derive(Debug, Clone, Hash)]
pub struct TypeAlias {
    /// The alias.
    pub name: Ident,
    /// The type it names, in the same module.
    pub target: Ident,
    /// The alias's documentation.
    pub docs: Docs,
}

/// One field of a model struct.
#[derive(Debug, Clone, Hash)]
pub struct Field {
    /// The property's name on the wire.
    pub wire_name: String,
    /// The field name.
    pub name: Ident,
    /// The field's variant of the struct's field enum.
    pub variant: Ident,
    /// The builder method that sets the field.
    pub setter: Ident,
    /// The setter's documentation.
    pub setter_docs: Docs,
    /// Whether the setter of a single value takes `impl Into` of the value type (text-like values:
    /// `&str` for a `String`); a collection's setter takes `runtime::IntoValues` of the value
    /// type (`vec![]`, arrays, slices and iterators of anything `Into` it) either way.
    pub setter_into: bool,
    /// The builder method that sets the field to an explicit `null` (to clear it in a PATCH);
    /// none for an action's parameters, whose body is never a PATCH.
    pub clear: Option<Ident>,
    /// The clearing method's documentation (empty without one).
    pub clear_docs: Docs,
    /// The field's type (always wrapped in `Option`).
    pub ty: FieldType,
    /// The field's documentation.
    pub docs: Docs,
    /// The features that compile the field, when fewer than its struct's: a navigation property
    /// to a type of another workload. Without them the field is not there, and its JSON stays in
    /// `additional_properties`.
    pub cfg: Option<Cfg>,
}

/// The type of a field, inside its `Option`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldType {
    /// The type of one value.
    pub value: ValueType,
    /// `Vec` of values.
    pub collection: bool,
    /// `Box` around the value, to break a cycle of types containing each other.
    pub boxed: bool,
}

/// The type of one value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// An OData primitive type.
    Scalar(Scalar),
    /// A generated enum.
    Enum(TypePath),
    /// A set of members of a generated flags enum, comma-separated on the wire.
    Flags(TypePath),
    /// A generated struct.
    Struct(TypePath),
}

/// The path of a generated type: `crate::models` + `modules` + `name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypePath {
    /// Modules below `crate::models`.
    pub modules: Vec<Ident>,
    /// The type's name.
    pub name: Ident,
}

impl TypePath {
    /// The path as rustdoc intra-doc link text: `crate::models::call_records::Session`.
    pub fn doc_link(&self) -> String {
        let mut path = String::from("crate::models::");
        for module in &self.modules {
            path.push_str(&module.to_string());
            path.push_str("::");
        }
        path.push_str(&self.name.to_string());
        path
    }
}

/// The enum of a type and all its derived types, chosen by `@odata.type`.
#[derive(Debug, Clone, Hash)]
pub struct DerivedEnum {
    /// The enum's name (`AnyEnrollmentProfile`).
    pub name: Ident,
    /// The method on the base struct that converts to this enum.
    pub method: Ident,
    /// The method's documentation.
    pub method_docs: Docs,
    /// The struct's `@odata.type` field, which chooses the variant.
    pub odata_type: Ident,
    /// One variant per derived type, sorted by qualified name.
    pub variants: Vec<DerivedVariant>,
    /// The base type's own variant, after the others: it also holds values of derived types this
    /// code does not know.
    pub base: DerivedVariant,
    /// The enum's documentation.
    pub docs: Docs,
}

/// One variant of a [`DerivedEnum`].
#[derive(Debug, Clone, Hash)]
pub struct DerivedVariant {
    /// The variant's name (the type's name).
    pub name: Ident,
    /// The qualified OData name matched against `@odata.type`.
    pub qualified_name: String,
    /// The type the variant holds.
    pub ty: TypePath,
    /// The variant's documentation.
    pub docs: Docs,
    /// The features that compile the variant's type, when fewer than the base type's.
    pub cfg: Option<Cfg>,
}

/// A generated enum: documented members plus a variant that keeps any other value.
#[derive(Debug, Clone, Hash)]
pub struct EnumDef {
    /// The enum's name.
    pub name: Ident,
    /// The qualified OData name.
    pub qualified_name: String,
    /// The enum's documentation.
    pub docs: Docs,
    /// The documented members, in documented order.
    pub members: Vec<Member>,
    /// The variant that keeps undocumented values (`Other`).
    pub other: Ident,
    /// The documentation of that variant.
    pub other_docs: Docs,
    /// Whether the enum is a flags enum.
    pub flags: bool,
}

/// One documented enum member.
#[derive(Debug, Clone, Hash)]
pub struct Member {
    /// The value on the wire.
    pub wire_value: String,
    /// The variant name.
    pub name: Ident,
    /// The member's documentation.
    pub docs: Docs,
}
