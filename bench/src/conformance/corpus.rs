//! The corpus: every request line of the v1.0 API pages, with its example, read through the
//! importer's own page reader (`msgraph_codegen::import::page::parse_markdown`).
//!
//! Two kinds of line come from a page: the lines of its HTTP request section (the documented
//! syntax: `GET /users/{id | userPrincipalName}`, no body, no response) and its examples (a
//! request block, with headers and body, and the response block after it). Each keeps its page
//! and line, and the page's `ms.prod` as its workload.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use msgraph_codegen::import::describe::{PageKind, page_kind};
use msgraph_codegen::import::page::{Block, CodeBlock, Page, parse_markdown};
use serde::{Deserialize, Serialize};

use super::http::{self, Body, StartLine};

/// The largest page read (the importer's limit).
pub const MAX_PAGE_BYTES: u64 = 2 * 1024 * 1024;

/// The request lines of a folder of API pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Corpus {
    /// Where the pages were read from (a folder, or a repository at a commit).
    pub source: String,
    /// The number of API pages read.
    pub pages: usize,
    /// The lines, page by page in file-name order, in page order.
    pub lines: Vec<DocLine>,
    /// Pages that gave no line, and text in a request block that is no request line.
    pub notes: Vec<Note>,
}

/// What kind of text a line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LineKind {
    /// A line of the HTTP request section: the documented syntax, with `{placeholders}`.
    Syntax,
    /// The request of an example, with its response.
    Example,
}

/// One request line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DocLine {
    /// Unique: the page's file stem, `s` (syntax) or `e` (example), and the 1-based index of
    /// that kind on the page (`user-list.e3`).
    pub id: String,
    /// Syntax or example.
    pub kind: LineKind,
    /// The page's `ms.prod` (`outlook`, `intune`, …), lower-case; `(no ms.prod)` when it has none.
    pub workload: String,
    /// The page's path below the folder read, `/`-separated (`api-reference/v1.0/api/user-list.md`
    /// when the repository's root was read).
    pub page: String,
    /// The page line of the request line.
    pub line: usize,
    /// The method, upper-case.
    pub method: String,
    /// The URL as the page writes it.
    pub url: String,
    /// The request headers, as written (besides the request line).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// The response of an example, when the page shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<DocResponse>,
}

impl DocLine {
    /// The header's value, by name, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The response an example shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DocResponse {
    /// The page line of the response block's first line.
    pub line: usize,
    /// The status of the `HTTP/1.1 …` line; `None` when the block has none (a bare body).
    pub status: Option<u16>,
    /// The headers, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// Whether the block's annotation says `"truncated": true` (the page left properties out).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

impl DocResponse {
    /// The `Content-Type` header, without parameters, lower-case.
    pub fn content_type(&self) -> Option<String> {
        let (_, value) = self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type"))?;
        Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
    }
}

/// Something on a page that gave no request line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Note {
    /// The page.
    pub page: String,
    /// The page line.
    pub line: usize,
    /// What it is.
    pub message: String,
}

/// Reads every `*.md` API page below `root` (recursively, in path order); `source` says where
/// the folder comes from.
pub fn read_dir(root: &Path, source: &str) -> Result<Corpus, String> {
    let mut files = Vec::new();
    collect_pages(root, &mut files)?;
    files.sort();
    let mut corpus = Corpus { source: source.to_owned(), ..Corpus::default() };
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let size = std::fs::metadata(&file).map_err(|e| format!("{}: {e}", file.display()))?.len();
        if size > MAX_PAGE_BYTES {
            corpus.notes.push(Note { page: relative, line: 1, message: format!("{size} bytes: over the page limit") });
            continue;
        }
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        read_page(&relative, &text, &mut corpus);
    }
    Ok(corpus)
}

fn collect_pages(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect_pages(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// Adds the lines of one page (`page` is its path as reported) to the corpus; a page that is
/// not an API page adds nothing.
pub fn read_page(page: &str, text: &str, corpus: &mut Corpus) {
    let parsed = parse_markdown(Path::new(page), text);
    if page_kind(&parsed) != Some(PageKind::Api) {
        return;
    }
    corpus.pages += 1;
    let before = corpus.lines.len();
    let mut reader = PageReader::new(page, &parsed, corpus);
    reader.read();
    if corpus.lines.len() == before {
        corpus.notes.push(Note { page: page.to_owned(), line: 1, message: "the page has no request line".into() });
    }
}

/// The role of a section for the blocks in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    /// The HTTP request section (or one of its subsections).
    Syntax,
    /// An example section (a level-2 heading that starts with "Example", and below it).
    Example,
    /// Anything else.
    Other,
}

struct PageReader<'a> {
    page: &'a str,
    parsed: &'a Page,
    corpus: &'a mut Corpus,
    workload: String,
    stem: String,
    syntax: usize,
    examples: usize,
    /// Whether the last example line still waits for its response.
    open_example: Option<usize>,
}

impl<'a> PageReader<'a> {
    fn new(page: &'a str, parsed: &'a Page, corpus: &'a mut Corpus) -> Self {
        let stem = Path::new(page).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let workload = parsed
            .front_matter
            .get("ms.prod")
            .map(|p| p.trim().to_ascii_lowercase())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "(no ms.prod)".to_owned());
        Self { page, parsed, corpus, workload, stem, syntax: 0, examples: 0, open_example: None }
    }

    fn read(&mut self) {
        // The area a heading opens lasts until a heading of its level or higher.
        let mut area = Area::Other;
        let mut area_level = 0;
        for section in self.parsed.sections.iter().skip(1) {
            let heading = section.heading.trim().to_ascii_lowercase();
            if section.level <= area_level {
                area = Area::Other;
                area_level = 0;
            }
            if area == Area::Other {
                let named = if heading.starts_with("http request") {
                    Area::Syntax
                } else if heading.starts_with("example") {
                    Area::Example
                } else {
                    Area::Other
                };
                if named != Area::Other {
                    area = named;
                    area_level = section.level;
                }
            }
            for block in &section.blocks {
                if let Block::Code(code) = block {
                    self.block(code, area, &heading);
                }
            }
        }
    }

    fn block(&mut self, code: &CodeBlock, area: Area, heading: &str) {
        let annotated = code.block_type();
        let message = http::parse(&code.text, code.text_line);
        let is_request = matches!(message.start, StartLine::Request { .. });
        let response_heading = heading.contains("response");
        match (annotated, area) {
            (Some("request"), _) => self.example(message),
            (Some("response"), _) => self.response(message, code),
            (_, Area::Example) if is_request => self.example(message),
            (_, Area::Example)
                if matches!(message.start, StartLine::Status(_)) || (response_heading && message.body.is_some()) =>
            {
                self.response(message, code)
            }
            (_, Area::Syntax) => self.syntax(code, true),
            (_, Area::Other) if is_request && message.body.is_none() && message.headers.is_empty() => {
                self.syntax(code, false)
            }
            _ => {}
        }
    }

    /// Every line of a syntax block; in the HTTP request section, text that is no request line
    /// is noted.
    fn syntax(&mut self, code: &CodeBlock, note_others: bool) {
        for (offset, text) in code.text.lines().enumerate() {
            let line = code.text_line + offset;
            if text.trim().is_empty() {
                continue;
            }
            let message = http::parse(text, line);
            let StartLine::Request { method, url } = message.start else {
                if note_others {
                    let message = format!("`{}` in the HTTP request block is no request line", text.trim());
                    self.corpus.notes.push(Note { page: self.page.to_owned(), line, message });
                }
                continue;
            };
            self.syntax += 1;
            let id = format!("{}.s{}", self.stem, self.syntax);
            self.push(id, LineKind::Syntax, line, method, url, Vec::new(), None);
        }
        self.open_example = None;
    }

    fn example(&mut self, message: http::Message) {
        let StartLine::Request { method, url } = message.start else {
            let note = "a request block without a request line".to_owned();
            self.corpus.notes.push(Note { page: self.page.to_owned(), line: message.line, message: note });
            return;
        };
        self.examples += 1;
        let id = format!("{}.e{}", self.stem, self.examples);
        self.push(id, LineKind::Example, message.line, method, url, message.headers, message.body);
        self.open_example = Some(self.corpus.lines.len() - 1);
    }

    fn response(&mut self, message: http::Message, code: &CodeBlock) {
        let Some(index) = self.open_example.take() else { return };
        let status = match message.start {
            StartLine::Status(status) => status,
            _ => None,
        };
        let truncated = code.annotation.as_ref().and_then(|a| a.get("truncated")).and_then(|t| t.as_bool());
        self.corpus.lines[index].response = Some(DocResponse {
            line: message.line,
            status,
            headers: message.headers,
            body: message.body,
            truncated: truncated.unwrap_or(false),
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: String,
        kind: LineKind,
        line: usize,
        method: String,
        url: String,
        headers: Vec<(String, String)>,
        body: Option<Body>,
    ) {
        self.corpus.lines.push(DocLine {
            id,
            kind,
            workload: self.workload.clone(),
            page: self.page.to_owned(),
            line,
            method,
            url,
            headers,
            body,
            response: None,
        });
    }
}

/// The lines by workload, counted.
pub fn count_by_workload(lines: &[DocLine]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for line in lines {
        *counts.entry(line.workload.as_str()).or_default() += 1;
    }
    counts
}
