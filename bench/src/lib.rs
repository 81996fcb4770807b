//! Benchmarks of `msgraph-codegen` and of the code it generates. Nothing here is published; see
//! the README's "Benchmarks" section for the commands and the latest figures.
//!
//! The library holds what the benchmarks share and what is worth a unit test: the input data
//! ([`dep_enrollment_profiles`]) and the derived baseline types ([`plain`]).

pub mod dep_enrollment_profiles;
pub mod plain;
