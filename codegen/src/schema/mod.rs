//! The description format: serde types of the `schema/*.json` input files, and what a JSON path
//! in them points into ([`Location`]).
//!
//! A description file holds the documented property tables of Graph types. These types only
//! mirror the JSON; every check beyond "is this the right shape" (references, inheritance,
//! names) happens in [`crate::lower`], which reports errors with a file location and JSON path.
//!
//! The JSON Schema of this format is generated from these types by [`json_schema`] and checked
//! in as `schema/msgraph-description.schema.json`, so an editor validates a hand edit.

mod addressing;
mod location;
mod primitive;

pub use addressing::{
    BindsTo, BoundOperationDescription, CapabilitiesDescription, OperationImportDescription, OperationKind,
    OperationParameterDescription, PathAddressing, ReturnDescription, RootDescription,
};
pub use location::{Location, OperationBody, OperationPart, TypePart};
pub use primitive::Primitive;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// File name of the JSON Schema of the description format, next to the description files.
pub const JSON_SCHEMA_FILE_NAME: &str = "msgraph-description.schema.json";

/// One description file: any number of documented Graph types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(title = "msgraph-codegen description file")]
pub struct DescriptionFile {
    /// The JSON Schema this file follows, for editors:
    /// `./msgraph-description.schema.json`.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The service the operations belong to; described in exactly one file when any type has
    /// operations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceDescription>,
    /// The documented types this file describes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TypeDescription>,
}

/// What kind of Graph type a description is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    /// An entity type: addressable, has an `id`, may be the base of other entities.
    Entity,
    /// A complex type: a structured value with no identity of its own.
    Complex,
    /// An enumeration: a closed list of documented string values (that the service may extend).
    Enum,
}

/// One documented Graph type: its property table (entities and complex types) or its member
/// table (enums).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TypeDescription {
    /// Entity, complex type or enum.
    pub kind: TypeKind,
    /// The type's name exactly as documented, for example `depEnrollmentProfile`.
    pub name: String,
    /// The OData namespace, for example `microsoft.graph`.
    pub namespace: String,
    /// The type this one inherits from, by name (`enrollmentProfile`) or qualified name
    /// (`microsoft.graph.enrollmentProfile`). Entities and complex types only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// Whether the type is abstract: values on the wire are always of a derived type.
    #[serde(default, skip_serializing_if = "is_false")]
    pub r#abstract: bool,
    /// The documented description of the type (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The documentation pages this description was taken from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The property table, in documented order. Entities and complex types only.
    ///
    /// Properties documented as "Inherited from" a base type may be listed (as the docs list
    /// them) with `inheritedFrom`; the generated type always includes every property of its
    /// base types whether listed here or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyDescription>,
    /// Whether the enum is a flags enum: a value is a comma-separated list of members.
    /// Enums only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub flags: bool,
    /// The member table, in documented order. Enums only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberDescription>,
    /// The documented operations on this type (list, get, create, update, delete, actions,
    /// functions); they become `requests::<type>::<operation>` functions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<OperationDescription>,
    /// Whether the entity is a media entity: it has content of its own besides its properties,
    /// read and written at `…/$value` (CSDL's `HasStream`). Entities only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub has_stream: bool,
    /// How the entity is addressed by a path rather than by its id: OneDrive's and SharePoint's
    /// path-based addressing, documented Graph behaviour that the metadata does not describe.
    /// Entities only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_addressing: Vec<PathAddressing>,
    /// The alternate keys of the entity, each a list of key names as the URL writes them
    /// (`[["appId"]]` addresses `applications(appId='…')`). Entities only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternate_keys: Vec<Vec<String>>,
    /// The actions and functions bound to this type or to a collection of it, in metadata order
    /// (overloads are separate entries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bound_operations: Vec<BoundOperationDescription>,
    /// What the service allows on collections of this type wherever they are addressed (the
    /// capabilities the metadata annotates the type itself with); an entity set, singleton or
    /// navigation property says more precisely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<CapabilitiesDescription>,
}

impl TypeDescription {
    /// A type with only its kind and name: no base type, description, properties, members or
    /// operations. Code that makes descriptions starts from it (`..TypeDescription::new(…)`), so
    /// a field added to the format is not written out at every place a description is made.
    pub fn new(kind: TypeKind, name: impl Into<String>, namespace: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            namespace: namespace.into(),
            base_type: None,
            r#abstract: false,
            description: String::new(),
            sources: Vec::new(),
            properties: Vec::new(),
            flags: false,
            members: Vec::new(),
            operations: Vec::new(),
            has_stream: false,
            path_addressing: Vec::new(),
            alternate_keys: Vec::new(),
            bound_operations: Vec::new(),
            capabilities: None,
        }
    }
}

/// The service the described operations belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServiceDescription {
    /// The API version segment of every request URL: `beta` or `v1.0`.
    pub api_version: String,
    /// The entity sets: the collections addressable from the service root (`/users`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity_sets: Vec<RootDescription>,
    /// The singletons: the single entities addressable from the service root (`/me`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub singletons: Vec<RootDescription>,
    /// The unbound actions and functions addressable from the service root (action and
    /// function imports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operation_imports: Vec<OperationImportDescription>,
}

impl ServiceDescription {
    /// A service with this API version and nothing else described.
    pub fn new(api_version: impl Into<String>) -> Self {
        Self {
            api_version: api_version.into(),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
            operation_imports: Vec::new(),
        }
    }
}

/// One documented HTTP operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OperationDescription {
    /// The operation's name, such as `list`, `update` or `setDefaultProfile`; the request
    /// function is its snake_case form.
    pub name: String,
    /// The documented summary (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template below the API version, with named parameters:
    /// `/deviceManagement/depOnboardingSettings/{depOnboardingSettingId}/enrollmentProfiles`.
    pub path: String,
    /// Documentation of the path parameters, by name (optional; the template defines them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<ParameterDescription>,
    /// The request body, if the operation takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<BodyDescription>,
    /// The response body of the success status, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<BodyDescription>,
    /// The documented success status, such as 200, 201 or 204.
    pub success_status: u16,
    /// The permissions table.
    #[serde(default)]
    pub permissions: PermissionsDescription,
    /// The documented request headers (`Authorization`, `Accept` and `Content-Type` are handled
    /// by every request; any other header with a fixed value is sent too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HeaderDescription>,
    /// The OData query options the docs say the operation supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<QueryOption>,
    /// The documentation page of the operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The page's example request and response bodies; each becomes a round-trip test in the
    /// generated crate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleDescription>,
}

/// An example body from a documentation page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ExampleDescription {
    /// A name for the example, unique within the operation (`request`, `response`, `request2`).
    pub name: String,
    /// Whether this is a request or a response body.
    pub role: ExampleRole,
    /// The body, as the page shows it.
    pub body: serde_json::Value,
    /// How the example breaks the documented table, where it does (an undocumented enum value,
    /// an unknown property): it must still round-trip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defects: Vec<String>,
    /// Where on the page the example is (`file:line`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Which body of an operation an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExampleRole {
    /// The request body.
    Request,
    /// The success response body.
    Response,
}

/// An HTTP method of a Graph operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PATCH`
    Patch,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method as it is written in a request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// Documentation of a path parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ParameterDescription {
    /// The parameter's name in the path template.
    pub name: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A request or response body: a described type (possibly a collection of it), or an object
/// documented inline by its own property table (an action's parameters, a function's
/// `{"value": …}` result).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BodyDescription {
    /// The body's type, by name; absent when `properties` documents the body inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Whether the body is a collection (`{"value": [...]}` with paging) of `type`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
    /// The body's property table, when it has no type of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyDescription>,
}

/// The permissions table of an operation: one list per permission type, in documented order;
/// an empty list means "Not supported."
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PermissionsDescription {
    /// The order the docs list permissions in.
    #[serde(default)]
    pub order: PrivilegeOrder,
    /// Delegated (work or school account).
    #[serde(default)]
    pub delegated_work: Vec<String>,
    /// Delegated (personal Microsoft account).
    #[serde(default)]
    pub delegated_personal: Vec<String>,
    /// Application.
    #[serde(default)]
    pub application: Vec<String>,
}

/// The order the docs list permissions in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PrivilegeOrder {
    /// "from least to most privileged"
    #[default]
    LeastToMost,
    /// "from most to least privileged"
    MostToLeast,
}

/// A documented request header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HeaderDescription {
    /// The header's name.
    pub name: String,
    /// The documented value (`Bearer {token}`, `application/json`).
    pub value: String,
    /// Whether the docs say it is required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
}

/// An OData system query option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum QueryOption {
    /// `$select`
    #[serde(rename = "$select")]
    Select,
    /// `$expand`
    #[serde(rename = "$expand")]
    Expand,
    /// `$filter`
    #[serde(rename = "$filter")]
    Filter,
    /// `$orderby`
    #[serde(rename = "$orderby")]
    OrderBy,
    /// `$top`
    #[serde(rename = "$top")]
    Top,
    /// `$skip`
    #[serde(rename = "$skip")]
    Skip,
    /// `$count`
    #[serde(rename = "$count")]
    Count,
    /// `$search`
    #[serde(rename = "$search")]
    Search,
}

impl QueryOption {
    /// The option as written in a URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Select => "$select",
            Self::Expand => "$expand",
            Self::Filter => "$filter",
            Self::OrderBy => "$orderby",
            Self::Top => "$top",
            Self::Skip => "$skip",
            Self::Count => "$count",
            Self::Search => "$search",
        }
    }
}

/// One row of a property table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PropertyDescription {
    /// The property's name on the wire, exactly as documented (`iTunesPairingMode`).
    pub name: String,
    /// The property's type: a primitive (`String`, `Boolean`, `Int32`, `Int64`, `Double`,
    /// `DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid`, `Binary`, `Byte`, `SByte`, `Int16`,
    /// `Single`; `Untyped`, `Decimal` and `Stream` are kept as JSON values; optionally with an
    /// `Edm.` prefix) or a documented enum, complex or entity type by name or qualified name.
    pub r#type: String,
    /// Whether the property holds a collection of values of `type`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
    /// Whether the service may send `null` for the property. Graph omits and nulls properties
    /// freely, so generated fields are optional either way; this is documentation.
    #[serde(default = "default_true", skip_serializing_if = "is_true")]
    pub nullable: bool,
    /// The documented description (markdown), without the "Inherited from …" note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The base type the docs say this property is inherited from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<String>,
    /// Whether the property is a navigation property (a relationship to other entities): Graph
    /// sends it only when the request asks for it with `$expand`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub navigation: bool,
    /// Whether the navigation property contains its targets (CSDL's `ContainsTarget`): they
    /// are addressed, created and deleted through it (`/users/{id}/messages`). A navigation
    /// that does not contain its targets refers to entities that live elsewhere
    /// (`/groups/{id}/members/$ref`). Navigation properties only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub contains_target: bool,
    /// What the service allows through this navigation property (its navigation restrictions
    /// and the capability annotations aimed at it). Navigation properties only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<CapabilitiesDescription>,
}

/// One row of an enum's member table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MemberDescription {
    /// The member's value on the wire, exactly as documented (`requiresCertificate`).
    pub name: String,
    /// The documented numeric value, where the docs give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// The documented description (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

fn default_true() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}

/// The JSON Schema of the description format, pretty-printed with a trailing newline: the
/// exact content of `schema/msgraph-description.schema.json`.
pub fn json_schema() -> String {
    json_schema_of::<DescriptionFile>()
}

/// The JSON Schema of a serde type of an input file, pretty-printed with a trailing newline (the
/// form the checked-in schema files have).
pub(crate) fn json_schema_of<T: JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON Schema value always serializes to JSON");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_rejected() {
        let text = r#"{"types": [{"kind": "enum", "name": "a", "namespace": "n", "member": []}]}"#;
        let error = serde_json::from_str::<DescriptionFile>(text).unwrap_err();
        assert!(error.to_string().contains("unknown field `member`"), "{error}");
    }

    #[test]
    fn defaults_are_omitted_when_written_back() {
        let text = r#"{"kind":"entity","name":"a","namespace":"n","properties":[{"name":"p","type":"String"}]}"#;
        let parsed: TypeDescription = serde_json::from_str(text).unwrap();
        assert!(parsed.properties[0].nullable);
        assert_eq!(serde_json::to_string(&parsed).unwrap(), text);
    }

    #[test]
    fn json_schema_names_every_field() {
        let schema = json_schema();
        for field in [
            "baseType",
            "inheritedFrom",
            "collection",
            "flags",
            "members",
            "$schema",
            "operations",
            "successStatus",
            "$select",
            "entitySets",
            "singletons",
            "operationImports",
            "containsTarget",
            "hasStream",
            "pathAddressing",
            "belowItem",
            "hostAndPath",
            "alternateKeys",
            "boundOperations",
            "bindsTo",
            "composable",
            "consistencyLevel",
            "topSupported",
        ] {
            assert!(schema.contains(&format!("\"{field}\"")), "missing {field}");
        }
    }
}
