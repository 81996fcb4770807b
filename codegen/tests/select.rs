//! Generating only chosen types (`Config::types`, `generate --types`): the chosen types and what
//! they need are generated, navigation properties to the others are left out without losing their
//! JSON (`fixtures/select/lossless.rs`, run inside the generated crate), and a pattern that
//! matches nothing is an error that suggests a name.

mod common;

use std::path::{Path, PathBuf};

use msgraph_codegen::{Config, Error};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/addressing")
}

/// The model files of a generated crate, without `.rs`.
fn models(generated: &msgraph_codegen::GeneratedCrate) -> Vec<String> {
    let files = generated.files().unwrap();
    let mut names: Vec<String> = files
        .keys()
        .filter_map(|path| path.strip_prefix("src/models/").ok())
        .filter_map(|path| path.to_str()?.strip_suffix(".rs").map(str::to_owned))
        .filter(|name| name != "mod")
        .collect();
    names.sort();
    names
}

#[test]
fn chosen_types_come_with_what_they_need() {
    let generated = Config::new(fixture()).crate_name("msgraph-v1").types(["microsoft.graph.user"]).generate().unwrap();
    // Its base types, the types of its structural properties (`assignedLicenses`), and of its
    // bound operations (`sendMail` takes a message, which takes an item body and recipients).
    assert_eq!(
        models(&generated),
        [
            "assigned_license",
            "body_type",
            "directory_object",
            "email_address",
            "entity",
            "importance",
            "item_body",
            "message",
            "outlook_item",
            "recipient",
            "user"
        ]
    );
    let files = generated.files().unwrap();
    let user = &files[Path::new("src/models/user.rs")];
    assert!(!user.contains("pub events:") && !user.contains("pub fn events("), "event is left out");
    assert!(user.contains("pub manager:") && user.contains("pub fn manager("), "directoryObject is kept");
    let requests = &files[Path::new("src/requests.rs")];
    assert!(requests.contains("pub fn users()") && requests.contains("pub fn me()"));
    assert!(!requests.contains("pub fn groups()"), "the roots of types left out are left out");

    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("msgraph-v1");
    generated.write_to(&crate_dir).unwrap();
    std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/select/lossless.rs"),
        crate_dir.join("tests/lossless.rs"),
    )
    .unwrap();
    common::cargo_in(&crate_dir, &["clippy", "--all-targets", "--", "-D", "warnings"]);
    common::cargo_in(&crate_dir, &["test"]);
}

#[test]
fn patterns_take_wildcards_and_several_names() {
    let generated =
        Config::new(fixture()).types(["microsoft.graph.drive*", "microsoft.graph.group"]).generate().unwrap();
    let models = models(&generated);
    for expected in ["drive", "drive_item", "group", "directory_object", "entity"] {
        assert!(models.iter().any(|m| m == expected), "{expected} in {models:?}");
    }
    assert!(!models.iter().any(|m| m == "user"), "user is not needed: {models:?}");
}

#[test]
fn a_pattern_that_matches_nothing_suggests_a_name() {
    let error = Config::new(fixture()).types(["microsoft.graph.usr"]).generate().unwrap_err();
    assert!(matches!(error, Error::NoMatch { .. }));
    assert_eq!(
        error.to_string(),
        "error: `microsoft.graph.usr` is no described type\n  = help: did you mean `microsoft.graph.user`?"
    );
}

#[test]
fn a_workload_brings_what_its_root_contains() {
    let generated = Config::new(fixture()).workloads(["users"]).generate().unwrap();
    let models = models(&generated);
    // Containment navigations are followed (`/users/{id}/messages`, `…/mailFolders`), the others
    // are not (`manager` is a directory object, which user derives from anyway), nor those into
    // another workload: the type of the singleton `drive` (`/users/{id}/drive`), or a contained
    // subtree large enough to be a workload of its own (`event`, for `/users/{id}/events`).
    for expected in ["user", "message", "mail_folder", "profile_photo"] {
        assert!(models.iter().any(|m| m == expected), "{expected} in {models:?}");
    }
    for absent in ["group", "application", "drive", "drive_item", "event", "calendar"] {
        assert!(!models.iter().any(|m| m == absent), "{absent} in {models:?}");
    }
    let more = Config::new(fixture()).workloads(["users", "drive", "event"]).generate().unwrap();
    let models = self::models(&more);
    for expected in ["message", "drive_item", "event"] {
        assert!(models.iter().any(|m| m == expected), "{expected} in {models:?}");
    }
    assert!(!more.files().unwrap()[Path::new("src/requests.rs")].contains("pub fn event"), "no entry point");
    let files = generated.files().unwrap();
    let requests = &files[Path::new("src/requests.rs")];
    assert!(requests.contains("pub fn users()"));
    assert!(!requests.contains("pub fn me()"), "only the chosen roots get entry points");
    let snake = Config::new(fixture()).workloads(["directory_objects"]).generate().unwrap();
    assert!(snake.files().unwrap()[Path::new("src/requests.rs")].contains("pub fn directory_objects()"));
    let error = Config::new(fixture()).workloads(["usrs"]).generate().unwrap_err();
    assert_eq!(error.to_string(), "error: `usrs` is no described workload\n  = help: did you mean `users`?");
}
