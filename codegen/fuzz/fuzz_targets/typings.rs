//! Arbitrary bytes as Graph's TypeScript declarations (`microsoft-graph.d.ts`): the reader must
//! never panic (a file that is not declarations, or ends inside a comment or an interface, is a
//! located error), and the extract made of what it reads must write and read back the same,
//! whatever the text of its descriptions.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use msgraph_codegen::import::extract::{DocsExtract, ExtractSource};

fuzz_target!(|data: &[u8]| {
    // As the importer reads files: text, here lossily, so that any bytes reach the reader.
    let text = String::from_utf8_lossy(data).into_owned();
    let mut extract = DocsExtract::new(ExtractSource::default());
    match extract.add_typings_descriptions(&[(PathBuf::from("fuzz.d.ts"), text)]) {
        Ok((added, properties)) => assert!(added <= properties, "{added} descriptions of {properties} properties"),
        Err(error) => {
            // Rendering the error (with its excerpt) must not panic either.
            let _ = error.to_string();
            return;
        }
    }
    let json = extract.to_json();
    let read = DocsExtract::parse(Path::new("fuzz.json"), &json).expect("an extract reads back");
    assert_eq!(read, extract);
});
