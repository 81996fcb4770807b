//! Arbitrary bytes as the overrides file, applied to two fixed small pages (a resource page and
//! its create page): the importer must never panic on any overrides file (not JSON, the wrong
//! shape, deep, patches that break the types), and whatever it imports must load and generate
//! without panicking.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use msgraph_codegen::import;

#[path = "generate_imported.rs"]
mod generate_imported;
use generate_imported::generate_imported;

const RESOURCE: &str = include_str!("../seeds/doc_pages/intune-enrollment-depenrollmentprofile.md");
const CREATE: &str = include_str!("../seeds/doc_pages/intune-enrollment-depenrollmentprofile-create.md");

/// The overrides file is read from a path: one file per fuzzing process, rewritten per input.
fn overrides_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("msgraph-fuzz-overrides-{}.json", std::process::id())))
}

fuzz_target!(|data: &[u8]| {
    let path = overrides_path();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let pages = vec![
        (PathBuf::from("api-reference/beta/resources/intune-enrollment-depenrollmentprofile.md"), RESOURCE.to_owned()),
        (PathBuf::from("api-reference/beta/api/intune-enrollment-depenrollmentprofile-create.md"), CREATE.to_owned()),
    ];
    let imported = match import::import_pages(&pages, Some(path)) {
        Ok(imported) => imported,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    generate_imported(&imported);
});
