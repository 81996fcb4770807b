//! Shared by the importer targets (not a target itself): what an import wrote must load and
//! generate without panicking.

use msgraph_codegen::diagnostic::Source;
use msgraph_codegen::{Config, import, load};

/// Loads the description files of `imported` as `generate` would read them, and generates.
pub fn generate_imported(imported: &import::Imported) {
    let _ = imported.summary();
    let sources = imported
        .files
        .iter()
        .filter_map(|(name, file)| Some(Source { path: name.into(), text: serde_json::to_string(file).ok()? }))
        .collect();
    if let Ok(files) = load::parse_all(sources) {
        if let Ok(generated) = Config::new("schema").generate_from(&files) {
            let _ = generated.files();
        }
    }
}
