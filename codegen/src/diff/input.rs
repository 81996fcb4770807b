//! One side of a comparison: a folder (or file) of descriptions, or documentation pages or CSDL
//! metadata imported in memory.

use std::path::{Path, PathBuf};

use crate::diagnostic::Source;
use crate::error::{Error, Result};
use crate::load::{self, LoadedFile};

/// What a side of a comparison was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideKind {
    /// Description files (`*.json`), as `generate` reads them.
    Descriptions,
    /// Documentation pages or CSDL metadata, imported in memory as `import` would.
    Imported,
}

/// The description files of one side, with what they were read as.
#[derive(Debug, Clone)]
pub struct Side {
    /// The path given.
    pub path: PathBuf,
    /// How it was read.
    pub kind: SideKind,
    /// The description files (for an import, as `import` would write them).
    pub files: Vec<LoadedFile>,
}

/// Reads `path`: a folder with description files directly in it, or one description file
/// (`*.json`), is read as descriptions; anything else (doc pages `*.md`/`*.txt`, metadata
/// `*.csdl`/`*.xml`, or folders of them) goes through the importer, with `overrides` if given.
pub fn read_side(path: &Path, overrides: Option<&Path>) -> Result<Side> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    let has_descriptions = if metadata.is_dir() {
        load::description_paths(path).is_ok()
    } else {
        path.extension().is_some_and(|extension| extension == "json")
    };
    if has_descriptions {
        let files = if metadata.is_dir() {
            load::load_dir(path)?
        } else {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
            load::parse_all(vec![Source { path: path.to_owned(), text }])?
        };
        return Ok(Side { path: path.to_owned(), kind: SideKind::Descriptions, files });
    }
    let imported = crate::import::import(&[path.to_owned()], overrides)?;
    let mut sources = Vec::new();
    let input_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    for (name, file) in &imported.files {
        // Metadata names its own file as every type's source: two versions of it would differ
        // in every type's sources without any documentation changing.
        let mut file = file.clone();
        for ty in &mut file.types {
            ty.sources.retain(|source| *source != input_name);
        }
        let mut text =
            serde_json::to_string_pretty(&file).map_err(|error| Error::Internal { message: error.to_string() })?;
        text.push('\n');
        // Lowering errors point into the file the import would write, named after the input.
        sources.push(Source { path: path.join(format!("(imported) {name}")), text });
    }
    Ok(Side { path: path.to_owned(), kind: SideKind::Imported, files: load::parse_all(sources)? })
}
