//! The request-lines check: real request lines from the Graph v1.0 documentation pages
//! (`tests/fixtures/request-lines/v1.0.json`), each translated into a call of the crate
//! generated from the v1.0 metadata, using only the naming conventions an outsider would guess
//! (see [`names`]). The generated tests build each request, compare its method and URL with
//! the page's, and parse the page's response.
//!
//! Stages: [`fixture`] (the input), [`metadata`] (the imported descriptions), [`address`] (the
//! walk from URL to calls, a [`plan::Plan`]), [`emit`] (the test file).

pub mod address;
pub mod arguments;
pub mod compile_errors;
pub mod emit;
pub mod emit_client;
pub mod fixture;
pub mod metadata;
pub mod mime;
pub mod names;
pub mod plan;
pub mod server;
pub mod translation;
pub mod url;

use fixture::{Fixture, Line};
use metadata::Metadata;
use plan::Plan;

/// The fixture's lines split by whether the metadata addresses them.
pub struct Translated<'a> {
    /// The lines with their plans.
    pub addressed: Vec<(&'a Line, Plan)>,
    /// The lines the walk could not translate, with the reason.
    pub failed: Vec<(&'a Line, String)>,
}

/// Translates every line of the fixture that `keep` accepts.
pub fn translate_all<'a>(meta: &Metadata, fixture: &'a Fixture, keep: impl Fn(&Line) -> bool) -> Translated<'a> {
    let mut translated = Translated { addressed: Vec::new(), failed: Vec::new() };
    for line in fixture.lines.iter().filter(|l| keep(l)) {
        match address::translate(meta, line) {
            Ok(plan) => translated.addressed.push((line, plan)),
            Err(reason) => translated.failed.push((line, reason)),
        }
    }
    translated
}
