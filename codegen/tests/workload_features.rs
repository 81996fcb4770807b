//! One cargo feature per workload (`Config::workload_features`, `generate --workload-features`):
//! on a crate generated from the cut of the v1.0 metadata (`fixtures/addressing`), features are
//! additive (`users`, then with `sites`, then with `event`: code that compiled with fewer still
//! compiles and passes), every feature together passes clippy with warnings denied, and a
//! navigation property to another workload's type loses nothing when that workload is off
//! (`fixtures/workloads/lossless.rs`, run inside the crate).
//!
//! That each of the cut's 13 features builds alone (a clippy run per feature) is checked by
//! `.ci/run` with `bench/workload-features.sh --schema codegen/tests/fixtures/addressing`, beside
//! the sample of all of v1.0's features: 13 more nested builds were the largest share of the test
//! command's time.

mod common;

use std::path::Path;

use msgraph_codegen::Config;

#[test]
fn each_workload_builds_alone_and_features_add_up() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let generated = Config::new(fixtures.join("addressing"))
        .crate_name("msgraph-v1")
        .workload_features(true)
        .generate()
        .expect("the cut of v1.0 generates with workload features");
    let names: Vec<&str> = generated.features().iter().map(|feature| feature.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "applications",
            "calendar",
            "directory_objects",
            "drive",
            "drives",
            "event",
            "groups",
            "identity",
            "me",
            "reports",
            "service_principals",
            "sites",
            "teams",
            "users"
        ]
    );
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("msgraph-v1");
    generated.write_to(&crate_dir).unwrap();
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("users = [] # /users:"), "{manifest}");
    assert!(manifest.contains("# One feature per workload (generated with --workload-features)"), "{manifest}");
    assert!(manifest.contains("[package.metadata.docs.rs]\nall-features = true"), "{manifest}");
    let user = std::fs::read_to_string(crate_dir.join("src/models/user.rs")).unwrap();
    assert!(
        user.contains(
            "/// Available with the feature `sites`.\n    #[cfg(feature = \"sites\")]\n    pub followed_sites"
        ),
        "a navigation to another workload's type is behind that workload's features, and its docs say so:\n{user}"
    );
    // The crate root: the documented types and the table of workloads (`users` brings `me`).
    let root = std::fs::read_to_string(crate_dir.join("src/lib.rs")).unwrap();
    assert!(root.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"), "{root}");
    insta::assert_snapshot!("crate_root_with_workloads", root);
    std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
    std::fs::copy(fixtures.join("workloads/lossless.rs"), crate_dir.join("tests/lossless.rs")).unwrap();
    common::cargo_in(&crate_dir, &["test", "--no-default-features", "--features", "users"]);
    common::cargo_in(&crate_dir, &["test", "--no-default-features", "--features", "users,sites"]);
    common::cargo_in(&crate_dir, &["test", "--no-default-features", "--features", "users,sites,event"]);
    common::cargo_in(&crate_dir, &["clippy", "--all-targets", "--all-features", "--", "-D", "warnings"]);
}
