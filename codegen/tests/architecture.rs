//! The pipeline's seams, read from the source with `syn`: the IR is the only contract between
//! lowering and emitting, and only the identifier module makes identifiers.
//!
//! `lower` → `ir` ← `emit`: emit imports nothing from `lower`, `schema` or `import`; the IR
//! imports nothing from the stages around it; importers produce description files and do not
//! reach into the IR or the output stage. Every path of the code counts: `use` trees with their
//! groups (`use crate::{lower, ir}`), paths in expressions and types, and `super::` chains that
//! leave a stage.

use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::{self, Visit};

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

/// The module path of a source file below `src/`: `src/emit/addressing.rs` → `emit::addressing`,
/// `src/emit/mod.rs` → `emit`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src("")).unwrap();
    let mut module: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    let last = module.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        module.push(stem.to_owned());
    }
    module
}

/// Every module path the code of a file names, made absolute (`crate::…`, `super::…`,
/// `self::…` resolved against the file's module), with the line it is on.
struct Paths {
    module: Vec<String>,
    found: Vec<(Vec<String>, usize)>,
}

impl Paths {
    /// `segments` resolved from the file's module; `None` when it does not start at the crate.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let mut resolved = match segments.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("super" | "self") => self.module.clone(),
            _ => return None,
        };
        for segment in segments {
            match segment.as_str() {
                "crate" | "self" => {}
                "super" => {
                    resolved.pop();
                }
                other => resolved.push(other.to_owned()),
            }
        }
        Some(resolved)
    }

    fn add(&mut self, segments: &[String], line: usize) {
        if let Some(path) = self.absolute(segments) {
            self.found.push((path, line));
        }
    }

    /// Every path of a `use` tree, groups and renames expanded.
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree, line);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                prefix.push(name.ident.to_string());
                self.add(prefix, line);
                prefix.pop();
            }
            syn::UseTree::Rename(rename) => {
                prefix.push(rename.ident.to_string());
                self.add(prefix, line);
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.add(prefix, line),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(prefix, tree, line);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let line = syn::spanned::Spanned::span(item).start().line;
        self.use_tree(&mut Vec::new(), &item.tree, line);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|segment| segment.ident.to_string()).collect();
        let line = syn::spanned::Spanned::span(path).start().line;
        self.add(&segments, line);
        visit::visit_path(self, path);
    }
}

/// Every path into one of `forbidden` (top-level modules) that the code in `source`, the file of
/// `module`, names.
fn forbidden_paths(module: Vec<String>, source: &str, forbidden: &[&str]) -> Vec<(String, usize)> {
    let file = syn::parse_file(source).unwrap();
    let mut paths = Paths { module, found: Vec::new() };
    paths.visit_file(&file);
    paths
        .found
        .into_iter()
        .filter(|(path, _)| path.first().is_some_and(|first| forbidden.contains(&first.as_str())))
        .map(|(path, line)| (format!("crate::{}", path.join("::")), line))
        .collect()
}

/// Every path of a stage's files into one of `forbidden`, with where.
fn references(stage: &str, forbidden: &[&str]) -> Vec<String> {
    let dir = src(stage);
    let files = if dir.is_dir() { sources(&dir) } else { vec![dir.with_extension("rs")] };
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (path, line) in forbidden_paths(module_of(&file), &text, forbidden) {
            found.push(format!("{}:{line}: {path}", file.display()));
        }
    }
    found
}

#[test]
fn grouped_imports_super_chains_and_paths_in_code_are_all_seen() {
    let module = || vec!["emit".to_owned(), "model".to_owned()];
    let sees = |source: &str| forbidden_paths(module(), source, &["lower"]);
    // The substring check this test replaced let all three through.
    assert_eq!(sees("use crate::{lower, ir};"), [("crate::lower".to_owned(), 1)]);
    assert_eq!(sees("use crate::{ir::{Api}, lower::ident::{self as i}};")[0].0, "crate::lower::ident");
    assert_eq!(sees("use super::super::lower::Namer;")[0].0, "crate::lower::Namer");
    assert_eq!(sees("fn f() { let _ = crate::lower::ident::ident(\"a\"); }")[0].0, "crate::lower::ident::ident");
    assert_eq!(sees("fn f(_: &super::super::lower::Namer) {}")[0].0, "crate::lower::Namer");
    assert!(sees("use super::types; use crate::ir::Api; /// [`crate::lower`]\nfn f() {}").is_empty());
}

#[test]
fn emit_reads_only_the_ir() {
    let found = references("emit", &["lower", "schema", "import", "load", "diff"]);
    assert!(found.is_empty(), "emit reaches past the IR:\n{}", found.join("\n"));
}

#[test]
fn the_ir_imports_nothing_from_the_stages_around_it() {
    let found = references("ir", &["lower", "schema", "import", "load", "emit", "output", "diff"]);
    assert!(found.is_empty(), "the IR depends on a stage:\n{}", found.join("\n"));
}

#[test]
fn importers_produce_descriptions_without_pipeline_internals() {
    let found = references("import", &["ir", "emit", "output", "diff"]);
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
