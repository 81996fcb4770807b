//! Benchmarks of `msgraph-codegen` and of the code it generates. Nothing here is published; see
//! `bench/BENCHMARKS.md` for the commands and the latest figures.
//!
//! The library holds what the benchmarks share and what is worth a unit test: the input data
//! ([`dep_enrollment_profiles`], [`graph_v1`]), the derived baseline types ([`plain`]) and the
//! CSDL to JSON Schema converter that gives typify the same types ([`csdl_json_schema`]), and the
//! translator of the docs' request lines into tests of the generated v1.0 crate
//! ([`request_lines`], run by `bench/graph-v1-crate.sh`), and the conformance suite of the whole
//! v1.0 API reference built on it ([`conformance`], run by `bench/conformance.sh`).

pub mod conformance;
pub mod csdl_json_schema;
pub mod dep_enrollment_profiles;
pub mod graph_v1;
pub mod plain;
pub mod request_lines;
