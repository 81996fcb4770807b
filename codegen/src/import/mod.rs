//! The documentation importer: Microsoft Graph documentation pages to description files.
//!
//! [`csdl`] reads Graph's OData CSDL metadata (`$metadata`) into the same descriptions, and
//! [`extract`] keeps what pages document (or a metadata document's descriptions, or those of
//! Graph's TypeScript declarations, read by [`typings`]) in one compact file that an import reads
//! in their place.
//!
//! The importer sits beside the generator's pipeline, not in it: it reads what Microsoft
//! publishes (the markdown pages of the Graph documentation repository, or the same pages
//! rendered to plain text) and produces the [`schema`](crate::schema) types that the pipeline
//! reads. Like the pipeline, it is one-way, a module per stage:
//!
//! 1. [`page`]: one page to a structured [`page::Page`] — front matter, title, namespace, and its
//!    sections of paragraphs, lists, tables and code blocks, each with its line on the page. This
//!    stage only reads structure: it repairs the table quirks that would lose text (cells that
//!    span two lines, unescaped pipes, HTML in cells) and decides nothing about what the page
//!    documents;
//! 2. [`describe`]: what each page documents (a type, an enum, an operation with its examples),
//!    with a [`Warning`] for every documentation defect met (placeholders, unknown names,
//!    examples that do not parse);
//! 3. [`assemble`]: merge the pages into description files: operations attach to their types,
//!    "Possible values" become enums, examples are checked against the documented tables, pages
//!    that contradict each other are reported, and the overrides file applies hand-made
//!    corrections.

pub mod assemble;
pub mod csdl;
pub mod describe;
pub mod extract;
pub mod overrides;
pub mod page;
pub mod typings;

pub use assemble::{
    Disagreement, DisagreementKind, ExtractUse, Imported, InputKind, Inputs, Side, count_by_kind, import,
    import_inputs, import_merged, import_metadata, import_pages, read_inputs,
};
pub use describe::Warning;
pub use extract::DocsExtract;
