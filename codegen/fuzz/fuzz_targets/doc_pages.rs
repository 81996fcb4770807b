//! Arbitrary bytes as a documentation page, in both forms (markdown and rendered text): the
//! importer must never panic, and whatever it imports must load and generate without panicking.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use msgraph_codegen::import;

#[path = "generate_imported.rs"]
mod generate_imported;
use generate_imported::generate_imported;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let pages = vec![
        (PathBuf::from("api-reference/beta/api/x-thing-create.md"), text.clone()),
        (PathBuf::from("api-reference/beta/resources/x-thing.txt"), text),
    ];
    let Ok(imported) = import::import_pages(&pages, None) else { return };
    generate_imported(&imported);
});
