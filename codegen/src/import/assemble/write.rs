//! Writing an import: the description files into a folder, all or none, and the removal of the
//! files a previous import of the same inputs wrote that this one no longer does.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::Imported;
use crate::error::{Error, Result};
use crate::schema::DescriptionFile;

impl Imported {
    /// Writes the files into `dir`, rewriting only those whose content changed (so a re-import
    /// of unchanged pages changes nothing), all or none of them.
    ///
    /// A description file in `dir` that this import no longer writes is removed when it was
    /// imported from this run's inputs before: every source it names is a source of this run
    /// (for metadata, the document's file name). So a type that Graph removed from the metadata
    /// goes at the next import, while hand-written descriptions, and files imported from other
    /// pages or documents, stay.
    ///
    /// The service description (`service.json`) is written unless another description file in
    /// `dir` already describes the service (two would be an error for `generate`).
    pub fn write_to(&self, dir: &Path) -> Result<crate::WriteReport> {
        let mut texts = BTreeMap::new();
        let mut sources = BTreeSet::new();
        for (name, file) in &self.files {
            if file.service.is_some() && service_described_elsewhere(dir, name) {
                continue;
            }
            let mut text =
                serde_json::to_string_pretty(file).map_err(|error| Error::Internal { message: error.to_string() })?;
            text.push('\n');
            texts.insert(PathBuf::from(name), text);
            sources.extend(file.types.iter().flat_map(|ty| ty.sources.iter().cloned()));
        }
        let stale = stale_descriptions(dir, &texts, &sources);
        crate::files::sync_files(dir, &texts, stale)
    }
}

/// The description files directly in `dir`, not in `written`, all of whose types name sources and
/// only sources in `sources`. Files that cannot be read or parsed are not ours to remove.
fn stale_descriptions(dir: &Path, written: &BTreeMap<PathBuf, String>, sources: &BTreeSet<String>) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|entry| Some(PathBuf::from(entry.ok()?.file_name())))
        .filter(|name| name.extension().is_some_and(|extension| extension == "json") && !written.contains_key(name))
        .filter(|name| {
            let Ok(text) = fs::read_to_string(dir.join(name)) else { return false };
            let Ok(file) = serde_json::from_str::<DescriptionFile>(&text) else { return false };
            let mut named = file.types.iter().flat_map(|ty| &ty.sources).peekable();
            named.peek().is_some()
                && file.types.iter().all(|ty| !ty.sources.is_empty())
                && named.all(|source| sources.contains(source))
        })
        .collect()
}

/// Whether a description file in `dir` other than `name` describes the service.
fn service_described_elsewhere(dir: &Path, name: &str) -> bool {
    let Ok(entries) = fs::read_dir(dir) else { return false };
    entries.filter_map(|entry| entry.ok()).any(|entry| {
        let path = entry.path();
        let file_name = entry.file_name();
        path.extension().is_some_and(|extension| extension == "json")
            && file_name != name
            && fs::read_to_string(&path)
                .ok()
                .and_then(|text| serde_json::from_str::<DescriptionFile>(&text).ok())
                .is_some_and(|file| file.service.is_some())
    })
}
