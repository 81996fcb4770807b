//! The metadata importer: OData CSDL to descriptions. A small hand-written document covers each
//! construct Graph's `$metadata` uses (and its defects); the real Graph v1.0 metadata
//! (`tests/fixtures/metadata/v1.0-Prod.csdl`) is imported whole and lowered.
//!
//! Generating and compiling all of v1.0 takes minutes, so it is not part of `cargo test`:
//! `.ci/run` does it with `bench/graph-v1-crate.sh` (see the README).

mod common;

use std::path::{Path, PathBuf};

use msgraph_codegen::import::{self, InputKind};
use msgraph_codegen::schema::TypeDescription;
use msgraph_codegen::{Config, Error};

/// Relative (tests run in the package folder), so that warnings name the same file everywhere.
fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/csdl").join(name)
}

fn graph_v1() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/metadata/v1.0-Prod.csdl")
}

fn import_text(name: &str, text: &str) -> Result<import::Imported, Error> {
    import::import_metadata(&[(PathBuf::from(name), text.to_owned())], None)
}

fn described<'a>(imported: &'a import::Imported, file: &str) -> &'a TypeDescription {
    &imported.files.get(file).unwrap_or_else(|| panic!("no {file}: {:?}", imported.files.keys())).types[0]
}

#[test]
fn small_metadata_imports_every_construct() {
    let imported = import::import(&[fixture("small.csdl")], None).unwrap();
    assert_eq!(imported.input, InputKind::Metadata);
    assert_eq!(
        imported.summary(),
        "imported 1 metadata document: 10 types, 19 properties, 0 operations, 3 warnings (not described yet: 1 Action, 1 EntityContainer)"
    );

    let user = described(&imported, "user.json");
    assert_eq!(user.base_type.as_deref(), Some("entity"), "aliases resolve; same-namespace names stay bare");
    assert_eq!(user.description, "A person in the directory.\n\nInherits from entity.");
    let property = |name: &str| user.properties.iter().find(|p| p.name == name).unwrap();
    assert_eq!(property("displayName").description, "The name shown in the address book.");
    assert_eq!((property("labels").r#type.as_str(), property("labels").collection), ("String", true));
    assert!(!property("labels").nullable, "Nullable=\"false\" is kept");
    assert!(property("workDays").r#type == "weekdays" && !property("workDays").navigation);
    let alerts = property("alerts");
    assert_eq!(
        (alerts.r#type.as_str(), alerts.collection, alerts.navigation),
        ("microsoft.graph.security.alert", true, true)
    );
    assert_eq!(property("home").r#type, "Untyped", "an unmodelled Edm type is kept as JSON");
    assert_eq!(property("legacy").r#type, "String", "a member-less enum is read as a string");
    assert_eq!(property("spouse").r#type, "Untyped", "an undefined type is kept as JSON");
    assert!(described(&imported, "entity.json").r#abstract);

    let risk = described(&imported, "riskLevel.json");
    assert_eq!(risk.members[1].value, Some(10));
    assert_eq!(risk.members[1].description, "Sign-ins look risky.");
    assert!(described(&imported, "weekdays.json").flags);
    assert!(!imported.files.contains_key("placeholder.json"));

    // Equal names in two namespaces are two types; references say which one.
    let security_user = described(&imported, "microsoft.graph.security.user.json");
    assert_eq!(security_user.namespace, "microsoft.graph.security");
    assert_eq!(security_user.properties[1].r#type, "microsoft.graph.address");
    assert_eq!(described(&imported, "microsoft.graph.security.alert.json").properties[1].r#type, "user");
    // The loader skips `*.schema.json`, so a type named `schema` gets another file name.
    assert!(imported.files.contains_key("microsoft.graph.security.schema-type.json"), "{:?}", imported.files.keys());

    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(warnings.join("\n\n"));
}

#[test]
fn small_metadata_generates_a_crate_that_builds_per_namespace() {
    let imported = import::import(&[fixture("small.csdl")], None).unwrap();
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let generated = Config::new(schema.path()).crate_name("small-graph").namespace_features(true).generate().unwrap();
    generated.write_to(out.path()).unwrap();
    let files = generated.files().unwrap();
    let cargo_toml = &files[Path::new("Cargo.toml")];
    assert!(cargo_toml.contains("full = [\"graph\", \"partners_billing\", \"security\"]"), "{cargo_toml}");
    assert!(cargo_toml.contains("security = [] # microsoft.graph.security: 6 types"), "{cargo_toml}");
    let models = &files[Path::new("src/models/mod.rs")];
    assert!(models.contains("#[cfg(any(feature = \"graph\", feature = \"security\"))]\nmod entity;"), "{models}");
    assert!(models.contains("#[cfg(feature = \"graph\")]\nmod weekdays;"), "{models}");
    assert!(files.contains_key(Path::new("src/models/security/user.rs")));
    // A root type named like the first segment of a deeper namespace gets another file name.
    assert!(files.contains_key(Path::new("src/models/partners/billing/invoice.rs")));
    assert!(models.contains("pub mod partners;") && models.contains("mod partners2;"), "{models}");
    // The `default` property's setter does not hide `Default::default` from the builder.
    let schema_rs = &files[Path::new("src/models/security/schema.rs")];
    assert!(schema_rs.contains("pub fn default("), "{schema_rs}");

    // One namespace alone compiles only what it uses; all of them compile together.
    common::cargo_in(out.path(), &["build", "--no-default-features", "--features", "security"]);
    common::cargo_in(out.path(), &["clippy", "--all-features"]);
    common::cargo_in(out.path(), &["doc", "--no-deps", "--all-features"]);
}

#[test]
fn malformed_metadata_is_an_error_with_its_position() {
    let text = "<?xml version=\"1.0\"?>\n<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n  <Schema>\n</edmx:Edmx>\n";
    let error = import_text("broken.csdl", text).unwrap_err().to_string();
    assert!(error.contains("the metadata is not well-formed XML"), "{error}");
    assert!(error.contains("broken.csdl:4:"), "{error}");
    assert!(error.contains("help: pass Graph's `$metadata` document"), "{error}");
}

#[test]
fn xml_that_is_not_metadata_is_refused() {
    let error = import_text("page.xml", "<html><body/></html>").unwrap_err().to_string();
    assert!(error.contains("its root element is `<html>`, not `<edmx:Edmx>`"), "{error}");
    let empty = "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices/></edmx:Edmx>";
    let error = import_text("empty.csdl", empty).unwrap_err().to_string();
    assert!(error.contains("the metadata has no `<Schema>` element"), "{error}");
    // A DTD could expand entities without bound or read files: it is refused, at the declaration.
    let dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>";
    let error = import_text("dtd.xml", dtd).unwrap_err().to_string();
    assert!(error.contains("the metadata declares a DTD (`<!DOCTYPE …>`), which is refused"), "{error}");
    assert!(error.contains("dtd.xml:2:1"), "{error}");
}

#[test]
fn metadata_and_pages_are_not_imported_together() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/seeds");
    let error = import::import(&[fixture("small.csdl"), page], None).unwrap_err().to_string();
    assert!(error.contains("cannot import metadata"), "{error}");
    assert!(error.contains("in two runs"), "{error}");
}

#[test]
fn graph_v1_metadata_imports_whole_and_lowers() {
    let imported = import::import(&[graph_v1()], None).unwrap();
    // 1,182 entity, 1,779 complex and 861 enum types, less two enums without members.
    assert_eq!(imported.counts, (3820, 11957, 0), "{}", imported.summary());
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().all(|w| w.contains("has no members")), "{warnings:#?}");
    let types: Vec<&TypeDescription> = imported.files.values().flat_map(|file| &file.types).collect();
    let count = |f: &dyn Fn(&&TypeDescription) -> bool| types.iter().filter(|t| f(t)).count();
    assert_eq!(count(&|t| t.flags), 64);
    assert_eq!(count(&|t| t.r#abstract), 183);
    let navigation: usize = types.iter().map(|t| t.properties.iter().filter(|p| p.navigation).count()).sum();
    assert_eq!(navigation, 1432);
    let namespaces: std::collections::BTreeSet<&str> = types.iter().map(|t| t.namespace.as_str()).collect();
    assert_eq!(namespaces.len(), 11, "{namespaces:?}");
    assert_eq!(count(&|t| t.name == "user"), 2, "microsoft.graph.user and microsoft.graph.security.user");
    assert!(types.iter().filter(|t| !t.description.is_empty()).count() > 400, "descriptions are read");

    // The descriptions are valid for the generator: lowering resolves every reference.
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let files = msgraph_codegen::load::load_dir(schema.path()).unwrap();
    let options = msgraph_codegen::lower::LowerOptions {
        root_namespace: "microsoft.graph".into(),
        crate_docs: String::new(),
        namespace_features: true,
    };
    let api = msgraph_codegen::lower::lower(&files, &options).unwrap();
    let modules = api.model_module_paths();
    assert!(
        modules.contains(&"security".to_owned()) && modules.contains(&"partners::billing".to_owned()),
        "{modules:?}"
    );
    let feature = |name: &str| api.features.iter().find(|f| f.name == name).unwrap().types;
    assert_eq!(api.features.len(), 11);
    assert!(feature("call_records") < 100, "callRecords uses a few root types, not all of Graph");
    assert!(feature("graph") > 3000);
}

#[test]
fn a_reimport_removes_the_descriptions_of_types_the_metadata_no_longer_has() {
    let schema = tempfile::tempdir().unwrap();
    let dir = schema.path();
    let full = import::import(&[fixture("small.csdl")], None).unwrap();
    let report = full.write_to(dir).unwrap();
    assert_eq!(report.written.len(), full.files.len());
    // Beside them: a hand-written description (no sources) and one imported from elsewhere.
    let hand_written = r#"{"types": [{"kind": "complex", "name": "mine", "namespace": "microsoft.graph"}]}"#;
    std::fs::write(dir.join("mine.json"), hand_written).unwrap();
    let other = r#"{"types": [{"kind": "complex", "name": "other", "namespace": "microsoft.graph", "sources": ["https://learn.microsoft.com/x"]}]}"#;
    std::fs::write(dir.join("other.json"), other).unwrap();

    // The same document without one of its types.
    let text = std::fs::read_to_string(fixture("small.csdl")).unwrap();
    let start = text.find("<ComplexType Name=\"schema\"").expect("the fixture has the type `schema`");
    let end = start + text[start..].find("</ComplexType>").unwrap() + "</ComplexType>".len();
    let smaller = format!("{}{}", &text[..start], &text[end..]);
    let reimported = import_text("small.csdl", &smaller).unwrap();
    let removed: Vec<&String> = full.files.keys().filter(|name| !reimported.files.contains_key(*name)).collect();
    assert_eq!(removed.len(), 1, "{removed:?}");

    let report = reimported.write_to(dir).unwrap();
    assert_eq!(report.removed, [PathBuf::from(removed[0])]);
    assert!(report.written.is_empty(), "{:?}", report.written);
    assert!(!dir.join(removed[0]).exists());
    assert!(dir.join("mine.json").exists() && dir.join("other.json").exists(), "not this import's files");
}
