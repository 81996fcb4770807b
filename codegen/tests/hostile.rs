//! Names and descriptions that are legal in JSON but hostile to Rust — keywords, leading digits,
//! punctuation, non-ASCII, types named `Option`/`Result`/`Box`/`String`/`Vec`/`Self`, enum values
//! that are empty or differ only by case, descriptions with code fences, `*/`, `#[`, HTML and
//! brackets — generate a crate that compiles with warnings denied, passes clippy and rustdoc,
//! holds no doctest, and round-trips hostile JSON (`fixtures/hostile/roundtrip.rs`, run inside
//! the generated crate).

mod common;

use std::path::Path;

use msgraph_codegen::Config;

#[test]
fn hostile_but_legal_descriptions_make_a_clean_crate() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("hostile");
    Config::new(&fixtures)
        .crate_name("hostile")
        .generate()
        .expect("hostile names are handled, not rejected")
        .write_to(&crate_dir)
        .unwrap();
    std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
    std::fs::copy(fixtures.join("roundtrip.rs"), crate_dir.join("tests/roundtrip.rs")).unwrap();

    common::cargo_in(&crate_dir, &["clippy", "--all-targets", "--features", "client", "--", "-D", "warnings"]);
    common::cargo_in(&crate_dir, &["test", "--features", "client"]);
    common::cargo_in(&crate_dir, &["doc", "--no-deps", "--features", "client"]);
    let doc = std::fs::read_to_string(crate_dir.join("src/models/type2.rs")).unwrap();
    assert!(doc.contains("/// ```text"), "code fences in descriptions become text blocks");
    assert!(
        !doc.contains("/// ```rust") && !doc.contains("///     indented code"),
        "no doctest can come from a description"
    );
}
