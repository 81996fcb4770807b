//! This crate is what every generated crate carries: the generator embeds exactly the files of
//! `src/` (but `lib.rs`) as the generated `runtime` module, declared the way `lib.rs` declares
//! them, and a generated crate depends on exactly what this crate's `Cargo.toml` lists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn repo_root() -> PathBuf {
    manifest_dir().join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The files a generated crate has under `src/runtime/`, by file name.
fn generated_runtime() -> BTreeMap<String, String> {
    let generated = msgraph_codegen::Config::new(repo_root().join("schema")).generate().expect("schema/ generates");
    let files = generated.files().expect("the crate renders");
    files
        .into_iter()
        .filter_map(|(path, content)| {
            let name = path.strip_prefix("src/runtime").ok()?.to_str()?.to_owned();
            Some((name, content))
        })
        .collect()
}

/// The lines of a module that declare its submodules and re-exports (with their `#[cfg]`).
fn declarations(source: &str) -> Vec<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("mod ") || line.starts_with("pub use ") || line.starts_with("#[cfg("))
        .map(ToOwned::to_owned)
        .collect()
}

#[test]
fn the_generator_embeds_exactly_the_files_of_src() {
    let mut generated = generated_runtime();
    let module = generated.remove("mod.rs").expect("the generated crate has src/runtime/mod.rs");
    let own: BTreeMap<String, String> = std::fs::read_dir(manifest_dir().join("src"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|name| name != "lib.rs"))
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), read(&path)))
        .collect();
    assert_eq!(generated.keys().collect::<Vec<_>>(), own.keys().collect::<Vec<_>>(), "the same files");
    for (name, source) in &own {
        let copy = &generated[name];
        // A copy is the file itself after the generated-file header (line comments).
        let header = copy.strip_suffix(source.as_str()).unwrap_or_else(|| panic!("{name} is not copied verbatim"));
        assert!(header.lines().all(|line| line.is_empty() || line.starts_with("// ")), "{name}: {header:?}");
        assert!(source.starts_with("//! "), "{name} opens with a module header saying what it is for");
    }
    let lib = read(&manifest_dir().join("src/lib.rs"));
    assert_eq!(declarations(&lib), declarations(&module), "lib.rs declares the modules as the generated mod.rs does");
    assert!(declarations(&lib).iter().any(|line| line == "#[cfg(feature = \"client\")]"));
}

/// The text of `[name]` in a manifest, up to the next table, without trailing blank lines.
fn section(manifest: &str, name: &str) -> String {
    let header = format!("[{name}]\n");
    let start = manifest.find(&header).unwrap_or_else(|| panic!("no [{name}]")) + header.len();
    let end = manifest[start..].find("\n[").map_or(manifest.len(), |i| start + i + 1);
    manifest[start..end].trim_end().to_owned()
}

#[test]
fn generated_crates_have_the_dependencies_of_this_crate() {
    // A vendored crate, the build-script crate (msgraph-beta) and this crate compile the same
    // files; they must do it with the same dependencies and features.
    for manifest in [manifest_dir().join("Cargo.toml"), repo_root().join("generated/Cargo.toml")] {
        let text = read(&manifest);
        let shown = manifest.display();
        assert_eq!(section(&text, "dependencies"), msgraph_codegen::output::RUNTIME_DEPENDENCIES.trim_end(), "{shown}");
        assert_eq!(section(&text, "features"), msgraph_codegen::output::RUNTIME_FEATURES.trim_end(), "{shown}");
    }
}
