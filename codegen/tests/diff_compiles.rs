//! The change report's levels, proven by the compiler: a crate is generated before and after one
//! change of each kind, and one small downstream program, written against the crate before, is
//! compiled against each crate after. Each change the report calls breaking must break its
//! program (with an error about the changed item), and the additive and documentation changes,
//! all applied together, must break nothing.
//!
//! Every crate is a member of one temporary workspace, checked by one `cargo check --keep-going`
//! in the shared `target/generated-crate-check`, so the runtime's dependencies compile once.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use msgraph_codegen::Config;
use msgraph_codegen::diff::{self, Level};
use serde_json::{Value, json};

/// The descriptions before any change, by file name.
fn before() -> BTreeMap<&'static str, Value> {
    let operation = |name: &str, path: &str, response: Value| json!({ "name": name, "method": "GET", "path": path, "response": response, "successStatus": 200, "queryOptions": ["$top"] });
    BTreeMap::from([
        (
            "service.json",
            json!({ "service": { "apiVersion": "v1.0", "entitySets": [
                { "name": "widgets", "type": "microsoft.graph.widget" },
                { "name": "archivedWidgets", "type": "microsoft.graph.widget" }
            ] } }),
        ),
        (
            "widget.json",
            json!({ "types": [{
                "kind": "entity", "name": "widget", "namespace": "microsoft.graph", "description": "A widget.",
                "properties": [
                    { "name": "id", "type": "String" },
                    { "name": "serial", "type": "String" },
                    { "name": "color", "type": "String" },
                    { "name": "size", "type": "Int32" },
                    { "name": "shape", "type": "shape" }
                ],
                "operations": [
                    operation("get", "/widgets/{widgetId}", json!({ "type": "widget" })),
                    operation("list", "/widgets", json!({ "type": "widget", "collection": true }))
                ],
                "alternateKeys": [["serial"]],
                "hasStream": true,
                "pathAddressing": ["belowItem"],
                "boundOperations": [
                    { "name": "polish", "kind": "action", "bindsTo": "entity", "parameters": [{ "name": "shine", "type": "Int32" }] },
                    { "name": "paint", "kind": "action", "bindsTo": "entity", "parameters": [{ "name": "color", "type": "String" }] },
                    {
                        "name": "report", "kind": "function", "bindsTo": "entity",
                        "parameters": [{ "name": "period", "type": "String" }], "returns": { "type": "String" }
                    }
                ]
            }]}),
        ),
        (
            "shape.json",
            json!({ "types": [{
                "kind": "enum", "name": "shape", "namespace": "microsoft.graph",
                "members": [{ "name": "round", "value": 0 }, { "name": "square", "value": 1 }]
            }]}),
        ),
        (
            "gadget.json",
            json!({ "types": [{
                "kind": "complex", "name": "gadget", "namespace": "microsoft.graph",
                "properties": [{ "name": "name", "type": "String" }]
            }]}),
        ),
    ])
}

/// The downstream program, written against the crate before: it uses every item a breaking
/// change below touches.
const PROGRAM: &str = r#"
use model::models::{Gadget, Shape, Widget, WidgetPaintParameters, WidgetPolishParameters};
use model::requests::widget as widgets;

pub fn use_everything() -> usize {
    let widget = Widget::builder().color("red").size(3).shape(Shape::Round).build();
    let size: Option<i32> = widget.size;
    let shape = match widget.shape {
        Some(Shape::Round) => "round",
        Some(Shape::Square) => "square",
        _ => "other",
    };
    let gadget = Gadget::builder().name("g").build();
    let get = widgets::get("widget-id");
    let list = widgets::list().top(5);
    let requests = [get.to_http(&model::runtime::Cloud::Global).is_ok(), list.to_http(&model::runtime::Cloud::Global).is_ok()];
    size.unwrap_or_default() as usize + shape.len() + gadget.name.map_or(0, |name| name.len()) + requests.len() + use_paths(&widget)
}

pub fn use_paths(widget: &Widget) -> usize {
    let cloud = model::runtime::Cloud::Global;
    let one = model::requests::widgets().by_id("w-1");
    let polish = one.polish(&WidgetPolishParameters::builder().shine(3).build());
    let paint = one.paint(&WidgetPaintParameters::builder().color("red").build());
    let report = one.report("D7");
    let create = model::requests::widgets().create(widget);
    let by_serial = model::requests::widgets().by_serial("s-1").get();
    let archived = model::requests::archived_widgets().list();
    let below = one.item_by_path("spare/parts").get();
    let content = one.value().get();
    [
        polish.to_http(&cloud).is_ok(),
        paint.to_http(&cloud).is_ok(),
        report.to_http(&cloud).is_ok(),
        create.to_http(&cloud).is_ok(),
        by_serial.to_http(&cloud).is_ok(),
        archived.to_http(&cloud).is_ok(),
        below.to_http(&cloud).is_ok(),
        content.to_http(&cloud).is_ok(),
    ]
    .len()
}
"#;

fn widget<'a>(files: &'a mut BTreeMap<&'static str, Value>) -> &'a mut Value {
    &mut files.get_mut("widget.json").unwrap()["types"][0]
}

fn bound<'a>(files: &'a mut BTreeMap<&'static str, Value>) -> &'a mut Vec<Value> {
    widget(files)["boundOperations"].as_array_mut().unwrap()
}

fn bound_named<'a>(files: &'a mut BTreeMap<&'static str, Value>, name: &str) -> &'a mut Value {
    bound(files).iter_mut().find(|operation| operation["name"] == name).unwrap()
}

fn entity_sets<'a>(files: &'a mut BTreeMap<&'static str, Value>) -> &'a mut Vec<Value> {
    files.get_mut("service.json").unwrap()["service"]["entitySets"].as_array_mut().unwrap()
}

fn shape_members<'a>(files: &'a mut BTreeMap<&'static str, Value>) -> &'a mut Vec<Value> {
    files.get_mut("shape.json").unwrap()["types"][0]["members"].as_array_mut().unwrap()
}

/// One variant of the descriptions: what changed, the checks the report must find, and for a
/// breaking change a word the compiler's error must name.
struct Variant {
    name: &'static str,
    edit: fn(&mut BTreeMap<&'static str, Value>),
    checks: &'static [&'static str],
    symptom: Option<&'static str>,
}

// Long on purpose: the table of changes, one short entry per variant.
fn variants() -> Vec<Variant> {
    vec![
        Variant {
            name: "property-removed",
            edit: |files| widget(files)["properties"].as_array_mut().unwrap().retain(|p| p["name"] != "color"),
            checks: &["property-removed"],
            symptom: Some("color"),
        },
        Variant {
            name: "property-type-changed",
            edit: |files| widget(files)["properties"][3]["type"] = json!("String"),
            checks: &["property-type-changed"],
            symptom: Some("mismatched types"),
        },
        Variant {
            name: "enum-member-removed",
            edit: |files| shape_members(files).retain(|m| m["name"] != "round"),
            checks: &["enum-member-removed"],
            symptom: Some("Round"),
        },
        Variant {
            name: "enum-member-renamed",
            edit: |files| shape_members(files)[1]["name"] = json!("boxy"),
            checks: &["enum-member-renamed"],
            symptom: Some("Square"),
        },
        Variant {
            name: "type-removed",
            edit: |files| {
                files.remove("gadget.json");
            },
            checks: &["type-removed"],
            symptom: Some("Gadget"),
        },
        Variant {
            name: "operation-removed",
            edit: |files| widget(files)["operations"].as_array_mut().unwrap().retain(|o| o["name"] != "get"),
            checks: &["operation-removed"],
            symptom: Some("get"),
        },
        Variant {
            name: "operation-path-changed",
            edit: |files| widget(files)["operations"][1]["path"] = json!("/shelves/{shelfId}/widgets"),
            checks: &["operation-parameters-changed"],
            symptom: Some("argument"),
        },
        Variant {
            // Keyed by position, `paint` would be compared with `buff` and `polish` with `paint`.
            name: "bound-operation-inserted-before-another",
            edit: |files| {
                let buff = json!({ "name": "buff", "kind": "action", "bindsTo": "entity", "parameters": [{ "name": "grit", "type": "Int32" }] });
                bound(files).insert(0, buff);
            },
            checks: &["bound-operation-added"],
            symptom: None,
        },
        Variant {
            name: "bound-operation-removed",
            edit: |files| bound(files).retain(|operation| operation["name"] != "polish"),
            checks: &["bound-operation-removed"],
            symptom: Some("polish"),
        },
        Variant {
            name: "function-given-a-required-parameter",
            edit: |files| {
                let parameters = bound_named(files, "report")["parameters"].as_array_mut().unwrap();
                parameters.push(json!({ "name": "scope", "type": "String" }));
            },
            checks: &["call-arguments-changed"],
            symptom: Some("argument"),
        },
        Variant {
            name: "action-parameter-removed",
            edit: |files| bound_named(files, "polish")["parameters"] = json!([{ "name": "gloss", "type": "Int32" }]),
            checks: &["call-parameter-removed", "call-parameter-required"],
            symptom: Some("shine"),
        },
        Variant {
            name: "action-loses-its-parameters",
            edit: |files| bound_named(files, "paint")["parameters"] = json!([]),
            checks: &["call-arguments-changed", "call-parameter-removed"],
            symptom: Some("WidgetPaintParameters"),
        },
        Variant {
            name: "capability-removed",
            edit: |files| entity_sets(files)[0]["capabilities"] = json!({ "insertable": false }),
            checks: &["capability-removed"],
            symptom: Some("create"),
        },
        Variant {
            name: "alternate-key-removed",
            edit: |files| {
                widget(files).as_object_mut().unwrap().remove("alternateKeys");
            },
            checks: &["alternate-key-removed"],
            symptom: Some("by_serial"),
        },
        Variant {
            name: "path-addressing-removed",
            edit: |files| {
                widget(files).as_object_mut().unwrap().remove("pathAddressing");
            },
            checks: &["path-addressing-removed"],
            symptom: Some("item_by_path"),
        },
        Variant {
            name: "stream-removed",
            edit: |files| widget(files)["hasStream"] = json!(false),
            checks: &["stream-removed"],
            symptom: Some("value"),
        },
        Variant {
            name: "entity-set-removed",
            edit: |files| entity_sets(files).retain(|set| set["name"] != "archivedWidgets"),
            checks: &["entity-set-removed"],
            symptom: Some("archived_widgets"),
        },
        Variant {
            name: "warnings",
            edit: |files| {
                widget(files)["operations"][0]["path"] = json!("/gizmos/{gizmoId}");
                widget(files)["operations"][0]["successStatus"] = json!(203);
                let parameters = bound_named(files, "paint")["parameters"].as_array_mut().unwrap();
                parameters.push(json!({ "name": "finish", "type": "String" }));
            },
            checks: &[
                "call-parameter-required",
                "operation-docs-changed",
                "operation-path-changed",
                "operation-status-changed",
            ],
            symptom: None,
        },
        Variant {
            name: "additive-and-documentation",
            edit: |files| {
                let widget = widget(files);
                widget["description"] = json!("A widget, as the docs now describe it.");
                widget["properties"].as_array_mut().unwrap().push(json!({ "name": "weight", "type": "Double" }));
                widget["operations"].as_array_mut().unwrap().push(json!({
                    "name": "delete", "method": "DELETE", "path": "/widgets/{widgetId}", "successStatus": 204
                }));
                shape_members(files).push(json!({ "name": "triangle", "value": 2 }));
                entity_sets(files).push(json!({ "name": "newWidgets", "type": "microsoft.graph.widget" }));
                self::widget(files)["alternateKeys"].as_array_mut().unwrap().push(json!(["color"]));
                let polish = bound_named(files, "polish");
                polish["parameters"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({ "name": "wax", "type": "String", "optional": true }));
                bound_named(files, "report")["description"] =
                    json!("The widget's report, as the docs now describe it.");
                files.insert(
                    "thing.json",
                    json!({ "types": [{
                        "kind": "complex", "name": "thing", "namespace": "microsoft.graph",
                        "properties": [{ "name": "label", "type": "String" }]
                    }]}),
                );
                files.insert(
                    "fancyWidget.json",
                    json!({ "types": [{
                        "kind": "entity", "name": "fancyWidget", "namespace": "microsoft.graph", "baseType": "widget",
                        "properties": [{ "name": "sparkle", "type": "Boolean" }]
                    }]}),
                );
            },
            checks: &[
                "alternate-key-added",
                "call-docs-changed",
                "call-parameter-added",
                "derived-type-added",
                "entity-set-added",
                "enum-member-added",
                "operation-added",
                "property-added",
                "type-added",
                "type-description-changed",
            ],
            symptom: None,
        },
    ]
}

fn write_descriptions(dir: &Path, files: &BTreeMap<&'static str, Value>) {
    fs::create_dir_all(dir).unwrap();
    for (name, value) in files {
        fs::write(dir.join(name), serde_json::to_string_pretty(value).unwrap()).unwrap();
    }
}

/// Generates the crate `gen-<name>` from `schema` and a downstream crate `use-<name>` of the
/// program against it, both in the workspace `root`.
fn add_crates(root: &Path, name: &str, schema: &Path) {
    Config::new(schema)
        .crate_name(format!("gen-{name}"))
        .standalone_workspace(false)
        .generate()
        .unwrap()
        .write_to(&root.join(format!("gen-{name}")))
        .unwrap();
    let user = root.join(format!("use-{name}"));
    fs::create_dir_all(user.join("src")).unwrap();
    fs::write(
        user.join("Cargo.toml"),
        format!(
            "[package]\nname = \"use-{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nmodel = {{ path = \"../gen-{name}\", package = \"gen-{name}\" }}\n"
        ),
    )
    .unwrap();
    fs::write(user.join("src/lib.rs"), PROGRAM).unwrap();
}

#[test]
fn what_the_report_calls_breaking_is_what_breaks_a_downstream_program() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("workspace");
    let base = before();
    let before_dir = work.path().join("schema-before");
    write_descriptions(&before_dir, &base);
    add_crates(&root, "before", &before_dir);
    let old = msgraph_codegen::load::load_dir(&before_dir).unwrap();

    let variants = variants();
    for variant in &variants {
        let mut files = base.clone();
        (variant.edit)(&mut files);
        let dir = work.path().join(format!("schema-{}", variant.name));
        write_descriptions(&dir, &files);
        let new = msgraph_codegen::load::load_dir(&dir).unwrap();
        let changes = diff::diff_files(&old, &new, &diff::DiffOptions::default()).unwrap();
        let found: BTreeSet<&str> = changes.iter().map(|change| change.check.id()).collect();
        assert_eq!(found, variant.checks.iter().copied().collect(), "{}: {changes:#?}", variant.name);
        let breaking = changes.iter().any(|change| change.level() == Level::Breaking);
        assert_eq!(breaking, variant.symptom.is_some(), "{}: {changes:#?}", variant.name);
        add_crates(&root, variant.name, &dir);
    }
    let members: Vec<String> = std::iter::once("before")
        .chain(variants.iter().map(|variant| variant.name))
        .flat_map(|name| [format!("\"gen-{name}\""), format!("\"use-{name}\"")])
        .collect();
    fs::write(root.join("Cargo.toml"), format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")))
        .unwrap();

    let output = common::cargo_output(&root, &["check", "--workspace", "--keep-going", "--message-format=short"]);
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    // With `--message-format=short`, each error line starts with the file it is in.
    let errors_of = |name: &str| -> Vec<&str> {
        let prefix = format!("use-{name}/src/lib.rs");
        log.lines().filter(|line| line.starts_with(&prefix) && line.contains("error")).collect()
    };
    assert!(
        !log.lines().any(|line| line.starts_with("gen-") && line.contains("error")),
        "a generated crate does not compile:\n{log}"
    );
    assert!(errors_of("before").is_empty(), "the program must compile against the crate it was written for:\n{log}");
    for variant in &variants {
        let errors = errors_of(variant.name);
        match variant.symptom {
            None => assert!(errors.is_empty(), "{} is not breaking, yet the program broke:\n{log}", variant.name),
            Some(symptom) => assert!(
                errors.iter().any(|line| line.contains(symptom)),
                "{} is breaking, so the program must fail with an error about `{symptom}`:\n{log}",
                variant.name
            ),
        }
    }
}
