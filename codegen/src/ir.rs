//! The intermediate representation: the generated API with every decision already made.
//!
//! [`crate::lower`] builds it from the descriptions (resolving references and inheritance,
//! naming everything, deciding where boxes go); [`crate::emit`] turns it into tokens without
//! deciding anything. Everything is in a deterministic order: modules and types sorted by name,
//! fields in documented order.

use crate::lower::ident::Ident;

pub use crate::lower::docs::Docs;

/// The whole generated API.
#[derive(Debug, Clone)]
pub struct Api {
    /// The crate-level documentation.
    pub docs: Docs,
    /// One module per namespace, sorted by path; the root namespace is the one with an empty path.
    pub modules: Vec<ModelModule>,
    /// The request functions, when operations are described.
    pub requests: Option<Requests>,
    /// One cargo feature per namespace, when asked for (`LowerOptions::namespace_features`).
    pub features: Vec<Feature>,
}

/// The `requests` module: one submodule per type with operations.
#[derive(Debug, Clone)]
pub struct Requests {
    /// The API version segment of every URL (`beta`).
    pub api_version: String,
    /// The module's documentation.
    pub docs: Docs,
    /// The submodules, sorted by name.
    pub modules: Vec<RequestModule>,
}

/// The request functions of one type (`requests::dep_enrollment_profile`).
#[derive(Debug, Clone)]
pub struct RequestModule {
    /// The features that compile the module (its type's), when the crate has namespace features.
    pub cfg: Option<Cfg>,
    /// The module's name.
    pub name: Ident,
    /// The module's documentation.
    pub docs: Docs,
    /// The operations, in documented order.
    pub operations: Vec<Operation>,
    /// Bodies documented inline (an action's parameters, a function's result).
    pub bodies: Vec<StructDef>,
    /// The query option markers of the operations that support query options.
    pub query_markers: Vec<QueryMarker>,
}

/// One request function.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The function's name.
    pub function: Ident,
    /// The HTTP method.
    pub method: crate::schema::HttpMethod,
    /// The path, fixed text and parameters in order.
    pub path: Vec<PathPart>,
    /// The body parameter's name and type.
    pub body: Option<(Ident, BodyType)>,
    /// The success response's type (`None`: no body).
    pub response: Option<BodyType>,
    /// The documented success status.
    pub success_status: u16,
    /// The query option marker, when the operation supports query options.
    pub query: Option<Ident>,
    /// Headers with fixed documented values that every request sends.
    pub headers: Vec<(String, String)>,
    /// The function's documentation.
    pub docs: Docs,
    /// The page's examples, each a round-trip test.
    pub examples: Vec<Example>,
}

/// An example body from a documentation page, emitted as a round-trip test.
#[derive(Debug, Clone)]
pub struct Example {
    /// The test function's name.
    pub test: Ident,
    /// The type the body is read as.
    pub ty: BodyType,
    /// The body as JSON text.
    pub json: String,
    /// The test's documentation (where the example is from, how it breaks the table).
    pub docs: Docs,
}

/// A piece of a request path.
#[derive(Debug, Clone)]
pub enum PathPart {
    /// Fixed text of the template.
    Literal(String),
    /// A path parameter: the function argument and its name in the template.
    Param {
        /// The argument.
        name: Ident,
        /// The name in the template.
        template_name: String,
    },
}

/// The type of a request or response body.
#[derive(Debug, Clone)]
pub struct BodyType {
    /// One value.
    pub value: BodyValue,
    /// A collection (a paged `{"value": [...]}` response).
    pub collection: bool,
}

/// What one value of a body is.
#[derive(Debug, Clone)]
pub enum BodyValue {
    /// A primitive, enum or model.
    Value(ValueType),
    /// A body struct in the same request module.
    Local(Ident),
}

/// A type that says which query options an operation supports.
#[derive(Debug, Clone)]
pub struct QueryMarker {
    /// The marker's name (`ListQuery`).
    pub name: Ident,
    /// The options.
    pub options: Vec<crate::schema::QueryOption>,
    /// The marker's documentation.
    pub docs: Docs,
}

/// The Rust module of one namespace, under `crate::models`.
#[derive(Debug, Clone)]
pub struct ModelModule {
    /// The OData namespace (`microsoft.graph`).
    pub namespace: String,
    /// Module path below `crate::models` (empty for the root namespace).
    pub path: Vec<Ident>,
    /// Module documentation.
    pub docs: Docs,
    /// The types, sorted by Rust name; each lives in a file (private module) of its own.
    pub types: Vec<TypeDef>,
}

/// One documented type and the file it is generated into.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The cargo features that compile the type, when the crate has namespace features.
    pub cfg: Option<Cfg>,
    /// The private module (file) the type is generated into, for example `dep_enrollment_profile`.
    pub file_module: Ident,
    /// The public items of that file, re-exported by the namespace module.
    pub exports: Vec<Ident>,
    /// The type itself.
    pub item: TypeItem,
}

/// A struct (entity or complex type) or an enum.
#[derive(Debug, Clone)]
pub enum TypeItem {
    /// An entity or complex type.
    Struct(StructDef),
    /// An enum type.
    Enum(EnumDef),
}

/// A model struct: every documented property of the type and its base types, plus `@odata.type`
/// and the JSON properties the description does not know.
#[derive(Debug, Clone)]
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
    /// The field holding `@odata.type`.
    pub odata_type_field: Ident,
    /// The field holding the JSON properties the description does not know.
    pub additional_properties_field: Ident,
    /// The documented properties, base types' first, in documented order.
    pub fields: Vec<Field>,
    /// The builder type.
    pub builder: Ident,
    /// The builder's finishing method (`build`, or a free name if a property is called `build`).
    pub build_method: Ident,
    /// Whether a setter is named like a std trait's method (`sub`, `not`): the builder then
    /// allows clippy's `should_implement_trait`, which would take it for a hand-rolled trait method.
    pub setter_named_like_trait_method: bool,
    /// The enum of this type and its derived types, when it has derived types.
    pub derived: Option<DerivedEnum>,
}

/// One field of a model struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// The property's name on the wire.
    pub wire_name: String,
    /// The field name.
    pub name: Ident,
    /// The builder method that sets the field.
    pub setter: Ident,
    /// The builder method that sets the field to an explicit `null` (to clear it in a PATCH).
    pub clear: Ident,
    /// The field's type (always wrapped in `Option`).
    pub ty: FieldType,
    /// The field's documentation.
    pub docs: Docs,
}

/// The type of a field, inside its `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldType {
    /// The type of one value.
    pub value: ValueType,
    /// `Vec` of values.
    pub collection: bool,
    /// `Box` around the value, to break a cycle of types containing each other.
    pub boxed: bool,
}

/// The type of one value of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueType {
    /// An OData primitive type.
    Primitive(Primitive),
    /// A generated enum.
    Enum(TypePath),
    /// A set of members of a generated flags enum, comma-separated on the wire.
    Flags(TypePath),
    /// A generated struct.
    Struct(TypePath),
}

/// The OData primitive types the descriptions may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// `Edm.String`: `String`.
    String,
    /// `Edm.Boolean`: `bool`.
    Boolean,
    /// `Edm.Byte`: `u8`.
    Byte,
    /// `Edm.SByte`: `i8`.
    SByte,
    /// `Edm.Int16`: `i16`.
    Int16,
    /// `Edm.Int32`: `i32`.
    Int32,
    /// `Edm.Int64`: `i64`.
    Int64,
    /// `Edm.Single`: `f32`.
    Single,
    /// `Edm.Double`: `f64`.
    Double,
    /// `Edm.DateTimeOffset`: `runtime::DateTimeOffset`, the wire text kept exactly.
    DateTimeOffset,
    /// `Edm.Date`: `runtime::Date`.
    Date,
    /// `Edm.TimeOfDay`: `runtime::TimeOfDay`.
    TimeOfDay,
    /// `Edm.Duration`: `runtime::Duration`.
    Duration,
    /// `Edm.Guid`: `runtime::Guid`.
    Guid,
    /// `Edm.Binary`: `runtime::Binary` (base64 text).
    Binary,
    /// Any JSON value (`Edm.Untyped`, or an open type's dynamic property).
    Json,
}

impl Primitive {
    /// Every primitive with the names the descriptions use for it.
    pub const ALL: &[(&str, Primitive)] = &[
        ("String", Primitive::String),
        ("Boolean", Primitive::Boolean),
        ("Byte", Primitive::Byte),
        ("SByte", Primitive::SByte),
        ("Int16", Primitive::Int16),
        ("Int32", Primitive::Int32),
        ("Int64", Primitive::Int64),
        ("Single", Primitive::Single),
        ("Double", Primitive::Double),
        ("DateTimeOffset", Primitive::DateTimeOffset),
        ("Date", Primitive::Date),
        ("TimeOfDay", Primitive::TimeOfDay),
        ("Duration", Primitive::Duration),
        ("Guid", Primitive::Guid),
        ("Binary", Primitive::Binary),
        ("Untyped", Primitive::Json),
        // Kept as JSON: a decimal read into `f64` would lose digits, and a stream property's value
        // is whatever the service inlines (usually nothing: streams are read from `/$value`).
        ("Decimal", Primitive::Json),
        ("Stream", Primitive::Json),
    ];

    /// The primitive a description's type name means (`Int32` or `Edm.Int32`), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        let bare = name.strip_prefix("Edm.").unwrap_or(name);
        Self::ALL.iter().find(|(known, _)| *known == bare).map(|(_, primitive)| *primitive)
    }
}

/// The path of a generated type: `crate::models` + `modules` + `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone)]
pub struct DerivedEnum {
    /// The enum's name (`AnyEnrollmentProfile`).
    pub name: Ident,
    /// The method on the base struct that converts to this enum.
    pub method: Ident,
    /// One variant per derived type (sorted by qualified name), then the base type's variant,
    /// which also holds values of derived types this code does not know.
    pub variants: Vec<DerivedVariant>,
    /// The enum's documentation.
    pub docs: Docs,
}

/// One variant of a [`DerivedEnum`].
#[derive(Debug, Clone)]
pub struct DerivedVariant {
    /// The variant's name (the type's name).
    pub name: Ident,
    /// The qualified OData name matched against `@odata.type`.
    pub qualified_name: String,
    /// The type the variant holds.
    pub ty: TypePath,
    /// True for the base type's own variant (the fallback).
    pub is_base: bool,
    /// The features that compile the variant's type, when fewer than the base type's.
    pub cfg: Option<Cfg>,
}

/// `#[cfg(any(feature = …))]`: an item compiled when any of these cargo features is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cfg {
    /// The features, sorted.
    pub features: Vec<String>,
}

/// A cargo feature of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name (`call_records`).
    pub name: String,
    /// The namespace it compiles (`microsoft.graph.callRecords`).
    pub namespace: String,
    /// How many types it compiles: its namespace's and every type they reference.
    pub types: usize,
}

/// A generated enum: documented members plus a variant that keeps any other value.
#[derive(Debug, Clone)]
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
    /// Whether the enum is a flags enum.
    pub flags: bool,
}

/// One documented enum member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The value on the wire.
    pub wire_value: String,
    /// The variant name.
    pub name: Ident,
    /// The member's documentation.
    pub docs: Docs,
}
