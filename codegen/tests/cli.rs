//! The `msgraph-codegen` command line, run as a user runs it.

mod common;

use std::fs;
use std::path::Path;

use common::{repo_schema, snapshot_tree};
use std::process::{Command, Output};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msgraph-codegen")).args(args).output().expect("the binary runs")
}

fn generate(schema: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["generate", "--schema", schema.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    codegen(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn generate_then_check_reports_drift() {
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("msgraph-beta");
    let output = generate(&repo_schema(), &crate_dir, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(crate_dir.join("Cargo.toml").is_file());
    assert!(crate_dir.join("src/models/dep_enrollment_profile.rs").is_file());

    let check = generate(&repo_schema(), &crate_dir, &["--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("is up to date"));

    let model = crate_dir.join("src/models/entity.rs");
    fs::write(&model, "// edited by hand\n").unwrap();
    fs::write(crate_dir.join("src/models/removed_type.rs"), "").unwrap();
    let before = snapshot_tree(&crate_dir);
    let check = generate(&repo_schema(), &crate_dir, &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    assert!(message.contains("changed:") && message.contains("entity.rs"), "{message}");
    assert!(message.contains("stale:") && message.contains("removed_type.rs"), "{message}");
    assert!(message.contains("is out of date (2 files)"), "{message}");
    assert_eq!(snapshot_tree(&crate_dir), before, "--check writes nothing");

    // Regenerating restores the file, removes the stale one, and keeps what is not ours.
    fs::write(crate_dir.join("Cargo.lock"), "# kept\n").unwrap();
    assert!(generate(&repo_schema(), &crate_dir, &[]).status.success());
    assert!(generate(&repo_schema(), &crate_dir, &["--check"]).status.success());
    assert_eq!(fs::read_to_string(crate_dir.join("Cargo.lock")).unwrap(), "# kept\n");
}

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("crate");
    assert!(generate(&repo_schema(), &crate_dir, &[]).status.success());
    let before = snapshot_tree(&crate_dir);

    let schema = out.path().join("schema");
    fs::create_dir(&schema).unwrap();
    for entry in fs::read_dir(repo_schema()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, schema.join(path.file_name().unwrap())).unwrap();
        }
    }
    let broken = schema.join("depEnrollmentProfile.json");
    let text = fs::read_to_string(&broken)
        .unwrap()
        .replace("\"type\": \"iTunesPairingMode\"", "\"type\": \"iTunesPairingMod\"");
    fs::write(&broken, text).unwrap();
    fs::write(schema.join("empty.json"), "").unwrap();

    let output = generate(&schema, &crate_dir, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("the description file is empty"), "{message}");
    fs::remove_file(schema.join("empty.json")).unwrap();
    let output = generate(&schema, &crate_dir, &[]);
    let message = stderr(&output);
    assert!(
        message.contains("error: unknown type `iTunesPairingMod` for the property `iTunesPairingMode`"),
        "{message}"
    );
    assert!(message.contains("depEnrollmentProfile.json:"), "{message}");
    assert!(message.contains("at types[0].properties[14].type"), "{message}");
    assert!(message.contains("help: did you mean `iTunesPairingMode`?"), "{message}");
    assert_eq!(snapshot_tree(&crate_dir), before, "the previous output is byte-for-byte unchanged");
}

#[test]
fn output_does_not_depend_on_file_system_order() {
    let out = tempfile::tempdir().unwrap();
    let mut names: Vec<_> = fs::read_dir(repo_schema())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| p.file_name().unwrap().to_owned())
        .collect();
    names.sort();
    // The same files, created in opposite orders (and so listed differently by some file systems).
    for (folder, reversed) in [("forward", false), ("backward", true)] {
        let dir = out.path().join(folder);
        fs::create_dir(&dir).unwrap();
        let order: Vec<_> = if reversed { names.iter().rev().collect() } else { names.iter().collect() };
        for name in order {
            fs::copy(repo_schema().join(name), dir.join(name)).unwrap();
        }
        assert!(generate(&dir, &out.path().join(format!("{folder}-crate")), &[]).status.success());
    }
    assert_eq!(snapshot_tree(&out.path().join("forward-crate")), snapshot_tree(&out.path().join("backward-crate")));
}

#[test]
fn json_schema_command_prints_the_checked_in_schema() {
    let output = codegen(&["json-schema"]);
    assert!(output.status.success());
    let checked_in = fs::read_to_string(repo_schema().join("msgraph-description.schema.json")).unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), checked_in);
}

#[test]
fn a_missing_schema_folder_is_a_clear_error() {
    let out = tempfile::tempdir().unwrap();
    let output = generate(&out.path().join("nope"), &out.path().join("crate"), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read"), "{}", stderr(&output));
    let output = generate(out.path(), &out.path().join("crate"), &[]);
    assert!(stderr(&output).contains("holds no description files"), "{}", stderr(&output));
}

/// The vendored crate compiles on its own with warnings denied, with and without its client.
#[test]
fn the_generated_crate_builds_on_its_own_without_warnings() {
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("msgraph-beta");
    assert!(generate(&repo_schema(), &crate_dir, &[]).status.success());
    common::cargo_in(&crate_dir, &["build"]);
    common::cargo_in(&crate_dir, &["build", "--features", "client"]);
}
