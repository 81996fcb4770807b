//! The conformance tool on the slice of the v1.0 API reference kept in
//! `tests/fixtures/conformance/api` (the full run and the generated crate's tests are
//! `bench/conformance.sh`'s): every page gives request lines through the importer's page reader,
//! every line is translated or named, example bodies are checked against the real v1.0
//! metadata (imported in memory), and the judge reads test records as it should.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use msgraph_bench::conformance::corpus::{self, Corpus, LineKind};
use msgraph_bench::conformance::http::Body;
use msgraph_bench::conformance::judge::{self, BodyOutcome, Class, Evidence};
use msgraph_bench::conformance::suite;
use msgraph_bench::conformance::translate::{Status, Unaddressed};
use msgraph_bench::conformance::validate;
use msgraph_bench::request_lines::metadata::Metadata;
use msgraph_bench::request_lines::plan::{Arg, Schema};
use serde_json::json;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn metadata() -> &'static Metadata {
    static METADATA: OnceLock<Metadata> = OnceLock::new();
    METADATA.get_or_init(|| {
        let path = repo().join("tests/fixtures/metadata/v1.0-Prod.csdl");
        let text = std::fs::read_to_string(&path).expect("the v1.0 metadata fixture is readable");
        let imported = msgraph_codegen::import::import_metadata(&[(path, text)], None).expect("v1.0 imports");
        Metadata::from_files(imported.files.into_values()).expect("the import describes the service")
    })
}

fn slice() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        corpus::read_dir(&repo().join("tests/fixtures/conformance/api"), "slice").expect("the slice is readable")
    })
}

fn line(id: &str) -> &'static corpus::DocLine {
    slice().lines.iter().find(|l| l.id == id).unwrap_or_else(|| panic!("the slice has no line {id}"))
}

#[test]
fn the_slice_covers_the_workloads_and_both_kinds_of_line() {
    let corpus = slice();
    assert!(corpus.pages >= 100, "{} pages", corpus.pages);
    assert!(corpus.lines.len() >= 300, "{} lines", corpus.lines.len());
    let workloads = corpus::count_by_workload(&corpus.lines);
    assert!(workloads.len() >= 25, "{workloads:?}");
    let examples = corpus.lines.iter().filter(|l| l.kind == LineKind::Example).count();
    assert!(examples >= 100 && corpus.lines.len() - examples >= 100, "{examples} examples");
    // Every page gives a line, and ids are unique.
    let mut ids: Vec<&str> = corpus.lines.iter().map(|l| l.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), corpus.lines.len());
    assert!(corpus.notes.iter().all(|n| !n.message.contains("has no request line")), "{:?}", corpus.notes);
}

#[test]
fn an_example_keeps_its_request_and_response_with_their_lines() {
    let send = line("user-sendmail.e1");
    assert_eq!((send.method.as_str(), send.url.as_str()), ("POST", "https://graph.microsoft.com/v1.0/me/sendMail"));
    assert_eq!(send.workload, "outlook");
    assert_eq!(send.header("content-type"), Some("application/json"));
    let Some(Body::Json { value, line: body_line, .. }) = &send.body else { panic!("{:?}", send.body) };
    assert_eq!(value["saveToSentItems"], json!("false"));
    assert!(*body_line > send.line);
    let response = send.response.as_ref().expect("the page shows a response");
    assert_eq!((response.status, response.body.is_none()), (Some(202), true));
    let syntax = line("user-sendmail.s2");
    assert_eq!((syntax.kind, syntax.url.as_str()), (LineKind::Syntax, "/users/{id | userPrincipalName}/sendMail"));
}

#[test]
fn every_line_is_translated_or_named() {
    let entries = suite::translate_all(metadata(), slice());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for entry in &entries {
        let key = match &entry.status {
            Status::Addressed { prepared, .. } if !prepared.typos.is_empty() => {
                "addressed after a correction".to_owned()
            }
            Status::Addressed { .. } => "addressed".to_owned(),
            Status::Unaddressed(class, reason) => {
                assert!(!reason.is_empty(), "{} has no reason", entry.line.id);
                class.label().to_owned()
            }
        };
        *counts.entry(key).or_default() += 1;
    }
    let addressed = counts.get("addressed").copied().unwrap_or(0);
    assert!(addressed * 100 >= entries.len() * 75, "{counts:#?}");
    insta::assert_debug_snapshot!(counts);
}

#[test]
fn conventions_defects_and_corrections_are_named() {
    let status =
        |id: &str| suite::translate_all(metadata(), slice()).into_iter().find(|e| e.line.id == id).unwrap().status;
    let class = |id: &str| match status(id) {
        Status::Unaddressed(class, reason) => (Some(class), reason),
        Status::Addressed { prepared, .. } => (None, prepared.typos.join("; ")),
    };
    // Path-based addressing is a convention of the import too (OneDrive's `root:/path:`), so the
    // crate addresses it: `me().drive().root().item_by_path("{item-path}").content().get()`.
    let Status::Addressed { translation, .. } = status("driveitem-get-content.s3") else {
        panic!("driveitem-get-content.s3 (GET /me/drive/root:/{{item-path}}:/content) is not addressed")
    };
    let calls: Vec<&str> = translation.plan.path.iter().map(|call| call.name.as_str()).collect();
    assert_eq!(calls, ["me", "drive", "root", "item_by_path", "content", "get"]);
    assert_eq!(translation.plan.path[3].args, [Arg::Str("{item-path}".into())]);
    // A message's MIME (`$value`) is a convention of the import (codegen/src/import/conventions.json),
    // so the crate addresses it: `me().messages().by_id(…).value().get()`.
    let Status::Addressed { translation, .. } = status("message-get.s5") else {
        panic!("message-get.s5 is not addressed")
    };
    let calls: Vec<&str> = translation.plan.path.iter().map(|call| call.name.as_str()).collect();
    assert_eq!(calls, ["me", "messages", "by_id", "value", "get"]);
    let (_, typo) = class("attachment-get.s9");
    assert!(typo.contains("`calendargroups` for `calendarGroups`"), "{typo}");
    let (missing, reason) = class("range-cell.s1");
    assert_eq!(missing, Some(Unaddressed::DocDefect), "{reason}");
    assert!(reason.contains("required parameter `row`"), "{reason}");
}

#[test]
fn bodies_are_checked_against_the_metadata() {
    let meta = metadata();
    let user = Schema::Type { qualified: "microsoft.graph.user".into(), collection: false };
    let findings =
        validate::check(meta, &user, &json!({"accountEnabled": "true", "displayName": "A", "shoeSize": 9}), false);
    let messages: Vec<(&str, bool)> = findings.iter().map(|f| (f.path.as_str(), f.fatal)).collect();
    assert_eq!(messages, [("$.accountEnabled", true), ("$.shoeSize", false)]);
    // A derived type named by `@odata.type` brings its properties; an enum member the metadata
    // does not list is kept.
    let page = Schema::Type { qualified: "microsoft.graph.directoryObject".into(), collection: true };
    let body = json!({"value": [{"@odata.type": "#microsoft.graph.user", "displayName": "A", "ageGroup": "x"}]});
    assert!(validate::check(meta, &page, &body, true).is_empty());
    let not_a_page = validate::check(meta, &page, &json!({"value": {"id": "1"}}), true);
    assert!(not_a_page.iter().any(|f| f.fatal), "{not_a_page:?}");
    let boolean = Schema::Type { qualified: "Boolean".into(), collection: false };
    assert!(validate::check(meta, &boolean, &json!({"value": true}), true).is_empty());
}

#[test]
fn the_judge_tells_generator_defects_from_doc_defects() {
    let corpus = slice();
    let entries = suite::translate_all(metadata(), corpus);
    let id = "directoryobject-getavailableextensionproperties.e1";
    let entry = entries.iter().find(|e| e.line.id == id).unwrap();
    let Status::Addressed { prepared, .. } = &entry.status else { panic!() };
    let verdict = |record: serde_json::Value, not_compiled: &[(&str, &str)]| {
        let records = BTreeMap::from([(id.to_owned(), record)]);
        let not_compiled: BTreeMap<String, String> =
            not_compiled.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
        let evidence = Evidence { meta: metadata(), records: &records, not_compiled: &not_compiled };
        judge::judge(std::slice::from_ref(entry), &evidence).remove(0)
    };
    // The page's `"isSyncedFromOnPremises": "true"` is a string for a Boolean: refusing it is right.
    let refused = json!({"id": id, "method": "POST", "url": prepared.expected_url,
        "requestDecode": {"error": "invalid type: string \"true\", expected a boolean", "line": 2, "column": 30},
        "response": []});
    let judged = verdict(refused, &[]);
    assert_eq!((judged.class, judged.request), (Class::Exact, Some(BodyOutcome::DocDefect)));
    assert!(judged.generator_defects.is_empty(), "{:?}", judged.generator_defects);
    let defect = judged.doc_defects.iter().find(|d| d.message.contains("isSyncedFromOnPremises"));
    assert!(defect.is_some(), "{:?}", judged.doc_defects);
    // Another URL, or a body written back otherwise, is the generator's.
    let moved = json!({"id": id, "method": "POST", "url": "/directoryObjects/other?", "requestBody": ["lost `$.x`"], "response": []});
    let judged = verdict(moved, &[]);
    assert_eq!(judged.class, Class::Differs);
    assert_eq!(judged.generator_defects.len(), 2, "{:?}", judged.generator_defects);
    // A call the metadata's capabilities leave out of the crate is named, not a defect.
    let judged = verdict(json!({}), &[(id, "the metadata does not allow `update` or `put` on this entity")]);
    assert_eq!(judged.class, Class::Unaddressed(Unaddressed::NotInMetadata));
    let reason = judged.reason.unwrap_or_default();
    assert!(reason.contains("do not allow `update`"), "{reason}");
    let judged = verdict(json!({}), &[(id, "this navigation contains its entities: it has no references (`…/$ref`)")]);
    assert_eq!(judged.class, Class::Unaddressed(Unaddressed::NotInMetadata));
    let reason = judged.reason.unwrap_or_default();
    assert!(reason.contains("has no `add_ref`"), "a POST is `add_ref`: {reason}");
    // The judge knows these messages from the runtime, which gives them for a method that a
    // builder's `Allow<…>` leaves out.
    let runtime = include_str!("../../codegen/runtime/src/address.rs");
    for message in [judge::CANNOT_CREATE, judge::CANNOT_UPDATE, judge::CANNOT_DELETE, judge::NO_REFERENCES] {
        assert!(runtime.contains(&format!("message = \"{message}")), "the runtime no longer says {message:?}");
    }
    let judged = verdict(json!({}), &[(id, "mismatched types")]);
    assert_eq!(judged.class, Class::Differs, "any other compile error is the generator's");
}

#[test]
fn the_test_file_records_what_each_line_observed() {
    let entries = suite::translate_all(metadata(), slice());
    let wanted = ["user-sendmail.e1", "user-list.e3", "group-delete-members.e1", "range-cell.e1"];
    let chosen: Vec<_> = entries.into_iter().filter(|e| wanted.contains(&e.line.id.as_str())).collect();
    assert_eq!(chosen.len(), wanted.len());
    let file = suite::test_file(&chosen, &[]);
    let tests = file.matches("#[test]").count();
    assert_eq!(tests, wanted.len());
    assert!(file.contains("check_request(&mut record, &request, Some("), "the request body is compared");
    // The tests, without the file's head (its helpers).
    let first = file.find("#[test]").unwrap_or(0);
    insta::assert_snapshot!(&file[file[..first].rfind("\n\n").unwrap_or(0)..]);
}
