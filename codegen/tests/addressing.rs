//! Every Graph request addressable from the metadata: a crate generated from a cut of Graph
//! v1.0's metadata (`fixtures/addressing`, made by its `cut.py`) passes clippy with warnings
//! denied and rustdoc, its path builders compose Graph's request lines, and its requests go over
//! real HTTP through the client (`fixtures/addressing/requests.rs`, run inside the crate). The
//! README's examples of the path builders (its ```` ```rust,ignore ```` blocks, which are not doc
//! tests of `msgraph-beta`) are compiled and run here too, as tests of that crate. The generated
//! entry points and one type's builder methods are snapshots, so a review shows how they change.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use msgraph_codegen::Config;

/// The README's code blocks fenced ```` ```rust,ignore ````: the examples of the path builders.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let mut examples = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```rust,ignore") => current = Some(String::new()),
            (Some(_), "```") => examples.extend(current.take()),
            (Some(code), text) => {
                code.push_str(text);
                code.push('\n');
            }
            (None, _) => {}
        }
    }
    examples
}

/// The README's examples as tests: each is the body of a test returning `Result`.
fn readme_tests(examples: &[String]) -> String {
    let mut tests = String::from("//! The README's examples of the path builders.\n");
    for (index, example) in examples.iter().enumerate() {
        writeln!(
            tests,
            "\n#[test]\nfn readme_example_{index}() -> Result<(), Box<dyn std::error::Error>> {{\n{example}    Ok(())\n}}"
        )
        .unwrap();
    }
    tests
}

#[test]
fn the_metadata_makes_every_request_addressable() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/addressing");
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("msgraph-v1");
    let generated = Config::new(&fixtures).crate_name("msgraph-v1").generate().expect("the cut of v1.0 generates");
    generated.write_to(&crate_dir).unwrap();

    let requests = std::fs::read_to_string(crate_dir.join("src/requests.rs")).unwrap();
    insta::assert_snapshot!("entry_points", requests);
    let user = std::fs::read_to_string(crate_dir.join("src/models/user.rs")).unwrap();
    let start = user.find("/// The requests on [`User`]s").expect("user's requests");
    let end = user.find("\n/// The parameters of the action").unwrap_or(user.len());
    let builders = &user[start..end];
    insta::assert_snapshot!("user_path_builders", builders);

    let examples = readme_examples();
    assert!(!examples.is_empty(), "the README shows the path builders");
    let tests = crate_dir.join("tests");
    std::fs::create_dir_all(&tests).unwrap();
    std::fs::copy(fixtures.join("requests.rs"), tests.join("requests.rs")).unwrap();
    std::fs::write(tests.join("readme.rs"), readme_tests(&examples)).unwrap();
    let manifest = crate_dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(
        "\n[dev-dependencies]\ntokio = { version = \"1.38\", features = [\"macros\", \"rt\"] }\nwiremock = \"0.6\"\n",
    );
    std::fs::write(&manifest, text).unwrap();

    common::cargo_in(&crate_dir, &["clippy", "--all-targets", "--features", "client", "--", "-D", "warnings"]);
    common::cargo_in(&crate_dir, &["test", "--features", "client"]);
    common::cargo_in(&crate_dir, &["doc", "--no-deps", "--features", "client"]);
}
