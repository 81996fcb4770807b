//! What the generated conformance tests record, and how they compare JSON: written next to the
//! tests as `tests/support/conformance.rs` (serde_json only, nothing of the crate), and a
//! module of this library so that it has unit tests.
//!
//! Each test fills one [`Record`] (the method and URL the crate built, how the example bodies
//! went through the typed API) and appends it as a JSON line to the file named by the
//! `CONFORMANCE_RECORDS` environment variable; `conformance report` reads the file.

use std::io::Write as _;
use std::sync::Mutex;

use serde_json::{Map, Value};

/// The environment variable that names the records file.
pub const RECORDS_VARIABLE: &str = "CONFORMANCE_RECORDS";

/// The most differences kept for one body.
const MAX_DIFFERENCES: usize = 20;

/// What one test observed.
#[derive(Debug)]
pub struct Record {
    fields: Map<String, Value>,
}

impl Record {
    /// An empty record for the line `id`.
    pub fn new(id: &str) -> Self {
        let mut fields = Map::new();
        fields.insert("id".into(), Value::String(id.into()));
        Self { fields }
    }

    /// Sets a field.
    pub fn set(&mut self, key: &str, value: Value) {
        self.fields.insert(key.into(), value);
    }

    /// Sets a decode error: its message, line and column.
    pub fn decode_error(&mut self, key: &str, error: &serde_json::Error) {
        let value = serde_json::json!({"error": error.to_string(), "line": error.line(), "column": error.column()});
        self.set(key, value);
    }

    /// Compares the page's JSON text with the crate's, and sets `key` to their differences
    /// (empty when they mean the same).
    pub fn compare(&mut self, key: &str, page: &[u8], written: &[u8]) {
        let value = match (serde_json::from_slice::<Value>(page), serde_json::from_slice::<Value>(written)) {
            (Ok(page), Ok(written)) => {
                Value::Array(differences(&page, &written).into_iter().map(Value::String).collect())
            }
            (Err(error), _) => Value::String(format!("the page's text is no JSON: {error}")),
            (_, Err(error)) => Value::String(format!("the crate wrote no JSON: {error}")),
        };
        self.set(key, value);
    }

    /// The record as one JSON line.
    pub fn to_line(&self) -> String {
        Value::Object(self.fields.clone()).to_string()
    }

    /// Appends the record to the records file.
    ///
    /// # Panics
    ///
    /// When the variable is not set or the file cannot be written: the test cannot report.
    pub fn finish(self) {
        static FILE: Mutex<Option<std::fs::File>> = Mutex::new(None);
        let mut file = FILE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if file.is_none() {
            let path = std::env::var_os(RECORDS_VARIABLE)
                .unwrap_or_else(|| panic!("set {RECORDS_VARIABLE} to the records file (bench/conformance.sh does)"));
            let opened = std::fs::OpenOptions::new().create(true).append(true).open(&path);
            *file = Some(opened.unwrap_or_else(|e| panic!("{}: {e}", path.to_string_lossy())));
        }
        if let Some(file) = file.as_mut() {
            writeln!(file, "{}", self.to_line()).unwrap_or_else(|e| panic!("writing a record: {e}"));
        }
    }
}

/// Where the crate's JSON says something else than the page's, as sentences naming the JSON
/// path: a property lost or added, a value changed. Numbers are compared by value (`1` and
/// `1.0` are the same), objects without regard to the order of their properties.
pub fn differences(page: &Value, written: &Value) -> Vec<String> {
    let mut out = Vec::new();
    compare(page, written, "$", &mut out);
    out
}

fn compare(page: &Value, written: &Value, path: &str, out: &mut Vec<String>) {
    if out.len() >= MAX_DIFFERENCES {
        return;
    }
    match (page, written) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) => compare(value, other, &format!("{path}.{key}"), out),
                    None => out.push(format!("lost `{path}.{key}`")),
                }
            }
            for key in b.keys().filter(|key| !a.contains_key(*key)) {
                out.push(format!("added `{path}.{key}`: {}", short(&b[key])));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(x, y, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if same_number(a, b) => {}
        (a, b) if a == b => {}
        (Value::String(a), Value::String(b)) if same_list(a, b) => {
            out.push(format!("{LIST_SPACING} `{path}`: the page has `{a}`, the crate wrote `{b}`"));
        }
        (a, b) => out.push(format!("changed `{path}`: the page has {}, the crate wrote {}", short(a), short(b))),
    }
}

/// The start of a difference that is only the spacing of a comma-separated list (a flags
/// enum's members: the crate writes `a,b` where the page has `a, b`).
pub const LIST_SPACING: &str = "list spacing";

/// Whether `b` is the list `a` written without spaces around its commas.
fn same_list(a: &str, b: &str) -> bool {
    a.contains(',') && !b.contains(' ') && a.split(',').map(str::trim).eq(b.split(','))
}

fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

/// A value in a message: its JSON text, cut at 60 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("`{}…`", &text[..at]),
        None => format!("`{text}`"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_same_meaning_has_no_differences() {
        let page = json!({"a": 1, "b": [1.0, {"c": null}], "d": "x"});
        let written = json!({"d": "x", "b": [1, {"c": null}], "a": 1.0});
        assert!(differences(&page, &written).is_empty());
    }

    #[test]
    fn losses_additions_and_changes_are_named_by_path() {
        let page = json!({"a": {"b": true, "c": [1, 2]}, "lost": 1});
        let written = json!({"a": {"b": "true", "c": [1]}, "new": [1, 2]});
        assert_eq!(
            differences(&page, &written),
            [
                "changed `$.a.b`: the page has `true`, the crate wrote `\"true\"`",
                "changed `$.a.c`: the page has `[1,2]`, the crate wrote `[1]`",
                "lost `$.lost`",
                "added `$.new`: `[1,2]`",
            ]
        );
    }

    #[test]
    fn list_spacing_is_told_apart() {
        let page = json!({"flags": "a, b", "text": "a, b"});
        let written = json!({"flags": "a,b", "text": "a b"});
        assert_eq!(
            differences(&page, &written),
            [
                "list spacing `$.flags`: the page has `a, b`, the crate wrote `a,b`",
                "changed `$.text`: the page has `\"a, b\"`, the crate wrote `\"a b\"`",
            ]
        );
    }

    #[test]
    fn records_are_one_json_line() {
        let mut record = Record::new("user-list.e1");
        record.set("method", json!("GET"));
        record.compare("response", br#"{"a": 1}"#, br#"{"a": 2}"#);
        let line = record.to_line();
        assert!(!line.contains('\n'));
        let value: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["id"], "user-list.e1");
        assert_eq!(value["response"][0], "changed `$.a`: the page has `1`, the crate wrote `2`");
    }
}
