//! Invalid descriptions: each gives located, actionable errors (snapshotted, so a change to any
//! message shows in review), and every problem in a run is reported, not just the first.

use msgraph_codegen::diagnostic::Source;
use msgraph_codegen::{Config, Error, load};

/// Lowers in-memory description files and returns the rendered errors.
fn errors(files: &[(&str, &str)]) -> String {
    let sources = files.iter().map(|(path, text)| Source { path: (*path).into(), text: (*text).to_owned() }).collect();
    let result = load::parse_all(sources).and_then(|loaded| Config::new("schema").generate_from(&loaded));
    match result {
        Err(Error::Invalid(diagnostics)) => diagnostics.to_string(),
        Err(other) => panic!("expected invalid descriptions, got {other}"),
        Ok(_) => panic!("expected invalid descriptions, but generation succeeded"),
    }
}

fn entity(name: &str, base: Option<&str>, properties: &str) -> String {
    let base = base.map(|b| format!(",\n      \"baseType\": \"{b}\"")).unwrap_or_default();
    format!(
        "{{\n  \"types\": [\n    {{\n      \"kind\": \"entity\",\n      \"name\": \"{name}\",\n      \"namespace\": \"microsoft.graph\"{base},\n      \"properties\": [{properties}]\n    }}\n  ]\n}}\n"
    )
}

#[test]
fn unknown_type_reference() {
    let text =
        entity("profile", None, r#"{"name": "mode", "type": "iTunesPairingMod"}, {"name": "n", "type": "Int23"}"#);
    insta::assert_snapshot!(errors(&[("schema/profile.json", &text)]));
}

#[test]
fn unknown_and_wrong_kind_of_base_type() {
    let a = entity("a", Some("missing"), "");
    let b = r#"{"types": [{"kind": "complex", "name": "b", "namespace": "microsoft.graph", "baseType": "c"},
  {"kind": "entity", "name": "c", "namespace": "microsoft.graph"}]}"#;
    insta::assert_snapshot!(errors(&[("schema/a.json", &a), ("schema/b.json", b)]));
}

#[test]
fn inheritance_cycle() {
    let a = entity("a", Some("b"), "");
    let b = entity("b", Some("a"), "");
    insta::assert_snapshot!(errors(&[("schema/a.json", &a), ("schema/b.json", &b)]));
}

#[test]
fn enum_shape_errors() {
    let text = r#"{"types": [
  {"kind": "enum", "name": "empty", "namespace": "microsoft.graph"},
  {"kind": "enum", "name": "twice", "namespace": "microsoft.graph", "members": [{"name": "a"}, {"name": "a"}]},
  {"kind": "complex", "name": "notEnum", "namespace": "microsoft.graph", "flags": true, "members": [{"name": "x"}]}
]}"#;
    insta::assert_snapshot!(errors(&[("schema/enums.json", text)]));
}

#[test]
fn duplicates() {
    let one = entity("profile", None, r#"{"name": "x", "type": "String"}, {"name": "x", "type": "Int32"}"#);
    let two = entity("profile", None, "");
    insta::assert_snapshot!(errors(&[("schema/one.json", &one), ("schema/two.json", &two)]));
}

#[test]
fn names_that_collide_after_case_conversion() {
    let one = entity(
        "profile",
        None,
        r#"{"name": "iTunesPairingMode", "type": "String"}, {"name": "i_tunes_pairing_mode", "type": "String"}"#,
    );
    let two = entity("Profile", None, "");
    insta::assert_snapshot!(errors(&[("schema/one.json", &one), ("schema/two.json", &two)]));
}

#[test]
fn inherited_from_must_name_a_base_that_has_the_property() {
    let base = entity("base", None, r#"{"name": "id", "type": "String"}"#);
    let derived = entity(
        "derived",
        Some("base"),
        r#"{"name": "id", "type": "Int64", "inheritedFrom": "base"}, {"name": "name", "type": "String", "inheritedFrom": "base"}, {"name": "other", "type": "String", "inheritedFrom": "unrelated"}"#,
    );
    insta::assert_snapshot!(errors(&[("schema/base.json", &base), ("schema/derived.json", &derived)]));
}

#[test]
fn malformed_files_are_all_reported() {
    let unknown_field = r#"{"types": [{"kind": "entity", "name": "a", "namespace": "n", "propertys": []}]}"#;
    let wrong_type =
        "{\n  \"types\": [{\"kind\": \"entity\", \"name\": \"a\", \"namespace\": \"n\", \"abstract\": \"yes\"}]\n}";
    let bad_kind = r#"{"types": [{"kind": "struct", "name": "a", "namespace": "n"}]}"#;
    insta::assert_snapshot!(errors(&[
        ("schema/syntax.json", "{\"types\": [\n  {\"kind\": \"entity\",,}\n]}"),
        ("schema/empty.json", ""),
        ("schema/unknown-field.json", unknown_field),
        ("schema/wrong-type.json", wrong_type),
        ("schema/bad-kind.json", bad_kind),
    ]));
}

#[test]
fn invalid_operations() {
    let text = r#"{"types": [{"kind": "entity", "name": "thing", "namespace": "microsoft.graph", "operations": [
  {"name": "get", "method": "GET", "path": "/things/{thingId", "successStatus": 200},
  {"name": "list", "method": "GET", "path": "/things?$top=1", "successStatus": 200},
  {"name": "peek", "method": "GET", "path": "/things/{id}/{id}", "successStatus": 200},
  {"name": "read", "method": "GET", "path": "/things/{thingId}", "successStatus": 404, "requestBody": {"type": "thing"}},
  {"name": "make", "method": "POST", "path": "/things", "successStatus": 201, "requestBody": {"type": "thign"}, "parameters": [{"name": "thingId"}]},
  {"name": "make", "method": "POST", "path": "things", "successStatus": 201, "response": {"type": "thing", "properties": [{"name": "a", "type": "String"}]}}
]}]}"#;
    insta::assert_snapshot!(errors(&[("schema/thing.json", text)]));
}

#[test]
fn operations_need_a_service() {
    let text = r#"{"types": [{"kind": "entity", "name": "thing", "namespace": "microsoft.graph", "operations": [
  {"name": "get", "method": "GET", "path": "/things/{thingId}", "successStatus": 200}
]}]}"#;
    let twice = r#"{"service": {"apiVersion": "beta"}}"#;
    insta::assert_snapshot!(errors(&[("schema/thing.json", text)]));
    insta::assert_snapshot!(
        "service_described_twice",
        errors(&[("schema/a.json", twice), ("schema/b.json", twice), ("schema/thing.json", text)])
    );
}
