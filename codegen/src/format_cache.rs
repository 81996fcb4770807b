//! The format cache: prettyplease's output by content, so that a regeneration formats only the
//! files whose unformatted source changed (formatting is most of a generation's time).
//!
//! The cache is one file, `<out>/.msgraph-codegen-cache/format.pack` (the folder has a
//! `.gitignore` of its own; the generated `src/` is untouched). One file rather than one per entry
//! because creating thousands of files is the slowest thing a generation of all of Graph does on
//! some file systems. The pack starts with a line naming the cache format and the generator's
//! version; then come entries, each a header line (key, lengths, a checksum of the formatted text)
//! followed by the unformatted source and its formatted text. The key is a 128-bit hash of the
//! version and the source.
//!
//! An entry is used only when the pack's version is this generator's, its stored source is
//! byte-for-byte the source being formatted, and its formatted text matches its checksum: a
//! corrupt, truncated or foreign pack or entry (another version, a hash collision) is ignored and
//! the source formatted again, so the cache can make a run faster but never change its output.
//! The version is the crate's version, [`FORMAT_REVISION`] and a fingerprint of prettyplease's
//! output on a probe, so a new formatter invalidates the cache even if the version did not change.
//!
//! New entries are appended after a successful write; when the entries the run did not use take
//! more room than those it used, the pack is rewritten with only the used ones (written beside it,
//! then renamed over it). A cache that cannot be read or written only makes the run slower.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Bumped when the formatting step (`output::format`) changes what it makes of a source.
const FORMAT_REVISION: u32 = 1;

const MAGIC: &str = "msgraph-codegen format cache v1";

/// The cache's folder inside a crate folder written by `GeneratedCrate::write_to`.
pub const CACHE_DIR: &str = ".msgraph-codegen-cache";

/// A formatted source to store: (key, unformatted, formatted).
pub(crate) type NewEntry<'a> = (&'a str, &'a str, &'a str);

/// Where an entry's parts are in the pack.
#[derive(Debug, Clone)]
struct Slot {
    source: Range<usize>,
    formatted: Range<usize>,
    checksum: u64,
}

/// The format cache of one crate folder, loaded.
#[derive(Debug, Default)]
pub(crate) struct FormatCache {
    path: PathBuf,
    version: &'static str,
    pack: Vec<u8>,
    index: HashMap<String, Slot>,
    /// Whether the pack on disk starts with this version's header (else it is replaced).
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
        cache.current = true;
        let mut at = first.len();
        while let Some((key, slot, next)) = parse_entry(&pack, at) {
            cache.index.insert(key, slot);
            at = next;
        }
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
        let slot = self.index.get(key)?;
        let formatted = &self.pack[slot.formatted.clone()];
        if self.pack[slot.source.clone()] != *unformatted.as_bytes() || checksum(formatted) != slot.checksum {
            return None;
        }
        String::from_utf8(formatted.to_vec()).ok()
    }

    /// Adds `entries` and forgets what is not in `keep` (the keys of the run). Failures are
    /// ignored: the cache is only an optimization.
    pub(crate) fn store(&self, entries: &[NewEntry<'_>], keep: &BTreeSet<String>) {
        let live: usize =
            self.index.iter().filter(|(key, _)| keep.contains(*key)).map(|(_, slot)| slot_size(slot)).sum();
        let dead = self.pack.len().saturating_sub(live);
        let Some(folder) = self.path.parent() else { return };
        if entries.is_empty() && dead <= live {
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
                push_entry(&mut entry, key, &self.pack[slot.source.clone()], &self.pack[slot.formatted.clone()]);
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

/// The entry at `at`: its key, where its parts are, and where the next entry starts.
fn parse_entry(pack: &[u8], at: usize) -> Option<(String, Slot, usize)> {
    let rest = pack.get(at..)?;
    let newline = rest.iter().take(128).position(|&byte| byte == b'\n')?;
    let header = std::str::from_utf8(&rest[..newline]).ok()?;
    let mut fields = header.split('\t');
    let key = fields.next()?.to_owned();
    let source_length: usize = fields.next()?.parse().ok()?;
    let formatted_length: usize = fields.next()?.parse().ok()?;
    let checksum = u64::from_str_radix(fields.next()?, 16).ok()?;
    let start = at.checked_add(newline + 1)?;
    let middle = start.checked_add(source_length)?;
    let end = middle.checked_add(formatted_length)?;
    if fields.next().is_some() || end > pack.len() {
        return None;
    }
    Some((key, Slot { source: start..middle, formatted: middle..end, checksum }, end))
}

/// The bytes an entry takes in the pack, roughly (its header is small).
fn slot_size(slot: &Slot) -> usize {
    slot.formatted.end - slot.source.start + 64
}

/// A 128-bit hash of `parts` in order, eight bytes at a time (a source is hashed on every run, so
/// speed matters; the stored source, compared byte for byte, is what makes a hit correct). Stable
/// across Rust versions and platforms, unlike `std`'s hasher, so a cache written by one build is
/// read by the next.
fn hash(parts: &[&[u8]]) -> (u64, u64) {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let (mut a, mut b) = (0x243f_6a88_85a3_08d3_u64, 0x1319_8a2e_0370_7344_u64);
    let mut mix = |word: u64| {
        a = (a ^ word).wrapping_mul(K1).rotate_left(29);
        b = (b ^ word.rotate_left(17)).wrapping_mul(K2).rotate_left(31);
    };
    for part in parts {
        let mut chunks = part.chunks_exact(8);
        for chunk in &mut chunks {
            mix(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        mix(u64::from_le_bytes(tail));
        mix(part.len() as u64);
    }
    let finish = |mut x: u64| {
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    };
    (finish(a ^ b.rotate_left(7)), finish(b ^ a.rotate_left(11)))
}

/// The checksum of an entry's formatted text.
fn checksum(text: &[u8]) -> u64 {
    hash(&[text]).0
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
        cache.store(&entries, &keep);
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
