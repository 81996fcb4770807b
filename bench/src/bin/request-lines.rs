//! Translates the Graph v1.0 request lines of the docs into tests of the generated `msgraph-v1`
//! crate (see `msgraph_bench::request_lines`); `bench/graph-v1-crate.sh` runs it.
//!
//! ```sh
//! request-lines write FIXTURE SCHEMA_DIR CRATE_DIR [--exclude ID,ID…]
//! cargo test --all-features --test request_lines --no-run --message-format=json \
//!     | request-lines compile-errors FIXTURE CRATE_DIR
//! ```
//!
//! `write` writes `CRATE_DIR/tests/request_lines.rs` (one test per line the metadata
//! addresses), `CRATE_DIR/tests/request_lines_client.rs` (a sample sent through the client to
//! a local server) and their support files in `CRATE_DIR/tests/support/`, and prints the lines it could not
//! translate, with the reason; `--exclude` leaves lines out. `compile-errors` reads cargo's
//! messages and prints, for each line whose test does not compile, its id, its request line
//! and rustc's first error; its last output line is the ids, comma-separated, for `--exclude`.
//! `counts` prints the number of lines and of skipped lines.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use msgraph_bench::request_lines::{compile_errors, emit, emit_client, fixture, metadata::Metadata, translate_all};

const USAGE: &str = "usage: request-lines write FIXTURE SCHEMA_DIR CRATE_DIR [--exclude ID,ID…]
       request-lines compile-errors FIXTURE CRATE_DIR < cargo-messages.json
       request-lines counts FIXTURE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("write") => write(&args[1..]),
        Some("compile-errors") => report_compile_errors(&args[1..]),
        Some("counts") => counts(&args[1..]),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write(args: &[String]) -> Result<(), String> {
    let [fixture_path, schema, crate_dir, rest @ ..] = args else { return Err(USAGE.into()) };
    let exclude: Vec<&str> = match rest {
        [] => Vec::new(),
        [flag, ids] if flag == "--exclude" => ids.split(',').filter(|s| !s.is_empty()).collect(),
        _ => return Err(USAGE.into()),
    };
    let fixture = fixture::read(Path::new(fixture_path))?;
    let meta = Metadata::load(Path::new(schema))?;
    let translated = translate_all(&meta, &fixture, |line| !exclude.contains(&line.id.as_str()));
    let tests = PathBuf::from(crate_dir).join("tests");
    std::fs::create_dir_all(tests.join("support")).map_err(|e| format!("{}: {e}", tests.display()))?;
    let write = |name: &str, text: &str| {
        let path = tests.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("support/url.rs", emit::support_url_rs())?;
    write("support/server.rs", emit_client::support_server_rs())?;
    write("request_lines.rs", &emit::test_file(&translated.addressed)?)?;
    write("request_lines_client.rs", &emit_client::test_file(&translated.addressed)?)?;
    for (line, reason) in &translated.failed {
        println!("untranslated {}: {} {}: {reason}", line.id, line.method, line.url);
    }
    println!(
        "translated {} of {} request lines ({} excluded; {} more the metadata cannot address)",
        translated.addressed.len(),
        fixture.lines.len(),
        exclude.len(),
        fixture.skipped.len()
    );
    Ok(())
}

fn report_compile_errors(args: &[String]) -> Result<(), String> {
    let [fixture_path, crate_dir] = args else { return Err(USAGE.into()) };
    let fixture = fixture::read(Path::new(fixture_path))?;
    let path = PathBuf::from(crate_dir).join("tests/request_lines.rs");
    let test_file = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut messages = String::new();
    std::io::stdin().read_to_string(&mut messages).map_err(|e| format!("stdin: {e}"))?;
    let mut ids = Vec::new();
    for (test, error) in compile_errors::failing_tests(&messages, &test_file) {
        let Some(line) = fixture.lines.iter().find(|l| emit::test_name(&l.id) == test) else { continue };
        eprintln!("does not compile {}: {} {}: {error}", line.id, line.method, line.url);
        ids.push(line.id.as_str());
    }
    println!("{}", ids.join(","));
    Ok(())
}

fn counts(args: &[String]) -> Result<(), String> {
    let [fixture_path] = args else { return Err(USAGE.into()) };
    let fixture = fixture::read(Path::new(fixture_path))?;
    println!("{} {}", fixture.lines.len(), fixture.skipped.len());
    Ok(())
}
