//! Benchmarks of `msgraph-codegen` and of the code it generates. Nothing here is published; see
//! the README's "Benchmarks" section for the commands and the latest figures.

pub mod csdl_json_schema;
pub mod graph_v1;
