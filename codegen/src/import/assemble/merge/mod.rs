//! Metadata and pages in one import: the metadata gives the structure, the pages enrich it.
//!
//! A page never adds a second copy of anything. Its type is looked up among the metadata's (by
//! qualified name, the case of the name aside) and enriches it: the page's type, property and
//! member descriptions replace the metadata's (`Core.Description` stays where no page describes
//! the item), its documentation link joins the type's sources, and its operations (path, method,
//! status, permissions, examples) attach to the metadata's type as they do in a pages-only import.
//!
//! Where the two disagree the importer reports a [`Disagreement`], located at the page and line
//! and naming the metadata element and its line, and applies one rule: **the metadata wins on
//! structure and types, the pages win on text**. So a type, property or enum member that only a
//! page documents is dropped (values the service sends anyway round-trip through the generated
//! type's additional properties), one that only the metadata has is kept, and a property type or
//! base type the page writes differently is the metadata's. An operation is the page's (the
//! metadata describes no requests): a documented path the metadata cannot address is reported and
//! the operation kept as documented.
//!
//! An extract's pages (see [`DocsExtract`]) merge as pages do. Its descriptions, read from
//! another metadata document, come last: they describe only what neither a page nor the
//! metadata describes, and one of an element the metadata does not define is reported like a
//! page's.
//!
//! The steps, in order: [`structure`] merges the types, [`descriptions`] fills in an extract's
//! descriptions, then the operations attach (`attach`), then [`paths`] checks each documented
//! path against the metadata's addressing and gives the pages' text to the bound operations the
//! paths call.

mod descriptions;
mod paths;
mod structure;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use self::descriptions::ExtractUse;
use super::{Assembler, InputKind, MetadataRead, describe_with_extracts, read_metadata};
use crate::error::Result;
use crate::import::describe::text::is_placeholder_description;
use crate::import::describe::{PageOperation, TYPE_LINE, display_path};
use crate::import::extract::DocsExtract;
use crate::import::{Imported, Warning};

/// What a disagreement between the metadata and a page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DisagreementKind {
    /// A page documents a type (or an operation of a type) the metadata does not define.
    TypeNotInMetadata,
    /// A page documents an enum the metadata defines as an entity or complex type, or the reverse.
    TypeKind,
    /// A page names another base type than the metadata.
    BaseType,
    /// A page documents a property the metadata does not define on the type or its bases.
    PropertyNotInMetadata,
    /// The metadata defines a property the page of its type does not document.
    PropertyNotOnPage,
    /// A page documents another type (or collection-ness) for a property than the metadata.
    PropertyType,
    /// A page documents an enum member (or a "Possible values" entry) the metadata does not define.
    MemberNotInMetadata,
    /// The metadata defines an enum member the page of the enum does not document.
    MemberNotOnPage,
    /// A documented request path goes through a segment the metadata cannot address.
    PathNotAddressable,
    /// The pages' folder names another API version than the metadata's file name.
    ApiVersion,
}

impl DisagreementKind {
    /// A short name, for summaries: `property not in the metadata`.
    pub fn name(self) -> &'static str {
        match self {
            Self::TypeNotInMetadata => "type not in the metadata",
            Self::TypeKind => "kind of type",
            Self::BaseType => "base type",
            Self::PropertyNotInMetadata => "property not in the metadata",
            Self::PropertyNotOnPage => "property not on the page",
            Self::PropertyType => "property type",
            Self::MemberNotInMetadata => "member not in the metadata",
            Self::MemberNotOnPage => "member not on the page",
            Self::PathNotAddressable => "path not addressable",
            Self::ApiVersion => "API version",
        }
    }
}

impl fmt::Display for DisagreementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which source a disagreement was settled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The metadata: structure and types.
    Metadata,
    /// The page: text, and operations.
    Page,
}

/// A disagreement between the metadata and a page, as the import settled it. Each one is also
/// in the import's warnings, with the same text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Disagreement {
    /// The page.
    pub page: PathBuf,
    /// The 1-based line on the page.
    pub line: usize,
    /// What it is about.
    pub kind: DisagreementKind,
    /// The metadata element: a qualified type (`microsoft.graph.user`), a property or member
    /// (`microsoft.graph.user/displayName`), or the metadata document for the API version.
    pub element: String,
    /// Where the metadata defines the element (`v1.0-Prod.csdl:1234`); `None` when it does not.
    pub metadata: Option<String>,
    /// Which source won.
    pub winner: Side,
    /// What differs and what the import did, as the warning says it.
    pub message: String,
}

/// The page side of a disagreement: the page and line.
pub(super) type At<'a> = (&'a Path, usize);

impl Assembler {
    /// Records a disagreement and its warning; `metadata` is the metadata element and where it
    /// is defined, when it is.
    pub(super) fn disagree(
        &mut self,
        kind: DisagreementKind,
        (page, line): At,
        element: String,
        winner: Side,
        message: String,
    ) {
        let metadata = self.metadata_at(&element);
        let located = match (&metadata, kind) {
            (Some(at), _) => format!("{message} (metadata: `{element}`, {at})"),
            (None, DisagreementKind::TypeNotInMetadata) => format!("{message} (the metadata has no `{element}`)"),
            (None, _) => format!("{message} (metadata: `{element}`)"),
        };
        self.warnings.push(Warning { file: page.to_owned(), line, message: located.clone() });
        let page = PathBuf::from(display_path(page));
        self.disagreements.push(Disagreement { page, line, kind, element, metadata, winner, message: located });
    }

    /// Where the metadata defines `element` (`type` or `type/property`): `file:line`.
    fn metadata_at(&self, element: &str) -> Option<String> {
        let (qualified, item) = element.split_once('/').unwrap_or((element, TYPE_LINE));
        let described = self.types.get(qualified)?;
        let line = described.lines.get(item).or_else(|| described.lines.get(TYPE_LINE))?;
        Some(format!("{}:{line}", display_path(&described.file)))
    }
}

/// Whether a page's text is text, to replace the metadata's: not empty, not a placeholder (`Not
/// yet documented`), not only an include (`[!INCLUDE …]`, which the pages put where a summary
/// belongs).
pub(in crate::import) fn is_text(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !is_placeholder_description(text) && !text.starts_with("[!INCLUDE")
}

/// Imports metadata documents and pages, both already read as (path, text), into one description
/// set: the metadata's structure enriched by the pages (see the module documentation).
pub fn import_merged(
    documents: &[(PathBuf, String)],
    pages: &[(PathBuf, String)],
    overrides: Option<&Path>,
) -> Result<Imported> {
    merge_inputs(documents, pages, &[], overrides)
}

/// [`import_merged`], with the pages and descriptions of extracts.
pub(in crate::import::assemble) fn merge_inputs(
    documents: &[(PathBuf, String)],
    pages: &[(PathBuf, String)],
    extracts: &[(PathBuf, DocsExtract)],
    overrides: Option<&Path>,
) -> Result<Imported> {
    let MetadataRead { mut assembler, service, skipped, addressing } = read_metadata(documents)?;
    let (warnings, types, operations, read) = describe_with_extracts(pages, extracts);
    assembler.warnings.extend(warnings);
    let dropped = assembler.merge_page_types(types);
    let uses: Vec<ExtractUse> =
        extracts.iter().map(|(path, extract)| assembler.fill_descriptions(path, extract)).collect();
    let mut page_paths: Vec<PathBuf> = pages.iter().map(|(path, _)| path.clone()).collect();
    page_paths
        .extend(extracts.iter().flat_map(|(_, extract)| extract.pages.iter().map(|page| PathBuf::from(&page.page))));
    let overrides = overrides.map(super::overrides::Overrides::read).transpose()?;
    if let Some(overrides) = &overrides {
        assembler.add_from_overrides(overrides)?;
    }
    let operations = assembler.operations_of_known_types(operations, &dropped);
    let pages_version = assembler.attach(operations);
    assembler.inherit_base_actions();
    let service = service.unwrap_or_else(|| crate::schema::ServiceDescription::new("v1.0"));
    assembler.compare_api_version(&page_paths, pages_version.as_deref(), &service.api_version, documents);
    assembler.check_paths(&service);
    assembler.apply_conventions()?;
    if let Some(overrides) = &overrides {
        assembler.patch_from_overrides(overrides)?;
    }
    assembler.unknown_types();
    assembler.check_examples();
    let files = assembler.layout(Some(service));
    assembler.validate(&files)?;
    let mut imported = assembler.finish(read, files);
    imported.input = InputKind::Merged { documents: documents.len() };
    imported.skipped = skipped;
    imported.addressing = Some(addressing);
    imported.extracts = uses;
    Ok(imported)
}

impl Assembler {
    /// The operations whose type the metadata defines; those of a page type the metadata does
    /// not define (`dropped`, lowercased names) are reported and dropped.
    fn operations_of_known_types(
        &mut self,
        operations: Vec<PageOperation>,
        dropped: &BTreeMap<String, String>,
    ) -> Vec<PageOperation> {
        let mut kept = Vec::new();
        for op in operations {
            let Some(qualified) = dropped.get(&op.owner_token).filter(|_| self.owner_of(&op).is_none()) else {
                kept.push(op);
                continue;
            };
            let message = format!(
                "the operation `{}` belongs to `{qualified}`, which the metadata does not define; the metadata wins: the operation is dropped",
                op.operation.name
            );
            self.disagree(
                DisagreementKind::TypeNotInMetadata,
                (&op.file, op.line),
                qualified.clone(),
                Side::Metadata,
                message,
            );
        }
        kept
    }

    /// Reports pages whose folder names another API version than the metadata (the metadata's
    /// is kept).
    fn compare_api_version(
        &mut self,
        pages: &[PathBuf],
        pages_version: Option<&str>,
        version: &str,
        documents: &[(PathBuf, String)],
    ) {
        let pages_version =
            pages_version.map(str::to_owned).or_else(|| super::validate::named_api_version(pages).map(str::to_owned));
        let (Some(pages_version), Some(first)) = (pages_version, pages.first()) else { return };
        if pages_version == version {
            return;
        }
        let document = documents.first().map(|(path, _)| display_path(path)).unwrap_or_default();
        let message = format!(
            "the pages document the `{pages_version}` API and the metadata the `{version}` API; the metadata wins: the service is `{version}`"
        );
        self.disagree(DisagreementKind::ApiVersion, (first, 1), document, Side::Metadata, message);
    }
}

/// The disagreements of an import by kind, for summaries: `3 property not in the metadata, 1 …`.
pub fn count_by_kind(disagreements: &[Disagreement]) -> BTreeMap<DisagreementKind, usize> {
    let mut counts = BTreeMap::new();
    for disagreement in disagreements {
        *counts.entry(disagreement.kind).or_default() += 1;
    }
    counts
}
