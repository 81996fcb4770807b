//! Arbitrary bytes as a description file: loading, lowering, emitting and formatting must never
//! panic; they either generate or return located errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msgraph_codegen::diagnostic::Source;
use msgraph_codegen::{Config, load};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = Source { path: "fuzz.json".into(), text };
    match load::parse_all(vec![source]) {
        Ok(files) => {
            if let Ok(generated) = Config::new("schema").generate_from(&files) {
                let _ = generated.files();
            }
        }
        Err(error) => {
            // Rendering the diagnostics (with their excerpts) must not panic either.
            let _ = error.to_string();
        }
    }
});
