//! Graph v1.0 as description files in memory: the CSDL fixture imported, and evenly spread
//! subsets of it, for the generation benchmarks.

use std::path::{Path, PathBuf};

use msgraph_codegen::diagnostic::Source;
use msgraph_codegen::import;
use msgraph_codegen::load::{self, LoadedFile};
use msgraph_codegen::schema::{DescriptionFile, TypeDescription};

/// The Graph v1.0 metadata in the repository.
pub fn csdl_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/metadata/v1.0-Prod.csdl")
}

/// Every type of Graph v1.0, as the importer describes them (sorted by file name).
pub fn descriptions() -> Vec<(String, DescriptionFile)> {
    let path = csdl_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let imported = import::import_metadata(&[(path, text)], None).unwrap_or_else(|error| panic!("{error}"));
    imported.files.into_iter().collect()
}

/// `percent`% of the types, spread evenly over the sorted list (types whose index modulo 100 is
/// below `percent`). References to types left out become raw JSON and base types left out are
/// dropped, so the subset is complete on its own, as if the metadata described only it.
pub fn subset(all: &[(String, DescriptionFile)], percent: usize) -> Vec<(String, DescriptionFile)> {
    let chosen: Vec<&(String, DescriptionFile)> =
        all.iter().enumerate().filter(|(i, _)| i % 100 < percent).map(|(_, f)| f).collect();
    let names: std::collections::HashSet<String> =
        chosen.iter().flat_map(|(_, file)| &file.types).map(|ty| format!("{}.{}", ty.namespace, ty.name)).collect();
    let known = |ty: &TypeDescription, reference: &str| {
        msgraph_codegen::schema::Primitive::from_name(reference).is_some()
            || names.contains(reference)
            || names.contains(&format!("{}.{reference}", ty.namespace))
    };
    chosen
        .into_iter()
        .map(|(name, file)| {
            let mut file = file.clone();
            for ty in &mut file.types {
                if ty.base_type.as_deref().is_some_and(|base| !known(ty, base)) {
                    ty.base_type = None;
                }
                let owner = ty.clone();
                for property in &mut ty.properties {
                    if !known(&owner, &property.r#type) {
                        property.r#type = "Untyped".into();
                    }
                }
            }
            (name.clone(), file)
        })
        .collect()
}

/// Description files as the loader would read them from disk: JSON text, then parsed.
pub fn sources(files: &[(String, DescriptionFile)]) -> Vec<Source> {
    files
        .iter()
        .map(|(name, file)| Source {
            path: PathBuf::from("schema").join(name),
            text: serde_json::to_string_pretty(file).expect("descriptions serialize"),
        })
        .collect()
}

/// Parses sources (the load stage without the disk).
pub fn load(sources: Vec<Source>) -> Vec<LoadedFile> {
    load::parse_all(sources).unwrap_or_else(|error| panic!("{error}"))
}

/// Number of types in description files.
pub fn type_count(files: &[(String, DescriptionFile)]) -> usize {
    files.iter().map(|(_, file)| file.types.len()).sum()
}
