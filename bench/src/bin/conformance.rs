//! The conformance suite of the v1.0 API reference (see `msgraph_bench::conformance`);
//! `bench/conformance.sh` runs it.
//!
//! ```sh
//! conformance extract DOCS_DIR [--source TEXT] --out CORPUS.json
//! conformance write CORPUS.json SCHEMA_DIR CRATE_DIR [--exclude ID,ID…]
//! cargo test --all-features --test conformance --no-run --message-format=json \
//!     | conformance compile-errors CORPUS.json CRATE_DIR
//! ```
//!
//! `extract` reads the API pages below `DOCS_DIR` into request lines. `write` translates them
//! and writes `CRATE_DIR/tests/conformance.rs` (one test per addressed line) with its support
//! files. `compile-errors` reads cargo's messages and prints, for each line whose test does not
//! compile, its id and rustc's first error (on stderr); its output is the ids, comma-separated,
//! for `--exclude`. `report` judges every line from the tests' records (the file the tests
//! wrote, `CONFORMANCE_RECORDS`) and the lines that did not compile (what `compile-errors`
//! printed on stderr), writes the Markdown report and prints the figures; with
//! `--deny-generator-defects` it fails when there is one.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::BTreeMap;

use msgraph_bench::conformance::{corpus, emit, judge, report, suite};
use msgraph_bench::request_lines::{compile_errors, metadata::Metadata};

const USAGE: &str = "usage: conformance extract DOCS_DIR [--source TEXT] --out CORPUS.json
       conformance write CORPUS.json SCHEMA_DIR CRATE_DIR [--exclude ID,ID…]
       conformance compile-errors CORPUS.json CRATE_DIR < cargo-messages.json
       conformance report CORPUS.json SCHEMA_DIR RECORDS.jsonl [--not-compiled FILE] [--out REPORT.md]
                          [--verdicts VERDICTS.jsonl] [--link-base URL] [--metadata TEXT] [--command TEXT]
                          [--deny-generator-defects yes]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        Some("write") => write(&args[1..]),
        Some("compile-errors") => report_compile_errors(&args[1..]),
        Some("report") => report(&args[1..]),
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

/// `--flag value` pairs after the positional arguments.
fn flags<'a>(rest: &'a [String], known: &[&str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut out = Vec::new();
    let mut rest = rest.iter();
    while let Some(flag) = rest.next() {
        if !known.contains(&flag.as_str()) {
            return Err(format!("unknown option `{flag}`\n{USAGE}"));
        }
        let value = rest.next().ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))?;
        out.push((flag.as_str(), value.as_str()));
    }
    Ok(out)
}

fn read_corpus(path: &str) -> Result<corpus::Corpus, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}:{}:{}: {e}", e.line(), e.column()))
}

fn extract(args: &[String]) -> Result<(), String> {
    let [docs, rest @ ..] = args else { return Err(USAGE.into()) };
    let mut out = None;
    let mut source = docs.clone();
    for (flag, value) in flags(rest, &["--out", "--source"])? {
        match flag {
            "--out" => out = Some(value),
            _ => source = value.to_owned(),
        }
    }
    let out = out.ok_or(USAGE)?;
    let corpus = corpus::read_dir(Path::new(docs), &source)?;
    let json = serde_json::to_string_pretty(&corpus).map_err(|e| e.to_string())?;
    std::fs::write(out, json).map_err(|e| format!("{out}: {e}"))?;
    let examples = corpus.lines.iter().filter(|l| l.kind == corpus::LineKind::Example).count();
    println!(
        "read {} API pages: {} request lines ({} syntax, {} examples), {} notes",
        corpus.pages,
        corpus.lines.len(),
        corpus.lines.len() - examples,
        examples,
        corpus.notes.len()
    );
    Ok(())
}

fn write(args: &[String]) -> Result<(), String> {
    let [corpus_path, schema, crate_dir, rest @ ..] = args else { return Err(USAGE.into()) };
    let mut exclude = Vec::new();
    for (_, ids) in flags(rest, &["--exclude"])? {
        exclude.extend(ids.split(',').filter(|s| !s.is_empty()));
    }
    let corpus = read_corpus(corpus_path)?;
    let meta = Metadata::load(Path::new(schema))?;
    let entries = suite::translate_all(&meta, &corpus);
    let tests = PathBuf::from(crate_dir).join("tests");
    std::fs::create_dir_all(tests.join("support")).map_err(|e| format!("{}: {e}", tests.display()))?;
    let write = |name: &str, text: &str| {
        let path = tests.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("support/url.rs", msgraph_bench::request_lines::emit::support_url_rs())?;
    write("support/conformance.rs", emit::support_rs())?;
    write(&format!("{}.rs", emit::TEST_NAME), &suite::test_file(&entries, &exclude))?;
    let addressed = entries
        .iter()
        .filter(|e| matches!(e.status, msgraph_bench::conformance::translate::Status::Addressed { .. }))
        .count();
    println!(
        "wrote a test for {} of {} request lines ({} excluded)",
        addressed - exclude.len(),
        corpus.lines.len(),
        exclude.len()
    );
    Ok(())
}

fn report_compile_errors(args: &[String]) -> Result<(), String> {
    let [corpus_path, crate_dir] = args else { return Err(USAGE.into()) };
    let corpus = read_corpus(corpus_path)?;
    let file_name = format!("{}.rs", emit::TEST_NAME);
    let path = PathBuf::from(crate_dir).join("tests").join(&file_name);
    let test_file = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut messages = String::new();
    std::io::stdin().read_to_string(&mut messages).map_err(|e| format!("stdin: {e}"))?;
    let mut ids = Vec::new();
    for (test, error) in compile_errors::failing_tests_in(&messages, &test_file, &file_name) {
        let Some(line) = corpus.lines.iter().find(|l| msgraph_bench::request_lines::emit::test_name(&l.id) == test)
        else {
            continue;
        };
        eprintln!("does not compile\t{}\t{}", line.id, error.replace('\n', " "));
        ids.push(line.id.as_str());
    }
    println!("{}", ids.join(","));
    Ok(())
}

fn report(args: &[String]) -> Result<(), String> {
    let [corpus_path, schema, records_path, rest @ ..] = args else { return Err(USAGE.into()) };
    let known =
        ["--not-compiled", "--out", "--verdicts", "--link-base", "--metadata", "--command", "--deny-generator-defects"];
    let mut provenance =
        report::Provenance { metadata: schema.clone(), link_base: None, command: "bench/conformance.sh".into() };
    let (mut not_compiled_path, mut out, mut verdicts_path, mut deny) = (None, None, None, false);
    for (flag, value) in flags(rest, &known)? {
        match flag {
            "--not-compiled" => not_compiled_path = Some(value),
            "--out" => out = Some(value),
            "--verdicts" => verdicts_path = Some(value),
            "--link-base" => provenance.link_base = Some(value.to_owned()).filter(|v| !v.is_empty()),
            "--metadata" => provenance.metadata = value.to_owned(),
            "--command" => provenance.command = value.to_owned(),
            _ => deny = value == "yes",
        }
    }
    let corpus = read_corpus(corpus_path)?;
    let meta = Metadata::load(Path::new(schema))?;
    let entries = suite::translate_all(&meta, &corpus);
    let text = std::fs::read_to_string(records_path).map_err(|e| format!("{records_path}: {e}"))?;
    let mut records = BTreeMap::new();
    for (number, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let record: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{records_path}:{}: {e}", number + 1))?;
        let id = record.get("id").and_then(|i| i.as_str()).unwrap_or_default().to_owned();
        records.insert(id, record);
    }
    let mut not_compiled = BTreeMap::new();
    if let Some(path) = not_compiled_path {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("does not compile\t") {
                let (id, error) = rest.split_once('\t').unwrap_or((rest, ""));
                not_compiled.insert(id.to_owned(), error.to_owned());
            }
        }
    }
    let evidence = judge::Evidence { meta: &meta, records: &records, not_compiled: &not_compiled };
    let verdicts = judge::judge(&entries, &evidence);
    let figures = report::figures(&verdicts);
    if let Some(path) = verdicts_path {
        std::fs::write(path, report::verdict_lines(&verdicts)).map_err(|e| format!("{path}: {e}"))?;
    }
    if let Some(out) = out {
        std::fs::write(out, report::markdown(&corpus, &verdicts, &provenance)).map_err(|e| format!("{out}: {e}"))?;
    }
    println!(
        "{} of {} request lines addressed with method and URL exact, {} addressed in all; {} example bodies checked; {} doc defects; {} lines with a generator defect",
        figures.exact,
        figures.lines,
        figures.addressed,
        figures.bodies_checked,
        figures.doc_defects,
        figures.generator_defects
    );
    if deny && figures.generator_defects > 0 {
        return Err(format!("{} lines with a generator defect (see the report)", figures.generator_defects));
    }
    Ok(())
}
