//! The change report on small, hand-written descriptions: what it finds, at which level, with which
//! Rust items and features, for the changes that made its rows false or missing on Graph's real
//! history (operations reordered, workloads cut again, a variant name taken by a new type, an
//! operation the generator cannot express). `diff_compiles.rs` proves the levels with rustc;
//! this checks the rows themselves.

use msgraph_codegen::diagnostic::Source;
use msgraph_codegen::diff::{self, Change, DiffOptions, Level};
use msgraph_codegen::load::{self, LoadedFile};
use serde_json::{Value, json};

fn files(descriptions: &[(&str, Value)]) -> Vec<LoadedFile> {
    let sources = descriptions
        .iter()
        .map(|(name, value)| Source { path: (*name).into(), text: serde_json::to_string_pretty(value).unwrap() })
        .collect();
    load::parse_all(sources).unwrap()
}

fn entity(name: &str, namespace: &str, base: Option<&str>, extra: Value) -> Value {
    let mut ty = json!({ "kind": "entity", "name": name, "namespace": namespace, "properties": [{ "name": "id", "type": "String" }] });
    if let Some(base) = base {
        ty["baseType"] = json!(base);
        ty["properties"] = json!([]);
    }
    for (key, value) in extra.as_object().unwrap() {
        ty[key] = value.clone();
    }
    json!({ "types": [ty] })
}

fn service(entity_sets: Value) -> (&'static str, Value) {
    ("service.json", json!({ "service": { "apiVersion": "v1.0", "entitySets": entity_sets } }))
}

fn changes(old: &[LoadedFile], new: &[LoadedFile], workload_features: bool) -> Vec<Change> {
    let options = DiffOptions { workload_features, ..DiffOptions::default() };
    diff::Report::new("old", "new", diff::diff_files(old, new, &options).unwrap()).changes
}

fn ids(changes: &[Change]) -> Vec<&str> {
    changes.iter().map(|change| change.check.id()).collect()
}

fn chat(operations: Value) -> (&'static str, Value) {
    ("chat.json", entity("chat", "microsoft.graph", None, json!({ "boundOperations": operations })))
}

fn action(name: &str, parameters: &[&str]) -> Value {
    let parameters: Vec<Value> = parameters.iter().map(|name| json!({ "name": name, "type": "String" })).collect();
    json!({ "name": name, "kind": "action", "bindsTo": "entity", "parameters": parameters })
}

#[test]
fn operations_inserted_and_reordered_are_one_added_row_whatever_their_places() {
    let root = service(json!([{ "name": "chats", "type": "microsoft.graph.chat" }]));
    let old = files(&[root.clone(), chat(json!([action("markRead", &["user"]), action("send", &["topic", "text"])]))]);
    // `hide` inserted first, the others swapped: keyed by position, `send` would be compared with
    // `markRead` and lose `topic` and `text`.
    let new = files(&[
        root,
        chat(json!([action("hide", &["user"]), action("send", &["topic", "text"]), action("markRead", &["user"])])),
    ]);
    let changes = changes(&old, &new, false);
    assert_eq!(ids(&changes), ["bound-operation-added"], "{changes:#?}");
    assert_eq!(changes[0].subject, "microsoft.graph.chat/hide");
}

#[test]
fn a_removed_action_names_its_methods_and_parameters_struct() {
    let root = service(json!([{ "name": "chats", "type": "microsoft.graph.chat" }]));
    let old = files(&[root.clone(), chat(json!([action("send", &["topic"])]))]);
    let new = files(&[root, chat(json!([]))]);
    let changes = changes(&old, &new, false);
    assert_eq!(ids(&changes), ["bound-operation-removed"], "{changes:#?}");
    assert_eq!(changes[0].rust, ["models::ChatRequests::send", "models::ChatSendParameters"]);
}

#[test]
fn a_function_given_a_parameter_is_the_same_function_with_other_arguments() {
    let function = |parameters: Value| json!({ "name": "report", "kind": "function", "bindsTo": "entity", "parameters": parameters, "returns": { "type": "String" } });
    let root = service(json!([{ "name": "chats", "type": "microsoft.graph.chat" }]));
    let old = files(&[root.clone(), chat(json!([function(json!([{ "name": "period", "type": "String" }]))]))]);
    let optional =
        json!([{ "name": "period", "type": "String" }, { "name": "scope", "type": "String", "optional": true }]);
    let with_option = files(&[root.clone(), chat(json!([function(optional)]))]);
    let changes_optional = changes(&old, &with_option, false);
    assert_eq!(ids(&changes_optional), ["call-parameter-added"], "{changes_optional:#?}");
    assert_eq!(changes_optional[0].level(), Level::Additive);

    let required = json!([{ "name": "period", "type": "String" }, { "name": "scope", "type": "String" }]);
    let with_argument = files(&[root, chat(json!([function(required)]))]);
    let changes = changes(&old, &with_argument, false);
    assert_eq!(ids(&changes), ["call-arguments-changed"], "{changes:#?}");
    assert!(changes[0].message.contains("from (period: String) to (period: String, scope: String)"), "{changes:#?}");
    assert_eq!(changes[0].rust, ["models::ChatRequests::report"]);
}

#[test]
fn a_new_type_that_takes_a_variant_name_is_a_rename_of_the_old_variant() {
    let base = (
        "entity.json",
        json!({ "types": [{ "kind": "entity", "name": "entity", "namespace": "microsoft.graph", "properties": [{ "name": "id", "type": "String" }] }] }),
    );
    let user = ("user.json", entity("user", "microsoft.graph", Some("entity"), json!({})));
    let old = files(&[base.clone(), user.clone()]);
    let security_user =
        ("securityUser.json", entity("user", "microsoft.graph.security", Some("microsoft.graph.entity"), json!({})));
    let new = files(&[base, user, security_user]);
    let changes = changes(&old, &new, false);
    let renamed: Vec<&Change> = changes.iter().filter(|change| change.level() == Level::Breaking).collect();
    assert_eq!(renamed.len(), 1, "{changes:#?}");
    assert_eq!(renamed[0].check.id(), "rust-name-changed");
    assert!(
        renamed[0].message.contains("`models::AnyEntity::User` changed to `models::AnyEntity::User2`"),
        "{renamed:#?}"
    );
    assert_eq!(renamed[0].rust, ["models::AnyEntity::User"]);
}

#[test]
fn a_workload_cut_again_narrows_the_feature_that_had_the_moved_types() {
    let user = (
        "user.json",
        entity(
            "user",
            "microsoft.graph",
            None,
            json!({ "properties": [
                { "name": "id", "type": "String" },
                { "name": "widgets", "type": "widget", "collection": true, "navigation": true, "containsTarget": true }
            ] }),
        ),
    );
    let widget = ("widget.json", entity("widget", "microsoft.graph", None, json!({})));
    let old =
        files(&[service(json!([{ "name": "users", "type": "microsoft.graph.user" }])), user.clone(), widget.clone()]);
    // A new entity set of widgets makes them a workload of their own: `users` alone no longer
    // compiles them, nor the navigation into them.
    let sets = json!([{ "name": "users", "type": "microsoft.graph.user" }, { "name": "widgets", "type": "microsoft.graph.widget" }]);
    let new = files(&[service(sets), user, widget]);
    let changes = changes(&old, &new, true);
    let narrowed: Vec<&Change> = changes.iter().filter(|change| change.check.id() == "feature-narrowed").collect();
    assert_eq!(narrowed.len(), 1, "{changes:#?}");
    assert_eq!(narrowed[0].features, ["users"]);
    // The widget's requests struct moves with it (semver-checks reports it as a missing struct).
    for item in ["models::Widget", "models::WidgetRequests", "models::User::widgets", "models::UserRequests::widgets"] {
        assert!(narrowed[0].rust.iter().any(|path| path == item), "{item} in {:#?}", narrowed[0].rust);
    }
    assert!(ids(&changes).contains(&"entity-set-added") && ids(&changes).contains(&"feature-added"), "{changes:#?}");
    // Without features, the same change is only additive.
    let without = self::changes(&old, &new, false);
    assert!(without.iter().all(|change| change.level() == Level::Additive), "{without:#?}");
}

#[test]
fn an_operation_the_generator_cannot_express_is_reported_and_never_dropped_silently() {
    let root = service(json!([{ "name": "chats", "type": "microsoft.graph.chat" }]));
    let filter = |ty: &str| json!({ "name": "filter", "kind": "function", "bindsTo": "entity", "parameters": [{ "name": "on", "type": ty }], "returns": { "type": "String" } });
    let thing = (
        "thing.json",
        json!({ "types": [{ "kind": "complex", "name": "thing", "namespace": "microsoft.graph", "properties": [{ "name": "a", "type": "String" }] }] }),
    );
    let old = files(&[root.clone(), thing.clone(), chat(json!([]))]);
    let new = files(&[root.clone(), thing.clone(), chat(json!([filter("thing")]))]);
    let changes_new = changes(&old, &new, false);
    assert_eq!(ids(&changes_new), ["operation-not-generated", "bound-operation-added"], "{changes_new:#?}");
    assert!(changes_new[0].message.contains("its parameter `on` (microsoft.graph.thing) cannot be written in a URL"));

    // The same function, generated before (its parameter a string), and not now.
    let before = files(&[root, thing, chat(json!([filter("String")]))]);
    let changes = changes(&before, &new, false);
    assert!(ids(&changes).contains(&"method-no-longer-generated"), "{changes:#?}");
    let row = changes.iter().find(|change| change.check.id() == "method-no-longer-generated").unwrap();
    assert_eq!(row.rust, ["models::ChatRequests::filter"]);
}

#[test]
fn the_json_report_lists_counts_per_check_and_the_rust_items_a_row_breaks() {
    let root = service(json!([{ "name": "chats", "type": "microsoft.graph.chat" }]));
    let old = files(&[root.clone(), chat(json!([action("send", &["topic"])]))]);
    let new = files(&[root, chat(json!([action("send", &[])]))]);
    let report = diff::Report::new("old", "new", diff::diff_files(&old, &new, &DiffOptions::default()).unwrap());
    let value: Value = serde_json::from_str(&diff::render::json(&report)).unwrap();
    assert_eq!(value["checks"], json!({ "call-arguments-changed": 1, "call-parameter-removed": 1 }), "{value:#}");
    // Without parameters the action has no struct, and its method no argument.
    let row = &value["changes"][0];
    assert_eq!(row["id"], "call-arguments-changed", "{value:#}");
    assert_eq!(row["rust"], json!(["models::ChatRequests::send", "models::ChatSendParameters"]));
    assert_eq!(value["changes"][1]["rust"], json!(["models::ChatSendParameters::topic"]));
}
