//! The IR's own vocabulary: identifiers, documentation lines, and the small enums the generated
//! code needs (Rust scalar types, HTTP methods, query options). The input format has its own
//! words for these ([`crate::schema`]); lowering translates, so the two can change apart.

use std::fmt;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// A Rust identifier of the generated code, as its source spells it (`r#type` when raw). It is
/// plain text, not a [`proc_macro2::Ident`], so that the IR can be shared by the threads that emit
/// it (proc-macro2's tokens cannot cross threads); it becomes a token in `quote!`.
///
/// Only `lower::ident`, the module that owns every naming rule, makes identifiers (a test in
/// `codegen/tests/architecture.rs` checks it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident(String);

impl Ident {
    /// An identifier from text that `lower::ident`'s rules already made valid. Panics, as
    /// `proc_macro2` does, if it is not an identifier: that is a bug in those rules, not bad input.
    pub(crate) fn from_checked(text: &str) -> Self {
        let token = match text.strip_prefix("r#") {
            Some(raw) => proc_macro2::Ident::new_raw(raw, Span::call_site()),
            None => proc_macro2::Ident::new(text, Span::call_site()),
        };
        Ident(token.to_string())
    }

    /// The identifier as source text (`r#type`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name without a raw prefix (`r#type` → `type`): what rustdoc links, file names and
    /// messages use.
    pub fn unraw(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToTokens for Ident {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(match self.0.strip_prefix("r#") {
            Some(raw) => proc_macro2::Ident::new_raw(raw, Span::call_site()),
            None => proc_macro2::Ident::new(&self.0, Span::call_site()),
        });
    }
}

/// Documentation lines, ready to emit one `#[doc = "…"]` attribute each (each starts with a space,
/// as `///` comments do). Lowering fills them: descriptions through its sanitizer
/// (`lower::docs`), generated text through [`Docs::push_generated`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Docs(Vec<String>);

impl Docs {
    /// Docs of one paragraph of text written by the generator.
    pub fn generated(text: impl Into<String>) -> Self {
        let mut docs = Self::default();
        docs.push_generated(text);
        docs
    }

    /// Adds a paragraph of text written by the generator (already valid rustdoc markdown; may
    /// span lines).
    pub fn push_generated(&mut self, text: impl Into<String>) {
        self.push_paragraph(text.into().split('\n').map(str::to_owned).collect());
    }

    /// Adds a paragraph of lines that are already safe rustdoc markdown. Runs of blank lines
    /// collapse, leading and trailing blank lines are dropped, and paragraphs are separated by
    /// one blank line.
    pub fn push_paragraph(&mut self, lines: Vec<String>) {
        let mut paragraph: Vec<String> = Vec::new();
        for line in lines {
            if line.is_empty() && paragraph.last().is_none_or(String::is_empty) {
                continue;
            }
            paragraph.push(line);
        }
        while paragraph.last().is_some_and(String::is_empty) {
            paragraph.pop();
        }
        if paragraph.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(String::new());
        }
        self.0.extend(paragraph.into_iter().map(|line| if line.is_empty() { line } else { format!(" {line}") }));
    }

    /// The lines, each the text of one `#[doc]` attribute.
    pub fn lines(&self) -> &[String] {
        &self.0
    }

    /// True when there is no documentation.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The Rust type of a primitive value in the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `u8`.
    U8,
    /// `i8`.
    I8,
    /// `i16`.
    I16,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `runtime::DateTimeOffset`, the wire text kept exactly.
    DateTimeOffset,
    /// `runtime::Date`.
    Date,
    /// `runtime::TimeOfDay`.
    TimeOfDay,
    /// `runtime::Duration`.
    Duration,
    /// `runtime::Guid`.
    Guid,
    /// `runtime::Binary` (base64 text).
    Binary,
    /// `serde_json::Value`: any JSON value.
    Json,
}

/// The HTTP method of a request function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PATCH`.
    Patch,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
}

/// An OData query option a request supports, named after the runtime's marker trait
/// (`SupportsSelect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueryOption {
    /// `$select`.
    Select,
    /// `$expand`.
    Expand,
    /// `$filter`.
    Filter,
    /// `$orderby`.
    OrderBy,
    /// `$top`.
    Top,
    /// `$skip`.
    Skip,
    /// `$count`.
    Count,
    /// `$search`.
    Search,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_identifiers_keep_their_prefix_and_unraw_drops_it() {
        let ident = Ident::from_checked("r#type");
        assert_eq!(ident.as_str(), "r#type");
        assert_eq!(ident.unraw(), "type");
        assert_eq!(quote::quote!(#ident).to_string(), "r#type");
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line_and_trimmed() {
        let mut docs = Docs::generated("first\n\n\nstill first");
        docs.push_paragraph(vec![String::new(), "second".into(), String::new()]);
        assert_eq!(docs.lines(), [" first", "", " still first", "", " second"]);
    }
}
