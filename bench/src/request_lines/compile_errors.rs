//! Which generated tests do not compile: read from cargo's JSON messages
//! (`cargo test --no-run --message-format=json`), so the others can still run and every line
//! whose call the crate lacks is named with rustc's first error.

use serde_json::Value;

/// The tests with errors in `test_file` (the text of `tests/request_lines.rs`), each with its
/// first error message, in file order.
pub fn failing_tests(messages: &str, test_file: &str) -> Vec<(String, String)> {
    failing_tests_in(messages, test_file, "request_lines.rs")
}

/// The tests with errors in `test_file`, whose file name ends with `file_name`.
pub fn failing_tests_in(messages: &str, test_file: &str, file_name: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = test_file.lines().collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for message in messages.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
        let Some(diagnostic) = message.get("message").filter(|m| m["level"] == "error") else { continue };
        let text = diagnostic["message"].as_str().unwrap_or_default();
        let spans = diagnostic["spans"].as_array().map(Vec::as_slice).unwrap_or_default();
        let primary = spans.iter().find(|s| s["is_primary"] == true).and_then(|s| in_test_file(s, file_name));
        let Some(line) = primary.and_then(|s| s["line_start"].as_u64()) else { continue };
        if let Some(name) = enclosing_test(&lines, line as usize)
            && !out.iter().any(|(n, _)| *n == name)
        {
            out.push((name, text.to_owned()));
        }
    }
    out
}

/// The span itself when it is in the test file, or else the macro call it was expanded from
/// (an error inside `assert_eq!` points into the standard library).
fn in_test_file<'v>(span: &'v Value, file_name: &str) -> Option<&'v Value> {
    let mut span = span;
    for _ in 0..16 {
        if span["file_name"].as_str().is_some_and(|f| f.ends_with(file_name)) {
            return Some(span);
        }
        span = span.get("expansion")?.get("span")?;
    }
    None
}

/// The name of the test function around 1-based `line`.
fn enclosing_test(lines: &[&str], line: usize) -> Option<String> {
    lines[..line.min(lines.len())].iter().rev().find_map(|l| {
        let rest = l.strip_prefix("fn ")?;
        Some(rest.split('(').next()?.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_attributed_to_the_test_around_them() {
        let file = "use x;\n#[test]\nfn a() -> TestResult {\n    let r = requests::me().nope();\n}\n#[test]\nfn b() -> TestResult {\n}\n";
        let message = serde_json::json!({"reason": "compiler-message", "message": {"level": "error",
            "message": "no method named `nope`", "spans": [{"is_primary": true,
            "file_name": "tests/request_lines.rs", "line_start": 4}]}});
        let warning = serde_json::json!({"reason": "compiler-message", "message": {"level": "warning",
            "message": "unused", "spans": [{"is_primary": true, "file_name": "tests/request_lines.rs", "line_start": 7}]}});
        let in_macro = serde_json::json!({"reason": "compiler-message", "message": {"level": "error",
            "message": "can't compare", "spans": [{"is_primary": true, "file_name": "/rustc/x/macros/mod.rs",
            "line_start": 46, "expansion": {"span": {"file_name": "tests/request_lines.rs", "line_start": 7}}}]}});
        let messages = format!("{message}\n{warning}\n{in_macro}\n");
        let failing = failing_tests(&messages, file);
        assert_eq!(
            failing,
            [("a".to_owned(), "no method named `nope`".to_owned()), ("b".into(), "can't compare".into())]
        );
    }
}
