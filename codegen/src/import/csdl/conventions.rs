//! Graph conventions the metadata does not say, kept as data (`conventions.json`, embedded):
//! complex types whose values are any JSON (`microsoft.graph.Json`). A reference to such a type
//! is imported as untyped JSON, and the type itself is not described.

use std::collections::HashSet;

use serde::Deserialize;

/// The embedded table.
const CONVENTIONS: &str = include_str!("conventions.json");

/// The conventions table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Conventions {
    /// Why the table exists.
    #[allow(dead_code)]
    why: String,
    /// Types whose values are any JSON.
    #[serde(default)]
    untyped: Vec<Untyped>,
}

/// A type whose values are any JSON.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Untyped {
    /// The qualified name.
    r#type: String,
    /// Why.
    #[allow(dead_code)]
    why: String,
}

/// The qualified names of the types whose values are read as untyped JSON; an error when the
/// embedded table does not parse (a maintainer's mistake, reported as a warning).
pub(super) fn untyped_types() -> Result<HashSet<String>, String> {
    let conventions: Conventions = serde_json::from_str(CONVENTIONS)
        .map_err(|error| format!("the embedded conventions table (conventions.json) does not parse: {error}"))?;
    Ok(conventions.untyped.into_iter().map(|entry| entry.r#type).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_names_graphs_json_blob() {
        let untyped = untyped_types().unwrap();
        assert!(untyped.contains("microsoft.graph.Json"), "{untyped:?}");
    }
}
