//! Writing a generated crate: only what changed is written, stale files go, and a failed write
//! changes nothing.

mod common;

use std::fs;
use std::path::Path;

use common::{repo_schema, snapshot_tree};
use msgraph_codegen::{Config, GeneratedCrate};

fn generate(crate_name: &str) -> GeneratedCrate {
    Config::new(repo_schema()).crate_name(crate_name).generate().expect("the repository's descriptions generate")
}

fn pending_files(dir: &Path) -> Vec<String> {
    snapshot_tree(dir)
        .into_keys()
        .map(|path| path.display().to_string())
        .filter(|path| path.ends_with(".msgraph-codegen-pending"))
        .collect()
}

#[test]
fn a_regeneration_writes_only_what_changed_and_removes_stale_files() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path();
    let generated = generate("first");
    let file_count = generated.files().unwrap().len();

    let report = generated.write_to(dir).unwrap();
    assert_eq!((report.written.len(), report.unchanged, report.removed.len()), (file_count, 0, 0));

    // Things beside the crate's sources, and a stale file and folder inside them.
    fs::write(dir.join("Cargo.lock"), "kept").unwrap();
    fs::create_dir_all(dir.join("target/debug")).unwrap();
    fs::write(dir.join("target/debug/kept"), "kept").unwrap();
    fs::create_dir_all(dir.join("src/models/gone")).unwrap();
    fs::write(dir.join("src/models/gone/old_type.rs"), "stale").unwrap();
    fs::write(dir.join("src/models/old_type.rs"), "stale").unwrap();
    let lib_modified = fs::metadata(dir.join("src/lib.rs")).unwrap().modified().unwrap();

    let report = generate("first").write_to(dir).unwrap();
    assert!(report.written.is_empty(), "nothing changed, nothing written: {:?}", report.written);
    assert_eq!(report.unchanged, file_count);
    assert_eq!(report.removed, [Path::new("src/models/gone/old_type.rs"), Path::new("src/models/old_type.rs")]);
    assert_eq!(report.to_string(), format!("wrote 0 files, {file_count} unchanged, removed 2 stale files"));
    assert!(!dir.join("src/models/gone").exists(), "an emptied folder is removed");
    assert_eq!(fs::read_to_string(dir.join("Cargo.lock")).unwrap(), "kept");
    assert_eq!(fs::read_to_string(dir.join("target/debug/kept")).unwrap(), "kept");
    assert_eq!(fs::metadata(dir.join("src/lib.rs")).unwrap().modified().unwrap(), lib_modified, "not rewritten");

    let report = generate("second").write_to(dir).unwrap();
    // Only the package name changed: it is in the manifest and in the crate docs' examples.
    assert_eq!(report.written, [Path::new("Cargo.toml"), Path::new("src/lib.rs")]);
    assert!(fs::read_to_string(dir.join("Cargo.toml")).unwrap().contains("name = \"second\""));
    assert!(pending_files(dir).is_empty());
}

#[test]
fn a_failed_write_changes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path();
    generate("first").write_to(dir).unwrap();
    // A file where the generator needs a folder: writing `src/models/…` must fail, after the
    // changed `Cargo.toml` was staged beside the old one and the missing `src/lib.rs` written.
    fs::remove_dir_all(dir.join("src/models")).unwrap();
    fs::write(dir.join("src/models"), "in the way").unwrap();
    fs::remove_file(dir.join("src/lib.rs")).unwrap();
    let before = snapshot_tree(dir);

    let error = generate("second").write_to(dir).unwrap_err().to_string();
    assert!(error.contains("src/models"), "the error names the path: {error}");
    assert_eq!(snapshot_tree(dir), before, "the previous output is byte-for-byte unchanged");
    assert!(pending_files(dir).is_empty());
}
