//! The verdict on each line: its class (addressed exactly, addressed with a difference, or not
//! addressed for a named reason) and what became of its example bodies, from the translation,
//! the static check of the bodies against the metadata ([`validate`]) and what the generated
//! test recorded ([`super::support::Record`]). Anything the generator did wrong and nothing
//! explains is a generator defect; what the page does wrong is a doc defect, at its page line.

use std::collections::BTreeMap;

use serde_json::Value;

use super::corpus::{DocLine, LineKind};
use super::http::Body;
use super::suite::Entry;
use super::support;
use super::translate::{Status, Unaddressed};
use super::validate::{self, Finding};
use crate::request_lines::metadata::Metadata;
use crate::request_lines::mime;
use crate::request_lines::plan::{Arg, Plan};

/// The class of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Addressed: the crate's method and URL are the page's.
    Exact,
    /// Addressed, with a difference the report explains (a form Graph reads alike).
    Explained,
    /// Addressed after correcting the page's typo (the correction is listed).
    Corrected,
    /// Not addressed, for a named reason.
    Unaddressed(Unaddressed),
    /// Addressed, but the crate's method or URL differs and nothing explains it; or the test
    /// does not compile: a generator defect.
    Differs,
}

impl Class {
    /// The class's name in the report.
    pub fn label(self) -> &'static str {
        match self {
            Class::Exact => "addressed: method and URL exact",
            Class::Explained => "addressed: a form Graph reads alike (explained)",
            Class::Corrected => "addressed after correcting a doc typo",
            Class::Unaddressed(class) => class.label(),
            Class::Differs => "addressed: method or URL differ (generator defect)",
        }
    }

    /// Whether the class is a generator defect.
    pub fn is_generator_defect(self) -> bool {
        matches!(self, Class::Differs | Class::Unaddressed(Unaddressed::Generator))
    }
}

/// What became of one example body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyOutcome {
    /// Read into its typed form and written back with the same meaning.
    Equal,
    /// The same, with page defects the crate keeps (an undefined property or member).
    EqualWithDefects,
    /// A doc defect the typed crate refuses (invalid JSON, a wrong JSON type).
    DocDefect,
    /// The page shows text where the call takes JSON (an HTML page).
    Text,
    /// A MIME message, sent as the page shows it (`mime_body`).
    Mime,
    /// Not checked: the line is not addressed, its test does not compile, or the page shows an
    /// error or redirect.
    NotChecked,
    /// The crate refused a body nothing explains, or wrote it back with another meaning.
    Generator,
}

impl BodyOutcome {
    /// The outcome's name in the report.
    pub fn label(self) -> &'static str {
        match self {
            BodyOutcome::Equal => "typed and written back equal in meaning",
            BodyOutcome::EqualWithDefects => "the same, keeping what the metadata does not define (doc defect)",
            BodyOutcome::DocDefect => "refused: doc defect (invalid JSON, a wrong JSON type)",
            BodyOutcome::Text => "text where the call takes JSON (an HTML page)",
            BodyOutcome::Mime => "a MIME message, sent as the page shows it (`mime_body`)",
            BodyOutcome::NotChecked => "not checked (line not addressed, or an error or redirect shown)",
            BodyOutcome::Generator => "generator defect",
        }
    }
}

/// A defect at a page line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Defect {
    /// The page line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The verdict on one line.
#[derive(Debug, Clone)]
pub struct Verdict<'c> {
    /// The line.
    pub line: &'c DocLine,
    /// Its class.
    pub class: Class,
    /// Why it is in its class (the reason a line is not addressed, the explanation, the typo).
    pub reason: Option<String>,
    /// The request body's outcome, when the example shows one.
    pub request: Option<BodyOutcome>,
    /// The response body's outcome, when the example shows one.
    pub response: Option<BodyOutcome>,
    /// The page's defects on this line.
    pub doc_defects: Vec<Defect>,
    /// What the generator did wrong on this line.
    pub generator_defects: Vec<String>,
}

/// What the judge reads besides the translated corpus.
pub struct Evidence<'a> {
    /// The metadata the crate was generated from.
    pub meta: &'a Metadata,
    /// The records of the generated tests, by line id.
    pub records: &'a BTreeMap<String, Value>,
    /// The lines whose test does not compile, with rustc's first error.
    pub not_compiled: &'a BTreeMap<String, String>,
}

/// The verdict on every entry.
pub fn judge<'c>(entries: &[Entry<'c>], evidence: &Evidence<'_>) -> Vec<Verdict<'c>> {
    entries.iter().map(|entry| judge_one(entry, evidence)).collect()
}

fn judge_one<'c>(entry: &Entry<'c>, evidence: &Evidence<'_>) -> Verdict<'c> {
    let line = entry.line;
    let mut verdict = Verdict {
        line,
        class: Class::Exact,
        reason: None,
        request: None,
        response: None,
        doc_defects: Vec::new(),
        generator_defects: Vec::new(),
    };
    let example = line.kind == LineKind::Example;
    if example {
        invalid_json(&mut verdict);
    }
    let (prepared, plan) = match &entry.status {
        Status::Unaddressed(class, reason) => {
            verdict.class = Class::Unaddressed(*class);
            verdict.reason = Some(reason.clone());
            if *class == Unaddressed::DocDefect {
                verdict
                    .doc_defects
                    .push(Defect { line: line.line, message: format!("`{} {}`: {reason}", line.method, line.url) });
            }
            verdict.request = line.body.as_ref().filter(|_| example).map(|_| BodyOutcome::NotChecked);
            verdict.response = shown_response(line).map(|_| BodyOutcome::NotChecked);
            keep_invalid(&mut verdict);
            return verdict;
        }
        Status::Addressed { prepared, translation } => (prepared, &translation.plan),
    };
    if let Some(error) = evidence.not_compiled.get(&line.id) {
        if let Some(reason) = not_allowed(error, &line.method) {
            verdict.class = Class::Unaddressed(Unaddressed::NotInMetadata);
            verdict.reason = Some(reason);
            verdict.request = line.body.as_ref().filter(|_| example).map(|_| BodyOutcome::NotChecked);
            verdict.response = shown_response(line).map(|_| BodyOutcome::NotChecked);
            keep_invalid(&mut verdict);
            return verdict;
        }
        verdict.class = Class::Differs;
        verdict.reason = Some(format!("the test does not compile: {error}"));
        verdict.generator_defects.push(format!("the call does not compile: {error}"));
        verdict.request = line.body.as_ref().filter(|_| example).map(|_| BodyOutcome::NotChecked);
        verdict.response = shown_response(line).map(|_| BodyOutcome::NotChecked);
        keep_invalid(&mut verdict);
        return verdict;
    }
    let Some(record) = evidence.records.get(&line.id) else {
        verdict.class = Class::Differs;
        verdict.reason = Some("the test wrote no record (it panicked, or did not run)".into());
        verdict.generator_defects.push("the test wrote no record (it panicked, or did not run)".into());
        return verdict;
    };
    // The request line.
    let url = record.get("url").and_then(Value::as_str);
    let method = record.get("method").and_then(Value::as_str);
    let same = url == Some(prepared.expected_url.as_str()) && method == Some(prepared.expected_method.as_str());
    if let Some(error) = record.get("urlError").and_then(Value::as_str) {
        verdict.class = Class::Differs;
        verdict.generator_defects.push(format!("the crate builds no URL: {error}"));
    } else if !prepared.typos.is_empty() {
        verdict.class = Class::Corrected;
        verdict.reason = Some(prepared.typos.join("; "));
        for typo in &prepared.typos {
            verdict
                .doc_defects
                .push(Defect { line: line.line, message: format!("`{} {}`: {typo}", line.method, line.url) });
        }
        if !same && prepared.difference.is_none() {
            verdict.generator_defects.push(request_line_difference(prepared, method, url));
        }
    } else if same {
        verdict.class = Class::Exact;
    } else if let Some(difference) = &prepared.difference {
        verdict.class = Class::Explained;
        verdict.reason = Some(difference.clone());
    } else {
        verdict.class = Class::Differs;
        let difference = request_line_difference(prepared, method, url);
        verdict.reason = Some(difference.clone());
        verdict.generator_defects.push(difference);
    }
    if example {
        verdict.request = request_outcome(&mut verdict, plan, record, evidence.meta);
        verdict.response = response_outcome(&mut verdict, plan, record, evidence.meta);
    }
    verdict
}

/// Why a call the translator made does not compile on the crate's builder, when the metadata
/// says so: its capabilities (`update` on an entity the metadata does not let update) or a
/// containment navigation (references, `…/$ref`, only on non-containment ones). From the
/// runtime's own messages for a builder whose `Allow<…>` lacks the capability (its
/// `#[diagnostic::on_unimplemented]`), and the line's HTTP method (`PUT` is `put`, or `set_ref`).
fn not_allowed(error: &str, http_method: &str) -> Option<String> {
    let (method, builder) = if error.starts_with(CANNOT_CREATE) {
        ("create", "Items")
    } else if error.starts_with(CANNOT_UPDATE) {
        (if http_method == "PUT" { "put" } else { "update" }, "Item")
    } else if error.starts_with(CANNOT_DELETE) {
        ("delete", "Item")
    } else if error.starts_with(NO_REFERENCES) {
        let method = match http_method {
            "POST" => ("add_ref", "Items"),
            "GET" => ("list_refs", "Items"),
            "PUT" => ("set_ref", "Item"),
            _ => ("remove_ref", "Item"),
        };
        return Some(format!(
            "the metadata makes this navigation a containment (`ContainsTarget`): it has no references (`$ref`), so the crate's `{}` has no `{}`",
            method.1, method.0
        ));
    } else {
        return None;
    };
    Some(format!(
        "the metadata's capabilities do not allow `{method}` here (the crate's `{builder}` has no `{method}`)"
    ))
}

/// The runtime's errors for a method that a builder's capabilities leave out
/// (`codegen/runtime/src/address.rs`; a test checks that they are still there).
pub const CANNOT_CREATE: &str = "the metadata does not allow `create`";
pub const CANNOT_UPDATE: &str = "the metadata does not allow `update`";
pub const CANNOT_DELETE: &str = "the metadata does not allow `delete`";
pub const NO_REFERENCES: &str = "this navigation contains its entities: it has no references";

fn request_line_difference(prepared: &super::translate::Prepared, method: Option<&str>, url: Option<&str>) -> String {
    format!(
        "the crate sends `{} {}`, the page `{} {}`",
        method.unwrap_or("?"),
        url.unwrap_or("?"),
        prepared.expected_method,
        prepared.expected_url
    )
}

/// The response a line's example shows, when it shows one with a body.
fn shown_response(line: &DocLine) -> Option<&Body> {
    line.response.as_ref()?.body.as_ref().filter(|_| line.kind == LineKind::Example)
}

/// Invalid JSON in the example's bodies: a doc defect whatever else happens.
fn invalid_json(verdict: &mut Verdict<'_>) {
    let line = verdict.line;
    let bodies = [("request", line.body.as_ref()), ("response", line.response.as_ref().and_then(|r| r.body.as_ref()))];
    for (which, body) in bodies {
        if let Some(Body::Invalid { error, line, .. }) = body {
            verdict
                .doc_defects
                .push(Defect { line: *line, message: format!("the {which} body is not valid JSON: {error}") });
        }
    }
}

/// On a line that is not checked, an invalid body is still the page's defect.
fn keep_invalid(verdict: &mut Verdict<'_>) {
    let line = verdict.line;
    if matches!(line.body, Some(Body::Invalid { .. })) && verdict.request.is_some() {
        verdict.request = Some(BodyOutcome::DocDefect);
    }
    if matches!(shown_response(line), Some(Body::Invalid { .. })) {
        verdict.response = Some(BodyOutcome::DocDefect);
    }
}

/// The typed body the call takes (its JSON argument), if any.
fn takes_json(plan: &Plan) -> bool {
    plan.path.iter().flat_map(|c| &c.args).any(|a| matches!(a, Arg::Json { .. }))
}

fn request_outcome(verdict: &mut Verdict<'_>, plan: &Plan, record: &Value, meta: &Metadata) -> Option<BodyOutcome> {
    let line = verdict.line;
    let body = line.body.as_ref()?;
    if !takes_json(plan) {
        return Some(BodyOutcome::NotChecked);
    }
    let plain_text =
        mime::content_type(line.headers.iter().map(|(name, value)| (name, value))).is_some_and(mime::is_plain_text);
    if let (Body::Text { text, line: at }, true) = (body, plain_text)
        && mime::decode(text).is_none()
    {
        let message = "the request body, a MIME message, is not base64 (cut off, or another character)".to_owned();
        verdict.doc_defects.push(Defect { line: *at, message });
        return Some(BodyOutcome::DocDefect);
    }
    if matches!(body, Body::Text { .. }) && plan.sends_mime {
        return Some(match record.get("requestBody") {
            Some(Value::Array(differences)) if differences.is_empty() => BodyOutcome::Mime,
            other => {
                let what = other.map_or_else(|| "not checked".to_owned(), Value::to_string);
                verdict.generator_defects.push(format!("the MIME request body: {what}"));
                BodyOutcome::Generator
            }
        });
    }
    let findings = match (body, &plan.request_schema) {
        (Body::Json { value, .. }, Some(schema)) => validate::check(meta, schema, value, false),
        _ => Vec::new(),
    };
    Some(body_outcome(verdict, "request", body, &findings, record.get("requestDecode"), record.get("requestBody")))
}

fn response_outcome(verdict: &mut Verdict<'_>, plan: &Plan, record: &Value, meta: &Metadata) -> Option<BodyOutcome> {
    let line = verdict.line;
    let response = line.response.as_ref()?;
    let body = response.body.as_ref();
    let status = response.status.unwrap_or(200);
    if !(200..300).contains(&status) {
        // An error with Graph's error body must be read as one; anything else is the page's
        // business (a redirect, an error shown without a body).
        let graph_error = body.and_then(Body::json).and_then(|v| v.get("error")).is_some_and(Value::is_object);
        if let Some(error) = record.get("responseError").and_then(Value::as_str).filter(|_| graph_error) {
            verdict.generator_defects.push(format!("the error response ({status}) is read as: {error}"));
            return Some(BodyOutcome::Generator);
        }
        return body.map(|_| BodyOutcome::NotChecked);
    }
    let body = body?;
    if let Some(error) = record.get("responseError").and_then(Value::as_str) {
        verdict.generator_defects.push(format!("the response is refused: {error}"));
        return Some(BodyOutcome::Generator);
    }
    if record.get("outcome").and_then(Value::as_str) == Some("unit") && !body.text().trim().is_empty() {
        let message = "the page shows a response body; the metadata declares no result, so the crate reads none".into();
        verdict.doc_defects.push(Defect { line: body.line(), message });
        return Some(BodyOutcome::DocDefect);
    }
    let findings = match (body, &plan.response_schema) {
        (Body::Json { value, .. }, Some(schema)) => validate::check(meta, schema, value, true),
        _ => Vec::new(),
    };
    if matches!(record.get("outcome").and_then(Value::as_str), Some("accepted" | "bytes")) {
        return Some(BodyOutcome::Equal);
    }
    Some(body_outcome(verdict, "response", body, &findings, record.get("responseDecode"), record.get("response")))
}

/// The outcome of one body from what the test recorded and what the static check found.
fn body_outcome(
    verdict: &mut Verdict<'_>,
    which: &str,
    body: &Body,
    findings: &[Finding],
    decode: Option<&Value>,
    differences: Option<&Value>,
) -> BodyOutcome {
    let start = body.line();
    for finding in findings {
        let message = format!("the {which} body's `{}`: {}", finding.path, finding.message);
        verdict.doc_defects.push(Defect { line: start, message });
    }
    match body {
        Body::Invalid { .. } => return BodyOutcome::DocDefect,
        Body::Text { .. } if decode.is_some() => return BodyOutcome::Text,
        _ => {}
    }
    if let Some(decode) = decode {
        let error = decode.get("error").and_then(Value::as_str).unwrap_or("?");
        let at = decode.get("line").and_then(Value::as_u64).map_or(start, |l| start + l as usize - 1);
        if findings.iter().any(|f| f.fatal) {
            return BodyOutcome::DocDefect;
        }
        verdict.generator_defects.push(format!("the {which} body (page line {at}) is refused: {error}"));
        return BodyOutcome::Generator;
    }
    match differences {
        Some(Value::Array(list)) if list.is_empty() => {
            if findings.is_empty() {
                BodyOutcome::Equal
            } else {
                BodyOutcome::EqualWithDefects
            }
        }
        Some(Value::Array(list)) => {
            let page_has_value = body.json().is_some_and(|v| v.get("value").is_some());
            let mut unexplained = Vec::new();
            let mut spacing = false;
            for difference in list.iter().filter_map(Value::as_str) {
                if difference.starts_with(support::LIST_SPACING) {
                    verdict.doc_defects.push(Defect {
                        line: start,
                        message: format!("the {which} body: {difference} (no spaces in a flags value)"),
                    });
                    spacing = true;
                } else if difference == "added `$.value`: `[]`" && !page_has_value {
                    // The page shows a page of results without `value` (reported by the check).
                } else {
                    unexplained.push(difference);
                }
            }
            if unexplained.is_empty() {
                return if findings.is_empty() && !spacing {
                    BodyOutcome::Equal
                } else {
                    BodyOutcome::EqualWithDefects
                };
            }
            verdict
                .generator_defects
                .push(format!("the {which} body is written back differently: {}", unexplained.join("; ")));
            BodyOutcome::Generator
        }
        Some(other) => {
            verdict.generator_defects.push(format!("the {which} body could not be compared: {other}"));
            BodyOutcome::Generator
        }
        None if which == "request" => BodyOutcome::NotChecked,
        None => {
            verdict.generator_defects.push(format!("the {which} body was not checked by the test"));
            BodyOutcome::Generator
        }
    }
}

/// The number of verdicts per key.
pub fn count<'v, 'c, K: Ord>(
    verdicts: &'v [Verdict<'c>],
    key: impl Fn(&'v Verdict<'c>) -> Option<K>,
) -> BTreeMap<K, usize> {
    let mut counts = BTreeMap::new();
    for verdict in verdicts {
        if let Some(key) = key(verdict) {
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}
