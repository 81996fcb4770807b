//! The pipeline's seams, read from the source: the IR is the only contract between lowering and
//! emitting, and only the identifier module makes identifiers.
//!
//! `lower` → `ir` ← `emit`: emit imports nothing from `lower`, `schema` or `import`; the IR
//! imports nothing from the stages around it; importers produce description files and do not
//! reach into the IR or the output stage.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn src(stage: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(stage)
}

/// Every `crate::<module>` a stage's files name (in `use` lines and paths), with where.
fn references(stage: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let dir = src(stage);
    let files = if dir.is_dir() { sources(&dir) } else { vec![dir.with_extension("rs")] };
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        // Doc comments may name other stages (`[`crate::lower`]` builds the IR); code may not.
        for (number, line) in text.lines().enumerate().filter(|(_, line)| !line.trim_start().starts_with("//")) {
            for module in forbidden {
                if line.contains(&format!("crate::{module}")) {
                    found.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn emit_reads_only_the_ir() {
    let found = references("emit", &["lower", "schema", "import", "load"]);
    assert!(found.is_empty(), "emit reaches past the IR:\n{}", found.join("\n"));
}

#[test]
fn the_ir_imports_nothing_from_the_stages_around_it() {
    let found = references("ir", &["lower", "schema", "import", "load", "emit", "output"]);
    assert!(found.is_empty(), "the IR depends on a stage:\n{}", found.join("\n"));
}

#[test]
fn importers_produce_descriptions_without_pipeline_internals() {
    let found = references("import", &["ir", "emit", "output"]);
    assert!(found.is_empty(), "an importer uses pipeline internals:\n{}", found.join("\n"));
}

#[test]
fn only_the_identifier_module_makes_identifiers() {
    let allowed = src("lower").join("ident.rs");
    let mut found = Vec::new();
    for file in sources(&src("")) {
        let text = fs::read_to_string(&file).unwrap();
        let makes = text.lines().enumerate().filter(|(_, line)| {
            (line.contains("Ident::from_checked(") && !line.trim_start().starts_with("pub(crate) fn"))
                || line.contains("format_ident!")
        });
        for (number, line) in makes {
            let in_own_tests = file.ends_with("ir/vocabulary.rs") && line.contains("from_checked(\"r#type\")");
            if file != allowed && !in_own_tests {
                found.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "identifiers made outside lower/ident.rs:\n{}", found.join("\n"));
}
