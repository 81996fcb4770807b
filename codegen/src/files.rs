//! All-or-none writing of a set of files into a folder, shared by the generator's output stage
//! ([`crate::output`]) and the importers ([`crate::import`]).
//!
//! It produces a folder whose listed files hold exactly the given content and a [`WriteReport`] of
//! what changed: unchanged files are not touched, changed ones are written beside their targets
//! and renamed over them, and a failure leaves every file as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a write into a folder did ([`crate::GeneratedCrate::write_to`] and
/// [`crate::import::Imported::write_to`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// The files written (new or changed), relative to the folder.
    pub written: Vec<PathBuf>,
    /// How many files were left alone because they already held exactly their content.
    pub unchanged: usize,
    /// The stale files removed, relative to the folder.
    pub removed: Vec<PathBuf>,
    /// Generated sources formatted in this run (crates only).
    pub formatted: usize,
    /// Generated sources whose formatted text came from the format cache (crates only).
    pub from_cache: usize,
}

impl std::fmt::Display for WriteReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let (written, removed) = (self.written.len(), self.removed.len());
        write!(f, "wrote {written} file{}, {} unchanged", plural(written), self.unchanged)?;
        if removed > 0 {
            write!(f, ", removed {removed} stale file{}", plural(removed))?;
        }
        Ok(())
    }
}

/// The suffix of a file being written, beside the file it replaces.
const PENDING_SUFFIX: &str = ".msgraph-codegen-pending";

/// Makes `files` (paths relative to `dir`) the content of `dir`, in two phases:
///
/// 1. every new file is written, and every changed one beside its target as
///    `<name>.msgraph-codegen-pending` (unchanged files are skipped). If any write fails, the new
///    and pending files and any folder created for them are removed and the error returned:
///    nothing in `dir` has changed.
/// 2. each pending file is renamed over its target (a rename within a folder replaces a file
///    whole: a reader sees the old or the new content, never a mix), then the `stale` files
///    (relative to `dir`) are removed, and any folder they leave empty.
///
/// Writing only what changed matters at Graph's size: replacing all 3,800 files of the v1.0 crate
/// on every run made the file system the slowest stage of a regeneration.
pub(crate) fn sync_files(
    dir: &Path,
    files: &BTreeMap<PathBuf, String>,
    mut stale: Vec<PathBuf>,
) -> Result<WriteReport> {
    let write_error = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Write { path, source }
    };
    fs::create_dir_all(dir).map_err(write_error(dir))?;
    let mut report = WriteReport::default();
    // (path, content, whether a file is there now)
    let mut changed = Vec::new();
    for (relative, content) in files {
        match fs::read(dir.join(relative)) {
            Ok(existing) if existing == content.as_bytes() => report.unchanged += 1,
            Err(error) if error.kind() == io::ErrorKind::NotFound => changed.push((relative, content, false)),
            _ => changed.push((relative, content, true)),
        }
    }
    stale.sort();

    // Phase 1: write every new file and every pending replacement, or nothing. A file that does
    // not exist yet is written in place: undoing it is removing it.
    let mut created_dirs = Vec::new();
    let mut created_files = Vec::new();
    let mut pending = Vec::new();
    let staged = changed.iter().try_for_each(|(relative, content, exists)| {
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            create_dirs(parent, &mut created_dirs).map_err(write_error(parent))?;
        }
        if *exists {
            let temporary = pending_path(&target);
            fs::write(&temporary, content).map_err(write_error(&temporary))?;
            pending.push((temporary, target));
        } else {
            created_files.push(target.clone());
            fs::write(&target, content).map_err(write_error(&target))?;
        }
        Ok(())
    });
    if let Err(error) = staged {
        for path in created_files.iter().chain(pending.iter().map(|(temporary, _)| temporary)) {
            let _ = fs::remove_file(path);
        }
        for created in created_dirs.iter().rev() {
            let _ = fs::remove_dir(created);
        }
        return Err(error);
    }

    // Phase 2: move them into place, then remove what is stale.
    for (index, (temporary, target)) in pending.iter().enumerate() {
        if let Err(source) = fs::rename(temporary, target) {
            for (temporary, _) in &pending[index..] {
                let _ = fs::remove_file(temporary);
            }
            return Err(Error::Write { path: target.clone(), source });
        }
    }
    report.written = changed.into_iter().map(|(relative, _, _)| relative.clone()).collect();
    for relative in &stale {
        let path = dir.join(relative);
        fs::remove_file(&path).map_err(write_error(&path))?;
        remove_empty_parents(&path, dir);
    }
    report.removed = stale;
    Ok(report)
}

/// `target` with [`PENDING_SUFFIX`] appended to its file name.
fn pending_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_owned();
    name.push(PENDING_SUFFIX);
    target.with_file_name(name)
}

/// Creates `path` and its missing parents, recording each folder it created (outermost first).
fn create_dirs(path: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        create_dirs(parent, created)?;
    }
    match fs::create_dir(path) {
        Ok(()) => {
            created.push(path.to_owned());
            Ok(())
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(error) => Err(error),
    }
}

/// Removes the folders from `file`'s parent up to (not including) `root` while they are empty.
fn remove_empty_parents(file: &Path, root: &Path) {
    let mut folder = file.parent();
    while let Some(path) = folder {
        if path == root || !path.starts_with(root) || fs::remove_dir(path).is_err() {
            break;
        }
        folder = path.parent();
    }
}
