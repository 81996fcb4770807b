//! The markdown form of a page: `pulldown-cmark` events to a [`Page`] (see [`parse_markdown`]).

use std::collections::BTreeMap;
use std::mem;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use super::repair::repair_tables;
use super::{Block, CodeBlock, LineIndex, Page, Row, Section, Table, Text, collapse_whitespace, namespace_of};

/// Parses a page in the markdown form of the Graph documentation repository.
///
/// The text is first repaired line by line where GFM's table rules would lose text: a row whose
/// last cell goes on past the line end (not closed by `|`, next line not starting with `|`) gets
/// its continuation lines joined on with a space, and a row with more cells than its header (an
/// unescaped `|` in a description) gets the extra pipes escaped, so the extra cells stay in its
/// last cell. Then `pulldown-cmark` parses it with GFM tables, strikethrough and YAML front
/// matter. Headings start sections; paragraphs (also those of block quotes), lists, tables and
/// code blocks become [`Block`]s with the line of their first byte, mapped back through the
/// repair. Inline content is written back as markdown (see [`Text::text`]).
///
/// Not kept: HTML blocks (the pages use them for comments; a comment holding a JSON object
/// becomes the [`CodeBlock::annotation`] of a code block right after it) and thematic breaks.
/// DocFX tab markers (`# [HTTP](#tab/http)`) stay in their section as a paragraph rather than
/// start a level-1 section, so an example's request block stays under its `Request` heading.
///
/// Never fails: broken markdown gives whatever structure `pulldown-cmark` finds in it.
pub fn parse_markdown(path: &Path, text: &str) -> Page {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let repaired = repair_tables(text);
    let index = LineIndex::new(&repaired.text, repaired.lines);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut builder = Builder::new();
    for (event, range) in Parser::new_ext(&repaired.text, options).into_offset_iter() {
        builder.event(event, index.line(range.start));
    }
    builder.finish(path)
}

/// What inline text is being collected for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InlineKind {
    Paragraph,
    Heading(u8),
    Cell,
}

/// Inline text being collected.
#[derive(Debug)]
struct Inline {
    kind: InlineKind,
    text: String,
    line: usize,
}

/// A table being collected.
#[derive(Debug)]
struct TableBuilder {
    table: Table,
    cells: Vec<String>,
    row_line: usize,
}

/// The state of the event walk.
#[derive(Debug)]
struct Builder {
    front_matter: BTreeMap<String, String>,
    metadata: Option<String>,
    title: Option<String>,
    namespace: Option<String>,
    sections: Vec<Section>,
    /// The paragraph, heading or cell whose inline text is being collected.
    inline: Option<Inline>,
    /// What closes each open link or image: `](url)` or `>`.
    link_ends: Vec<String>,
    table: Option<TableBuilder>,
    code: Option<CodeBlock>,
    html: Option<String>,
    /// The JSON of the last HTML comment, until a block other than a code block starts.
    annotation: Option<Value>,
    list_depth: usize,
    /// The list items collected so far (flushed as one [`Block::List`]).
    list_items: Vec<Text>,
    /// The text of the open items, outermost first.
    open_items: Vec<Text>,
}

impl Builder {
    fn new() -> Self {
        Self {
            front_matter: BTreeMap::new(),
            metadata: None,
            title: None,
            namespace: None,
            sections: vec![Section { heading: String::new(), level: 1, line: 1, implied: false, blocks: Vec::new() }],
            inline: None,
            link_ends: Vec::new(),
            table: None,
            code: None,
            html: None,
            annotation: None,
            list_depth: 0,
            list_items: Vec::new(),
            open_items: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, line: usize) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    if code.text.is_empty() {
                        code.text_line = line;
                    }
                    code.text.push_str(&text);
                } else if let Some(metadata) = &mut self.metadata {
                    metadata.push_str(&text);
                } else {
                    self.push(&text);
                }
            }
            Event::Code(code) => self.push(&code_span(&code)),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.push(&math),
            Event::Html(html) => {
                if let Some(block) = &mut self.html {
                    block.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                let lower = html.trim().to_ascii_lowercase();
                if lower.starts_with("<!--") {
                    // Comments are invisible on the rendered page.
                } else if is_line_break_tag(&lower) {
                    self.push(" ");
                } else {
                    self.push(html.trim());
                }
            }
            Event::FootnoteReference(label) => self.push(&format!("[^{label}]")),
            Event::SoftBreak | Event::HardBreak => self.push(" "),
            Event::Rule => self.annotation = None,
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize) {
        if !matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock) && is_block(&tag) {
            self.annotation = None;
        }
        match tag {
            Tag::Paragraph => {
                if let Some(item) = self.open_items.last_mut().filter(|_| self.inline.is_none()) {
                    if !item.text.is_empty() && !item.text.ends_with(' ') {
                        item.text.push(' ');
                    }
                } else {
                    self.inline = Some(Inline { kind: InlineKind::Paragraph, text: String::new(), line });
                }
            }
            Tag::Heading { level, .. } => {
                self.flush_list();
                self.inline =
                    Some(Inline { kind: InlineKind::Heading(heading_level(level)), text: String::new(), line });
            }
            Tag::CodeBlock(kind) => {
                self.flush_list();
                let (info, text_line) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        (info.split_whitespace().next().unwrap_or_default().to_owned(), line + 1)
                    }
                    CodeBlockKind::Indented => (String::new(), line),
                };
                let annotation = self.annotation.take();
                self.code = Some(CodeBlock { line, text_line, info, annotation, text: String::new() });
            }
            Tag::HtmlBlock => self.html = Some(String::new()),
            Tag::List(_) => {
                // A parent item's text comes before its nested items.
                if let Some(parent) = self.open_items.last_mut()
                    && !parent.text.trim().is_empty()
                {
                    let text = mem::take(&mut parent.text).trim().to_owned();
                    self.list_items.push(Text { text, line: parent.line });
                }
                self.list_depth += 1;
            }
            Tag::Item => self.open_items.push(Text { text: String::new(), line }),
            Tag::Table(_) => {
                self.flush_list();
                let table = Table { line, header: Vec::new(), rows: Vec::new() };
                self.table = Some(TableBuilder { table, cells: Vec::new(), row_line: line });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.cells.clear();
                    table.row_line = line;
                }
            }
            Tag::TableCell => self.inline = Some(Inline { kind: InlineKind::Cell, text: String::new(), line }),
            Tag::Emphasis => self.push("*"),
            Tag::Strong => self.push("**"),
            Tag::Strikethrough => self.push("~~"),
            Tag::Superscript => self.push("^"),
            Tag::Subscript => self.push("~"),
            Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. } => {
                self.push("<");
                self.link_ends.push(">".to_owned());
            }
            Tag::Link { dest_url, title, .. } => {
                self.push("[");
                self.link_ends.push(format!("]({})", destination(&dest_url, &title)));
            }
            Tag::Image { dest_url, title, .. } => {
                self.push("![");
                self.link_ends.push(format!("]({})", destination(&dest_url, &title)));
            }
            Tag::MetadataBlock(_) => self.metadata = Some(String::new()),
            Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    // Long on purpose: one arm per pulldown-cmark `TagEnd`, each a few lines; a flat match reads
    // better than arms spread over helpers.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if let Some(paragraph) = self.take_inline(|kind| kind == InlineKind::Paragraph) {
                    self.paragraph(paragraph.text.trim().to_owned(), paragraph.line);
                }
            }
            TagEnd::Heading(_) => {
                if let Some(Inline { kind: InlineKind::Heading(level), text, line }) =
                    self.take_inline(|kind| matches!(kind, InlineKind::Heading(_)))
                {
                    self.heading(text.trim().to_owned(), level, line);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push_block(Block::Code(code));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    self.annotation = annotation_of(&html);
                }
            }
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    self.flush_list();
                }
            }
            TagEnd::Item => {
                if let Some(item) = self.open_items.pop()
                    && !item.text.trim().is_empty()
                {
                    self.list_items.push(Text { text: item.text.trim().to_owned(), line: item.line });
                }
            }
            TagEnd::TableCell => {
                if let Some(cell) = self.take_inline(|kind| kind == InlineKind::Cell)
                    && let Some(table) = &mut self.table
                {
                    table.cells.push(collapse_whitespace(&cell.text));
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.table.header = mem::take(&mut table.cells);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let cells = join_extra_cells(mem::take(&mut table.cells), table.table.header.len());
                    table.table.rows.push(Row { line: table.row_line, cells });
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.push_block(Block::Table(table.table));
                }
            }
            TagEnd::Emphasis => self.push("*"),
            TagEnd::Strong => self.push("**"),
            TagEnd::Strikethrough => self.push("~~"),
            TagEnd::Superscript => self.push("^"),
            TagEnd::Subscript => self.push("~"),
            TagEnd::Link | TagEnd::Image => {
                if let Some(end) = self.link_ends.pop() {
                    self.push(&end);
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(metadata) = self.metadata.take() {
                    self.front_matter = front_matter(&metadata);
                }
            }
            TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// Appends inline text to what is being collected (nothing, outside any).
    fn push(&mut self, text: &str) {
        if let Some(inline) = &mut self.inline {
            inline.text.push_str(text);
        } else if let Some(item) = self.open_items.last_mut() {
            item.text.push_str(text);
        }
    }

    fn take_inline(&mut self, wanted: impl Fn(InlineKind) -> bool) -> Option<Inline> {
        self.inline.take_if(|inline| wanted(inline.kind))
    }

    fn push_block(&mut self, block: Block) {
        if let Some(section) = self.sections.last_mut() {
            section.blocks.push(block);
        }
    }

    fn paragraph(&mut self, text: String, line: usize) {
        if text.is_empty() {
            return;
        }
        if self.namespace.is_none() && self.sections.iter().all(|section| section.level == 1) {
            self.namespace = namespace_of(&text);
        }
        self.push_block(Block::Paragraph(Text { text, line }));
    }

    fn heading(&mut self, text: String, level: u8, line: usize) {
        if is_tab_marker(&text) {
            self.paragraph(text, line);
            return;
        }
        if level == 1 && self.title.is_none() {
            self.title = Some(text.clone());
            if let [first] = self.sections.as_mut_slice() {
                first.line = line;
                return;
            }
        }
        self.sections.push(Section { heading: text, level, line, implied: false, blocks: Vec::new() });
    }

    /// Emits the list items collected so far as one list block.
    fn flush_list(&mut self) {
        for item in &mut self.open_items {
            if !item.text.trim().is_empty() {
                let text = mem::take(&mut item.text).trim().to_owned();
                self.list_items.push(Text { text, line: item.line });
            }
        }
        if !self.list_items.is_empty() {
            let items = mem::take(&mut self.list_items);
            self.push_block(Block::List(items));
        }
    }

    fn finish(mut self, path: &Path) -> Page {
        self.flush_list();
        let title = self.title.or_else(|| self.front_matter.get("title").cloned()).unwrap_or_default();
        if let Some(first) = self.sections.first_mut() {
            first.heading.clone_from(&title);
        }
        Page {
            path: path.to_owned(),
            front_matter: self.front_matter,
            title,
            namespace: self.namespace,
            sections: self.sections,
        }
    }
}

/// Whether a tag starts a block (as opposed to inline markup).
fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether a heading is a DocFX tab marker: `[HTTP](#tab/http)`.
fn is_tab_marker(heading: &str) -> bool {
    heading.starts_with('[') && heading.ends_with(')') && heading.contains("](#tab/")
}

/// Whether an inline HTML tag is a line break: `<br>`, `<br/>`, `<br />`.
fn is_line_break_tag(lower: &str) -> bool {
    lower.strip_prefix("<br").is_some_and(|rest| rest.trim_start().trim_start_matches('/').trim() == ">")
}

/// A code span that reads back as `code`, whatever backticks it holds.
fn code_span(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// A link destination (and title) as markdown.
fn destination(url: &str, title: &str) -> String {
    let url = if url.is_empty() || url.contains([' ', '(', ')']) { format!("<{url}>") } else { url.to_owned() };
    if title.is_empty() { url } else { format!("{url} \"{}\"", title.replace('"', "\\\"")) }
}

/// The JSON object inside an HTML comment block (`<!-- { … } -->`), if it parses.
fn annotation_of(html: &str) -> Option<Value> {
    let inner = html.trim().strip_prefix("<!--")?;
    let json = inner.get(..inner.rfind("-->")?)?.trim();
    if !json.starts_with('{') {
        return None;
    }
    serde_json::from_str::<Value>(json).ok().filter(Value::is_object)
}

/// Joins the cells past the header's last column into the last cell, with `|`.
fn join_extra_cells(mut cells: Vec<String>, columns: usize) -> Vec<String> {
    if columns > 0 && cells.len() > columns {
        let extra = cells.split_off(columns - 1);
        cells.push(extra.join(" | "));
    }
    cells
}

/// The `key: value` pairs of a YAML front matter, as the pages write it: one per line, values
/// optionally quoted. Nested or list values are skipped; the first of duplicate keys is kept.
fn front_matter(text: &str) -> BTreeMap<String, String> {
    let mut pairs = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = key.trim();
        if !key.is_empty() {
            pairs.entry(key.to_owned()).or_insert_with(|| unquote(value.trim()));
        }
    }
    pairs
}

/// A YAML scalar without its quotes.
fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests;
