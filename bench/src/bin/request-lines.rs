//! Translates the Graph v1.0 request lines of the docs into tests of the generated `msgraph-v1`
//! crate (see `msgraph_bench::request_lines`).
//!
//! ```sh
//! request-lines FIXTURE SCHEMA_DIR CRATE_DIR [--exclude ID,ID…]
//! ```
//!
//! Writes `CRATE_DIR/tests/request_lines.rs` (one test per line the metadata addresses) and
//! `CRATE_DIR/tests/support/url.rs`, and prints the lines it could not translate, with the
//! reason. `--exclude` leaves lines out (the script excludes the lines whose test does not
//! compile, to run the others).

use std::path::PathBuf;
use std::process::ExitCode;

use msgraph_bench::request_lines::{emit, fixture, metadata::Metadata, translate_all};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let usage = "usage: request-lines FIXTURE SCHEMA_DIR CRATE_DIR [--exclude ID,ID…]";
    let [fixture_path, schema, crate_dir, rest @ ..] = args.as_slice() else { return Err(usage.into()) };
    let exclude: Vec<&str> = match rest {
        [] => Vec::new(),
        [flag, ids] if flag == "--exclude" => ids.split(',').filter(|s| !s.is_empty()).collect(),
        _ => return Err(usage.into()),
    };
    let fixture = fixture::read(&PathBuf::from(fixture_path))?;
    let meta = Metadata::load(&PathBuf::from(schema))?;
    let translated = translate_all(&meta, &fixture, |line| !exclude.contains(&line.id.as_str()));
    let tests = PathBuf::from(crate_dir).join("tests");
    std::fs::create_dir_all(tests.join("support")).map_err(|e| format!("{}: {e}", tests.display()))?;
    let write = |name: &str, text: &str| {
        let path = tests.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("support/url.rs", emit::SUPPORT_URL_RS)?;
    write("request_lines.rs", &emit::test_file(&translated.addressed)?)?;
    for (line, reason) in &translated.failed {
        println!("untranslated {}: {} {}: {reason}", line.id, line.method, line.url);
    }
    println!(
        "translated {} of {} request lines ({} excluded, {} listed as unaddressable in the fixture)",
        translated.addressed.len(),
        fixture.lines.len(),
        exclude.len(),
        fixture.skipped.len()
    );
    Ok(())
}
