//! The v1.0 API reference as a conformance suite (issue 26): every request line of the API
//! pages, documented syntax and examples, through the crate generated from the v1.0 metadata.
//!
//! Stages: [`corpus`] (the pages to request lines, through the importer's page reader, with
//! [`http`] for the code blocks), [`translate`] (each line to the generated API's calls, or the
//! named reason it has none), [`validate`] (example bodies against the metadata), [`emit`] (one
//! test per addressed line, recording what it observed with [`support`]), [`judge`] (the
//! verdict on each line from its translation, its bodies and its record) and [`report`].

pub mod corpus;
pub mod emit;
pub mod http;
pub mod judge;
pub mod report;
pub mod suite;
pub mod support;
pub mod translate;
pub mod validate;
