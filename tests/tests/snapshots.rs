//! One insta snapshot per generated file, so a pull request's diff names the type that changed.
//!
//! Every file is checked even when an earlier one changed, and a `.snap` file that no generated
//! file produces any more fails the test, so removed types do not leave stale snapshots behind.
//! Review changes with `cargo insta test --review` (or `cargo insta review`). When files changed,
//! the failure names them, says what to run (on CI, where insta writes no `.snap.new`, what to run
//! locally), and, in a git clone, gives the change report's summary of `schema/` against the last
//! commit's, so a reviewer sees at once whether the change breaks downstream code.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use msgraph_codegen::Config;
use msgraph_tests::schema_dir;

/// The snapshot name of a generated file: its path inside `src/`, `/` as `__`, without `.rs`.
fn snapshot_name(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    // The runtime files are copies of codegen/src/runtime/*.rs, reviewed there as source.
    if text.starts_with("src/runtime/") && !text.ends_with("mod.rs") {
        return None;
    }
    Some(text.trim_start_matches("src/").trim_end_matches(".rs").replace('/', "__"))
}

#[test]
fn generated_files_match_their_snapshots() {
    let files = Config::new(schema_dir()).generate().expect("schema/ generates").files().expect("files render");
    let snapshot_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(&snapshot_dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);

    let mut expected = BTreeSet::new();
    let mut changed = Vec::new();
    for (path, content) in &files {
        let Some(name) = snapshot_name(path) else { continue };
        expected.insert(format!("{name}.snap"));
        let mut settings = settings.clone();
        settings.set_description(path.display().to_string());
        let result =
            catch_unwind(AssertUnwindSafe(|| settings.bind(|| insta::assert_snapshot!(name.as_str(), content))));
        if result.is_err() {
            changed.push(path.display().to_string());
        }
    }

    let orphans: Vec<String> = std::fs::read_dir(&snapshot_dir)
        .expect("the snapshot folder exists")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap") && !expected.contains(name))
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots of files that are no longer generated: {orphans:?}; delete them from {}",
        snapshot_dir.display()
    );
    assert!(changed.is_empty(), "{}", changed_message(&changed));
}

/// What to run where `cargo insta review` cannot open a terminal (an editor's task, an agent, a
/// script).
const NO_TERMINAL: &str = "Without a terminal for `cargo insta review`: `cargo insta accept` accepts every pending snapshot (then read the change with `git diff -- tests/tests/snapshots`), or run the tests with `INSTA_UPDATE=always` to write the snapshots directly and review them with `git diff`.\n";

/// Whether insta runs in CI mode (it then fails on a changed snapshot and writes no `.snap.new`).
fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false" && value != "0")
}

/// The failure message for changed snapshots: which files, exactly what to run, and the change
/// report's summary against the last commit.
fn changed_message(changed: &[String]) -> String {
    let mut message = format!("generated code changed in {} file(s): {changed:?}\n", changed.len());
    if on_ci() {
        message.push_str(
            "On CI (CI=true) insta writes no .snap.new. To review and accept the changes, run locally, from the repository root:\n    cargo install --locked cargo-insta   # once\n    cargo insta test -p msgraph-tests --test snapshots --review\nthen commit the changed .snap files in tests/tests/snapshots/.\n",
        );
    } else {
        message.push_str(
            "Review and accept them with `cargo insta review` (install once: `cargo install --locked cargo-insta`), then commit the changed .snap files in tests/tests/snapshots/.\n",
        );
    }
    message.push_str(NO_TERMINAL);
    match change_report_against_head() {
        Ok(summary) => message.push_str(&summary),
        Err(why) => message.push_str(&format!("(no change report against the last commit: {why})\n")),
    }
    message
}

/// The change report's summary of `schema/` against `git`'s `HEAD:schema/`, with the breaking
/// changes listed.
fn change_report_against_head() -> Result<String, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let output = std::process::Command::new("git")
            .arg("-C")
            .arg(msgraph_tests::repo_root())
            .args(args)
            .output()
            .map_err(|error| format!("git: {error}"))?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let mut sources = Vec::new();
    for path in git(&["ls-tree", "--name-only", "HEAD", "schema/"])?.lines() {
        if path.ends_with(".json") && !path.ends_with(".schema.json") {
            let text = git(&["show", &format!("HEAD:{path}")])?;
            sources.push(msgraph_codegen::diagnostic::Source { path: PathBuf::from(format!("HEAD:{path}")), text });
        }
    }
    let old = msgraph_codegen::load::parse_all(sources).map_err(|error| error.to_string())?;
    let new = msgraph_codegen::load::load_dir(&schema_dir()).map_err(|error| error.to_string())?;
    let changes = msgraph_codegen::diff::diff_files(&old, &new, &Default::default()).map_err(|e| e.to_string())?;
    let report = msgraph_codegen::diff::Report::new("HEAD:schema", "schema", changes);
    let mut text = format!("Change report, schema/ against the last commit: {}\n", report.summary());
    // A short report is listed whole; a long one by its breaking changes.
    let listed = report
        .changes
        .iter()
        .filter(|change| report.changes.len() <= 20 || change.level() == msgraph_codegen::diff::Level::Breaking);
    for change in listed {
        text.push_str(&format!("  {}: {}\n", change.level(), change.message));
    }
    text.push_str("(the whole report: see \"The maintainer's loop\" in the README)\n");
    Ok(text)
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    let first = Config::new(schema_dir()).generate().unwrap();
    let second = Config::new(schema_dir()).generate().unwrap();
    assert_eq!(first.files().unwrap(), second.files().unwrap());
    assert_eq!(first.include_file().unwrap(), second.include_file().unwrap());
}

#[test]
fn output_does_not_depend_on_input_file_order() {
    let config = Config::new(schema_dir());
    let mut files = msgraph_codegen::load::load_dir(&schema_dir()).unwrap();
    let sorted = config.generate_from(&files).unwrap().files().unwrap();
    files.reverse();
    let reversed = config.generate_from(&files).unwrap().files().unwrap();
    files.rotate_left(2);
    let rotated = config.generate_from(&files).unwrap().files().unwrap();
    assert_eq!(sorted, reversed);
    assert_eq!(sorted, rotated);
}

#[test]
fn the_crate_layout_has_one_file_per_type() {
    let files = Config::new(schema_dir()).generate().unwrap().files().unwrap();
    let models: Vec<String> = files
        .keys()
        .filter_map(|path| path.to_str())
        .filter(|path| path.starts_with("src/models/") && !path.ends_with("mod.rs"))
        .map(str::to_owned)
        .collect();
    let described = msgraph_codegen::load::load_dir(&schema_dir())
        .unwrap()
        .iter()
        .map(|f| f.description.types.len())
        .sum::<usize>();
    assert_eq!(models.len(), described, "one file per described type");
    for seed in [
        "dep_enrollment_profile",
        "enrollment_profile",
        "entity",
        "i_tunes_pairing_mode",
        "management_certificate_with_thumbprint",
    ] {
        assert!(models.contains(&format!("src/models/{seed}.rs")), "{seed}");
    }
    for (path, content) in &files {
        assert!(
            content.starts_with("// @generated by msgraph-codegen")
                || content.starts_with("# @generated by msgraph-codegen"),
            "{} lacks the generated-file header",
            path.display()
        );
    }
}

#[test]
fn msgraph_beta_has_the_dependencies_of_a_generated_crate() {
    // The build-script crate and a vendored crate must compile the same runtime the same way.
    let manifest = std::fs::read_to_string(msgraph_tests::repo_root().join("generated/Cargo.toml")).unwrap();
    let section = |name: &str| {
        let start = manifest.find(&format!("[{name}]\n")).unwrap_or_else(|| panic!("no [{name}]")) + name.len() + 3;
        let end = manifest[start..].find("\n[").map_or(manifest.len(), |i| start + i + 1);
        manifest[start..end].trim_end().to_owned()
    };
    assert_eq!(section("dependencies"), msgraph_codegen::output::RUNTIME_DEPENDENCIES.trim_end());
    assert_eq!(section("features"), msgraph_codegen::output::RUNTIME_FEATURES.trim_end());
}
