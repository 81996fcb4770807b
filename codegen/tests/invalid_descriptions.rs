//! Every folder under `fixtures/invalid/` is a set of broken description files. Each must fail
//! with located, actionable errors — never a panic, never a partial success — and the rendered
//! errors are snapshotted (`snapshots/invalid_descriptions__<folder>.snap`), so a change to any
//! diagnostic shows in review. Add a case by adding a folder; `cargo insta review` accepts it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use msgraph_codegen::{Config, Error};

#[test]
fn every_invalid_fixture_gives_located_errors() {
    // Relative, so the paths in the messages (and snapshots) are the same on every machine.
    let root = Path::new("tests/fixtures/invalid");
    let mut cases: Vec<_> =
        std::fs::read_dir(root).unwrap().map(|entry| entry.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 10, "the fixtures are there");

    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(true);
    settings.set_omit_expression(true);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().replace('-', "_");
        let rendered = match catch_unwind(|| Config::new(case).generate()) {
            Err(_) => {
                failures.push(format!("{name}: generation panicked"));
                continue;
            }
            Ok(Ok(_)) => {
                failures.push(format!("{name}: generation succeeded on invalid input"));
                continue;
            }
            Ok(Err(Error::Invalid(diagnostics))) => {
                for diagnostic in &diagnostics.0 {
                    assert!(diagnostic.file.starts_with(case), "{name}: {diagnostic} names a file of the case");
                    assert!(diagnostic.help.is_some(), "{name}: every error says how to fix it: {diagnostic}");
                }
                diagnostics.to_string()
            }
            Ok(Err(other)) => other.to_string(),
        };
        let mut settings = settings.clone();
        settings.set_description(case.display().to_string());
        if catch_unwind(AssertUnwindSafe(|| settings.bind(|| insta::assert_snapshot!(name.as_str(), rendered))))
            .is_err()
        {
            failures.push(format!("{name}: the errors changed"));
        }
    }
    assert!(
        failures.is_empty(),
        "{failures:#?}\nreview changed errors with `cargo insta review`; without a terminal, `cargo insta accept` then `git diff -- codegen/tests/snapshots`, or run with `INSTA_UPDATE=always`"
    );
}
