//! The rendered form of a page: the plain text a browser shows, read on a best-effort basis
//! (what is recognised, and its limits, is documented on [`parse_rendered`]; the table
//! heuristics on [`TableKind`]).

use std::path::Path;

use super::{Block, CodeBlock, Page, Row, Section, Table, Text, collapse_whitespace, namespace_of};

/// Level-2 headings of Graph pages, lowercase.
const HEADINGS: &[&str] = &[
    "permissions",
    "prerequisites",
    "http request",
    "path parameters",
    "optional query parameters",
    "query parameters",
    "request headers",
    "request body",
    "response headers",
    "properties",
    "relationships",
    "json representation",
    "methods",
    "members",
    "functions",
    "actions",
    "see also",
    "related content",
];

/// The permission types of a permissions table, as the pages name them.
const PERMISSION_TYPES: &[&str] =
    &["Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application"];

/// Parses a page rendered to plain text, on a best-effort basis.
///
/// Rendering loses the markup, so structure is recognised from what Graph pages always say:
///
/// - **title**: the first non-blank line;
/// - **headings**: a line that is exactly a heading Graph pages use (`Permissions`,
///   `Prerequisites`, `HTTP request`, `Request headers`, `Request body`, `Properties`,
///   `Relationships`, `JSON representation`, `Methods`, `Members`, `Optional query parameters`,
///   …, `Example`, `Examples`, `Example 2: …`, `Request`, `Response`), compared
///   case-insensitively. `Request` and `Response` under an example are one level below it;
/// - **implied headings** (marked [`Section::implied`]): rendered pages drop some headings, so a
///   permissions table or "One of the following permissions…" opens `Permissions`, "If
///   successful, this method returns…" opens `Response`, and "Here is an example of the
///   request/response" (or "The following example shows…") opens `Example` and its `Request` or
///   `Response`, when the reader is not already in such a section;
/// - **tables**: a known header line (`Property Type Description`, `Permission type Permissions
///   (…)`, `Header Value`, `Member Value Description`, `Method Return Type Description`, …), then
///   one row per line up to a blank line. Every column but the last takes a fixed shape of
///   words and the last takes the rest: a one-word name; a one-word type, with `collection` when
///   the next word is `collection`; a permission type from the three documented ones; a method
///   of two words when the first is a CRUD verb or the second is `action`/`function`. A type, a
///   name or a method written in more words than that shape is cut, the rest going to the
///   description; a row too short for its columns has only the cells it has; a description
///   that wrapped onto a second line becomes a row of its own;
/// - **code**: an HTTP request line (`PATCH /path`, `GET https://…`) or status line (`HTTP/1.1 200
///   OK`) starts an `http` block, a `"name": value` line a `json` block; the block runs over its
///   header lines, then over blank lines only while the next text looks like JSON (indented, or
///   starting with a quote, brace, bracket, digit, `true`, `false` or `null`). The text is kept as
///   it is: rendering removed JSON's braces, which a later stage reports;
/// - **paragraphs**: any other run of non-blank lines, joined with spaces.
///
/// Nothing is invented: text that fits no pattern stays a paragraph, and what rendering lost
/// (links, code spans, annotations, front matter, headings it dropped that no text implies)
/// stays lost.
pub fn parse_rendered(path: &Path, text: &str) -> Page {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader =
        Reader { lines: text.lines().collect(), next: 0, sections: Vec::new(), namespace: None, example: None };
    let title = reader.run();
    Page {
        path: path.to_owned(),
        front_matter: Default::default(),
        title,
        namespace: reader.namespace,
        sections: reader.sections,
    }
}

/// What a rendered table holds, from its header line, and how its rows are split.
///
/// Rows are split into words; every column but the last takes a fixed shape of words and the
/// last takes the rest. That is right for the tables Graph generates, and wrong when a column
/// holds more words than its shape (noted for each kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TableKind {
    /// `Permission type Permissions (…)`: the type is one of the three documented ones (or the
    /// words up to the first `)` of `Delegated (…)`, or one word), the rest are permissions.
    Permissions,
    /// `Permission type Least privileged permissions Higher privileged permissions`: as
    /// [`Permissions`](Self::Permissions), then one permission (or `Not supported.`/`Not
    /// available.`) and the rest. Limit: several least-privileged permissions are misread.
    TieredPermissions,
    /// `Property Type Description` (also `Parameter`, `Relationship`, `Name`): a one-word name, a
    /// one-word type followed by `collection` when the next word is `collection`, the rest.
    /// Limit: a type written in several words (other than `… collection`) is cut after its first.
    Typed,
    /// `Member Value Description` (also `Name Value Description`): a word, a word, the rest.
    Members,
    /// `Method Return Type Description`: a method of two words when the first is a CRUD verb
    /// (`List depEnrollmentProfiles`) or the second is `action`/`function`, else one; a return
    /// type as in [`Typed`](Self::Typed); the rest. Limit: other multi-word method names are cut.
    Methods,
    /// `Header Value`, `Name Value`, `Name Description`, `Parameter Description`, `Member
    /// Description`, `Value Description`: a one-word name and the rest.
    TwoColumns,
}

impl TableKind {
    /// The kind of a table whose header line is `line`, with its header cells (in the line's
    /// own words), if it is a known table header.
    pub(super) fn of(line: &str) -> Option<(Self, Vec<String>)> {
        let normalized = collapse_whitespace(line).to_lowercase();
        let (kind, shape): (Self, &[usize]) = match normalized.as_str() {
            "property type description"
            | "parameter type description"
            | "relationship type description"
            | "name type description" => (Self::Typed, &[1, 1, 1]),
            "member value description" | "name value description" => (Self::Members, &[1, 1, 1]),
            "method return type description" => (Self::Methods, &[1, 2, 1]),
            "header value"
            | "name value"
            | "name description"
            | "parameter description"
            | "member description"
            | "value description" => (Self::TwoColumns, &[1, 1]),
            "permission type least privileged permissions higher privileged permissions" => {
                (Self::TieredPermissions, &[2, 3, 3])
            }
            other if other.starts_with("permission type permission") => (Self::Permissions, &[2, usize::MAX]),
            _ => return None,
        };
        let mut words = Words::new(line);
        let header = shape.iter().filter_map(|&count| words.take(count)).collect();
        Some((kind, header))
    }

    /// The cells of a row of this kind of table.
    pub(super) fn split(self, line: &str) -> Vec<String> {
        let mut words = Words::new(line);
        let mut cells = Vec::new();
        match self {
            Self::Permissions | Self::TieredPermissions => {
                cells.extend(permission_type(&mut words));
                if self == Self::TieredPermissions {
                    let rest = words.rest();
                    let least = ["Not supported.", "Not available."].into_iter().find(|p| rest.starts_with(p));
                    cells.extend(least.map(str::to_owned).or_else(|| words.take(1)));
                    if least.is_some() {
                        words.take(2);
                    }
                }
            }
            Self::Typed => {
                cells.extend(words.take(1));
                cells.extend(type_cell(&mut words));
            }
            Self::Members => cells.extend([words.take(1), words.take(1)].into_iter().flatten()),
            Self::Methods => {
                let first = words.peek(0).unwrap_or_default().to_lowercase();
                let second = words.peek(1).unwrap_or_default().to_lowercase();
                let verb = ["list", "get", "create", "update", "delete", "add", "remove"].contains(&first.as_str());
                let count = if verb || second == "action" || second == "function" { 2 } else { 1 };
                cells.extend(words.take(count));
                cells.extend(type_cell(&mut words));
            }
            Self::TwoColumns => cells.extend(words.take(1)),
        }
        // The last column takes the rest (possibly empty) once the others are all there.
        let fixed = match self {
            Self::Permissions | Self::TwoColumns => 1,
            Self::TieredPermissions | Self::Typed | Self::Members | Self::Methods => 2,
        };
        if cells.len() == fixed {
            cells.push(words.rest());
        }
        cells
    }
}

/// A cursor over the words of a line.
struct Words<'t> {
    rest: &'t str,
}

impl<'t> Words<'t> {
    fn new(line: &'t str) -> Self {
        Self { rest: line }
    }

    fn word(&mut self) -> Option<&'t str> {
        let trimmed = self.rest.trim_start();
        if trimmed.is_empty() {
            return None;
        }
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let (word, rest) = trimmed.split_at(end);
        self.rest = rest;
        Some(word)
    }

    /// The next `count` words joined with spaces (all that are left for `usize::MAX`), if any.
    fn take(&mut self, count: usize) -> Option<String> {
        let words: Vec<&str> = std::iter::from_fn(|| self.word()).take(count).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// The `index`th word ahead, without taking it.
    fn peek(&self, index: usize) -> Option<&'t str> {
        self.rest.split_whitespace().nth(index)
    }

    /// The rest of the line, whitespace collapsed.
    fn rest(&self) -> String {
        collapse_whitespace(self.rest)
    }
}

/// The permission type at the start of a permissions row.
fn permission_type(words: &mut Words<'_>) -> Option<String> {
    let rest = words.rest();
    let lower = rest.to_lowercase();
    let known = PERMISSION_TYPES.iter().find(|known| lower.starts_with(&known.to_lowercase()));
    let count = match known {
        Some(known) => known.split_whitespace().count(),
        None if lower.starts_with("delegated (") => {
            rest.split_whitespace().position(|word| word.ends_with(')')).map_or(usize::MAX, |i| i + 1)
        }
        None => 1,
    };
    words.take(count)
}

/// A type cell: a word, and `collection` when the next word is `collection`.
fn type_cell(words: &mut Words<'_>) -> Option<String> {
    let ty = words.word()?;
    if words.peek(0).is_some_and(|next| next.eq_ignore_ascii_case("collection")) {
        let collection = words.word().unwrap_or_default();
        return Some(format!("{ty} {collection}"));
    }
    Some(ty.to_owned())
}

/// The reader's state.
struct Reader<'t> {
    lines: Vec<&'t str>,
    /// The index of the next line to read.
    next: usize,
    sections: Vec<Section>,
    namespace: Option<String>,
    /// The level of the example heading the reader is under, if any.
    example: Option<u8>,
}

impl Reader<'_> {
    /// Reads the page; returns its title.
    fn run(&mut self) -> String {
        while self.lines.get(self.next).is_some_and(|line| line.trim().is_empty()) {
            self.next += 1;
        }
        let title = self.lines.get(self.next).map(|line| collapse_whitespace(line)).unwrap_or_default();
        let line = self.next.min(self.lines.len().saturating_sub(1)) + 1;
        self.next += 1;
        self.sections.push(Section { heading: title.clone(), level: 1, line, implied: false, blocks: Vec::new() });
        while let Some(&line) = self.lines.get(self.next) {
            let number = self.next + 1;
            if line.trim().is_empty() {
                self.next += 1;
            } else if let Some(level) = self.heading_level(line) {
                self.open(collapse_whitespace(line), level, number, false);
                self.next += 1;
            } else if let Some((kind, header)) = TableKind::of(line) {
                self.table(kind, header, number);
            } else if is_http_start(line) {
                self.code("http", number);
            } else if is_json_member(line) {
                self.code("json", number);
            } else {
                self.paragraph(number);
            }
        }
        title
    }

    /// The level of the heading on `line`, if it is one.
    fn heading_level(&self, line: &str) -> Option<u8> {
        let normalized = collapse_whitespace(line).to_lowercase();
        match normalized.as_str() {
            "example" | "examples" => Some(2),
            "request" | "response" => Some(self.example.map_or(2, |level| level.saturating_add(1))),
            known if HEADINGS.contains(&known) => Some(2),
            numbered if is_numbered_example(numbered) => {
                let under_examples = self
                    .sections
                    .iter()
                    .rev()
                    .find(|s| s.level == 2)
                    .is_some_and(|s| s.heading.eq_ignore_ascii_case("examples"));
                Some(if under_examples { 3 } else { 2 })
            }
            _ => None,
        }
    }

    /// Whether a line starts anything but a paragraph.
    fn starts_block(&self, line: &str) -> bool {
        line.trim().is_empty()
            || self.heading_level(line).is_some()
            || TableKind::of(line).is_some()
            || is_http_start(line)
            || is_json_member(line)
    }

    /// Opens a section.
    fn open(&mut self, heading: String, level: u8, line: usize, implied: bool) {
        let lower = heading.to_lowercase();
        if lower == "example" || lower == "examples" || is_numbered_example(&lower) {
            self.example = Some(level);
        } else if level <= 2 {
            // Any other level-2 section ends the example (`Request` and `Response` under an
            // example are level 3 or deeper).
            self.example = None;
        }
        self.sections.push(Section { heading, level, line, implied, blocks: Vec::new() });
    }

    /// The current section's heading, lowercase.
    fn current(&self) -> String {
        self.sections.last().map(|s| s.heading.to_lowercase()).unwrap_or_default()
    }

    fn push(&mut self, block: Block) {
        if let Some(section) = self.sections.last_mut() {
            section.blocks.push(block);
        }
    }

    fn imply_permissions(&mut self, line: usize) {
        if !matches!(self.current().as_str(), "permissions" | "prerequisites") {
            self.open("Permissions".into(), 2, line, true);
        }
    }

    /// Opens `Request` or `Response` under an example (opening `Example` first if needed).
    fn imply_example(&mut self, part: &str, line: usize) {
        let current = self.current();
        if self.example.is_some() && current == part.to_lowercase() {
            return;
        }
        let level = match self.example {
            Some(level) => level,
            None => {
                self.open("Example".into(), 2, line, true);
                2
            }
        };
        self.open(part.into(), level.saturating_add(1), line, true);
    }

    fn paragraph(&mut self, line: usize) {
        let mut parts = Vec::new();
        while let Some(&text) = self.lines.get(self.next) {
            if !parts.is_empty() && self.starts_block(text) {
                break;
            }
            parts.push(text.trim());
            self.next += 1;
        }
        let text = collapse_whitespace(&parts.join(" "));
        let lower = text.to_lowercase();
        if lower.starts_with("one of the following permissions")
            || lower.starts_with("choose the permission or permissions marked as least privileged")
        {
            self.imply_permissions(line);
        } else if lower.starts_with("if successful, this") && self.current() != "response" {
            self.open("Response".into(), 2, line, true);
        } else if ["example of the request", "example shows a request", "example shows the request"]
            .iter()
            .any(|phrase| lower.contains(phrase))
        {
            self.imply_example("Request", line);
        } else if ["example of the response", "example shows the response", "example shows a response"]
            .iter()
            .any(|phrase| lower.contains(phrase))
        {
            self.imply_example("Response", line);
        }
        if self.namespace.is_none() && self.sections.iter().all(|s| s.level == 1) {
            self.namespace = namespace_of(&text);
        }
        self.push(Block::Paragraph(Text { text, line }));
    }

    fn table(&mut self, kind: TableKind, header: Vec<String>, line: usize) {
        if matches!(kind, TableKind::Permissions | TableKind::TieredPermissions) {
            self.imply_permissions(line);
        }
        self.next += 1;
        let mut rows = Vec::new();
        while let Some(&text) = self.lines.get(self.next) {
            if self.starts_block(text) {
                break;
            }
            let cells = kind.split(text);
            if !cells.is_empty() {
                rows.push(Row { line: self.next + 1, cells });
            }
            self.next += 1;
        }
        self.push(Block::Table(Table { line, header, rows }));
    }

    fn code(&mut self, info: &str, line: usize) {
        let mut taken: Vec<&str> = Vec::new();
        let mut in_body = info == "json";
        while let Some(&text) = self.lines.get(self.next) {
            if text.trim().is_empty() {
                // A run of blank lines continues the block only if JSON follows it.
                let blanks = self.lines.iter().skip(self.next).take_while(|l| l.trim().is_empty()).count();
                if !self.lines.get(self.next + blanks).is_some_and(|next| is_json_like(next)) {
                    break;
                }
                taken.extend(std::iter::repeat_n("", blanks));
                self.next += blanks;
                in_body = true;
                continue;
            } else if !taken.is_empty()
                && (self.heading_level(text).is_some()
                    || TableKind::of(text).is_some()
                    || (in_body && !is_json_like(text)))
            {
                break;
            }
            taken.push(text);
            self.next += 1;
        }
        let mut text = taken.join("\n");
        text.push('\n');
        self.push(Block::Code(CodeBlock { line, text_line: line, info: info.to_owned(), annotation: None, text }));
    }
}

/// `example 2: …` or `example 2`.
fn is_numbered_example(lower: &str) -> bool {
    lower.strip_prefix("example ").is_some_and(|rest| {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = rest.get(digits..).unwrap_or_default();
        digits > 0 && (after.is_empty() || after.starts_with(':'))
    })
}

/// An HTTP request line (`PATCH /path`, `GET https://…`) or status line (`HTTP/1.1 200 OK`).
fn is_http_start(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(first), second) = (words.next(), words.next()) else { return false };
    if let Some(version) = first.strip_prefix("HTTP/") {
        let status = second.unwrap_or_default();
        return !version.is_empty() && status.len() == 3 && status.chars().all(|c| c.is_ascii_digit());
    }
    ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&first)
        && second.is_some_and(|target| target.starts_with('/') || target.starts_with("http"))
}

/// A `"name": value` line: JSON that lost its braces.
fn is_json_member(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('"') else { return false };
    let Some(end) = rest.find('"') else { return false };
    rest.get(end + 1..).is_some_and(|after| after.trim_start().starts_with(':'))
}

/// Whether a line can continue a code block's body: indented, or starting like a JSON value.
fn is_json_like(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    let negative_number = trimmed.strip_prefix('-').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    line.starts_with([' ', '\t'])
        || trimmed.starts_with(['"', '{', '}', '[', ']', ','])
        || trimmed.starts_with(|c: char| c.is_ascii_digit())
        || negative_number
        || ["true", "false", "null"].iter().any(|word| trimmed.starts_with(word))
}

#[cfg(test)]
mod tests;
