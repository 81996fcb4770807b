//! The description format: serde types of the `schema/*.json` input files, and nothing else.
//!
//! A description file holds the documented property tables of Graph types. These types only
//! mirror the JSON; every check beyond "is this the right shape" (references, inheritance,
//! names) happens in [`crate::lower`], which reports errors with a file location and JSON path.
//!
//! The JSON Schema of this format is generated from these types by [`json_schema`] and checked
//! in as `schema/msgraph-description.schema.json`, so an editor validates a hand edit.

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
}

/// One row of a property table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PropertyDescription {
    /// The property's name on the wire, exactly as documented (`iTunesPairingMode`).
    pub name: String,
    /// The property's type: a primitive (`String`, `Boolean`, `Int32`, `Int64`, `Double`,
    /// `DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid`, `Binary`, optionally with an
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

fn is_false(value: &bool) -> bool {
    !*value
}

/// The JSON Schema of the description format, pretty-printed with a trailing newline: the
/// exact content of `schema/msgraph-description.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(DescriptionFile);
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
        for field in ["baseType", "inheritedFrom", "collection", "flags", "members", "$schema"] {
            assert!(schema.contains(&format!("\"{field}\"")), "missing {field}");
        }
    }
}
