//! The change report: what changed between two descriptions of an API, and what it does to code
//! that depends on the generated crate.
//!
//! Each side is a folder of description files, or documentation pages or CSDL metadata imported in
//! memory ([`read_side`]). Both are resolved as lowering resolves them, and compared by documented
//! name (`compare`): types, the effective properties of each struct (inherited
//! ones included, each reported at the type that declares it), enum members, operations. Then both
//! are lowered, and the Rust names of what is on both sides, and the namespace features, are
//! compared (`names`): a documented name that stays while its Rust identifier changes is a rename
//! for downstream code.
//!
//! Every [`Change`] has a stable [`Check`] id, a [`Level`] and one sentence:
//!
//! - **breaking**: a type, property, enum member, operation or feature removed or renamed (Rust
//!   names included); a type changed (property type, collection-ness, base type, enum ↔ struct,
//!   enum ↔ flags); an operation's method, path, path parameters, bodies, success status or query
//!   options changed; the API version changed;
//! - **additive**: a new type, derived type, base type inserted above a type (every old base is
//!   still a base), property, enum member, operation, query option or
//!   feature (the generated structs and enums are `#[non_exhaustive]`, so these break nothing);
//! - **documentation**: descriptions, permissions, source pages, examples, and the traits only the
//!   docs show (nullability, navigation, entity or complex, abstract).
//!
//! [`render`] writes a report as Markdown (for a pull request) or JSON (for tools).
//! `codegen/tests/diff_compiles.rs` proves the levels by compiling a downstream program against
//! the crate before each change and the crate after it.

mod addressing;
mod change;
mod compare;
mod input;
mod names;
pub mod render;

pub use change::{Change, Check, Level, Report};
pub use input::{Side, SideKind, read_side};

use crate::Config;
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Result};
use crate::load::LoadedFile;
use crate::lower::resolve;

/// How the two sides are lowered: as `generate` would for the crate being reviewed.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// The namespace whose types go directly into `models` (default `microsoft.graph`).
    pub root_namespace: Option<String>,
    /// Whether the crate has one cargo feature per namespace (`--namespace-features`).
    pub namespace_features: bool,
    /// Whether the crate has one cargo feature per workload (`--workload-features`; takes
    /// precedence). Features are compared only with one of the two.
    pub workload_features: bool,
}

/// Reads both sides (see [`read_side`]), at the same time, and compares them.
pub fn diff_paths(
    old: &std::path::Path,
    new: &std::path::Path,
    overrides: Option<&std::path::Path>,
    options: &DiffOptions,
) -> Result<Report> {
    let (old_side, new_side) = crate::parallel::join(|| read_side(old, overrides), || read_side(new, overrides));
    let changes = diff_files(&old_side?.files, &new_side?.files, options)?;
    Ok(Report::new(old.display().to_string(), new.display().to_string(), changes))
}

/// Every change from the descriptions `old` to the descriptions `new`. Either side failing to
/// resolve or lower is an error with the locations of its problems.
pub fn diff_files(old: &[LoadedFile], new: &[LoadedFile], options: &DiffOptions) -> Result<Vec<Change>> {
    let mut config =
        Config::new(".").namespace_features(options.namespace_features).workload_features(options.workload_features);
    if let Some(namespace) = &options.root_namespace {
        config = config.root_namespace(namespace.clone());
    }
    let (old_inline, new_inline) = (resolve::inline_bodies(old), resolve::inline_bodies(new));
    // Each side resolved (for what the descriptions say) and lowered (for what the crate has).
    let side = |files, inline| -> Result<_> {
        let resolved = resolve::resolve(files, inline).map_err(|problems| Error::Invalid(Diagnostics(problems)))?;
        Ok((resolved, config.lower(files)?))
    };
    let (old_side, new_side) = crate::parallel::join(|| side(old, &old_inline), || side(new, &new_inline));
    let ((old_resolved, old_api), (new_resolved, new_api)) = (old_side?, new_side?);

    let (before, after) = crate::parallel::join(
        || names::RustItems::new(&old_api, &old_resolved),
        || names::RustItems::new(&new_api, &new_resolved),
    );
    let mut changes = Vec::new();
    compare::compare(&old_resolved, &new_resolved, &before, &mut changes);
    addressing::compare(&old_resolved, &new_resolved, &before, &after, &mut changes);
    names::compare(&old_api, &new_api, &before, &after, &mut changes);
    for change in changes.iter_mut().filter(|change| !change.rust.is_empty() && change.features.is_empty()) {
        change.features = before.features_of(&change.rust);
    }
    Ok(changes)
}
