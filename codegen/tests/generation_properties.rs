//! Property-based tests: random valid descriptions — hostile names (keywords, digits,
//! punctuation, non-ASCII), arbitrary Unicode descriptions, inheritance chains, cross-references,
//! flags enums, several namespaces — always generate, and every generated file parses with `syn`.
//! A fixed-seed sample of them is compiled with warnings denied (clippy and rustdoc too).

mod common;

use msgraph_codegen::diagnostic::Source;
use msgraph_codegen::schema::{DescriptionFile, MemberDescription, PropertyDescription, TypeDescription, TypeKind};
use msgraph_codegen::{Config, load};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, TestRng, TestRunner};

/// A hostile fragment of a name: keywords, digits, punctuation, non-ASCII, or random text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "type",
            "match",
            "ref",
            "self",
            "Self",
            "crate",
            "super",
            "async",
            "gen",
            "Option",
            "Result",
            "Box",
            "String",
            "Vec",
            "5GHz",
            "@odata.x",
            "x-ms",
            "a b",
            "größe",
            "日本",
            "",
            "_",
            "build",
            "value",
            "additionalProperties",
            "odataType",
            "into_derived",
            "builder",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9@._ -]{0,10}",
        "\\PC{0,6}",
    ]
}

/// A name that is unique by construction (its last word is `{tag}{index}`), with a hostile front.
fn unique(front: &str, tag: char, index: usize) -> String {
    format!("{front} {tag}{index}")
}

/// A random enum: name front, flags or not, wire values, description.
type EnumPlan = (String, bool, Vec<String>, String);
/// A random property: name front, which type (an index into the choices), collection or not.
type PropertyPlan = (String, usize, bool);
/// A random struct: name front, entity or complex, base (an index), properties, description.
type StructPlan = (String, bool, Option<usize>, Vec<PropertyPlan>, String);

/// Plans for one description file.
#[derive(Debug, Clone)]
struct Plan {
    enums: Vec<EnumPlan>,
    structs: Vec<StructPlan>,
    namespace: String,
}

fn plan() -> impl Strategy<Value = Plan> {
    let enum_plan = (fragment(), any::<bool>(), prop::collection::vec("\\PC{0,8}", 1..5), "\\PC{0,40}");
    let property = (fragment(), 0usize..64, any::<bool>());
    let struct_plan =
        (fragment(), any::<bool>(), prop::option::of(0usize..8), prop::collection::vec(property, 0..6), "\\PC{0,60}");
    (prop::collection::vec(enum_plan, 0..3), prop::collection::vec(struct_plan, 1..6), fragment())
        .prop_map(|(enums, structs, namespace)| Plan { enums, structs, namespace })
}

/// Turns a plan into a valid description file in namespace `microsoft.graph.<front>n<k>`.
// Long on purpose: one proptest strategy for a whole description, field by field.
fn describe(plan: &Plan, k: usize) -> DescriptionFile {
    let namespace_word: String = plan.namespace.chars().filter(|c| c.is_alphanumeric()).collect();
    let namespace = format!("microsoft.graph.{namespace_word}n{k}");
    let mut types = Vec::new();
    let mut enum_names = Vec::new();
    for (i, (front, flags, members, description)) in plan.enums.iter().enumerate() {
        let name = unique(front, 'e', i);
        let mut wire: Vec<String> =
            members.iter().map(|m| if *flags { m.replace(',', ";") } else { m.clone() }).collect();
        wire.sort();
        wire.dedup();
        types.push(TypeDescription {
            description: description.clone(),
            flags: *flags,
            members: wire
                .into_iter()
                .map(|name| MemberDescription { name, value: None, description: description.clone() })
                .collect(),
            ..TypeDescription::new(TypeKind::Enum, name.clone(), namespace.clone())
        });
        enum_names.push(name);
    }
    let primitives = ["String", "Boolean", "Int32", "Int64", "Double", "DateTimeOffset", "Guid", "Binary", "Untyped"];
    let mut struct_names: Vec<(String, bool)> = Vec::new();
    let mut property_counter = 0;
    for (i, (front, entity, base, properties, description)) in plan.structs.iter().enumerate() {
        let name = unique(front, 's', i);
        // A base among the earlier structs of the same kind keeps inheritance acyclic.
        let base_type = base.and_then(|b| {
            let candidates: Vec<&(String, bool)> = struct_names.iter().filter(|(_, e)| e == entity).collect();
            (!candidates.is_empty()).then(|| candidates[b % candidates.len()].0.clone())
        });
        let properties = properties
            .iter()
            .map(|(front, target, collection)| {
                property_counter += 1;
                // Any primitive, any enum, or any struct described so far (itself included).
                let choices = primitives.len() + enum_names.len() + struct_names.len() + 1;
                let pick = target % choices;
                let r#type = if pick < primitives.len() {
                    primitives[pick].to_owned()
                } else if pick < primitives.len() + enum_names.len() {
                    enum_names[pick - primitives.len()].clone()
                } else if pick < choices - 1 {
                    struct_names[pick - primitives.len() - enum_names.len()].0.clone()
                } else {
                    name.clone()
                };
                PropertyDescription {
                    name: unique(front, 'p', property_counter),
                    r#type,
                    collection: *collection,
                    nullable: true,
                    description: description.clone(),
                    inherited_from: None,
                    navigation: false,
                    contains_target: false,
                    capabilities: None,
                }
            })
            .collect();
        let kind = if *entity { TypeKind::Entity } else { TypeKind::Complex };
        types.push(TypeDescription {
            base_type,
            description: description.clone(),
            properties,
            ..TypeDescription::new(kind, name.clone(), namespace.clone())
        });
        struct_names.push((name, *entity));
    }
    DescriptionFile { schema: None, service: None, types }
}

fn sources(files: &[DescriptionFile]) -> Vec<Source> {
    files
        .iter()
        .enumerate()
        .map(|(i, file)| Source {
            path: format!("schema/random{i}.json").into(),
            text: serde_json::to_string_pretty(file).unwrap(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_descriptions_generate_code_that_parses(plans in prop::collection::vec(plan(), 1..4)) {
        let files: Vec<DescriptionFile> = plans.iter().enumerate().map(|(k, plan)| describe(plan, k)).collect();
        let loaded = load::parse_all(sources(&files)).expect("the descriptions parse");
        let generated = Config::new("schema").generate_from(&loaded).map_err(|error| TestCaseError::fail(error.to_string()))?;
        for (path, text) in generated.files().expect("files render") {
            if path.extension().is_some_and(|e| e == "rs") {
                prop_assert!(syn::parse_file(&text).is_ok(), "{} does not parse", path.display());
            }
        }
        prop_assert!(syn::parse_file(&generated.include_file().unwrap()).is_ok());
    }
}

/// The same generator, from a fixed seed: a sample whose crate is compiled, linted and documented.
#[test]
fn a_fixed_sample_compiles_without_warnings() {
    let mut runner =
        TestRunner::new_with_rng(ProptestConfig::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let strategy = prop::collection::vec(plan(), 6);
    let plans = strategy.new_tree(&mut runner).unwrap().current();
    let files: Vec<DescriptionFile> = plans.iter().enumerate().map(|(k, plan)| describe(plan, k)).collect();
    let loaded = load::parse_all(sources(&files)).unwrap();
    let generated = Config::new("schema").crate_name("random-sample").generate_from(&loaded).unwrap();
    let out = tempfile::tempdir().unwrap();
    generated.write_to(out.path()).unwrap();
    common::cargo_in(out.path(), &["clippy", "--all-targets", "--", "-D", "warnings"]);
    common::cargo_in(out.path(), &["doc", "--no-deps"]);
}
