//! Helpers shared by the integration tests that build generated crates.
#![allow(dead_code)] // each test binary uses a different part of it

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of the repository's description files.
pub fn repo_schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
}

/// Runs `cargo <args>` in the generated crate at `dir` with warnings denied, in its copy under the
/// shared target folder ([`shared_target`], [`stable_copy`]): dependencies compile only once, and
/// a generated crate that did not change since the last run is not compiled again. Panics with
/// cargo's output if it fails.
pub fn cargo_in(dir: &Path, args: &[&str]) {
    let output = cargo_output(dir, args);
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `cargo <args>` as [`cargo_in`] does (same copy and target folder, warnings denied) and
/// returns its output whether it succeeded or not.
pub fn cargo_output(dir: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let (command, rest) = args.split_first().expect("a cargo command");
    Command::new(cargo)
        .arg(command)
        .arg("--quiet")
        .args(rest)
        .current_dir(stable_copy(dir))
        .env("CARGO_TARGET_DIR", shared_target())
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        // No debug info: no test reads it, and it was most of the shared target folder's size.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
        // Nor incremental state: a crate that did not change is fresh without it, and one that
        // did is rebuilt from its copy; it was another 1.2 GB of the shared target folder.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .expect("cargo runs")
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_owned(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The folder every nested cargo build shares (`target/generated-crate-check`, or under
/// `CARGO_TARGET_DIR`): one target folder, so dependencies compile once.
pub fn shared_target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("generated-crate-check")
}

/// Where the generated crate at `dir` is built: a copy under the shared target folder whose
/// path is the same from run to run (the test binary, the test, and the order of the crates it
/// builds name it), so that cargo's own fingerprints decide what to rebuild. A crate written to a
/// new temporary folder is a new package to cargo, compiled again from scratch every run and
/// left behind in the target folder; in a stable folder, a generated crate that did not change
/// is not compiled again, and one that did is. The copy is made exactly like `dir` (files that
/// changed are written, files that are gone are removed; `Cargo.lock` and `target/` are kept).
fn stable_copy(dir: &Path) -> PathBuf {
    use std::sync::{Mutex, OnceLock};
    static PLACES: OnceLock<Mutex<BTreeMap<(String, PathBuf), PathBuf>>> = OnceLock::new();
    let binary = std::env::current_exe().ok().and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()));
    let binary = binary.unwrap_or_default();
    let binary = binary.rsplit_once('-').map_or(binary.as_str(), |(name, _hash)| name).to_owned();
    let test = std::thread::current().name().unwrap_or("main").replace("::", "-");
    let mut places = PLACES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    let taken = places.keys().filter(|(t, _)| *t == test).count();
    let place = places
        .entry((test.clone(), dir.to_owned()))
        .or_insert_with(|| shared_target().join("crates").join(format!("{binary}-{test}-{taken}")))
        .clone();
    drop(places);
    mirror(dir, &place);
    place
}

/// Makes `to` hold exactly the files of `from` (but for `to`'s `Cargo.lock` and `target/`),
/// writing only the files whose bytes differ so that unchanged files keep their times.
fn mirror(from: &Path, to: &Path) {
    let wanted = snapshot_tree(from);
    let top_level_kept = |relative: &Path| relative == Path::new("Cargo.lock") || relative.starts_with("target");
    if to.is_dir() {
        for (relative, _) in snapshot_tree(to) {
            if !wanted.contains_key(&relative) && !top_level_kept(&relative) {
                fs::remove_file(to.join(&relative)).unwrap();
            }
        }
    }
    for (relative, bytes) in &wanted {
        let path = to.join(relative);
        if fs::read(&path).ok().as_ref() != Some(bytes) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, bytes).unwrap();
        }
    }
}
