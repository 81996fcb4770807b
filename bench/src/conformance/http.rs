//! The HTTP messages of an API page's code blocks: a request (`POST https://…/me/sendMail`,
//! headers, a body) or a response (`HTTP/1.1 201 Created`, headers, a body), each part with its
//! line on the page.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The methods a request line may start with.
pub const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/// What a code block's first line says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    /// `METHOD URL`: a request.
    Request {
        /// The method, upper-case.
        method: String,
        /// The URL as written (a trailing ` HTTP/1.1` removed).
        url: String,
    },
    /// `HTTP/1.1 200 OK`: a response; `None` when the status is no number.
    Status(Option<u16>),
    /// Neither: the block is a bare body.
    None,
}

/// A message body as the page writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Body {
    /// Valid JSON.
    Json {
        /// The value.
        value: Value,
        /// The text as written (what the typed crate reads).
        text: String,
        /// The page line the body starts on.
        line: usize,
    },
    /// JSON that does not parse: a doc defect.
    Invalid {
        /// The text as written.
        text: String,
        /// What is wrong, with serde_json's message.
        error: String,
        /// The page line of the error.
        line: usize,
    },
    /// Text that is not JSON (a MIME body, a file's content, a number for `$count`).
    Text {
        /// The text.
        text: String,
        /// The page line the body starts on.
        line: usize,
    },
}

impl Body {
    /// The JSON value, when the body is valid JSON.
    pub fn json(&self) -> Option<&Value> {
        match self {
            Body::Json { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The page line the body starts on (of the error, for invalid JSON).
    pub fn line(&self) -> usize {
        match self {
            Body::Json { line, .. } | Body::Invalid { line, .. } | Body::Text { line, .. } => *line,
        }
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        match self {
            Body::Json { text, .. } | Body::Invalid { text, .. } | Body::Text { text, .. } => text,
        }
    }
}

/// One code block read as an HTTP message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The first line's meaning.
    pub start: StartLine,
    /// The page line of the first non-blank line.
    pub line: usize,
    /// The headers, in order, as written.
    pub headers: Vec<(String, String)>,
    /// The body, if any.
    pub body: Option<Body>,
}

/// Reads a code block's text (starting on page line `first_line`) as an HTTP message.
pub fn parse(text: &str, first_line: usize) -> Message {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let line = first_line + at;
    let start = lines.get(at).map_or(StartLine::None, |l| start_line(l));
    if start != StartLine::None {
        at += 1;
    }
    let mut headers = Vec::new();
    if start != StartLine::None {
        // Headers up to the first blank line; some pages put a blank line between the request
        // line and its headers, so blank lines before the first header are skipped.
        while at < lines.len() {
            let current = lines[at];
            if current.trim().is_empty() {
                let next = lines[at..].iter().position(|l| !l.trim().is_empty()).map(|i| at + i);
                match next {
                    Some(next) if headers.is_empty() && header(lines[next]).is_some() => at = next,
                    _ => break,
                }
                continue;
            }
            match header(current) {
                Some(pair) => headers.push(pair),
                None => break,
            }
            at += 1;
        }
    }
    let body = body(&lines[at.min(lines.len())..], first_line + at);
    Message { start, line, headers, body }
}

fn start_line(line: &str) -> StartLine {
    let line = line.trim();
    // `HTTP 201 Created`, without the version, is on a few pages too.
    if line.starts_with("HTTP/") || line.starts_with("HTTP ") {
        let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok());
        return StartLine::Status(status);
    }
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let method = word.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) || rest.trim().is_empty() {
        return StartLine::None;
    }
    let mut url = rest.trim();
    for version in [" HTTP/1.1", " HTTP/1.0", " HTTP/2"] {
        url = url.strip_suffix(version).unwrap_or(url).trim_end();
    }
    StartLine::Request { method, url: url.to_owned() }
}

/// `Name: value`, when the line is a header.
fn header(line: &str) -> Option<(String, String)> {
    let (name, value) = line.trim().split_once(':')?;
    let name_ok = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    name_ok.then(|| (name.to_owned(), value.trim().to_owned()))
}

/// The body in `lines` (the first of which is page line `first_line`).
fn body(lines: &[&str], first_line: usize) -> Option<Body> {
    let skip = lines.iter().position(|l| !l.trim().is_empty())?;
    let line = first_line + skip;
    let text = lines[skip..].join("\n").trim_end().to_owned();
    if !text.starts_with(['{', '[']) {
        return Some(Body::Text { text, line });
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => Some(Body::Json { value, text, line }),
        Err(error) => {
            let error_line = line + error.line().saturating_sub(1);
            Some(Body::Invalid { error: json_defect(&text, &error), text, line: error_line })
        }
    }
}

/// What is wrong with JSON that does not parse: serde_json's message and, where it is one of
/// the docs' habits, the habit.
fn json_defect(text: &str, error: &serde_json::Error) -> String {
    let habit = if text.contains("...") || text.contains('…') {
        Some("truncated with `...`")
    } else if text.lines().any(|l| l.trim_start().starts_with("//")) {
        Some("a `//` comment")
    } else if error.is_eof() {
        Some("truncated: the text ends inside the value")
    } else if trailing_comma(text) {
        Some("a trailing comma")
    } else {
        None
    };
    match habit {
        Some(habit) => format!("{habit} ({error})"),
        None => error.to_string(),
    }
}

/// Whether a `,` is followed (after whitespace) by `}` or `]`.
fn trailing_comma(text: &str) -> bool {
    let bytes: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    bytes.windows(2).any(|w| w[0] == b',' && matches!(w[1], b'}' | b']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_with_headers_and_bodies() {
        let text = "POST https://graph.microsoft.com/v1.0/me/sendMail HTTP/1.1\nContent-type: application/json\n\n{\n  \"a\": 1\n}\n";
        let message = parse(text, 10);
        assert_eq!(
            message.start,
            StartLine::Request { method: "POST".into(), url: "https://graph.microsoft.com/v1.0/me/sendMail".into() }
        );
        assert_eq!(message.line, 10);
        assert_eq!(message.headers, [("Content-type".to_owned(), "application/json".to_owned())]);
        let text = "{\n  \"a\": 1\n}".to_owned();
        assert_eq!(message.body, Some(Body::Json { value: serde_json::json!({"a": 1}), text, line: 13 }));
    }

    #[test]
    fn a_blank_line_before_the_headers_is_skipped() {
        let message = parse("\nget /me\n\nConsistencyLevel: eventual\n", 1);
        assert_eq!(message.line, 2);
        assert_eq!(message.start, StartLine::Request { method: "GET".into(), url: "/me".into() });
        assert_eq!(message.headers, [("ConsistencyLevel".to_owned(), "eventual".to_owned())]);
        assert_eq!(message.body, None);
    }

    #[test]
    fn responses_and_bare_bodies() {
        let message = parse("HTTP/1.1 204 No Content\n", 1);
        assert_eq!(message.start, StartLine::Status(Some(204)));
        assert_eq!(message.body, None);
        let bare = parse("{\"value\": []}\n", 5);
        assert_eq!(bare.start, StartLine::None);
        let text = "{\"value\": []}".to_owned();
        assert_eq!(bare.body, Some(Body::Json { value: serde_json::json!({"value": []}), text, line: 5 }));
        let bare = parse("HTTP 201 Created\nContent-type: application/json\n\n{\"id\": \"1\"}\n", 1);
        assert_eq!(
            (bare.start, bare.headers.len()),
            (StartLine::Status(Some(201)), 1),
            "a status line without version"
        );
        assert!(matches!(bare.body, Some(Body::Json { .. })));
        let text = parse("HTTP/1.1 200 OK\nContent-type: text/plain\n\n893\n", 1);
        assert_eq!(text.body, Some(Body::Text { text: "893".into(), line: 4 }));
    }

    #[test]
    fn invalid_json_is_named_with_its_line() {
        let message = parse("HTTP/1.1 200 OK\n\n{\n  \"a\": 1,\n}\n", 1);
        let Some(Body::Invalid { error, line, .. }) = message.body else { panic!("{message:?}") };
        assert!(error.starts_with("a trailing comma"), "{error}");
        assert_eq!(line, 5);
        let truncated = parse("HTTP/1.1 200 OK\n\n{\n  \"value\": [ ... ]\n}\n", 1);
        let Some(Body::Invalid { error, .. }) = truncated.body else { panic!() };
        assert!(error.starts_with("truncated with `...`"), "{error}");
    }
}
