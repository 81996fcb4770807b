//! Stage 2 of the importer: parsed pages to descriptions, and the defect report.
//!
//! Each page contributes what it documents: a resource page its property table (and the
//! "Possible values" of enum properties), an enum page its members, an API page one operation
//! with its examples. Nothing is guessed silently: every defect met — placeholders, pages that
//! contradict each other, examples that do not parse or that break the documented table, unknown
//! type names — becomes a [`Warning`] with its file and line, and the import goes on.
//!
//! It produces one [`Documented`] per page. This module tells the kinds of page apart and holds
//! what every kind needs (namespace, source URL, summary); the kinds themselves are read in
//! `resource` (resource and enum pages), `api` (API pages) and `body` (their request, response and
//! example bodies), with the cell-text helpers in [`text`].

mod api;
mod body;
mod navigation;
mod resource;
pub mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::page::{Block, CodeBlock, Page, Section, Table};
use crate::schema::{OperationDescription, TypeDescription};

pub use text::{
    first_alternatives, first_link_text, parse_type_cell, possible_values, split_inherited, strip_markdown,
};

/// A documentation defect: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The page.
    pub file: PathBuf,
    /// The 1-based line on the page.
    pub line: usize,
    /// What is wrong, and what the importer did about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}\n  --> {}:{}", self.message, self.file.display(), self.line)
    }
}

/// What kind of page a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A resource (entity or complex type) page.
    Resource,
    /// An enum page.
    Enum,
    /// An API (operation) page.
    Api,
}

/// One operation, before it is attached to its type.
#[derive(Debug, Clone)]
pub struct PageOperation {
    /// The owner as the file name says it (`depenrollmentprofile`), lowercased.
    pub owner_token: String,
    /// The type the title names, when it names one (`Create depEnrollmentProfile`).
    pub title_type: Option<String>,
    /// The operation.
    pub operation: OperationDescription,
    /// The type named by the "supply a JSON representation of" text, for create and update.
    pub body_type: Option<String>,
    /// The property table of the request body of a create or update page, to compare with the
    /// resource page.
    pub body_table: Vec<(String, usize)>,
    /// The line of each row of an inline request body's parameter table, by parameter name.
    pub body_rows: Vec<(String, usize)>,
    /// The page.
    pub file: PathBuf,
    /// The line of the HTTP request.
    pub line: usize,
}

/// What one page documents.
#[derive(Debug, Clone)]
pub enum Documented {
    /// A type, with the "Possible values" of its properties (to make enums the docs only list)
    /// and the line of each property's row.
    Type(Box<DocumentedType>),
    /// An operation.
    Operation(Box<PageOperation>),
    /// Nothing the importer uses.
    Nothing,
}

/// A type as one page documents it.
#[derive(Debug, Clone)]
pub struct DocumentedType {
    /// The description.
    pub ty: TypeDescription,
    /// (property, possible values, line) for each property that lists "Possible values".
    pub possible: Vec<(String, Vec<String>, usize)>,
    /// The page.
    pub file: PathBuf,
    /// The line of each property's row (or enum member's), of the type itself under the key
    /// [`TYPE_LINE`], and of the "Inherits from" text under the key [`BASE_TYPE_LINE`].
    pub lines: BTreeMap<String, usize>,
}

/// The key of [`DocumentedType::lines`] that holds the line of the "Inherits from" text (a
/// property name never has a space).
pub const BASE_TYPE_LINE: &str = "(base type)";

/// The key of [`DocumentedType::lines`] that holds the line of the type itself: a page's title,
/// a metadata element's start tag.
pub const TYPE_LINE: &str = "(type)";

/// The kind of a page, from its front matter or title.
pub fn page_kind(page: &Page) -> Option<PageKind> {
    let doc_type = page.front_matter.get("doc_type").map(|t| t.to_ascii_lowercase());
    let title = page.title.to_ascii_lowercase();
    let has_request = page.sections.iter().any(|s| s.heading.eq_ignore_ascii_case("HTTP request"));
    match doc_type.as_deref() {
        Some("resourcepagetype") => Some(PageKind::Resource),
        Some("enumpagetype") => Some(PageKind::Enum),
        // A resource page copied from an API page's template keeps its front matter
        // (`fido2AuthenticationMethod resource type`, `doc_type: apiPageType`): the title and a
        // page without a request say what it is.
        Some("apipagetype") if title.ends_with(" resource type") && !has_request => Some(PageKind::Resource),
        Some("apipagetype") => Some(PageKind::Api),
        _ if title.ends_with(" enum type") => Some(PageKind::Enum),
        _ if title.ends_with(" resource type") => Some(PageKind::Resource),
        _ if has_request => Some(PageKind::Api),
        _ => None,
    }
}

/// What `page` documents; defects go to `warnings`.
pub fn describe(page: &Page, warnings: &mut Vec<Warning>) -> Documented {
    let mut context = Context { page, warnings };
    let kind = page_kind(page);
    let doc_type = page.front_matter.get("doc_type").map(|t| t.to_ascii_lowercase());
    if kind == Some(PageKind::Resource) && doc_type.as_deref() == Some("apipagetype") {
        let message = "the front matter says `doc_type: apiPageType`, but the page is a resource page (its title says `resource type` and it documents no HTTP request); it is read as one".into();
        context.warn(1, message);
    }
    match kind {
        Some(PageKind::Resource) => context.resource(),
        Some(PageKind::Enum) => context.enumeration(),
        Some(PageKind::Api) => context.api(),
        None => {
            context.warn(1, "the page is neither a resource, an enum nor an API page; it was skipped".into());
            Documented::Nothing
        }
    }
}

struct Context<'p, 'w> {
    page: &'p Page,
    warnings: &'w mut Vec<Warning>,
}

impl Context<'_, '_> {
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning { file: self.page.path.clone(), line, message });
    }

    /// The line of the page's title (its first section's heading).
    fn title_line(&self) -> usize {
        self.page.sections.first().map_or(1, |s| s.line)
    }

    fn namespace(&mut self) -> String {
        match &self.page.namespace {
            Some(namespace) => namespace.clone(),
            None => {
                self.warn(1, "the page names no namespace; `microsoft.graph` is assumed".into());
                "microsoft.graph".into()
            }
        }
    }

    /// The documentation URL of the page, from its path in the docs repository.
    fn source(&self) -> Option<String> {
        let path = self.page.path.to_string_lossy().replace('\\', "/");
        let (version, rest) = if let Some(i) = path.find("api-reference/beta/") {
            ("graph-rest-beta", &path[i + "api-reference/beta/".len()..])
        } else if let Some(i) = path.find("api-reference/v1.0/") {
            ("graph-rest-1.0", &path[i + "api-reference/v1.0/".len()..])
        } else {
            return None;
        };
        let stem = rest.strip_suffix(".md")?;
        let page = stem.strip_prefix("api/").unwrap_or(stem);
        Some(format!("https://learn.microsoft.com/graph/api/{page}?view={version}"))
    }

    /// The first plain paragraph after the title: the operation's description.
    fn summary(&self) -> String {
        self.first_paragraph(Some)
    }

    /// The first plain paragraph after the title that is text: the type's description. Unlike an
    /// operation's, it skips a paragraph that is only an include (`[!INCLUDE
    /// [cloudprinting-pricing-disclaimer](…)]`, first on 34 of the 2021 v1.0 resource pages, before
    /// the text), and takes the text that follows the namespace in its own paragraph
    /// (`Namespace: microsoft.graph` with the summary on the next line, without a blank line).
    fn type_summary(&self) -> String {
        self.first_paragraph(|text| {
            if text.starts_with("[!INCLUDE") && text.ends_with(']') && text.matches("[!INCLUDE").count() == 1 {
                return None;
            }
            match text.strip_prefix("Namespace:") {
                Some(rest) => {
                    let rest = rest.trim_start();
                    let after = rest.split_once(char::is_whitespace).map_or("", |(_, after)| after.trim());
                    (!after.is_empty()).then_some(after)
                }
                None => Some(text),
            }
        })
    }

    /// The first paragraph of the page's first section that `accept` keeps (and makes its text),
    /// other than notes, the namespace line, "Inherits from" and the national clouds' line.
    fn first_paragraph<'t>(&'t self, accept: impl Fn(&'t str) -> Option<&'t str>) -> String {
        let Some(first) = self.page.sections.first() else { return String::new() };
        first
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph(text) => Some(text.text.trim()),
                _ => None,
            })
            .filter_map(accept)
            .find(|text| {
                !text.is_empty()
                    && !text.starts_with("Namespace:")
                    && !text.starts_with('>')
                    && !text.starts_with("**Important")
                    && !text.starts_with("**Note")
                    && !text.to_ascii_lowercase().starts_with("inherits from")
                    && !text.contains("national cloud")
            })
            .unwrap_or_default()
            .to_owned()
    }
}

/// The path shown in messages and example sources: from `graph-docs/` or `seeds/` on when present.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    for marker in ["graph-docs/", "seeds/"] {
        if let Some(i) = text.find(marker) {
            return text[i..].to_owned();
        }
    }
    text
}

fn first_table(section: &Section) -> Option<&Table> {
    section.blocks.iter().find_map(|block| match block {
        Block::Table(table) => Some(table),
        _ => None,
    })
}

fn code_block(block: &Block) -> Option<&CodeBlock> {
    match block {
        Block::Code(code) => Some(code),
        _ => None,
    }
}

fn paragraph(block: &Block) -> Option<&str> {
    match block {
        Block::Paragraph(text) => Some(text.text.as_str()),
        _ => None,
    }
}
