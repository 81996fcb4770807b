//! The format of the overrides file (`schema/import/overrides.json`): serde types and nothing
//! else, and the JSON Schema generated from them (`schema/import/overrides.schema.json`), so that
//! an editor validates a hand-edited file as it does a description file.
//!
//! Overrides never drop data silently. Lists are merged by name, one entry at a time: a property,
//! member or operation named in a patch is added, or replaces the entry of that name; every other
//! entry stays. Removing an entry takes the explicit `"remove"` form. Everything an override
//! changes is listed in the import report.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::schema::{MemberDescription, PathAddressing, PropertyDescription, TypeDescription, TypeKind};

/// The file name of the overrides file's JSON Schema, beside the overrides file.
pub const OVERRIDES_SCHEMA_FILE_NAME: &str = "overrides.schema.json";

/// The overrides file: hand-made corrections applied after the pages are assembled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(title = "msgraph-codegen import overrides")]
pub struct OverridesFile {
    /// The JSON Schema this file follows, for editors: `./overrides.schema.json`.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Why the file exists.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// Whole types that no imported page documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<AddedType>,
    /// Corrections of documented types, by qualified name (`microsoft.graph.enrollmentProfile`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, TypePatch>,
    /// Corrections of documented operations, by qualified type name and then operation name. An
    /// operation that does not exist yet is added (the patch must then describe it whole).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub operations: BTreeMap<String, BTreeMap<String, OperationPatch>>,
}

/// A type no imported page documents, described whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AddedType {
    /// Why the type is added (which page is missing).
    pub why: String,
    /// The type, as in a description file.
    pub r#type: TypeDescription,
}

/// Corrections of one documented type. Fields left out are kept as documented.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TypePatch {
    /// Why the docs need this correction.
    pub why: String,
    /// A different kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TypeKind>,
    /// A base type; `null` removes the documented one.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub base_type: Option<Option<String>>,
    /// Whether the type is abstract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#abstract: Option<bool>,
    /// A different description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the enum is a flags enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<bool>,
    /// Whether the entity is a media entity, with content at `…/$value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_stream: Option<bool>,
    /// How the entity is addressed by a path (replaces the documented list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_addressing: Option<Vec<PathAddressing>>,
    /// Properties to add, or to replace by name; every other documented property stays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyDescription>,
    /// Enum members to add, or to replace by name; every other documented member stays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberDescription>,
    /// Entries to remove, by name.
    #[serde(default, skip_serializing_if = "Removals::is_empty")]
    pub remove: Removals,
}

/// Entries of a type to remove, by name: the only way an override drops documented data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Removals {
    /// Property names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<String>,
    /// Enum member names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Operation names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<String>,
}

impl Removals {
    /// Whether nothing is removed.
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty() && self.members.is_empty() && self.operations.is_empty()
    }
}

/// Corrections of one operation: a JSON merge patch (RFC 7396) of its description, whose fields
/// are those of an operation in a description file (`queryOptions`, `path`, `permissions`, …);
/// the result must be a valid operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OperationPatch {
    /// Why the docs need this correction.
    pub why: String,
    /// The fields to set (`null` removes an optional one).
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// `Some(None)` for an explicit `null`, so that it can be told from a field left out.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// The JSON Schema of the overrides file, as checked in at `schema/import/overrides.schema.json`.
pub fn json_schema() -> String {
    crate::schema::json_schema_of::<OverridesFile>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_null_base_type_is_told_from_a_missing_one() {
        let patch: TypePatch = serde_json::from_str(r#"{"why": "w", "baseType": null}"#).unwrap();
        assert_eq!(patch.base_type, Some(None));
        let patch: TypePatch = serde_json::from_str(r#"{"why": "w"}"#).unwrap();
        assert_eq!(patch.base_type, None);
    }

    #[test]
    fn unknown_fields_are_rejected_outside_operation_patches() {
        assert!(serde_json::from_str::<TypePatch>(r#"{"why": "w", "propertys": []}"#).is_err());
        assert!(serde_json::from_str::<OverridesFile>(r#"{"typos": {}}"#).is_err());
    }
}
