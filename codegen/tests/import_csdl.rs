//! The metadata importer: OData CSDL to descriptions. A small hand-written document covers each
//! construct Graph's `$metadata` uses (and its defects); the real Graph v1.0 metadata
//! (`tests/fixtures/metadata/v1.0-Prod.csdl`) is imported whole and lowered.
//!
//! Generating and compiling all of v1.0 takes minutes, so it is not part of `cargo test`:
//! `.ci/run` does it with `bench/graph-v1-crate.sh` (see the README).

mod common;

use std::path::{Path, PathBuf};

use msgraph_codegen::import::{self, InputKind};
use msgraph_codegen::schema::{BindsTo, CapabilitiesDescription, OperationKind, ServiceDescription, TypeDescription};
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
        "imported 1 metadata document: 13 types, 25 properties, 0 operations, 8 warnings; addressing: 2 entity sets, 1 singleton, 2 operation imports, 5 bound operations, 5 navigation properties (3 containment) (not described yet: 1 unbound Action not imported)"
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

fn service(imported: &import::Imported) -> &ServiceDescription {
    imported.files["service.json"].service.as_ref().expect("service.json describes the service")
}

#[test]
fn small_metadata_describes_how_resources_are_addressed() {
    let imported = import::import(&[fixture("small.csdl")], None).unwrap();
    let service = service(&imported);
    assert_eq!(service.api_version, "v1.0", "assumed, with a warning, for a file name without a version");
    let sets: Vec<(&str, &str)> = service.entity_sets.iter().map(|r| (r.name.as_str(), r.r#type.as_str())).collect();
    assert_eq!(sets, [("users", "microsoft.graph.user"), ("groups", "microsoft.graph.group")], "`ghosts` has no type");
    assert_eq!(
        (service.singletons[0].name.as_str(), service.singletons[0].r#type.as_str()),
        ("me", "microsoft.graph.user")
    );
    let users = &service.entity_sets[0];
    assert_eq!(users.description, "The users of the directory.");
    let expected = CapabilitiesDescription {
        countable: Some(true),
        top_supported: Some(false),
        consistency_level: Some(false),
        ..CapabilitiesDescription::default()
    };
    assert_eq!(users.capabilities.as_ref(), Some(&expected), "inline and external annotations merge");
    let imports: Vec<(&str, OperationKind)> =
        service.operation_imports.iter().map(|i| (i.name.as_str(), i.kind)).collect();
    assert_eq!(imports, [("about", OperationKind::Function), ("resetAll", OperationKind::Action)]);

    let user = described(&imported, "user.json");
    let property = |ty: &TypeDescription, name: &str| ty.properties.iter().find(|p| p.name == name).unwrap().clone();
    assert!(property(user, "messages").contains_target && !property(user, "manager").contains_target);
    assert_eq!(user.alternate_keys, [["userPrincipalName"]]);
    // Through the set's RestrictedProperties, `me/messages` and a path with a type cast; the paths
    // disagree about `updatable`, which is left out.
    let messages = property(user, "messages").capabilities.unwrap();
    assert_eq!((messages.insertable, messages.deletable, messages.searchable), (Some(false), Some(false), Some(false)));
    assert_eq!(messages.updatable, None);
    assert_eq!(property(user, "photo").capabilities.unwrap().deletable, Some(false), "inline on the navigation");
    let members = property(described(&imported, "group.json"), "members");
    assert!(members.navigation && !members.contains_target);
    assert_eq!(members.capabilities.unwrap().referenceable, Some(true));
    assert!(described(&imported, "profilePhoto.json").has_stream);
    assert_eq!(described(&imported, "message.json").capabilities.as_ref().unwrap().skip_supported, Some(false));

    let operation = |name: &str| user.bound_operations.iter().find(|o| o.name == name).unwrap();
    let send_mail = operation("sendMail");
    assert_eq!((send_mail.kind, send_mail.binds_to), (OperationKind::Action, BindsTo::Entity));
    assert_eq!(send_mail.description, "Sends a message.", "described through its signature");
    assert_eq!(send_mail.parameters.len(), 2, "the binding parameter is not a parameter");
    assert!(!send_mail.parameters[0].optional && send_mail.parameters[1].optional, "OptionalParameter from elsewhere");
    let delta = operation("delta");
    assert_eq!((delta.kind, delta.binds_to, delta.composable), (OperationKind::Function, BindsTo::Collection, true));
    assert_eq!(delta.returns.as_ref().map(|r| (r.r#type.as_str(), r.collection)), Some(("user", true)));
    assert_eq!(operation("getByIds").binds_to, BindsTo::Collection);
    let reminder = operation("reminderView");
    assert!(!reminder.parameters[0].optional && reminder.parameters[1].optional, "inline OptionalParameter");

    insta::assert_snapshot!("small_service", serde_json::to_string_pretty(&imported.files["service.json"]).unwrap());
    insta::assert_snapshot!("small_user", serde_json::to_string_pretty(&imported.files["user.json"]).unwrap());
    insta::assert_snapshot!("small_group", serde_json::to_string_pretty(&imported.files["group.json"]).unwrap());
}

#[test]
fn a_root_or_bound_operation_naming_an_unknown_type_is_a_located_error() {
    let imported = import::import(&[fixture("small.csdl")], None).unwrap();
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let service_json = schema.path().join("service.json");
    let text = std::fs::read_to_string(&service_json).unwrap();
    std::fs::write(&service_json, text.replace("\"microsoft.graph.group\"", "\"microsoft.graph.grup\"")).unwrap();
    let user_json = schema.path().join("user.json");
    let text = std::fs::read_to_string(&user_json).unwrap();
    std::fs::write(&user_json, text.replacen("\"type\": \"message\"\n", "\"type\": \"mesage\"\n", 1)).unwrap();
    let error = Config::new(schema.path()).generate().unwrap_err().to_string();
    assert!(error.contains("`groups` has the type `microsoft.graph.grup`, which is not described"), "{error}");
    assert!(error.contains("service.json:") && error.contains("did you mean `microsoft.graph.group`?"), "{error}");
    assert!(
        error.contains("the parameter `Message` of the operation `sendMail` bound to `microsoft.graph.user`"),
        "{error}"
    );
    assert!(error.contains("did you mean `message`?"), "{error}");
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
fn graph_v1_metadata_imports_whole_and_lowers() {
    let imported = import::import(&[graph_v1()], None).unwrap();
    // Totals are checked against the document itself, not as numbers, so that a newer copy of
    // the metadata does not fail this test: every type element is described, less the enums
    // without members (each one a warning) and `microsoft.graph.Json`, which holds any JSON by
    // convention (`codegen/src/import/csdl/conventions.json`).
    let xml = std::fs::read_to_string(graph_v1()).unwrap();
    let elements = |needle: &str| xml.matches(needle).count();
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    let memberless = warnings.iter().filter(|w| w.contains("has no members")).count();
    let type_elements = elements("<EntityType ") + elements("<ComplexType ") + elements("<EnumType ");
    assert_eq!(imported.counts.0, type_elements - memberless - 1, "{}", imported.summary());
    assert!(!imported.files.contains_key("Json.json"), "the Json blob is not a described type");
    let range = described(&imported, "workbookRange.json");
    let values = range.properties.iter().find(|p| p.name == "values").unwrap();
    assert_eq!(values.r#type, "Untyped", "a range's values are any JSON (arrays of arrays on the wire)");
    // Member-less enums, and capabilities aimed at functions' results (not described).
    assert!(
        warnings.iter().all(|w| w.contains("has no members") || w.contains("the capabilities aimed at the operation")),
        "{warnings:#?}"
    );
    let summary = imported.summary();
    assert!(
        summary.contains("addressing: ") && !summary.contains("Action") && !summary.contains("EntityContainer"),
        "{summary}"
    );
    let types: Vec<&TypeDescription> = imported.files.values().flat_map(|file| &file.types).collect();
    let count = |f: &dyn Fn(&&TypeDescription) -> bool| types.iter().filter(|t| f(t)).count();
    assert_eq!(count(&|t| t.flags), elements("IsFlags=\"true\""));
    assert_eq!(count(&|t| t.r#abstract), elements("Abstract=\"true\""));
    let navigation: usize = types.iter().map(|t| t.properties.iter().filter(|p| p.navigation).count()).sum();
    assert_eq!(navigation, elements("<NavigationProperty "));
    let properties: usize = types.iter().map(|t| t.properties.len()).sum();
    assert_eq!(imported.counts.1, properties, "the summary counts what is written");
    let namespaces: std::collections::BTreeSet<&str> = types.iter().map(|t| t.namespace.as_str()).collect();
    assert_eq!(namespaces.len(), elements("<Schema "), "{namespaces:?}");
    assert_eq!(count(&|t| t.name == "user"), 2, "microsoft.graph.user and microsoft.graph.security.user");
    assert!(types.iter().filter(|t| !t.description.is_empty()).count() > 400, "descriptions are read");

    graph_v1_addressing(&imported);

    // The descriptions are valid for the generator: lowering resolves every reference.
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let files = msgraph_codegen::load::load_dir(schema.path()).unwrap();
    let options = msgraph_codegen::lower::LowerOptions {
        root_namespace: "microsoft.graph".into(),
        crate_docs: String::new(),
        crate_name: "msgraph_v1".into(),
        namespace_features: true,
        workload_features: false,
    };
    let api = msgraph_codegen::lower::lower(&files, &options).unwrap();
    // Every action and function of v1.0 is generated (each left out would be a warning).
    assert_eq!(api.omitted, [], "operations of Graph v1.0 that are not generated");
    let modules = api.model_module_paths();
    assert!(
        modules.contains(&"security".to_owned()) && modules.contains(&"partners::billing".to_owned()),
        "{modules:?}"
    );
    let feature = |name: &str| api.features.iter().find(|f| f.name == name).unwrap().types;
    assert_eq!(api.features.len(), namespaces.len(), "one feature per namespace");
    assert!(feature("call_records") < 100, "callRecords uses a few root types, not all of Graph");
    assert!(feature("graph") > 3000);

    // One feature per workload: per entity set and singleton, and per containment subtree large
    // enough to be its own, within the registry's limit of 300 features (with `default`, `full`
    // and `client`).
    let options = msgraph_codegen::lower::LowerOptions { workload_features: true, ..options };
    let api = msgraph_codegen::lower::lower(&files, &options).unwrap();
    let feature = |name: &str| api.features.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}"));
    assert!(api.features.len() + 3 <= 300, "{} features", api.features.len());
    assert_eq!(feature("users").namespace, "/users");
    assert_eq!(feature("message").namespace, "/me/messages", "a contained workload, by the shortest path");
    assert_eq!(feature("drive_item").namespace, "/drive/bundles");
    let total = types.len();
    for name in ["users", "groups", "drives", "message"] {
        assert!(feature(name).types * 20 < total, "{name}: {} of {total} types", feature(name).types);
    }
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

/// Facts about Graph v1.0's addressing that a new version's additions do not change.
fn graph_v1_addressing(imported: &import::Imported) {
    let service = service(imported);
    assert_eq!(service.api_version, "v1.0");
    let set = |name: &str| service.entity_sets.iter().find(|r| r.name == name).map(|r| r.r#type.as_str());
    assert_eq!(set("users"), Some("microsoft.graph.user"));
    assert_eq!(set("groups"), Some("microsoft.graph.group"));
    let me = service.singletons.iter().find(|r| r.name == "me").expect("`me` is a singleton");
    assert_eq!(me.r#type, "microsoft.graph.user");
    let users = service.entity_sets.iter().find(|r| r.name == "users").unwrap();
    assert_eq!(
        users.capabilities.as_ref().and_then(|c| c.consistency_level),
        Some(false),
        "ConsistencyLevel, optional"
    );

    let navigation = |file: &str, name: &str| {
        described(imported, file).properties.iter().find(|p| p.name == name && p.navigation).cloned().unwrap()
    };
    assert!(navigation("user.json", "messages").contains_target, "user.messages is containment");
    assert!(!navigation("group.json", "members").contains_target, "group.members refers to directory objects");
    let user = described(imported, "user.json");
    let send_mail = user.bound_operations.iter().find(|o| o.name == "sendMail").expect("user has sendMail");
    assert_eq!((send_mail.kind, send_mail.binds_to), (OperationKind::Action, BindsTo::Entity));
    assert!(send_mail.parameters.iter().any(|p| p.name == "Message" && p.r#type == "message"));
    let types: Vec<&TypeDescription> = imported.files.values().flat_map(|file| &file.types).collect();
    let deltas = types
        .iter()
        .flat_map(|t| &t.bound_operations)
        .filter(|o| o.name == "delta" && o.kind == OperationKind::Function && o.binds_to == BindsTo::Collection)
        .count();
    assert!(deltas > 10, "delta functions bound to collections: {deltas}");
    assert!(user.bound_operations.iter().any(|o| o.name == "delta" && o.binds_to == BindsTo::Collection));
    assert!(described(imported, "application.json").alternate_keys.contains(&vec!["appId".to_owned()]));
    let drive_item = described(imported, "driveItem.json");
    assert!(drive_item.has_stream || drive_item.properties.iter().any(|p| p.name == "content" && p.r#type == "Stream"));
    assert!(types.iter().any(|t| t.has_stream), "media entities (HasStream) exist");
    let optional = types.iter().flat_map(|t| &t.bound_operations).flat_map(|o| &o.parameters).filter(|p| p.optional);
    assert!(optional.count() > 10, "Core.OptionalParameter is read");
}
