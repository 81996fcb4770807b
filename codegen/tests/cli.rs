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

/// The vendored crate (the CLI's own `Cargo.toml` and layout, not the workspace's `generated/`)
/// compiles on its own with warnings denied, with and without its client. `check`: the workspace
/// already builds and tests the same code through `generated/build.rs`.
#[test]
fn the_generated_crate_builds_on_its_own_without_warnings() {
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("msgraph-beta");
    assert!(generate(&repo_schema(), &crate_dir, &[]).status.success());
    common::cargo_in(&crate_dir, &["check"]);
    common::cargo_in(&crate_dir, &["check", "--features", "client"]);
}

/// A copy of the repository's descriptions in a temporary folder, with `edit` applied to the
/// parsed JSON of `file`.
fn edited_schema(file: &str, edit: impl FnOnce(&mut serde_json::Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(repo_schema()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let path = dir.path().join(file);
    let mut value: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut value);
    fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    dir
}

fn diff(old: &Path, new: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["diff", old.to_str().unwrap(), new.to_str().unwrap()];
    args.extend_from_slice(extra);
    codegen(&args)
}

#[test]
fn diff_reports_a_removed_enum_member_as_breaking_and_deny_gates_on_it() {
    let new = edited_schema("iTunesPairingMode.json", |value| {
        let members = value["types"][0]["members"].as_array_mut().unwrap();
        members.retain(|member| member["name"] != "disallow");
        members.push(serde_json::json!({ "name": "later", "value": 7 }));
    });
    let output = diff(&repo_schema(), new.path(), &[]);
    assert!(output.status.success(), "without --deny the report is only information: {}", stderr(&output));
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.contains(": 1 breaking, 0 warning, 1 additive, 0 documentation\n"), "{markdown}");
    assert!(
        markdown.contains("| breaking | `enum-member-removed` | 1 |\n| additive | `enum-member-added` | 1 |\n"),
        "the counts per check come before the tables: {markdown}"
    );
    assert!(
        markdown.contains(
            "| `enum-member-removed` | `microsoft.graph.iTunesPairingMode` | The member `disallow` of the enum `microsoft.graph.iTunesPairingMode` was removed. |"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("has a new member `later`"), "{markdown}");

    let denied = diff(&repo_schema(), new.path(), &["--deny", "breaking"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(stderr(&denied).contains("--deny breaking"), "{}", stderr(&denied));

    let json = diff(&repo_schema(), new.path(), &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["summary"]["breaking"], 1);
    assert_eq!(value["checks"]["enum-member-removed"], 1);
    assert_eq!(value["changes"][0]["id"], "enum-member-removed");
}

#[test]
fn diff_deny_additive_fails_on_an_added_property_and_deny_breaking_does_not() {
    let new = edited_schema("depEnrollmentProfile.json", |value| {
        let properties = value["types"][0]["properties"].as_array_mut().unwrap();
        properties.push(serde_json::json!({ "name": "newSetting", "type": "Boolean" }));
    });
    assert!(diff(&repo_schema(), new.path(), &["--deny", "breaking"]).status.success());
    let denied = diff(&repo_schema(), new.path(), &["--deny", "additive"]);
    assert_eq!(denied.status.code(), Some(1));
    let report = String::from_utf8(denied.stdout).unwrap();
    assert!(report.contains("`microsoft.graph.depEnrollmentProfile` has a new property `newSetting`."), "{report}");
}

#[test]
fn diff_imports_doc_pages_and_metadata_in_memory() {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/graph-docs");
    let same = diff(&pages, &pages, &["--deny", "documentation"]);
    assert!(same.status.success(), "{}", stderr(&same));
    assert!(String::from_utf8(same.stdout).unwrap().contains("No changes."));

    // The CSDL fixture against its own import written as descriptions: the same API.
    let csdl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csdl/small.csdl");
    let imported = tempfile::tempdir().unwrap();
    let output = codegen(&["import", csdl.to_str().unwrap(), "--out", imported.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = diff(imported.path(), &csdl, &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(value["summary"]["breaking"], 0, "{value}");
    assert_eq!(value["summary"]["additive"], 0, "{value}");
}

#[test]
fn diff_errors_on_bad_input_are_located() {
    let new = tempfile::tempdir().unwrap();
    fs::write(new.path().join("broken.json"), "{\"types\": [\n  {\"kind\": \"entity\",}\n]}\n").unwrap();
    let output = diff(&repo_schema(), new.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("broken.json:2:"), "{message}");

    let missing = diff(&repo_schema(), Path::new("no/such/folder"), &[]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("cannot read `no/such/folder`"), "{}", stderr(&missing));
}

#[test]
fn regenerating_after_one_type_changed_formats_only_its_file_and_the_cache_never_changes_output() {
    let out = tempfile::tempdir().unwrap();
    let (cached, fresh) = (out.path().join("cached"), out.path().join("fresh"));
    assert!(generate(&repo_schema(), &cached, &[]).status.success());
    let pack = cached.join(".msgraph-codegen-cache/format.pack");
    assert!(pack.is_file(), "the cache lives in the crate folder, outside src/");

    let schema = edited_schema("depEnrollmentProfile.json", |value| {
        let properties = value["types"][0]["properties"].as_array_mut().unwrap();
        properties.push(serde_json::json!({ "name": "newSetting", "type": "Boolean" }));
    });
    let output = generate(schema.path(), &cached, &[]);
    let message = stderr(&output);
    assert!(message.contains("wrote 1 file,") && message.contains("(formatted 1, "), "{message}");
    assert!(generate(schema.path(), &fresh, &["--no-format-cache"]).status.success());
    let source_tree = |dir: &Path| snapshot_tree(&dir.join("src"));
    assert_eq!(source_tree(&cached), source_tree(&fresh), "the cached run writes what a fresh run writes");

    // A corrupt cache is ignored: the output is the same, formatted again.
    let mut bytes = fs::read(&pack).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..].iter_mut().take(4096).for_each(|byte| *byte = b'#');
    fs::write(&pack, bytes).unwrap();
    fs::remove_dir_all(cached.join("src")).unwrap();
    assert!(generate(schema.path(), &cached, &[]).status.success());
    assert_eq!(source_tree(&cached), source_tree(&fresh));

    // A type file edited by hand, even to the same length, is not what the cache says its type
    // made: it is generated again (emitted and formatted) and put back.
    let edited = cached.join("src/models/dep_enrollment_profile.rs");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replacen("pub struct", "pub  struct", 1).replacen("\n\n", "\n", 1)).unwrap();
    assert_eq!(fs::metadata(&edited).unwrap().len(), text.len() as u64);
    let output = generate(schema.path(), &cached, &[]);
    let message = stderr(&output);
    assert!(message.contains("wrote 1 file,") && message.contains("(formatted 1, "), "{message}");
    assert_eq!(source_tree(&cached), source_tree(&fresh));
    // And a run with nothing changed formats nothing.
    let message = stderr(&generate(schema.path(), &cached, &[]));
    assert!(message.contains("wrote 0 files,") && message.contains("(formatted 0, "), "{message}");
}

#[test]
fn checks_prints_the_table_of_checks_that_the_docs_hold() {
    let output = codegen(&["checks"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = String::from_utf8(output.stdout).unwrap();
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/change-report.md");
    let docs = fs::read_to_string(&docs).unwrap();
    assert!(
        docs.contains(&table),
        "docs/change-report.md must hold the table `msgraph-codegen checks` prints today:\n{table}"
    );
    for check in msgraph_codegen::diff::Check::ALL {
        assert!(table.contains(&format!("| `{}` | {} |", check.id(), check.level())), "{check:?}");
    }
}

#[test]
fn an_empty_folder_is_an_error_for_import_diff_and_generate() {
    let empty = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let written = out.path().join("schema");
    let import = codegen(&["import", empty.path().to_str().unwrap(), "--out", written.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(1), "{}", stderr(&import));
    assert!(
        stderr(&import).contains("holds no doc pages (*.md, *.txt), metadata (*.csdl, *.xml)"),
        "{}",
        stderr(&import)
    );
    assert!(!written.exists(), "nothing is written");

    let diff = diff(empty.path(), &repo_schema(), &[]);
    assert_eq!(diff.status.code(), Some(1), "a wrong folder in the maintainer's loop must not pass: {}", stderr(&diff));
    assert!(stderr(&diff).contains("holds no doc pages"), "{}", stderr(&diff));
    assert!(diff.stdout.is_empty(), "no report");

    let generate = generate(empty.path(), &written, &[]);
    assert_eq!(generate.status.code(), Some(1));
    assert!(stderr(&generate).contains("holds no description files (*.json)"), "{}", stderr(&generate));
}

#[test]
fn a_file_where_a_folder_is_expected_says_so() {
    let out = tempfile::tempdir().unwrap();
    let file = repo_schema().join("entity.json");
    let output = generate(&file, out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("is a file, not a folder"), "{message}");
    assert!(message.contains("`--schema` (and `Config::new`) takes the folder of description files"), "{message}");
    assert!(!message.contains("check that the path exists"), "{message}");
}

#[test]
fn a_misspelled_field_gets_did_you_mean_and_other_files_problems_come_in_the_same_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.json"),
        r#"{"types": [{"kind": "complex", "name": "a", "namespace": "microsoft.graph", "descripton": "An a.",
  "properties": [{"name": "b", "type": "b"}]}]}"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("b.json"),
        r#"{"types": [{"kind": "complex", "name": "b", "namespace": "microsoft.graph",
  "properties": [{"name": "c", "type": "Strin", "nulable": false}]}]}"#,
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = generate(dir.path(), out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    // Both unknown fields, each with the known one it is closest to, and what lowering finds in
    // the rest of the files (the type `b` of a.json resolves: b.json was read without its typo).
    assert!(
        message.contains("unknown field `descripton`") && message.contains("did you mean `description`?"),
        "{message}"
    );
    assert!(message.contains("unknown field `nulable`") && message.contains("did you mean `nullable`?"), "{message}");
    assert!(message.contains("unknown type `Strin`") && message.contains("did you mean `String`?"), "{message}");
    assert!(!message.contains("unknown type `b`"), "{message}");
    assert!(message.contains("3 errors"), "{message}");
}
