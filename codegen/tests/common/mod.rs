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

/// Runs `cargo <args>` in the generated crate at `dir` with warnings denied, sharing one target
/// folder under the workspace's `target/` so that dependencies compile only once. Panics with
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

/// Runs `cargo <args>` as [`cargo_in`] does (same target folder, warnings denied) and returns its
/// output whether it succeeded or not.
pub fn cargo_output(dir: &Path, args: &[&str]) -> std::process::Output {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("generated-crate-check");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let (command, rest) = args.split_first().expect("a cargo command");
    Command::new(cargo)
        .arg(command)
        .arg("--quiet")
        .args(rest)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
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
