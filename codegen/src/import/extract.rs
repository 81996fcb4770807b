//! Extracts: what documentation pages, or a metadata document's descriptions, say, kept in one
//! compact generated file, so that an import merges them without the pages.
//!
//! Graph's documentation is a repository of thousands of pages (the 2021 snapshot of
//! `microsoftgraph/microsoft-graph-docs` has 1,239 v1.0 resource pages, 6.4 MB), too much to copy
//! into this repository and too slow to clone in a build. An extract keeps what the merge uses
//! of each resource or enum page, as the importer read it: the documented type (its description,
//! base type, property rows with their written types and text, enum members), the "Possible
//! values" lists, the line of each row on the page, and the page's defects. Importing metadata
//! with an extract gives exactly what importing it with the pages gives: the same descriptions,
//! warnings and disagreements, located at the same page and line of the pinned commit the
//! extract names (`bench/docs-extract.sh` checks this on the whole snapshot). It holds no
//! operations: API pages are not extracted.
//!
//! An extract may instead, or also, hold descriptions read from a metadata document's
//! `Core.Description` annotations, or from Graph's TypeScript declarations (see
//! [`typings`](super::typings)), by element (`microsoft.graph.user`,
//! `microsoft.graph.user/aboutMe`, `microsoft.graph.riskLevel/low`). An import uses them only
//! where neither a page, the metadata itself, nor an extract given before it describes the
//! item.
//!
//! The file is JSON, laid out one page, warning or description per line, so that a regenerated
//! extract's diff shows what changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::describe::{DocumentedType, Warning, display_path};
use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::error::{Error, Result};
use crate::schema::{TypeDescription, TypeKind};

/// The version of the extract format this crate writes and reads.
pub const EXTRACT_FORMAT: u32 = 1;

/// The most an extract file may hold (the v1.0 extracts are a few MB).
pub const MAX_EXTRACT_BYTES: u64 = 32 << 20;

/// An extract: what pages, or a metadata document's descriptions, say (see the module
/// documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DocsExtract {
    /// The format's version, [`EXTRACT_FORMAT`].
    pub format: u32,
    /// Where the text was extracted from.
    pub source: ExtractSource,
    /// The pages read, those that document nothing the importer uses (overviews, API pages)
    /// included.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pages_read: usize,
    /// What each resource or enum page documents, in path order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<ExtractedPage>,
    /// The documentation defects met reading the pages (those of pages that document nothing
    /// the importer uses too), at their page and line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ExtractedWarning>,
    /// Descriptions from a metadata document, by element: a qualified type
    /// (`microsoft.graph.user`), a property or an enum member (`microsoft.graph.user/aboutMe`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub descriptions: BTreeMap<String, String>,
}

/// Where an extract's text comes from, so that it can be made again and its text attributed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ExtractSource {
    /// The repository (`microsoftgraph/microsoft-graph-docs`).
    pub repository: String,
    /// The commit the text was read at.
    pub commit: String,
    /// The paths read, relative to the repository (`api-reference/v1.0/resources`).
    pub paths: Vec<String>,
    /// The license of the text, as its repository states it.
    pub license: String,
}

/// One page, as the importer read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ExtractedPage {
    /// The page, as messages name it (`graph-docs/api-reference/v1.0/resources/user.md`).
    pub page: String,
    /// The type the page documents: its description, base type, sources, and property rows
    /// (written type and text) or enum members.
    #[serde(rename = "type")]
    pub ty: TypeDescription,
    /// The "Possible values" each property's description lists, by property.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub possible: BTreeMap<String, Vec<String>>,
    /// The 1-based line of each property's row or member's, of the type (`(type)`) and of its
    /// base type (`(base type)`).
    pub lines: BTreeMap<String, usize>,
}

/// A documentation defect of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractedWarning {
    /// The page, as messages name it.
    pub page: String,
    /// The 1-based line on the page.
    pub line: usize,
    /// What is wrong, and what the importer did about it.
    pub message: String,
}

/// How many pages an extraction read, and what it kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractCounts {
    /// Pages read.
    pub pages: usize,
    /// Resource and enum pages kept.
    pub types: usize,
    /// API pages, whose operations an extract does not hold.
    pub operations: usize,
}

impl ExtractedPage {
    /// The page as the merge takes it.
    pub(super) fn documented(&self) -> DocumentedType {
        let possible = self
            .possible
            .iter()
            .map(|(property, values)| {
                (property.clone(), values.clone(), self.lines.get(property).copied().unwrap_or(1))
            })
            .collect();
        DocumentedType { ty: self.ty.clone(), possible, file: PathBuf::from(&self.page), lines: self.lines.clone() }
    }

    fn of(documented: DocumentedType) -> Self {
        let DocumentedType { ty, possible, file, lines } = documented;
        let possible = possible.into_iter().map(|(property, values, _)| (property, values)).collect();
        Self { page: display_path(&file), ty, possible, lines }
    }
}

impl ExtractedWarning {
    /// The warning as an import reports it.
    pub(super) fn warning(&self) -> Warning {
        Warning { file: PathBuf::from(&self.page), line: self.line, message: self.message.clone() }
    }
}

impl DocsExtract {
    /// An empty extract of `source`.
    pub fn new(source: ExtractSource) -> Self {
        Self {
            format: EXTRACT_FORMAT,
            source,
            pages_read: 0,
            pages: Vec::new(),
            warnings: Vec::new(),
            descriptions: BTreeMap::new(),
        }
    }

    /// Adds what `pages` (path, text) document: their types and defects. Their operations are
    /// counted, not kept.
    pub fn add_pages(&mut self, pages: &[(PathBuf, String)]) -> ExtractCounts {
        let (warnings, types, operations) = super::assemble::describe_pages(pages);
        let counts = ExtractCounts { pages: pages.len(), types: types.len(), operations: operations.len() };
        self.pages_read += pages.len();
        self.pages.extend(types.into_iter().map(ExtractedPage::of));
        self.pages.sort_by(|a, b| a.page.cmp(&b.page));
        let warnings = warnings.into_iter().map(|w| ExtractedWarning {
            page: display_path(&w.file),
            line: w.line,
            message: w.message,
        });
        self.warnings.extend(warnings);
        self.warnings.sort_by(|a, b| (&a.page, a.line, &a.message).cmp(&(&b.page, b.line, &b.message)));
        self.warnings.dedup();
        counts
    }

    /// Adds the descriptions of metadata documents (path, text): of every type, property and
    /// enum member that has one. Returns how many.
    pub fn add_metadata_descriptions(&mut self, documents: &[(PathBuf, String)]) -> Result<usize> {
        let mut added = 0;
        for (path, text) in documents {
            let metadata = super::csdl::describe_metadata(path, text, &mut Vec::new())?;
            for documented in metadata.types {
                added += self.add_type_descriptions(&documented.ty);
            }
        }
        Ok(added)
    }

    /// Turns what the pages document into descriptions by element (each type's text, and its
    /// properties' or members'), the first page of a type first, and drops the pages and their
    /// warnings: for pages of another version of the API (beta's resource pages describing
    /// v1.0), whose structure must not be merged. Returns how many descriptions.
    pub fn pages_into_descriptions(&mut self) -> usize {
        let pages = std::mem::take(&mut self.pages);
        self.warnings.clear();
        pages.iter().map(|page| self.add_type_descriptions(&page.ty)).sum()
    }

    /// Adds the descriptions of `ty`, its properties and enum members, where the extract has
    /// none yet. Returns how many.
    fn add_type_descriptions(&mut self, ty: &TypeDescription) -> usize {
        let qualified = format!("{}.{}", ty.namespace, ty.name);
        let mut added = 0;
        let mut add = |element: String, text: &str| {
            // Text only: not a page's placeholder (`Not yet documented`), which would keep a
            // later page's text out.
            if super::assemble::is_text(text)
                && let std::collections::btree_map::Entry::Vacant(slot) = self.descriptions.entry(element)
            {
                slot.insert(text.to_owned());
                added += 1;
            }
        };
        add(qualified.clone(), &ty.description);
        if ty.kind == TypeKind::Enum {
            for member in &ty.members {
                add(format!("{qualified}/{}", member.name), &member.description);
            }
        } else {
            for property in &ty.properties {
                add(format!("{qualified}/{}", property.name), &property.description);
            }
        }
        added
    }

    /// Adds the descriptions of Graph's TypeScript declarations (path, text): of every property
    /// that has one (the declarations describe no types or enum members). Returns how many, and
    /// how many properties were read.
    pub fn add_typings_descriptions(&mut self, files: &[(PathBuf, String)]) -> Result<(usize, usize)> {
        let (mut added, mut properties) = (0, 0);
        for (path, text) in files {
            let typings = super::typings::read(path, text)?;
            properties += typings.properties;
            for (element, text) in typings.descriptions {
                if let std::collections::btree_map::Entry::Vacant(slot) = self.descriptions.entry(element) {
                    slot.insert(text);
                    added += 1;
                }
            }
        }
        Ok((added, properties))
    }

    /// Keeps only the descriptions of elements that the metadata document `text` (read from
    /// `path`) defines: its types, their properties and enum members. Returns how many were
    /// dropped.
    pub fn retain_defined_in(&mut self, path: &Path, text: &str) -> Result<usize> {
        let metadata = super::csdl::describe_metadata(path, text, &mut Vec::new())?;
        let mut defined = std::collections::BTreeSet::new();
        for documented in metadata.types {
            let ty = documented.ty;
            let qualified = format!("{}.{}", ty.namespace, ty.name);
            let items = ty.properties.iter().map(|p| &p.name).chain(ty.members.iter().map(|m| &m.name));
            defined.extend(items.map(|item| format!("{qualified}/{item}")));
            defined.insert(qualified);
        }
        let before = self.descriptions.len();
        self.descriptions.retain(|element, _| defined.contains(element));
        Ok(before - self.descriptions.len())
    }

    /// The extract as JSON, one page, warning or description a line.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"format\": {},\n  \"source\": {}", self.format, json(&self.source));
        if self.pages_read > 0 {
            out.push_str(&format!(",\n  \"pagesRead\": {}", self.pages_read));
        }
        let mut list = |name: &str, items: Vec<String>| {
            if !items.is_empty() {
                out.push_str(&format!(",\n  \"{name}\": [\n    {}\n  ]", items.join(",\n    ")));
            }
        };
        list("pages", self.pages.iter().map(json).collect());
        list("warnings", self.warnings.iter().map(json).collect());
        if !self.descriptions.is_empty() {
            let entries: Vec<String> =
                self.descriptions.iter().map(|(element, text)| format!("{}: {}", json(element), json(text))).collect();
            out.push_str(&format!(",\n  \"descriptions\": {{\n    {}\n  }}", entries.join(",\n    ")));
        }
        out.push_str("\n}\n");
        out
    }

    /// Writes the extract to `path`: a new file, or one that replaces the old whole (written
    /// beside it, then renamed), or none when the content is unchanged.
    pub fn write_to(&self, path: &Path) -> Result<crate::WriteReport> {
        let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().ok_or_else(|| Error::Write {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        })?;
        let files = BTreeMap::from([(PathBuf::from(name), self.to_json())]);
        crate::files::sync_files(dir, &files, Vec::new())
    }

    /// Reads an extract file: bounded, and refused with a located error when it is not an
    /// extract of this format.
    pub fn read(path: &Path) -> Result<Self> {
        let text = crate::load::read_text(path, MAX_EXTRACT_BYTES)?;
        Self::parse(path, &text)
    }

    /// Parses an extract's text, read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let source = Source { path: path.to_owned(), text: text.to_owned() };
        let help = "an extract is made by `msgraph-codegen extract` (bench/docs-extract.sh makes the repository's); make it again rather than edit it";
        let invalid = |line: usize, column: usize, message: String| {
            let diagnostic = Diagnostic::at_line_column(&source, line.max(1), column.max(1), message).with_help(help);
            Error::Invalid(Diagnostics(vec![diagnostic]))
        };
        let extract: Self = serde_json::from_str(text)
            .map_err(|error| invalid(error.line(), error.column(), format!("the extract is not valid: {error}")))?;
        if extract.format != EXTRACT_FORMAT {
            let message = format!(
                "the extract is of format {}; this msgraph-codegen reads format {EXTRACT_FORMAT}",
                extract.format
            );
            return Err(invalid(2, 1, message));
        }
        Ok(extract)
    }

    /// The 1-based line of the description of `element` in `text`, this extract's file as
    /// [`Self::to_json`] lays it out; 1 when it is not found.
    pub(super) fn description_line(text: &str, element: &str) -> usize {
        let key = format!("{}:", serde_json::to_string(element).unwrap_or_default());
        text.lines().position(|line| line.trim_start().starts_with(&key)).map_or(1, |index| index + 1)
    }
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// A value of the extract as compact JSON, on one line. The extract's types are plain data
/// (strings, numbers, maps with string keys), which always serialize.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract() -> DocsExtract {
        let mut extract = DocsExtract::new(ExtractSource {
            repository: "microsoftgraph/microsoft-graph-docs".into(),
            commit: "db3ad72".into(),
            paths: vec!["api-reference/v1.0/resources".into()],
            license: "CC-BY-4.0".into(),
        });
        let page = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|color|string|The color. Possible values are: `red`, `blue`.|\n";
        let counts =
            extract.add_pages(&[(PathBuf::from("graph-docs/api-reference/v1.0/resources/widget.md"), page.into())]);
        assert_eq!(counts, ExtractCounts { pages: 1, types: 1, operations: 0 });
        extract.descriptions.insert("microsoft.graph.widget/size".into(), "The size, \"quoted\".".into());
        extract
    }

    #[test]
    fn an_extract_is_one_item_a_line_and_reads_back_the_same() {
        let extract = extract();
        let text = extract.to_json();
        assert_eq!(text.lines().count(), 14, "{text}");
        assert!(
            text.lines()
                .nth(5)
                .unwrap()
                .starts_with("    {\"page\":\"graph-docs/api-reference/v1.0/resources/widget.md\"")
        );
        assert_eq!(DocsExtract::parse(Path::new("x.json"), &text).unwrap(), extract);
        assert_eq!(DocsExtract::description_line(&text, "microsoft.graph.widget/size"), 12);
        let page = &extract.pages[0];
        assert_eq!(page.possible["color"], ["red", "blue"]);
        let documented = page.documented();
        assert_eq!(documented.possible, [("color".to_owned(), vec!["red".to_owned(), "blue".to_owned()], 16)]);
        assert_eq!(
            extract.warnings[0].message,
            "the type of `color` is written `string`; the primitive `String` is meant (the docs spell primitives as `String`, `Boolean`, `Int32`)"
        );
    }

    #[test]
    fn pages_become_descriptions_by_element_and_are_filtered_by_a_metadata_document() {
        let mut extract = extract();
        let placeholder = "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\nNamespace: microsoft.graph\n\nNot yet documented\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|Not yet documented|\n";
        extract.add_pages(&[(PathBuf::from("graph-docs/a-gadget.md"), placeholder.into())]);
        assert_eq!(extract.pages_into_descriptions(), 2);
        assert!(extract.pages.is_empty() && extract.warnings.is_empty());
        let described: Vec<(&str, &str)> = extract.descriptions.iter().map(|(e, t)| (e.as_str(), t.as_str())).collect();
        assert_eq!(
            described,
            [
                ("microsoft.graph.widget", "A widget."),
                ("microsoft.graph.widget/color", "The color. Possible values are: `red`, `blue`."),
                ("microsoft.graph.widget/size", "The size, \"quoted\"."),
            ],
            "a placeholder is not text; what the extract already held stays"
        );
        let metadata = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="widget"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/><Property Name="color" Type="Edm.String"/></EntityType>
</Schema></edmx:DataServices></edmx:Edmx>"#;
        assert_eq!(extract.retain_defined_in(Path::new("v1.csdl"), metadata).unwrap(), 1);
        assert_eq!(
            extract.descriptions.keys().collect::<Vec<_>>(),
            ["microsoft.graph.widget", "microsoft.graph.widget/color"]
        );
    }

    #[test]
    fn a_broken_or_foreign_extract_is_a_located_error() {
        let text = extract().to_json().replace("\"format\": 1", "\"format\": 9");
        let error = DocsExtract::parse(Path::new("x.json"), &text).unwrap_err().to_string();
        assert!(error.contains("x.json:2:1") && error.contains("format 9"), "{error}");
        let error = DocsExtract::parse(Path::new("x.json"), "{\"format\": 1,\n \"pages\": 3}").unwrap_err().to_string();
        assert!(error.contains("x.json:2:") && error.contains("the extract is not valid"), "{error}");
        assert!(error.contains("msgraph-codegen extract"), "{error}");
        // Deep nesting is refused where it starts (the format's types nest a few levels, and
        // serde_json stops at 128 anyway): an error, not a stack overflow.
        let deep = format!("{{\"format\": 1, \"pages\": {}", "[".repeat(100_000));
        let error = DocsExtract::parse(Path::new("x.json"), &deep).unwrap_err().to_string();
        assert!(error.contains("x.json:1:25") && error.contains("the extract is not valid"), "{error}");
    }
}
