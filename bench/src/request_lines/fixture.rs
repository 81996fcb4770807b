//! The fixture format: `tests/fixtures/request-lines/v1.0.json`, real request lines from the
//! Graph v1.0 documentation pages with the response each page shows.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

/// The whole fixture file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Fixture {
    /// A sentence on what the file is and how it was made.
    #[serde(default)]
    pub description: String,
    /// Where the pages come from (a line may name its own source).
    pub source: Source,
    /// The request lines the crate must address.
    pub lines: Vec<Line>,
    /// Lines the v1.0 metadata cannot address, each with the reason.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

/// A documentation repository at a commit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Source {
    /// The repository's URL.
    pub repository: String,
    /// The commit the pages were read at.
    pub commit: String,
    /// The commit's date, where recorded.
    #[serde(default)]
    pub date: Option<String>,
}

/// One request line with its documented response.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Line {
    /// A unique id: the page's file stem and the example's index on the page.
    pub id: String,
    /// The Graph workload (`users`, `mail`, `drives`, ...).
    pub workload: String,
    /// The page's path in the documentation repository.
    pub page: String,
    /// The line of the page the request starts at.
    pub line: u32,
    /// The page's own source, when it is not the fixture's.
    #[serde(default)]
    pub source: Option<Source>,
    /// The HTTP method.
    pub method: String,
    /// The URL exactly as the page writes it: absolute, or a path below the API version.
    pub url: String,
    /// The request headers the page shows, besides `Authorization` and `Content-*`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The request body the page shows (JSON, or text for a media upload).
    #[serde(default)]
    pub request_body: Option<Value>,
    /// The response the page shows.
    pub response: Response,
    /// For a redirect: the response at the `Location`, as the page shows it.
    #[serde(default)]
    pub follow_up: Vec<Response>,
    /// How the page's example breaks its own rules, where it does.
    #[serde(default)]
    pub defects: Vec<String>,
}

impl Line {
    /// The response a client that follows redirects ends with.
    pub fn final_response(&self) -> &Response {
        self.follow_up.last().unwrap_or(&self.response)
    }
}

/// A documented response.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`, where the page gives one.
    #[serde(default)]
    pub content_type: Option<String>,
    /// Other response headers the page shows.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body: JSON, or a string for a text body.
    #[serde(default)]
    pub body: Option<Value>,
    /// A binary body as hexadecimal digits (the page describes it in words).
    #[serde(default)]
    pub body_hex: Option<String>,
    /// The line of the page the response starts at.
    #[serde(default)]
    pub line: Option<u32>,
}

/// A line the metadata cannot address.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// Why the crate generated from the metadata cannot address it.
    pub reason: String,
    /// The line itself.
    #[serde(flatten)]
    pub line: Line,
}

impl Response {
    /// The body's bytes as they go on the wire: JSON printed, text as it is, hex decoded.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        if let Some(hex) = &self.body_hex {
            let digit = |c: u8| (c as char).to_digit(16).ok_or_else(|| format!("`{}` is no hex digit", c as char));
            if hex.len() % 2 != 0 {
                return Err("`bodyHex` has an odd number of digits".into());
            }
            return hex.as_bytes().chunks(2).map(|pair| Ok((digit(pair[0])? * 16 + digit(pair[1])?) as u8)).collect();
        }
        Ok(match &self.body {
            None => Vec::new(),
            Some(Value::String(text)) => text.clone().into_bytes(),
            Some(json) => serde_json::to_vec_pretty(json).map_err(|e| e.to_string())?,
        })
    }
}

/// Reads and parses a fixture file.
pub fn read(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
}
