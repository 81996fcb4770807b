//! Stage 1 of the importer: one documentation page to a structured [`Page`].
//!
//! Two forms of a page are read:
//!
//! - markdown, as in the Graph documentation repository ([`parse_markdown`]): parsed with
//!   `pulldown-cmark` (GFM tables, YAML front matter), after a line-preserving repair of the table
//!   quirks that would otherwise lose text;
//! - the same page rendered to plain text ([`parse_rendered`]): headings without `#`, tables
//!   flattened to space-separated lines, JSON without its braces. Read on a best-effort basis by
//!   recognising the headings and table headers Graph pages use.
//!
//! A [`Page`] is structure only: sections of paragraphs, lists, tables and code blocks, each with
//! its 1-based line on the page, so that a later stage can say where a defect is. Nothing here
//! decides what a page documents, and nothing here fails: any text, however broken, gives a page
//! (possibly with nothing in it).

mod markdown;
mod rendered;
mod repair;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use markdown::parse_markdown;
pub use rendered::parse_rendered;

/// One documentation page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file the page was read from.
    pub path: PathBuf,
    /// The `key: value` pairs of the YAML front matter (`---` … `---` at the top), quotes
    /// removed; empty when there is none (always, for a rendered page).
    pub front_matter: BTreeMap<String, String>,
    /// The page's title: its first level-1 heading (the first line of a rendered page). When a
    /// markdown page has no such heading, the front matter's `title`; else empty.
    pub title: String,
    /// The namespace of a `Namespace: microsoft.graph` line before the first level-2 heading.
    pub namespace: Option<String>,
    /// The sections in page order. The first is the text before the first heading other than
    /// the title: level 1, headed by the title.
    pub sections: Vec<Section>,
}

impl Page {
    /// The first section whose heading is `heading`, compared case-insensitively (and without
    /// surrounding whitespace). Aliases (`Permissions` or `Prerequisites`) are the caller's
    /// business.
    pub fn section(&self, heading: &str) -> Option<&Section> {
        self.sections_named(heading).next()
    }

    /// Every section whose heading is `heading`, case-insensitively, in page order (`Response`
    /// is both a level-2 section of an API page and a level-3 one under its example).
    pub fn sections_named<'p>(&'p self, heading: &str) -> impl Iterator<Item = &'p Section> + use<'p> {
        let wanted = heading.trim().to_lowercase();
        self.sections.iter().filter(move |section| section.heading.trim().to_lowercase() == wanted)
    }

    /// Every block of the page, in page order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.sections.iter().flat_map(|section| &section.blocks)
    }
}

/// A heading and the blocks up to the next heading (of any level).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading's text, as inline markdown.
    pub heading: String,
    /// The heading's level, 1 to 6.
    pub level: u8,
    /// The 1-based line of the heading (of the text that implied it, for an implied section).
    pub line: usize,
    /// Whether the heading is missing from the page and was implied by what follows: only in a
    /// rendered page, where `Permissions` is implied by a permissions table, `Response` by "If
    /// successful, this method returns…", and `Example`, `Request` and `Response` by "Here is an
    /// example of the request/response". A later stage may want to say so.
    pub implied: bool,
    /// The blocks, in page order.
    pub blocks: Vec<Block>,
}

impl Section {
    /// The tables of the section, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
    }

    /// The code blocks of the section, in order.
    pub fn code_blocks(&self) -> impl Iterator<Item = &CodeBlock> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Code(code) => Some(code),
            _ => None,
        })
    }

    /// The paragraphs of the section, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Text> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Paragraph(text) => Some(text),
            _ => None,
        })
    }
}

/// A block of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph (also each paragraph of a block quote such as `> **Note:** …`).
    Paragraph(Text),
    /// A table.
    Table(Table),
    /// A code block, fenced or indented.
    Code(CodeBlock),
    /// A list: one entry per item, nested items flattened after their parent, in page order.
    List(Vec<Text>),
}

/// Inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text as inline markdown: links as `[text](url)`, code as `` `code` ``, emphasis as
    /// `*x*` and `**x**`; entities decoded (`&lt;` is `<`), `<br>` a space, line breaks inside a
    /// paragraph a space. Literal text is not re-escaped.
    pub text: String,
    /// The 1-based line the text starts on.
    pub line: usize,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The 1-based line of the header row.
    pub line: usize,
    /// The header cells, as inline markdown.
    pub header: Vec<String>,
    /// The body rows.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line the row starts on (a row whose cell spans two lines is one row).
    pub line: usize,
    /// The cells, as trimmed inline markdown (see [`Text::text`]), whitespace runs collapsed.
    /// A row with more cells than the header (an unescaped `|` in a description) has the extra
    /// cells joined into its last cell with `|`; a row with fewer has only the cells written.
    pub cells: Vec<String>,
}

/// A code block.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    /// The 1-based line of the opening fence (of the first line, for an indented or rendered
    /// block).
    pub line: usize,
    /// The 1-based line the [`text`](Self::text) starts on.
    pub text_line: usize,
    /// The first word of the fence's info string (`http`, `json`), or empty. In a rendered page,
    /// `http` for an HTTP request or response and `json` for bare JSON.
    pub info: String,
    /// The JSON object in an HTML comment right before the block (`<!-- { "blockType":
    /// "request" } -->`), when it parses; `None` otherwise, and always in a rendered page.
    pub annotation: Option<serde_json::Value>,
    /// The code, as written (each line ends with a newline in a markdown page).
    pub text: String,
}

impl CodeBlock {
    /// The annotation's `blockType` (`request`, `response`, `resource`, `ignored`), if any.
    pub fn block_type(&self) -> Option<&str> {
        self.annotation.as_ref()?.get("blockType")?.as_str()
    }
}

/// 1-based line numbers of byte offsets in a text.
#[derive(Debug, Clone)]
struct LineIndex {
    /// The byte offset of each line's start.
    starts: Vec<usize>,
    /// The 1-based line on the page of each line (a repaired text has fewer lines).
    lines: Vec<usize>,
}

impl LineIndex {
    /// The line index of `text`, whose line `i` (0-based) is line `lines[i]` of the page.
    fn new(text: &str, lines: Vec<usize>) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { starts, lines }
    }

    /// The 1-based page line of the byte at `offset`.
    fn line(&self, offset: usize) -> usize {
        let index = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        self.lines.get(index).or(self.lines.last()).copied().unwrap_or(1)
    }
}

/// `text` with each run of whitespace made one space, trimmed.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The namespace of a `Namespace: microsoft.graph` paragraph.
fn namespace_of(paragraph: &str) -> Option<String> {
    let rest = paragraph.trim().strip_prefix("Namespace:")?;
    let word = rest.split_whitespace().next()?.trim_matches(|c: char| c == '`' || c == '*' || c == '.');
    (!word.is_empty()).then(|| word.to_owned())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    /// Inputs that have broken parsers: nothing may panic, in either form.
    #[test]
    fn odd_inputs_do_not_panic() {
        let deep_list: String = (0..300).map(|depth| format!("{}- item {depth}\n", "  ".repeat(depth))).collect();
        let deep_quote = format!("{} text\n", ">".repeat(300));
        // Long runs that a quadratic reader would never finish.
        let blank_run = format!("GET /x\n{}\"a\": 1\n", "\n".repeat(50_000));
        let long_cell = format!("|a|b|\n|-|-|\n|x|y\n{}", "more\n".repeat(50_000));
        let long_table = format!("Property Type Description\n{}", "p String d\n".repeat(50_000));
        let odd = [
            "",
            "|",
            "||",
            "|\n|\n|",
            "|a|\n|-|\n|",
            "|a|b\n|-|-\n|x",
            "```",
            "``` http\nGET /x",
            "<!--",
            "<!-- {\n\"blockType\": \"request\"",
            "<!-- { -->\n```\n```",
            "---",
            "---\ntitle: \"x",
            "---\n---",
            "# \n## \n###### ",
            "\u{feff}# Title\r\n\r\n|a|b|\r\n|-|-|\r\n|1|2\r\n  3|\r\n",
            "Namespace:",
            "\0\u{1}\u{7f}\u{fffd}",
            "[link](",
            "`unclosed code",
            &deep_list,
            &deep_quote,
            &blank_run,
            &long_cell,
            &long_table,
            "Property Type Description\nx",
            "Permission type Permissions\nDelegated (",
            "GET\n\n\"a\": 1",
            "HTTP/1.1 200 OK\n\n   \n",
        ];
        for text in odd {
            for page in [parse_markdown(Path::new("odd.md"), text), parse_rendered(Path::new("odd.txt"), text)] {
                assert!(!page.sections.is_empty(), "a page always has its first section: {text:?}");
                for section in &page.sections {
                    assert!(section.line >= 1);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Arbitrary bytes, decoded lossily as the importer reads files.
        #[test]
        fn arbitrary_bytes_do_not_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let text = String::from_utf8_lossy(&bytes);
            parse_markdown(Path::new("bytes.md"), &text);
            parse_rendered(Path::new("bytes.txt"), &text);
        }

        /// Text made of the characters markdown and the rendered reader care about, with a
        /// table header and a fence to start from.
        #[test]
        fn markdown_like_text_does_not_panic(
            body in "[|`<>!#*\\-:{}\\[\\]()\"\\\\ \nA-Za-z0-9é]{0,500}",
            prefix in prop::sample::select(vec!["", "|a|b|\n|-|-|\n", "Property Type Description\n", "``` http\n", "<!-- {\n"]),
        ) {
            let text = format!("{prefix}{body}");
            let page = parse_markdown(Path::new("text.md"), &text);
            let lines = text.lines().count().max(1);
            for section in &page.sections {
                prop_assert!(section.line >= 1 && section.line <= lines + 1);
            }
            parse_rendered(Path::new("text.txt"), &text);
        }
    }

    #[test]
    fn line_index_maps_offsets_through_repaired_lines() {
        let index = LineIndex::new("a\nbc\nd", vec![1, 2, 4]);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(4), 2);
        assert_eq!(index.line(5), 4);
        assert_eq!(index.line(500), 4);
        assert_eq!(LineIndex::new("", Vec::new()).line(3), 1);
    }

    #[test]
    fn sections_are_found_case_insensitively() {
        let page = parse_markdown(Path::new("p.md"), "# T\n\n## HTTP Request\n\n## Response\n\n### Response\n");
        assert_eq!(page.section("http request").map(|s| s.line), Some(3));
        assert_eq!(page.sections_named("RESPONSE").map(|s| s.level).collect::<Vec<_>>(), [2, 3]);
        assert!(page.section("Permissions").is_none());
    }

    #[test]
    fn namespaces_are_read_from_their_line() {
        assert_eq!(namespace_of("Namespace: microsoft.graph").as_deref(), Some("microsoft.graph"));
        assert_eq!(
            namespace_of("Namespace: `microsoft.graph.callRecords`").as_deref(),
            Some("microsoft.graph.callRecords")
        );
        assert_eq!(namespace_of("Namespace:"), None);
        assert_eq!(namespace_of("The namespace: x"), None);
    }
}
