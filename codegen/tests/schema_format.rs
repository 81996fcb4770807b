//! The checked-in JSON Schema and description files stay in step with the serde types.

use std::fs;
use std::path::Path;

use msgraph_codegen::schema::{JSON_SCHEMA_FILE_NAME, json_schema};

#[test]
fn the_checked_in_json_schema_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema").join(JSON_SCHEMA_FILE_NAME);
    let checked_in = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == json_schema(),
        "schema/{JSON_SCHEMA_FILE_NAME} is out of date with codegen/src/schema; regenerate it with\n    cargo run -p msgraph-codegen -- json-schema --out schema/{JSON_SCHEMA_FILE_NAME}"
    );
}

#[test]
fn every_description_file_names_the_json_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let expected = format!("./{JSON_SCHEMA_FILE_NAME}");
    let files = msgraph_codegen::load::load_dir(&dir).expect("schema/ loads");
    assert!(!files.is_empty());
    for file in files {
        assert_eq!(file.description.schema.as_deref(), Some(expected.as_str()), "{}", file.source.path.display());
    }
}

#[test]
fn the_checked_in_overrides_json_schema_is_fresh() {
    use msgraph_codegen::import::overrides::{OVERRIDES_SCHEMA_FILE_NAME, json_schema};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/import").join(OVERRIDES_SCHEMA_FILE_NAME);
    let checked_in = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == json_schema(),
        "schema/import/{OVERRIDES_SCHEMA_FILE_NAME} is out of date with codegen/src/import/overrides.rs; regenerate it with\n    cargo run -p msgraph-codegen -- json-schema --overrides --out schema/import/{OVERRIDES_SCHEMA_FILE_NAME}"
    );
}
