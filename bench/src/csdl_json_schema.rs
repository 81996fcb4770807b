//! Converts OData CSDL metadata (Microsoft Graph's `$metadata`) into one JSON Schema (draft-07,
//! with every type under `definitions`), so that a JSON Schema code generator such as typify can
//! be measured on the same types as `msgraph-codegen`. Used by the `csdl-to-json-schema` binary
//! and `bench/compare-typify.sh`.
//!
//! The choices, each made to stay close to the types `msgraph-codegen` generates and to what
//! typify 0.8 handles well:
//!
//! - **Names.** One definition per entity, complex and enum type. A `microsoft.graph` type keeps its
//!   name (`user`); a type of another namespace is prefixed with the rest of its namespace
//!   (`microsoft.graph.callRecords.session` → `callRecords.session`, which typify names
//!   `CallRecordsSession`). Two keys that would still give the same Rust name (compared without
//!   case and punctuation) fall back to the fully qualified name, then to a numbered one, so
//!   equal names in different namespaces never collide. Aliases (`graph.user`, `self.alert`)
//!   resolve to their namespace first.
//! - **Base types are flattened.** Every struct type lists its inherited properties (base first,
//!   a redeclared property replaces the inherited one), like the structs `msgraph-codegen` emits,
//!   and typify makes one plain struct of each. Tried on Graph v1.0: with
//!   `allOf: [{$ref: base}, {own properties}]` typify 0.8 merges most types into the same flat
//!   structs (524k lines instead of 544k, no faster), but a derived type without properties of
//!   its own becomes a newtype of its base (`struct AcceptJoinResponse(ParticipantJoiningResponse)`)
//!   rather than a struct, so flattening stays closer to "the same types". A type without any
//!   property (such as the abstract `participantJoiningResponse`) becomes, in typify, a newtype of
//!   `serde_json::Map`.
//! - **Properties.** Structural and navigation properties alike; none is `required` (Graph omits
//!   properties freely), so typify makes each one optional. `Nullable` (default `true`) allows
//!   `null` for the property's value: `["string", "null"]`, `anyOf: [{$ref}, {type: null}]`, or
//!   `["array", "null"]` for a collection (its items are never null). `additionalProperties` is
//!   left out, which is open: typify then ignores unknown properties.
//! - **Primitives.** `String` → string; `Boolean` → boolean; `Byte`, `SByte`, `Int16`, `Int32`,
//!   `Int64` → integer with the formats `uint8`, `int8`, `int16`, `int32`, `int64`; `Single` →
//!   number `float`, `Double` and `Decimal` → number `double`; `Untyped` → any value. The
//!   text-valued types (`DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid`, `Binary`,
//!   `Stream`) are plain strings **without** a `format`: `msgraph-codegen` keeps them as their wire
//!   text, while `date-time`, `date` or `uuid` would make typify use `chrono` and `uuid` types.
//! - **Enums** are string enums of their member names; flags enums too (a value combining members,
//!   `"a,b"`, is then rejected by typify's type; `msgraph-codegen` accepts it).
//! - **Descriptions** (`Org.OData.Core.V1.Description`, inline or in `Annotations`) of types and
//!   properties become `description`s, as `msgraph-codegen` turns them into doc comments.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde_json::{Map, Value, json};

/// The vocabulary term of descriptions.
const DESCRIPTION_TERM: &str = "Org.OData.Core.V1.Description";
/// The namespace whose types keep their bare names.
const ROOT_NAMESPACE: &str = "microsoft.graph";

/// Why metadata could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// What a conversion produced: the schema and how many types of each kind it holds.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The JSON Schema document.
    pub schema: Value,
    /// Entity types converted.
    pub entity_types: usize,
    /// Complex types converted.
    pub complex_types: usize,
    /// Enum types converted.
    pub enum_types: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entity,
    Complex,
    Enum,
}

impl Kind {
    fn element(self) -> &'static str {
        match self {
            Kind::Entity => "EntityType",
            Kind::Complex => "ComplexType",
            Kind::Enum => "EnumType",
        }
    }
}

#[derive(Debug)]
struct Property {
    name: String,
    /// The type as written, `Collection(...)` and alias included.
    ty: String,
    nullable: bool,
}

#[derive(Debug)]
struct TypeDef {
    kind: Kind,
    namespace: String,
    /// The base type as written (possibly through an alias).
    base: Option<String>,
    properties: Vec<Property>,
    members: Vec<String>,
    flags: bool,
    /// Line of the type's element, for error messages.
    line: u32,
}

/// Everything read from the metadata document, by qualified name.
#[derive(Debug, Default)]
struct Model {
    types: BTreeMap<String, TypeDef>,
    /// Alias → namespace.
    aliases: HashMap<String, String>,
    /// Description by qualified target (`ns.type` or `ns.type/property`).
    descriptions: HashMap<String, String>,
}

/// Converts a CSDL document into a draft-07 JSON Schema with one definition per type.
pub fn convert(xml: &str) -> Result<Converted, Error> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let document = roxmltree::Document::parse_with_options(xml, options)
        .map_err(|error| Error(format!("the metadata is not well-formed XML: {error}")))?;
    let model = read(&document)?;
    let keys = definition_keys(&model);

    let mut definitions = Map::new();
    let (mut entity_types, mut complex_types, mut enum_types) = (0, 0, 0);
    for (qualified, def) in &model.types {
        let mut schema = match def.kind {
            Kind::Enum => {
                enum_types += 1;
                enum_schema(def)
            }
            Kind::Entity | Kind::Complex => {
                if def.kind == Kind::Entity {
                    entity_types += 1;
                } else {
                    complex_types += 1;
                }
                struct_schema(&model, &keys, qualified)?
            }
        };
        if let Some(description) = model.descriptions.get(qualified) {
            schema.insert("description".into(), description.clone().into());
        }
        definitions.insert(keys[qualified].clone(), Value::Object(schema));
    }
    if definitions.is_empty() {
        return Err(Error("the metadata has no EntityType, ComplexType or EnumType in any <Schema>".into()));
    }
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": "Generated by csdl-to-json-schema (msgraph-bench) from OData CSDL metadata.",
        "definitions": definitions,
    });
    Ok(Converted { schema, entity_types, complex_types, enum_types })
}

/// Reads namespaces, aliases, types and descriptions.
fn read(document: &roxmltree::Document<'_>) -> Result<Model, Error> {
    let mut model = Model::default();
    let schemas: Vec<_> = document.descendants().filter(|node| node.has_tag_name("Schema")).collect();
    if schemas.is_empty() {
        return Err(Error("the metadata has no <Schema> element; is this an OData CSDL document?".into()));
    }
    for schema in &schemas {
        let namespace = attribute(schema, "Namespace", document)?;
        if let Some(alias) = schema.attribute("Alias") {
            model.aliases.insert(alias.to_owned(), namespace.to_owned());
        }
    }
    for schema in &schemas {
        let namespace = schema.attribute("Namespace").unwrap_or_default();
        for node in schema.children().filter(roxmltree::Node::is_element) {
            let kind = match node.tag_name().name() {
                "EntityType" => Kind::Entity,
                "ComplexType" => Kind::Complex,
                "EnumType" => Kind::Enum,
                "Annotations" => {
                    let target = model.qualify(attribute(&node, "Target", document)?);
                    if let Some(description) = description_of(&node) {
                        model.descriptions.insert(target, description);
                    }
                    continue;
                }
                _ => continue,
            };
            let name = attribute(&node, "Name", document)?;
            let qualified = format!("{namespace}.{name}");
            if let Some(description) = description_of(&node) {
                model.descriptions.insert(qualified.clone(), description);
            }
            let mut def = TypeDef {
                kind,
                namespace: namespace.to_owned(),
                base: node.attribute("BaseType").map(str::to_owned),
                properties: Vec::new(),
                members: Vec::new(),
                flags: node.attribute("IsFlags") == Some("true"),
                line: line_of(&node, document),
            };
            for child in node.children().filter(roxmltree::Node::is_element) {
                match (kind, child.tag_name().name()) {
                    (Kind::Entity | Kind::Complex, "Property" | "NavigationProperty") => {
                        let property_name = attribute(&child, "Name", document)?;
                        if let Some(description) = description_of(&child) {
                            model.descriptions.insert(format!("{qualified}/{property_name}"), description);
                        }
                        def.properties.push(Property {
                            name: property_name.to_owned(),
                            ty: attribute(&child, "Type", document)?.to_owned(),
                            nullable: child.attribute("Nullable") != Some("false"),
                        });
                    }
                    (Kind::Enum, "Member") => def.members.push(attribute(&child, "Name", document)?.to_owned()),
                    _ => {}
                }
            }
            if let Some(previous) = model.types.insert(qualified.clone(), def) {
                return Err(Error(format!(
                    "`{qualified}` is declared twice (a {} at line {} and again at line {})",
                    previous.kind.element(),
                    previous.line,
                    line_of(&node, document)
                )));
            }
        }
    }
    Ok(model)
}

impl Model {
    /// The qualified name a reference means: an alias prefix (`graph.user`) becomes its namespace.
    /// A target with a path (`graph.user/displayName`) keeps the path.
    fn qualify(&self, reference: &str) -> String {
        let (head, path) = match reference.split_once('/') {
            Some((head, path)) => (head, Some(path)),
            None => (reference, None),
        };
        let head = match head.rsplit_once('.') {
            Some((prefix, name)) => match self.aliases.get(prefix) {
                Some(namespace) => format!("{namespace}.{name}"),
                None => head.to_owned(),
            },
            None => head.to_owned(),
        };
        match path {
            Some(path) => format!("{head}/{path}"),
            None => head,
        }
    }
}

/// The definition key of each type; keys never give the same Rust name.
fn definition_keys(model: &Model) -> HashMap<String, String> {
    // Root-namespace types first, so they keep their bare names when another namespace's key
    // would give the same Rust name.
    let mut order: Vec<&String> = model.types.keys().collect();
    order.sort_by_key(|qualified| (model.types[*qualified].namespace != ROOT_NAMESPACE, *qualified));
    let mut taken = BTreeSet::new();
    let mut keys = HashMap::new();
    for qualified in order {
        let def = &model.types[qualified];
        let short = match def.namespace.strip_prefix(ROOT_NAMESPACE) {
            Some("") => qualified.rsplit('.').next().unwrap_or(qualified).to_owned(),
            Some(rest) if rest.starts_with('.') => qualified[ROOT_NAMESPACE.len() + 1..].to_owned(),
            _ => qualified.clone(),
        };
        let mut key = short;
        if taken.contains(&normalized(&key)) {
            key = qualified.clone();
        }
        let mut counter = 2;
        while taken.contains(&normalized(&key)) {
            key = format!("{qualified}.{counter}");
            counter += 1;
        }
        taken.insert(normalized(&key));
        keys.insert(qualified.clone(), key);
    }
    keys
}

/// A key without case or punctuation: two keys with the same normalized form could become the same
/// Rust type name.
fn normalized(key: &str) -> String {
    key.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn enum_schema(def: &TypeDef) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("type".into(), "string".into());
    schema.insert("enum".into(), def.members.iter().map(|member| Value::from(member.as_str())).collect());
    if def.flags {
        schema.insert("$comment".into(), "a flags enum: Graph sends comma-separated members".into());
    }
    schema
}

fn struct_schema(model: &Model, keys: &HashMap<String, String>, qualified: &str) -> Result<Map<String, Value>, Error> {
    // The chain from the root base type down to this type.
    let mut chain = vec![qualified.to_owned()];
    let mut current = qualified.to_owned();
    while let Some(base) = &model.types[&current].base {
        let resolved = model.qualify(base);
        let Some(base_def) = model.types.get(&resolved) else {
            return Err(Error(format!(
                "the base type `{base}` of `{current}` (line {}) is not declared in the metadata",
                model.types[&current].line
            )));
        };
        if base_def.kind != model.types[qualified].kind {
            return Err(Error(format!(
                "the base type `{base}` of `{current}` is a {}, not a {}",
                base_def.kind.element(),
                model.types[qualified].kind.element()
            )));
        }
        if chain.contains(&resolved) {
            return Err(Error(format!("`{qualified}` inherits from itself (through `{current}`)")));
        }
        chain.push(resolved.clone());
        current = resolved;
    }

    let mut properties = Map::new();
    for owner in chain.iter().rev() {
        for property in &model.types[owner].properties {
            let mut schema = property_schema(model, keys, owner, property)?;
            let description = model.descriptions.get(&format!("{owner}/{}", property.name));
            if let (Some(description), Some(object)) = (description, schema.as_object_mut()) {
                object.insert("description".into(), description.clone().into());
            }
            properties.insert(property.name.clone(), schema);
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("properties".into(), Value::Object(properties));
    Ok(schema)
}

fn property_schema(
    model: &Model,
    keys: &HashMap<String, String>,
    owner: &str,
    property: &Property,
) -> Result<Value, Error> {
    let (collection, element) = match property.ty.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
        Some(element) => (true, element),
        None => (false, property.ty.as_str()),
    };
    let element_schema = match element.strip_prefix("Edm.") {
        Some(primitive) => primitive_schema(primitive).ok_or_else(|| {
            Error(format!("`{owner}/{}` has the type `{}`, an unknown primitive type", property.name, property.ty))
        })?,
        None => {
            let qualified = model.qualify(element);
            let Some(key) = keys.get(&qualified) else {
                return Err(Error(format!(
                    "`{owner}/{}` has the type `{}`, which is not declared in the metadata",
                    property.name, property.ty
                )));
            };
            json!({ "$ref": format!("#/definitions/{key}") })
        }
    };
    if collection {
        let ty = if property.nullable { json!(["array", "null"]) } else { json!("array") };
        return Ok(json!({ "type": ty, "items": element_schema }));
    }
    if !property.nullable {
        return Ok(element_schema);
    }
    Ok(match element_schema {
        Value::Object(mut object) if object.get("type").is_some_and(Value::is_string) => {
            let ty = object.remove("type").unwrap_or_default();
            object.insert("type".into(), json!([ty, "null"]));
            Value::Object(object)
        }
        // `Edm.Untyped`: any value, null included.
        Value::Object(object) if object.is_empty() => Value::Object(object),
        other => json!({ "anyOf": [other, { "type": "null" }] }),
    })
}

/// The schema of an `Edm.` primitive type (named without `Edm.`).
fn primitive_schema(name: &str) -> Option<Value> {
    Some(match name {
        "String" | "DateTimeOffset" | "Date" | "TimeOfDay" | "Duration" | "Guid" | "Binary" | "Stream" => {
            json!({ "type": "string" })
        }
        "Boolean" => json!({ "type": "boolean" }),
        "Byte" => json!({ "type": "integer", "format": "uint8" }),
        "SByte" => json!({ "type": "integer", "format": "int8" }),
        "Int16" => json!({ "type": "integer", "format": "int16" }),
        "Int32" => json!({ "type": "integer", "format": "int32" }),
        "Int64" => json!({ "type": "integer", "format": "int64" }),
        "Single" => json!({ "type": "number", "format": "float" }),
        "Double" | "Decimal" => json!({ "type": "number", "format": "double" }),
        "Untyped" => json!({}),
        _ => return None,
    })
}

/// The `Org.OData.Core.V1.Description` annotation among a node's children.
fn description_of(node: &roxmltree::Node<'_, '_>) -> Option<String> {
    node.children()
        .filter(|child| child.has_tag_name("Annotation") && child.attribute("Term") == Some(DESCRIPTION_TERM))
        .find_map(|child| child.attribute("String"))
        .map(str::to_owned)
}

fn attribute<'a>(
    node: &roxmltree::Node<'a, '_>,
    name: &str,
    document: &roxmltree::Document<'_>,
) -> Result<&'a str, Error> {
    node.attribute(name).ok_or_else(|| {
        Error(format!(
            "the <{}> element at line {} has no `{name}` attribute",
            node.tag_name().name(),
            line_of(node, document)
        ))
    })
}

fn line_of(node: &roxmltree::Node<'_, '_>, document: &roxmltree::Document<'_>) -> u32 {
    document.text_pos_at(node.range().start).row
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color" IsFlags="true">
        <Member Name="red" Value="1" />
        <Member Name="blue" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="session" BaseType="graph.entity">
        <Property Name="started" Type="Edm.DateTimeOffset" />
        <Property Name="count" Type="Edm.Int64" Nullable="false" />
        <Property Name="tags" Type="Collection(Edm.String)" Nullable="false" />
        <NavigationProperty Name="callSession" Type="microsoft.graph.callRecords.session" />
      </EntityType>
      <Annotations Target="graph.session/started">
        <Annotation Term="Org.OData.Core.V1.Description" String="When it started." />
      </Annotations>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" Alias="calls" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="endpoint">
        <Property Name="color" Type="graph.color" />
      </ComplexType>
      <EntityType Name="session" BaseType="graph.entity">
        <Annotation Term="Org.OData.Core.V1.Description" String="A call session." />
        <Property Name="callee" Type="calls.endpoint" />
        <NavigationProperty Name="segments" Type="Collection(microsoft.graph.callRecords.session)" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn converts_types_names_inheritance_and_nullability() {
        let converted = convert(CSDL).unwrap();
        assert_eq!((converted.entity_types, converted.complex_types, converted.enum_types), (3, 1, 1));
        let expected = json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$comment": "Generated by csdl-to-json-schema (msgraph-bench) from OData CSDL metadata.",
            "definitions": {
                "color": {
                    "type": "string",
                    "enum": ["red", "blue"],
                    "$comment": "a flags enum: Graph sends comma-separated members"
                },
                "entity": {
                    "type": "object",
                    "properties": { "id": { "type": "string" } }
                },
                "session": {
                    "type": "object",
                    "properties": {
                        "id": { "type": "string" },
                        "started": { "type": ["string", "null"], "description": "When it started." },
                        "count": { "type": "integer", "format": "int64" },
                        "tags": { "type": "array", "items": { "type": "string" } },
                        "callSession": {
                            "anyOf": [{ "$ref": "#/definitions/callRecords.session" }, { "type": "null" }]
                        }
                    }
                },
                "callRecords.endpoint": {
                    "type": "object",
                    "properties": {
                        "color": { "anyOf": [{ "$ref": "#/definitions/color" }, { "type": "null" }] }
                    }
                },
                "callRecords.session": {
                    "type": "object",
                    "description": "A call session.",
                    "properties": {
                        "id": { "type": "string" },
                        "callee": {
                            "anyOf": [{ "$ref": "#/definitions/callRecords.endpoint" }, { "type": "null" }]
                        },
                        "segments": {
                            "type": ["array", "null"],
                            "items": { "$ref": "#/definitions/callRecords.session" }
                        }
                    }
                }
            }
        });
        assert_eq!(converted.schema, expected);
    }

    #[test]
    fn keys_that_would_give_the_same_rust_name_fall_back_to_qualified_names() {
        let csdl = r#"<Edmx><DataServices>
            <Schema Namespace="microsoft.graph"><ComplexType Name="callRecordsSession" /></Schema>
            <Schema Namespace="microsoft.graph.callRecords"><ComplexType Name="session" /></Schema>
        </DataServices></Edmx>"#;
        let schema = convert(csdl).unwrap().schema;
        let keys: Vec<&String> = schema["definitions"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["callRecordsSession", "microsoft.graph.callRecords.session"]);
    }

    #[test]
    fn errors_name_the_problem() {
        let unknown = r#"<Edmx><Schema Namespace="ns">
            <ComplexType Name="a"><Property Name="b" Type="graph.missing" /></ComplexType>
        </Schema></Edmx>"#;
        assert_eq!(
            convert(unknown).unwrap_err().to_string(),
            "`ns.a/b` has the type `graph.missing`, which is not declared in the metadata"
        );
        let cycle = r#"<Edmx><Schema Namespace="ns">
            <ComplexType Name="a" BaseType="ns.b" /><ComplexType Name="b" BaseType="ns.a" />
        </Schema></Edmx>"#;
        assert_eq!(convert(cycle).unwrap_err().to_string(), "`ns.a` inherits from itself (through `ns.b`)");
        assert!(convert("<html/>").unwrap_err().to_string().contains("no <Schema> element"));
        assert!(convert("<a>").unwrap_err().to_string().contains("not well-formed XML"));
    }
}
