//! `msgraph-codegen` turns JSON descriptions of Microsoft Graph's documented property tables into a
//! Rust crate of typed models.
//!
//! The pipeline is one-way, a module per stage:
//!
//! 1. [`load`]: read `schema/*.json` into the [`schema`] types (serde, `deny_unknown_fields`);
//! 2. [`lower`]: validate and resolve into the [`ir`], where every decision is made (names, doc
//!    lines, the crate's module tree) and every error gets a file, line:column and JSON path
//!    ([`diagnostic`]);
//! 3. [`emit`]: the IR to tokens with `quote!`, one walk, no decisions; the IR is the only thing
//!    emit reads;
//! 4. [`output`]: format with `prettyplease` (cached by content) and lay out as a crate or as one
//!    `include!` file, writing only the files that changed.
//!
//! Beside the pipeline, [`import`] turns Graph's doc pages and CSDL metadata into description
//! files, and [`diff`] reports what changed between two sets of them, classified by what it does to
//! downstream code.
//!
//! # From a build script
//!
//! In the spirit of `prost-build`: the generated crate's `build.rs` runs
//!
//! ```no_run
//! // build.rs
//! if let Err(error) = msgraph_codegen::Config::new("../schema").compile_for_build_script("msgraph.rs") {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and its `lib.rs` says `include!(concat!(env!("OUT_DIR"), "/msgraph.rs"));`.
//!
//! # As a library
//!
//! ```no_run
//! let generated = msgraph_codegen::Config::new("schema").crate_name("msgraph-beta").generate()?;
//! generated.write_to("out/msgraph-beta".as_ref())?;
//! # Ok::<(), msgraph_codegen::Error>(())
//! ```

pub mod diagnostic;
pub mod diff;
pub mod emit;
mod error;
mod files;
mod format_cache;
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
pub mod output;
mod parallel;
pub mod schema;
pub mod select;
mod suggest;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::{Chosen, Error, Result};
pub use files::WriteReport;
pub use output::{CrateSettings, Drift, GeneratedCrate};

/// What to generate from where: the entry point of the library.
#[derive(Debug, Clone)]
pub struct Config {
    schema_dir: PathBuf,
    root_namespace: String,
    crate_name: String,
    crate_version: String,
    standalone_workspace: bool,
    namespace_features: bool,
    workload_features: bool,
    format_cache: bool,
    selection: select::Selection,
}

impl Config {
    /// Generates from the description files in `schema_dir`.
    pub fn new(schema_dir: impl Into<PathBuf>) -> Self {
        Self {
            schema_dir: schema_dir.into(),
            root_namespace: "microsoft.graph".into(),
            crate_name: "msgraph-beta".into(),
            crate_version: "0.1.0".into(),
            standalone_workspace: true,
            namespace_features: false,
            workload_features: false,
            format_cache: true,
            selection: select::Selection::default(),
        }
    }

    /// The namespace whose types go directly into `models` (default `microsoft.graph`).
    pub fn root_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.root_namespace = namespace.into();
        self
    }

    /// The package name of a generated crate (default `msgraph-beta`).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = name.into();
        self
    }

    /// The package version of a generated crate (default `0.1.0`).
    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.crate_version = version.into();
        self
    }

    /// Whether a generated crate's `Cargo.toml` has a `[workspace]` table of its own (default
    /// `true`: it builds wherever it is written).
    pub fn standalone_workspace(mut self, standalone: bool) -> Self {
        self.standalone_workspace = standalone;
        self
    }

    /// Whether a generated crate has one cargo feature per namespace (default `false`): a type
    /// compiles when the feature of any namespace that uses it is on, and the default feature
    /// `full` turns them all on. For crates the size of all of Graph, so that a user of one
    /// namespace compiles only it and what it references.
    pub fn namespace_features(mut self, enabled: bool) -> Self {
        self.namespace_features = enabled;
        self
    }

    /// Whether a generated crate has one cargo feature per workload (default `false`): per entity
    /// set and singleton (`users`, `me`, `device_management`), compiling the types reachable from
    /// it through containment navigation properties and what they need, and one per containment
    /// subtree of more than 30 types, named after its type (`message` for
    /// `/users/{id}/messages`, `drive_item`), which the workloads containing it leave out. A
    /// navigation property to a type of other workloads exists when one of theirs is on, and its
    /// JSON otherwise stays in `additional_properties`. The default feature `full` turns them all on (and compiles the
    /// types no workload reaches). Takes precedence over [`Config::namespace_features`].
    pub fn workload_features(mut self, enabled: bool) -> Self {
        self.workload_features = enabled;
        self
    }

    /// Whether writing a crate keeps a format cache in its folder (default `true`):
    /// `<out>/.msgraph-codegen-cache/` (with its own `.gitignore`). A model type's file is keyed
    /// by a hash of the type's IR, its module and the generator's executable, and the cache
    /// records the hash of the file it made: a type whose key and file are unchanged is neither
    /// emitted nor formatted. Other files are cached by their unformatted source. So a
    /// regeneration after a small change emits and formats only what changed. An entry that is
    /// corrupt or from another version is ignored; the output is the same with or without it.
    pub fn format_cache(mut self, enabled: bool) -> Self {
        self.format_cache = enabled;
        self
    }

    /// Generates only the types that match `patterns` and what they need (default: every type).
    /// A pattern is a qualified name, `*` matching any run of characters:
    /// `["microsoft.graph.user", "microsoft.graph.callRecords.*"]`. Base types, the types of
    /// structural properties and of operations come along; a navigation property to a type left
    /// out is left out, its JSON kept in `additional_properties` (see [`select`]).
    pub fn types<I, S>(mut self, patterns: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.selection.types = patterns.into_iter().map(Into::into).collect();
        self
    }

    /// Generates only these workloads, the same as the features of [`Config::workload_features`]:
    /// entity sets and singletons by their name in the URL (`users`, `me`) or in snake case
    /// (`device_management`), and contained workloads by their feature name (`message`). Each
    /// brings the types reachable from it through containment navigation properties, except
    /// other workloads, and what those types need as with [`Config::types`]. Only the chosen
    /// roots get entry points in `requests`.
    pub fn workloads<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.selection.workloads = names.into_iter().map(Into::into).collect();
        self
    }

    /// The folder the description files are read from.
    pub fn schema_dir(&self) -> &Path {
        &self.schema_dir
    }

    /// Runs the pipeline: load, lower, emit. The result renders to files on demand.
    pub fn generate(&self) -> Result<GeneratedCrate> {
        let loaded = load::load_dir_reporting(&self.schema_dir)?;
        if loaded.problems.is_empty() {
            return self.generate_from(&loaded.files);
        }
        // Every problem in one run: with every file parsed (unknown fields left out), what the
        // files say is checked too; with a file missing, its types would look undescribed.
        let mut problems = loaded.problems;
        if loaded.complete
            && let Err(Error::Invalid(more)) = self.lower(&loaded.files)
        {
            problems.extend(more.0);
        }
        Err(Error::Invalid(Diagnostics(problems)))
    }

    /// Runs lower and emit on files that are already loaded (after choosing the types, when
    /// [`Config::types`] or [`Config::workloads`] names some).
    pub fn generate_from(&self, files: &[load::LoadedFile]) -> Result<GeneratedCrate> {
        let api = if self.selection.is_empty() {
            self.lower(files)?
        } else {
            self.lower(&select::select(files, &self.selection, &self.root_namespace)?)?
        };
        Ok(self.crate_of(api))
    }

    /// Stage 2 alone: validates and resolves loaded files into the IR.
    pub fn lower(&self, files: &[load::LoadedFile]) -> Result<ir::Api> {
        let options = lower::LowerOptions {
            root_namespace: self.root_namespace.clone(),
            crate_docs: format!(
                "Typed Microsoft Graph models, generated by `msgraph-codegen` from the description files of Graph's documented property tables (crate `{}`).",
                self.crate_name
            ),
            crate_name: self.crate_name.replace('-', "_"),
            namespace_features: self.namespace_features,
            workload_features: self.workload_features,
        };
        lower::lower(files, &options)
    }

    /// Stage 3 alone: the IR to a crate of tokens. The model types are emitted, and everything
    /// formatted (stage 4), when the crate's files are asked for ([`GeneratedCrate::files`],
    /// [`GeneratedCrate::write_to`]): a type whose file the format cache holds is never emitted.
    pub fn emit(&self, api: &ir::Api) -> GeneratedCrate {
        self.crate_of(api.clone())
    }

    /// [`Config::emit`] of an IR it may keep (its types are kept until the files are rendered).
    fn crate_of(&self, api: ir::Api) -> GeneratedCrate {
        GeneratedCrate {
            root: emit::emit_lazily(&api),
            types: std::sync::Arc::new(api.types),
            features: api.features,
            omitted: api.omitted,
            settings: CrateSettings {
                name: self.crate_name.clone(),
                version: self.crate_version.clone(),
                standalone_workspace: self.standalone_workspace,
            },
            format_cache: self.format_cache,
        }
    }

    /// For a build script: generates into `$OUT_DIR/<file_name>` (only rewriting it when it
    /// changed) and tells cargo to run the script again only when a description file changes.
    pub fn compile_for_build_script(&self, file_name: &str) -> Result<()> {
        // One line: cargo watches a folder's files itself, and a failing build shows this
        // output before the errors, which should not drown in it.
        println!("cargo:rerun-if-changed={}", self.schema_dir.display());
        let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| Error::Write {
            path: PathBuf::from("$OUT_DIR"),
            source: std::io::Error::other("OUT_DIR is not set: call this from a build script"),
        })?;
        // The crate the file is included in (for the examples in its docs).
        let config = match std::env::var("CARGO_PKG_NAME") {
            Ok(name) => self.clone().crate_name(name),
            Err(_) => self.clone(),
        };
        let generated = config.generate()?;
        for omission in generated.omitted() {
            println!("cargo:warning={}", omission.message);
        }
        let text = generated.include_file()?;
        output::write_if_changed(&out_dir.join(file_name), &text)
    }
}
