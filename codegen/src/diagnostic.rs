//! Errors that point at the input: file, line:column, JSON path, what is wrong, how to fix it.
//!
//! Lowering works on parsed values, which have no positions; when it finds a problem it names the
//! JSON path of the offending value (`types[3].properties[7].type`) and [`locate`] finds that
//! value in the file's text. That keeps positions out of the description types and costs nothing
//! unless there is an error.

use std::fmt;
use std::path::{Path, PathBuf};

/// One step of a JSON path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A path from the root of a JSON document to one value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(Vec<Segment>);

impl JsonPath {
    /// The path to the document's root value.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self(segments)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// The steps of the path.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// An input file, kept whole so that errors can quote it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given (relative paths stay relative, so messages stay short).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// One problem in the input, with everything a maintainer needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: PathBuf,
    /// The JSON path of the offending value, when the problem is inside the document: its steps,
    /// for whoever needs to know what the value is (see [`crate::schema::Location`]), rendered
    /// only in the message.
    pub json_path: Option<JsonPath>,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// The line at `position`, as shown under the location.
    pub excerpt: Option<Excerpt>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (it cannot be read, it is empty, ...).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            file: path.to_owned(),
            json_path: None,
            position: None,
            excerpt: None,
            message: message.into(),
            help: None,
        }
    }

    /// A problem with the value at `path` in `source`.
    pub fn at(source: &Source, path: &JsonPath, message: impl Into<String>) -> Self {
        let mut diagnostic = Self::file(&source.path, message);
        diagnostic.json_path = Some(path.clone());
        if let Some((start, end)) = locate(&source.text, path.segments()) {
            diagnostic.set_position(&source.text, start, end);
        }
        diagnostic
    }

    /// A problem with the key of the member at `path` in `source` (an unknown key): the key is
    /// underlined, not its value.
    pub fn at_key(source: &Source, path: &JsonPath, message: impl Into<String>) -> Self {
        let mut diagnostic = Self::file(&source.path, message);
        diagnostic.json_path = Some(path.clone());
        if let Some((start, end)) = locate_key(&source.text, path.segments()) {
            diagnostic.set_position(&source.text, start, end);
        }
        diagnostic
    }

    /// A problem right after `before`, the text of the file at `path` up to it: for a byte that
    /// is not text, where the rest of the file cannot be shown.
    pub fn after(path: &Path, before: &str, message: impl Into<String>) -> Self {
        let mut diagnostic = Self::file(path, message);
        diagnostic.set_position(before, before.len(), before.len());
        diagnostic
    }

    /// A problem at a known 1-based line and column of `source` (from the JSON parser).
    pub fn at_line_column(source: &Source, line: usize, column: usize, message: impl Into<String>) -> Self {
        let mut diagnostic = Self::file(&source.path, message);
        if line > 0 {
            let offset = offset_of(&source.text, line, column);
            diagnostic.set_position(&source.text, offset, offset + 1);
        }
        diagnostic
    }

    /// Adds how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the JSON path of the problem, when it was found by other means than [`Self::at`].
    pub fn with_json_path(mut self, path: JsonPath) -> Self {
        self.json_path = Some(path);
        self
    }

    fn set_position(&mut self, text: &str, start: usize, end: usize) {
        let start = floor_char_boundary(text, start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(text, end.clamp(start, line_end.max(start)));
        let width = text[start..end].chars().count().max(1);
        self.position = Some((line, column));
        self.excerpt = Some(Excerpt::new(line_text, column - 1, width));
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let location = match self.position {
            Some((line, column)) => format!("{}:{line}:{column}", self.file.display()),
            None => self.file.display().to_string(),
        };
        match &self.json_path {
            Some(path) => writeln!(f, "  --> {location} at {path}")?,
            None => writeln!(f, "  --> {location}")?,
        }
        if let (Some((line, _)), Some(excerpt)) = (self.position, &self.excerpt) {
            let gutter = " ".repeat(line.to_string().len());
            // Tabs would misalign the underline, and other control characters would garble the
            // terminal (a binary file's): show them as single spaces.
            let shown: String = excerpt.text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{line} | {shown}")?;
            let (pad, width) = caret_columns(&shown, excerpt.column - 1, excerpt.width);
            writeln!(f, "{gutter} | {}{}", " ".repeat(pad), "^".repeat(width))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Where the caret line starts and how many carets it has, in terminal columns, for the
/// underline of `width` characters from the 0-based character `start` of `shown`: a wide
/// character (CJK, most emoji) takes two columns, a combining mark none
/// (`unicode-width`). Characters past the end of the line count one column each; at least one
/// caret is shown.
fn caret_columns(shown: &str, start: usize, width: usize) -> (usize, usize) {
    use unicode_width::UnicodeWidthChar;
    let columns = |from: usize, count: usize| -> usize {
        let present: Vec<usize> = shown.chars().skip(from).take(count).map(|c| c.width().unwrap_or(1)).collect();
        present.iter().sum::<usize>() + (count - present.len())
    };
    (columns(0, start), columns(start, width).max(1))
}

/// The part of a line that a diagnostic quotes, and what it underlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The line's text; a long line is cut to a window around the problem, marked by `…`, so a
    /// one-line file of megabytes does not flood the terminal.
    pub text: String,
    /// The 1-based column in `text` (in characters) where the underline starts.
    pub column: usize,
    /// How many characters to underline.
    pub width: usize,
}

impl Excerpt {
    /// A line of at most this many characters is shown whole.
    const WHOLE: usize = 400;
    /// At most this many characters of a longer line are shown before and after the problem.
    const CONTEXT: usize = 100;
    /// At most this many characters are underlined.
    const MAX_WIDTH: usize = 80;

    /// The excerpt of `line` that underlines `width` characters from the 0-based character
    /// `start`.
    fn new(line: &str, start: usize, width: usize) -> Self {
        let width = width.min(Self::MAX_WIDTH);
        let total = line.chars().count();
        let (first, last) = if total <= Self::WHOLE {
            (0, total)
        } else {
            (start.saturating_sub(Self::CONTEXT), (start + width + Self::CONTEXT).min(total))
        };
        let mut text: String = line.chars().skip(first).take(last - first).collect();
        let mut column = start - first + 1;
        if first > 0 {
            text.insert(0, '…');
            column += 1;
        }
        if last < total {
            text.push('…');
        }
        Self { text, column, width }
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let count = self.0.len();
        write!(f, "error: the descriptions have {count} error{}", if count == 1 { "" } else { "s" })
    }
}

/// Finds the value at `path` in the JSON `text`, as a byte range. `None` when the text is not
/// JSON or the path does not exist (the caller then reports the file without a position).
pub fn locate(text: &str, path: &[Segment]) -> Option<(usize, usize)> {
    let mut scanner = Scanner { bytes: text.as_bytes(), pos: 0 };
    scanner.skip_whitespace();
    for segment in path {
        scanner.enter(segment)?;
    }
    let start = scanner.pos;
    scanner.skip_value()?;
    Some((start, scanner.pos))
}

/// Finds the key of the member at `path` (whose last step is a key) in the JSON `text`, as a
/// byte range that includes the quotes: where an unknown or misspelt key is underlined.
pub fn locate_key(text: &str, path: &[Segment]) -> Option<(usize, usize)> {
    let (Segment::Key(last), parents) = path.split_last()? else { return None };
    let mut scanner = Scanner { bytes: text.as_bytes(), pos: 0 };
    scanner.skip_whitespace();
    for segment in parents {
        scanner.enter(segment)?;
    }
    scanner.enter_member(last)
}

/// A minimal JSON walker: just enough to find a value by path in text that serde already parsed.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// Moves to the value that `segment` names in the array or object at the current position.
    fn enter(&mut self, segment: &Segment) -> Option<()> {
        match segment {
            Segment::Key(wanted) => self.enter_member(wanted).map(|_| ()),
            Segment::Index(wanted) => self.enter_element(*wanted),
        }
    }

    /// Moves to the value of member `wanted` of the object at the current position, and returns
    /// the byte range of its key.
    fn enter_member(&mut self, wanted: &str) -> Option<(usize, usize)> {
        self.expect(b'{')?;
        loop {
            self.skip_whitespace();
            if self.peek() == Some(b'}') {
                return None;
            }
            let key_start = self.pos;
            self.skip_string()?;
            let key_end = self.pos;
            let key: String = serde_json::from_slice(&self.bytes[key_start..key_end]).ok()?;
            self.expect(b':')?;
            self.skip_whitespace();
            if key == wanted {
                return Some((key_start, key_end));
            }
            self.skip_value()?;
            self.skip_whitespace();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }

    /// Moves to element `wanted` of the array at the current position.
    fn enter_element(&mut self, wanted: usize) -> Option<()> {
        self.expect(b'[')?;
        for _ in 0..wanted {
            self.skip_whitespace();
            if self.peek() == Some(b']') {
                return None;
            }
            self.skip_value()?;
            self.expect(b',')?;
        }
        self.skip_whitespace();
        (self.peek() != Some(b']')).then_some(())
    }

    fn skip_string(&mut self) -> Option<()> {
        (self.peek() == Some(b'"')).then_some(())?;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips one value. Nested arrays and objects are counted, not recursed into: the text may
    /// nest as deep as its length (serde stops at 128 levels, but this walker also runs on files
    /// serde rejected), and a recursion per level would overflow the stack.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_whitespace();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    self.skip_whitespace();
                    match self.peek()? {
                        b'{' | b'[' => {
                            depth += 1;
                            self.pos += 1;
                        }
                        b'}' | b']' => {
                            depth -= 1;
                            self.pos += 1;
                            if depth == 0 {
                                return Some(());
                            }
                        }
                        b'"' => self.skip_string()?,
                        _ => self.pos += 1,
                    }
                }
            }
            _ => {
                let start = self.pos;
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }
}

/// The byte offset of a 1-based line and column (as serde_json counts them: columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"types\": [\n    {\"name\": \"a\"},\n    {\"name\": \"b\", \"properties\": [{\"type\": \"Strin\"}]}\n  ]\n}\n";

    #[test]
    fn locates_nested_values() {
        let path = JsonPath::root().key("types").index(1).key("properties").index(0).key("type");
        let (start, end) = locate(TEXT, path.segments()).unwrap();
        assert_eq!(&TEXT[start..end], "\"Strin\"");
        assert_eq!(path.to_string(), "types[1].properties[0].type");
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(locate(TEXT, JsonPath::root().key("types").index(2).segments()), None);
        assert_eq!(locate(TEXT, JsonPath::root().key("nope").segments()), None);
        assert_eq!(locate("not json", JsonPath::root().key("a").segments()), None);
    }

    #[test]
    fn deep_text_is_walked_without_recursion() {
        let deep = format!("{{\"a\": {}{}, \"b\": 1}}", "[".repeat(200_000), "]".repeat(200_000));
        let (start, end) = locate(&deep, JsonPath::root().key("b").segments()).unwrap();
        assert_eq!(&deep[start..end], "1");
        assert_eq!(locate(&"[".repeat(200_000), JsonPath::root().index(0).segments()), None);
    }

    #[test]
    fn keys_are_located_for_unknown_keys() {
        let path = JsonPath::root().key("types").index(1).key("properties");
        let (start, end) = locate_key(TEXT, path.segments()).unwrap();
        assert_eq!(&TEXT[start..end], "\"properties\"");
        assert_eq!(locate_key(TEXT, JsonPath::root().key("types").index(0).segments()), None);
    }

    #[test]
    fn long_lines_are_cut_around_the_problem() {
        let text = format!("{{\"a\": \"{}\", \"b\": 5}}", "x".repeat(10_000));
        let source = Source { path: "x.json".into(), text };
        let diagnostic = Diagnostic::at(&source, &JsonPath::root().key("b"), "wrong");
        assert_eq!(diagnostic.position, Some((1, 10_016)));
        let excerpt = diagnostic.excerpt.clone().unwrap();
        assert!(excerpt.text.starts_with('…') && excerpt.text.ends_with("\"b\": 5}"), "{}", excerpt.text);
        assert_eq!(excerpt.text.chars().nth(excerpt.column - 1), Some('5'));
        assert!(diagnostic.to_string().lines().all(|line| line.chars().count() < 250));
    }

    #[test]
    fn the_caret_is_under_wide_characters_in_terminal_columns() {
        // `東京` takes four terminal columns, not two.
        let source = Source { path: "x.json".into(), text: "{\"東京\": \"x\", \"b\": 5}".into() };
        let rendered = Diagnostic::at(&source, &JsonPath::root().key("b"), "not a string").to_string();
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[1], "  --> x.json:1:18 at b", "the column counts characters, as editors do");
        assert_eq!(lines[4], format!("  | {}^", " ".repeat(19)));
        assert_eq!(caret_columns("東京x", 2, 1), (4, 1));
        assert_eq!(caret_columns("a東", 1, 1), (1, 2));
        // `e` and a combining accent: one column.
        assert_eq!(caret_columns("e\u{301}x", 2, 1), (1, 1));
        assert_eq!(caret_columns("ab", 2, 1), (2, 1), "past the end of the line");
    }

    #[test]
    fn renders_like_a_compiler() {
        let source = Source { path: "schema/x.json".into(), text: TEXT.into() };
        let path = JsonPath::root().key("types").index(1).key("properties").index(0).key("type");
        let rendered =
            Diagnostic::at(&source, &path, "unknown type `Strin`").with_help("did you mean `String`?").to_string();
        let expected = "error: unknown type `Strin`\n  --> schema/x.json:4:43 at types[1].properties[0].type\n  |\n4 |     {\"name\": \"b\", \"properties\": [{\"type\": \"Strin\"}]}\n  |                                           ^^^^^^^\n  = help: did you mean `String`?\n";
        assert_eq!(rendered, expected);
    }
}
