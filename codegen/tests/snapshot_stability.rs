//! A reviewer reads one snapshot per generated file. An additive change to the docs (one new
//! property, one new enum member) must change only the lines about it: nothing is renumbered or
//! reflowed elsewhere, so the diff of a pull request is the change itself.

use std::collections::BTreeMap;
use std::path::PathBuf;

use similar::{ChangeTag, TextDiff};

const BEFORE: &str = r#"{
  "types": [
    {
      "kind": "entity", "name": "profile", "namespace": "microsoft.graph",
      "properties": [
        {"name": "displayName", "type": "String", "description": "The name."},
        {"name": "mode", "type": "pairingMode"},
        {"name": "isDefault", "type": "Boolean"},
        {"name": "supportPhoneNumber", "type": "String"}
      ]
    },
    {
      "kind": "enum", "name": "pairingMode", "namespace": "microsoft.graph",
      "members": [{"name": "allow"}, {"name": "disallow"}, {"name": "requiresCertificate"}]
    }
  ]
}"#;

/// The generated files of one description file.
fn generate(description: &str) -> BTreeMap<PathBuf, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("types.json"), description).unwrap();
    msgraph_codegen::Config::new(dir.path()).generate().unwrap().files().unwrap()
}

/// One run of changed lines of a file: what was removed and what was added in its place.
#[derive(Debug)]
struct Hunk {
    file: String,
    removed: Vec<String>,
    added: Vec<String>,
}

/// The hunks of every file that differs.
fn hunks(before: &BTreeMap<PathBuf, String>, after: &BTreeMap<PathBuf, String>) -> Vec<Hunk> {
    let mut hunks = Vec::new();
    for (path, new) in after {
        let old = before.get(path).map(String::as_str).unwrap_or_default();
        let diff = TextDiff::from_lines(old, new);
        for op in diff.ops() {
            let mut hunk = Hunk { file: path.display().to_string(), removed: Vec::new(), added: Vec::new() };
            for change in diff.iter_changes(op) {
                let line = change.value().trim_end().to_owned();
                match change.tag() {
                    ChangeTag::Equal => {}
                    ChangeTag::Delete => hunk.removed.push(line),
                    ChangeTag::Insert => hunk.added.push(line),
                }
            }
            if !hunk.removed.is_empty() || !hunk.added.is_empty() {
                hunks.push(hunk);
            }
        }
    }
    hunks
}

/// Checks that the change is only additions to `file`, each run of added lines naming what was
/// added.
fn assert_only_about(hunks: &[Hunk], names: &[&str], file: &str) {
    assert!(!hunks.is_empty(), "the addition changes the output");
    for hunk in hunks {
        assert!(hunk.removed.is_empty(), "an addition removes no line: {hunk:#?}");
        assert!(
            hunk.added.iter().any(|line| names.iter().any(|name| line.contains(name))),
            "every added run of lines is about {names:?}: {hunk:#?}"
        );
        assert!(hunk.file.ends_with(file), "only {file} changes: {hunk:#?}");
    }
}

#[test]
fn a_new_property_changes_only_the_lines_about_it() {
    let after = BEFORE.replace(
        r#"{"name": "isDefault", "type": "Boolean"},"#,
        r#"{"name": "isDefault", "type": "Boolean"}, {"name": "restoreBlocked", "type": "Boolean"},"#,
    );
    let hunks = hunks(&generate(BEFORE), &generate(&after));
    assert_only_about(&hunks, &["restoreBlocked", "restore_blocked", "RestoreBlocked"], "models/profile.rs");
    // The field, its setter and clear method, its serialize line, its variant, and its two
    // deserialize arms.
    assert!(hunks.len() >= 6, "{hunks:#?}");
}

#[test]
fn a_new_enum_member_changes_only_the_lines_about_it() {
    let after = BEFORE.replace(r#"{"name": "disallow"},"#, r#"{"name": "disallow"}, {"name": "requiresApproval"},"#);
    let hunks = hunks(&generate(BEFORE), &generate(&after));
    assert_only_about(&hunks, &["requiresApproval", "RequiresApproval"], "models/pairing_mode.rs");
}
