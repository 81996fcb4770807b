//! The format cache: what a regeneration can skip, so that it emits and formats only the files
//! whose input changed (emitting and formatting are most of a generation's time).
//!
//! The cache is one file, `<out>/.msgraph-codegen-cache/format.pack` (the folder has a
//! `.gitignore` of its own; the generated `src/` is untouched). One file rather than one per entry
//! because creating thousands of files is the slowest thing a generation of all of Graph does on
//! some file systems. The pack starts with a line naming the cache format and the generator's
//! version; then come entries of two kinds:
//!
//! - a **file entry** per model type: its type key (a 128-bit hash of [`ir_version`], the type's
//!   IR, its module's path, cfg and docs) and the length and 128-bit hash of the file it made.
//!   A type whose key is there and whose file in the crate folder still has that length and hash
//!   is neither emitted nor formatted, and its file is not written. The file itself holds the
//!   text, so the pack stays small (2 MB for all of v1.0, against 74 MB when it held every
//!   source and formatted text) and a file edited by hand is generated again.
//! - a **source entry** for every other generated file (namespace modules, the crate root): a
//!   header line (key, lengths, a checksum of the formatted text) followed by the unformatted
//!   source and its formatted text, keyed by a 128-bit hash of the version and the source. It is
//!   used only when its stored source is byte for byte the source being formatted and its
//!   formatted text matches its checksum.
//!
//! A corrupt, truncated or foreign pack or entry (another version, another executable) is
//! ignored and the file made again, so the cache can make a run faster but never change its
//! output. The version is the crate's version, [`FORMAT_REVISION`] and a fingerprint of
//! prettyplease's output on a probe; type keys add a hash of the executable, because the
//! emitter's code can change without the version.
//!
//! New entries are appended after a successful write; when the entries the run did not use take
//! more room than those it used, the pack is rewritten with only the used ones (written beside it,
//! then renamed over it). A cache that cannot be read or written only makes the run slower.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Bumped when the formatting step (`output::format`) changes what it makes of a source.
const FORMAT_REVISION: u32 = 1;

const MAGIC: &str = "msgraph-codegen format cache v3";

/// The cache's folder inside a crate folder written by `GeneratedCrate::write_to`.
pub const CACHE_DIR: &str = ".msgraph-codegen-cache";

/// A formatted source to store: (key, unformatted, formatted).
pub(crate) type NewEntry<'a> = (&'a str, &'a str, &'a str);

/// Where an entry's parts are in the pack.
#[derive(Debug, Clone)]
enum Slot {
    /// A source and its formatted text, both stored.
    Stored { source: Range<usize>, formatted: Range<usize>, checksum: u64 },
    /// The file a type's IR key produced last time: only its length and 128-bit hash, the text
    /// being the file written into the crate folder (see [`FormatCache::unchanged_file`]).
    File { length: usize, hash: (u64, u64) },
}

/// The header field that marks a [`Slot::File`] entry in place of a source length.
const FILE_MARK: &str = "file";

/// The format cache of one crate folder, loaded.
#[derive(Debug, Default)]
pub(crate) struct FormatCache {
    path: PathBuf,
    version: &'static str,
    pack: Vec<u8>,
    index: HashMap<String, Slot>,
    /// Whether the pack on disk is this version's and readable to its end (else it is replaced).
    current: bool,
}

impl FormatCache {
    /// The cache of the crate folder `crate_dir`, read from its pack (empty when there is none, or
    /// when it is another version's). Reading stops at the first entry that is cut short.
    pub(crate) fn in_crate(crate_dir: &Path) -> Self {
        let version = version();
        let path = crate_dir.join(CACHE_DIR).join("format.pack");
        let mut cache = Self { path, version, ..Self::default() };
        let Ok(pack) = fs::read(&cache.path) else { return cache };
        let first = format!("{MAGIC}\t{version}\n");
        if !pack.starts_with(first.as_bytes()) {
            return cache;
        }
        let mut at = first.len();
        while let Some((key, slot, next)) = parse_entry(&pack, at) {
            cache.index.insert(key, slot);
            at = next;
        }
        // Entries appended after an unreadable one would never be read: such a pack is rewritten.
        cache.current = at == pack.len();
        cache.pack = pack;
        cache
    }

    /// The key of `unformatted`.
    pub(crate) fn key(&self, unformatted: &str) -> String {
        let (a, b) = hash(&[self.version.as_bytes(), unformatted.as_bytes()]);
        format!("{a:016x}{b:016x}")
    }

    /// The formatted text of `unformatted` under `key`, if a valid entry holds it.
    pub(crate) fn get(&self, key: &str, unformatted: &str) -> Option<String> {
        let Some(Slot::Stored { source, formatted, checksum: expected }) = self.index.get(key) else { return None };
        let formatted = &self.pack[formatted.clone()];
        if self.pack[source.clone()] != *unformatted.as_bytes() || checksum(formatted) != *expected {
            return None;
        }
        String::from_utf8(formatted.to_vec()).ok()
    }

    /// The key of a model type's file: a 128-bit hash of [`ir_version`] and `item` (the type's
    /// IR, its module's path, cfg and docs: all that its file is made of). `None` when this
    /// executable cannot be fingerprinted: the types are then cached by source like other files.
    pub(crate) fn type_key(&self, item: &impl Hash) -> Option<String> {
        let version = ir_version()?;
        let mut hasher = StableHasher::default();
        hasher.write(version.as_bytes());
        item.hash(&mut hasher);
        let (a, b) = hasher.finish128();
        Some(format!("t{a:016x}{b:016x}"))
    }

    /// Whether `file` holds exactly what the type key `key` made last time (same length, same
    /// 128-bit hash). The file is read and hashed whole: its modification time or size alone
    /// could not tell an edit.
    pub(crate) fn unchanged_file(&self, key: &str, file: &Path) -> bool {
        let Some(Slot::File { length, hash: expected }) = self.index.get(key) else { return false };
        let Ok(text) = fs::read(file) else { return false };
        text.len() == *length && hash(&[&text]) == *expected
    }

    /// Adds `entries` and forgets what is not in `keep` (the keys of the run). Failures are
    /// ignored: the cache is only an optimization.
    /// `files` are (type key, the file's whole text) of the type files written or checked in
    /// this run.
    pub(crate) fn store(&self, entries: &[NewEntry<'_>], files: &[(&str, &str)], keep: &BTreeSet<String>) {
        let live: usize =
            self.index.iter().filter(|(key, _)| keep.contains(*key)).map(|(_, slot)| slot_size(slot)).sum();
        let dead = self.pack.len().saturating_sub(live);
        let Some(folder) = self.path.parent() else { return };
        if entries.is_empty() && files.is_empty() && dead <= live {
            return;
        }
        if fs::create_dir_all(folder).is_err() {
            return;
        }
        let _ = fs::write(folder.join(".gitignore"), "# The format cache of msgraph-codegen: safe to delete.\n*\n");
        let mut text = Vec::new();
        for (key, source, formatted) in entries {
            push_entry(&mut text, key, source.as_bytes(), formatted.as_bytes());
        }
        for (key, file) in files {
            push_file_entry(&mut text, key, file.len(), hash(&[file.as_bytes()]));
        }
        if self.current && dead <= live {
            // Append: a run cut short leaves a truncated last entry, which the next read ignores.
            if let Ok(mut file) = fs::OpenOptions::new().append(true).open(&self.path) {
                let _ = file.write_all(&text);
            }
            return;
        }
        // Streamed to the file entry by entry: a whole pack in memory would double the run's peak.
        let temporary = self.path.with_extension("pack.tmp");
        let written = fs::File::create(&temporary).and_then(|file| {
            let mut writer = std::io::BufWriter::new(file);
            writer.write_all(format!("{MAGIC}\t{}\n", self.version).as_bytes())?;
            let mut entry = Vec::new();
            for (key, slot) in self.index.iter().filter(|(key, _)| keep.contains(*key)) {
                entry.clear();
                match slot {
                    Slot::Stored { source, formatted, .. } => {
                        push_entry(&mut entry, key, &self.pack[source.clone()], &self.pack[formatted.clone()]);
                    }
                    Slot::File { length, hash } => push_file_entry(&mut entry, key, *length, *hash),
                }
                writer.write_all(&entry)?;
            }
            writer.write_all(&text)?;
            writer.into_inner().map(drop).map_err(|error| error.into_error())
        });
        if written.and_then(|()| fs::rename(&temporary, &self.path)).is_err() {
            let _ = fs::remove_file(&temporary);
        }
    }
}

/// Appends one entry: `key\tsource length\tformatted length\tchecksum\n`, source, formatted.
fn push_entry(pack: &mut Vec<u8>, key: &str, source: &[u8], formatted: &[u8]) {
    let header = format!("{key}\t{}\t{}\t{:016x}\n", source.len(), formatted.len(), checksum(formatted));
    pack.extend_from_slice(header.as_bytes());
    pack.extend_from_slice(source);
    pack.extend_from_slice(formatted);
}

/// Appends one file entry: `key\tfile\tlength\thash\n`.
fn push_file_entry(pack: &mut Vec<u8>, key: &str, length: usize, (a, b): (u64, u64)) {
    pack.extend_from_slice(format!("{key}\t{FILE_MARK}\t{length}\t{a:016x}{b:016x}\n").as_bytes());
}

/// The entry at `at`: its key, where its parts are, and where the next entry starts.
fn parse_entry(pack: &[u8], at: usize) -> Option<(String, Slot, usize)> {
    let rest = pack.get(at..)?;
    let newline = rest.iter().take(128).position(|&byte| byte == b'\n')?;
    let header = std::str::from_utf8(&rest[..newline]).ok()?;
    let mut fields = header.split('\t');
    let key = fields.next()?.to_owned();
    let source_length = fields.next()?;
    let start = at.checked_add(newline + 1)?;
    if source_length == FILE_MARK {
        let length = fields.next()?.parse().ok()?;
        let hash = fields.next()?;
        let (a, b) = (hash.get(..16)?, hash.get(16..)?);
        let hash = (u64::from_str_radix(a, 16).ok()?, u64::from_str_radix(b, 16).ok()?);
        if fields.next().is_some() || b.len() != 16 {
            return None;
        }
        return Some((key, Slot::File { length, hash }, start));
    }
    let source_length: usize = source_length.parse().ok()?;
    let formatted_length: usize = fields.next()?.parse().ok()?;
    let checksum = u64::from_str_radix(fields.next()?, 16).ok()?;
    let middle = start.checked_add(source_length)?;
    let end = middle.checked_add(formatted_length)?;
    if fields.next().is_some() || end > pack.len() {
        return None;
    }
    Some((key, Slot::Stored { source: start..middle, formatted: middle..end, checksum }, end))
}

/// The bytes an entry takes in the pack, roughly (its header is small).
fn slot_size(slot: &Slot) -> usize {
    match slot {
        Slot::Stored { source, formatted, .. } => formatted.end - source.start + 64,
        Slot::File { .. } => 80,
    }
}

/// A 128-bit hash of `parts` in order (see [`StableHasher`]).
fn hash(parts: &[&[u8]]) -> (u64, u64) {
    if let [part] = parts {
        return split(xxhash_rust::xxh3::xxh3_128(part));
    }
    let mut hasher = StableHasher::default();
    for part in parts {
        // With its length, so that parts cannot shift into each other.
        hasher.write(part);
        hasher.write_usize(part.len());
    }
    hasher.finish128()
}

/// A 128-bit hash as (high, low) halves.
fn split(hash: u128) -> (u64, u64) {
    ((hash >> 64) as u64, hash as u64)
}

/// XXH3's 128-bit hash (`xxhash-rust`): fast (a source is hashed on every run, so speed matters)
/// and well distributed; the stored source, compared byte for byte, is what makes a hit of a
/// source entry correct. Stable across runs and platforms, unlike `std`'s hasher (integers are
/// hashed as little-endian bytes), so a cache written by one run is read by the next. As a
/// [`Hasher`] it hashes the IR of a type (`#[derive(Hash)]`) for its type key.
#[derive(Clone, Default)]
pub(crate) struct StableHasher(xxhash_rust::xxh3::Xxh3);

impl std::fmt::Debug for StableHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("StableHasher").field(&self.finish128()).finish()
    }
}

impl StableHasher {
    /// The 128-bit hash of what was written.
    pub(crate) fn finish128(&self) -> (u64, u64) {
        split(self.0.digest128())
    }
}

impl Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn write_u8(&mut self, n: u8) {
        self.0.update(&[n]);
    }

    fn write_u16(&mut self, n: u16) {
        self.0.update(&n.to_le_bytes());
    }

    fn write_u32(&mut self, n: u32) {
        self.0.update(&n.to_le_bytes());
    }

    fn write_u64(&mut self, n: u64) {
        self.0.update(&n.to_le_bytes());
    }

    fn write_usize(&mut self, n: usize) {
        self.0.update(&(n as u64).to_le_bytes());
    }

    fn finish(&self) -> u64 {
        self.finish128().0
    }
}

/// The checksum of an entry's formatted text.
fn checksum(text: &[u8]) -> u64 {
    hash(&[text]).0
}

/// The version part of a type key: [`version`] and a hash of this executable. A type's file is
/// made by the emitter's code, which can change without the crate's version (a developer's
/// build, a new `quote`): hashing the executable (a few milliseconds for its megabytes) makes any
/// other build another version. `None` when the executable cannot be read.
fn ir_version() -> Option<&'static str> {
    static IR_VERSION: OnceLock<Option<String>> = OnceLock::new();
    IR_VERSION
        .get_or_init(|| {
            let executable = fs::read(std::env::current_exe().ok()?).ok()?;
            let (a, b) = hash(&[&executable]);
            Some(format!("{}+x{a:016x}{b:016x}", version()))
        })
        .as_deref()
}

/// The version part of every key: the crate's version, the formatting revision, and what
/// prettyplease makes of a probe (so a different prettyplease is a different version).
fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        const PROBE: &str = "#[doc = \" d\"] pub struct S<'a> { #[serde(rename = \"x\")] pub a: ::core::option::Option<Vec<&'a str>>, } impl S<'_> { #[inline] pub fn f(self, x: impl Into<String>) -> Self { match x.into().as_str() { \"a\" | \"b\" => self, _ => Self { a: None } } } } pub enum E { A(u8), B { c: i64 } }";
        let probe = syn::parse_file(PROBE).map(|file| prettyplease::unparse(&file)).unwrap_or_default();
        format!(
            "{}+r{FORMAT_REVISION}+p{:016x}",
            env!("CARGO_PKG_VERSION"),
            checksum(probe.as_bytes())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path, sources: &[&str]) {
        let cache = FormatCache::in_crate(dir);
        let owned: Vec<(String, String)> =
            sources.iter().map(|source| (cache.key(source), format!("{source}\n"))).collect();
        let entries: Vec<NewEntry<'_>> = owned
            .iter()
            .zip(sources)
            .map(|((key, formatted), source)| (key.as_str(), *source, formatted.as_str()))
            .collect();
        let keep = owned.iter().map(|(key, _)| key.clone()).collect();
        cache.store(&entries, &[], &keep);
    }

    fn get(dir: &Path, source: &str) -> Option<String> {
        let cache = FormatCache::in_crate(dir);
        cache.get(&cache.key(source), source)
    }

    #[test]
    fn stored_entries_are_found_appended_and_unused_ones_dropped() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), &["struct A;", "struct B;"]);
        assert_eq!(get(dir.path(), "struct A;").as_deref(), Some("struct A;\n"));
        assert_eq!(get(dir.path(), "struct C;"), None);
        // A run that uses only C: A and B take more room than C, so the pack is rewritten.
        store(dir.path(), &["struct C;"]);
        assert_eq!(get(dir.path(), "struct C;").as_deref(), Some("struct C;\n"));
        assert_eq!(get(dir.path(), "struct A;"), None);
        assert!(fs::read_to_string(dir.path().join(CACHE_DIR).join(".gitignore")).unwrap().contains('*'));
    }

    #[test]
    fn a_file_entry_vouches_only_for_the_file_it_made() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.rs");
        let text = "pub struct A;\n";
        fs::write(&file, text).unwrap();
        let cache = FormatCache::in_crate(dir.path());
        let key = cache.type_key(&("src/models/a.rs", "struct A")).expect("the test binary can be read");
        assert_eq!(cache.type_key(&("src/models/a.rs", "struct A")).as_ref(), Some(&key), "keys are stable");
        let other = cache.type_key(&("src/models/a.rs", "struct B")).unwrap();
        assert_ne!(key, other);
        assert!(!cache.unchanged_file(&key, &file), "nothing is stored yet");
        cache.store(&[], &[(key.as_str(), text)], &BTreeSet::from([key.clone()]));

        let cache = FormatCache::in_crate(dir.path());
        assert!(cache.unchanged_file(&key, &file));
        assert!(!cache.unchanged_file(&other, &file), "another type's key");
        // Same length, other content: the hash tells.
        fs::write(&file, "pub struct B;\n").unwrap();
        assert!(!cache.unchanged_file(&key, &file));
        fs::remove_file(&file).unwrap();
        assert!(!cache.unchanged_file(&key, &file), "a missing file");
        // A file entry whose hash was altered in the pack vouches for nothing.
        fs::write(&file, text).unwrap();
        let path = dir.path().join(CACHE_DIR).join("format.pack");
        let pack = fs::read_to_string(&path).unwrap();
        let line = pack.lines().find(|line| line.starts_with(&key)).unwrap().to_owned();
        let altered = format!("{}0", &line[..line.len() - 1]);
        let altered = if altered == line { format!("{}1", &line[..line.len() - 1]) } else { altered };
        fs::write(&path, pack.replace(&line, &altered)).unwrap();
        assert!(!FormatCache::in_crate(dir.path()).unchanged_file(&key, &file));
    }

    #[test]
    fn corrupt_truncated_and_foreign_packs_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), &["struct A;", "struct B;"]);
        let path = dir.path().join(CACHE_DIR).join("format.pack");
        let good = fs::read_to_string(&path).unwrap();

        // A formatted text changed: its checksum no longer matches.
        fs::write(&path, good.replace("struct A;\n", "struct Z;\n")).unwrap();
        assert_eq!(get(dir.path(), "struct A;"), None);
        assert_eq!(get(dir.path(), "struct B;").as_deref(), Some("struct B;\n"), "other entries stay usable");
        // Cut short in the last entry: that entry is ignored.
        fs::write(&path, &good[..good.len() - 3]).unwrap();
        let last = if good.rfind("struct A;") > good.rfind("struct B;") { "struct A;" } else { "struct B;" };
        assert_eq!(get(dir.path(), last), None);
        // Another version wrote it.
        fs::write(&path, good.replacen(version(), "0.0.0+r0+p0", 1)).unwrap();
        assert_eq!(get(dir.path(), "struct A;"), None);
        // An entry under the key of another source (a collision) is not that source's.
        let cache = FormatCache::in_crate(dir.path());
        let swapped = good.replacen(&cache.key("struct A;"), &cache.key("struct Q;"), 1);
        fs::write(&path, swapped).unwrap();
        assert_eq!(get(dir.path(), "struct Q;"), None);
        // Garbage.
        fs::write(&path, [0xff, 0xfe, b'\n', 0]).unwrap();
        assert_eq!(get(dir.path(), "struct A;"), None);
        // And the good pack still works.
        fs::write(&path, &good).unwrap();
        assert_eq!(get(dir.path(), "struct A;").as_deref(), Some("struct A;\n"));
    }
}
