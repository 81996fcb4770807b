//! Arbitrary bytes as an OData CSDL metadata document: the metadata importer must never panic
//! (deep, malformed or hostile XML is a located error), and whatever it imports must load and
//! generate without panicking.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use msgraph_codegen::import;

#[path = "generate_imported.rs"]
mod generate_imported;
use generate_imported::generate_imported;

fuzz_target!(|data: &[u8]| {
    // As the importer reads files: lossily, so that any bytes reach the XML parser.
    let text = String::from_utf8_lossy(data).into_owned();
    let documents = vec![(PathBuf::from("fuzz.csdl"), text)];
    let imported = match import::import_metadata(&documents, None) {
        Ok(imported) => imported,
        Err(error) => {
            // Rendering the error (with its excerpt) must not panic either.
            let _ = error.to_string();
            return;
        }
    };
    generate_imported(&imported);
});
