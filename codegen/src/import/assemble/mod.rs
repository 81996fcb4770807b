//! Stage 3 of the importer: merge what the pages document into description files.
//!
//! It produces an [`Imported`]: one description file per type (several pages about one type merge
//! into one description), a service description, and the defect report. The merge runs as steps,
//! a module each:
//!
//! 1. this module: pages (or metadata documents) are read and described, types are collected and
//!    looked up by name, and the result is laid out as files;
//! 2. `possible`: enums the docs only list as "Possible values";
//! 3. `attach`: operations to the types their pages name;
//! 4. `overrides`: hand-made corrections from the overrides file, applied last so the output
//!    stays reproducible from the pages;
//! 5. `unknown`: names of undocumented types, reported and kept as raw JSON;
//! 6. `examples`: example bodies checked against the documented tables;
//! 7. `validate`: the files checked by the generator's own loading and lowering, each problem
//!    reported at the page and line it came from, so that what is written generates;
//! 8. `write`: the files written into a folder, all or none.

mod attach;
mod conventions;
mod examples;
mod merge;
mod overrides;
mod possible;
mod unknown;
mod validate;
mod write;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use self::overrides::Overrides;
use super::csdl::{AddressingCounts, describe_metadata, is_metadata};
use super::describe::text::is_odata_identifier;
use super::describe::{Documented, DocumentedType, PageOperation, Warning, describe, display_path};
use super::extract::{DocsExtract, ExtractedPage, ExtractedWarning};
use super::page::{parse_markdown, parse_rendered};
use crate::error::{Error, Result};
pub(in crate::import) use merge::is_text;

pub use self::merge::{Disagreement, DisagreementKind, ExtractUse, Side, count_by_kind, import_merged};
use crate::schema::{DescriptionFile, JSON_SCHEMA_FILE_NAME, ServiceDescription, TypeDescription};

/// The result of an import: description files by file name, and the defect report.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The description files to write, by file name.
    pub files: BTreeMap<String, DescriptionFile>,
    /// Every defect met, sorted by file and line.
    pub warnings: Vec<Warning>,
    /// Pages read.
    pub pages: usize,
    /// Types, properties and operations described.
    pub counts: (usize, usize, usize),
    /// What was read: documentation pages or metadata documents.
    pub input: InputKind,
    /// Metadata elements read but not described (actions, functions, …), by element name.
    pub skipped: BTreeMap<String, usize>,
    /// What the overrides file changed, one line each (`microsoft.graph.x: property y added`).
    pub overrides: Vec<String>,
    /// What Graph's documented conventions added that the metadata does not describe
    /// (`microsoft.graph.driveItem: pathAddressing set to [BelowItem]`), one line each.
    pub conventions: Vec<String>,
    /// For metadata: how much of the service's addressing is described (roots, bound
    /// operations, navigations).
    pub addressing: Option<AddressingCounts>,
    /// For metadata and pages imported together: where they disagree, as settled (each one is
    /// also a warning).
    pub disagreements: Vec<Disagreement>,
    /// What each extract read gave: its pages, and how many of its descriptions were used.
    pub extracts: Vec<ExtractUse>,
}

/// What an import reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// Documentation pages (`*.md`, or rendered `*.txt`).
    #[default]
    Pages,
    /// OData CSDL metadata documents (`*.csdl`, `*.xml`).
    Metadata,
    /// Metadata documents (this many) and documentation pages together: the metadata's
    /// structure enriched by the pages.
    Merged {
        /// The metadata documents read.
        documents: usize,
    },
}

impl Imported {
    /// `imported 12 pages: 5 types, 32 properties, 8 operations, 3 warnings`, and for metadata
    /// the addressing it describes and what it holds that is not described.
    pub fn summary(&self) -> String {
        let (types, properties, operations) = self.counts;
        let inputs = match self.input {
            InputKind::Pages => plural(self.pages, "page", "pages"),
            InputKind::Metadata => plural(self.pages, "metadata document", "metadata documents"),
            InputKind::Merged { documents } => format!(
                "{} and {}",
                plural(documents, "metadata document", "metadata documents"),
                plural(self.pages, "page", "pages")
            ),
        };
        let mut summary = format!(
            "imported {inputs}: {types} types, {properties} properties, {operations} operations, {} warnings",
            self.warnings.len()
        );
        if let InputKind::Merged { .. } = self.input {
            let kinds: Vec<String> =
                count_by_kind(&self.disagreements).iter().map(|(kind, count)| format!("{count} {kind}")).collect();
            let kinds = if kinds.is_empty() { String::new() } else { format!(": {}", kinds.join(", ")) };
            summary.push_str(&format!(" ({} disagreements with the metadata{kinds})", self.disagreements.len()));
        }
        for extract in &self.extracts {
            summary.push_str(&format!("; {}", extract.phrase()));
        }
        if let Some(addressing) = &self.addressing {
            summary.push_str(&format!("; addressing: {}", addressing.phrase()));
        }
        if !self.skipped.is_empty() {
            let skipped: Vec<String> = self.skipped.iter().map(|(kind, count)| format!("{count} {kind}")).collect();
            summary.push_str(&format!(" (not described yet: {})", skipped.join(", ")));
        }
        summary
    }
}

/// Reads the pages at `paths` (files, or folders searched for `*.md` and `*.txt`), the OData
/// CSDL metadata documents at `paths` (`*.csdl`, `*.xml`) and the extracts (`*.json`, see
/// [`DocsExtract`]), applies the overrides file if given, and assembles description files: from
/// the pages alone, from the metadata alone, or from both (the metadata's structure enriched by
/// the pages, see [`import_merged`]); an extract's pages count as pages.
pub fn import(paths: &[PathBuf], overrides: Option<&Path>) -> Result<Imported> {
    let Inputs { documents, pages, extracts, typings } = read_inputs(paths)?;
    if let Some((path, _)) = typings.first() {
        let message = "these are TypeScript declarations, which an import does not read";
        let help = "make an extract of their descriptions first (`msgraph-codegen extract FILE.d.ts --out FILE.json`), and import that";
        return Err(Error::Invalid(crate::diagnostic::Diagnostics(vec![
            crate::diagnostic::Diagnostic::file(path, message).with_help(help),
        ])));
    }
    import_inputs(&documents, &pages, &extracts, overrides)
}

/// What an import reads, read: metadata documents and pages as (path, text), extracts as (path,
/// extract), each in path order (extracts in the order given).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The OData CSDL metadata documents (`*.csdl`, `*.xml`).
    pub documents: Vec<(PathBuf, String)>,
    /// The pages (`*.md`, rendered `*.txt`).
    pub pages: Vec<(PathBuf, String)>,
    /// The extracts (`*.json`), in the order they were given: an import takes an extract's
    /// description only for an item that no extract before it describes.
    pub extracts: Vec<(PathBuf, DocsExtract)>,
    /// Graph's TypeScript declarations (`*.d.ts`), whose descriptions `extract` reads (see
    /// [`typings`](crate::import::typings)).
    pub typings: Vec<(PathBuf, String)>,
}

/// Reads the files at `paths` (folders are searched for `*.md` and `*.txt` pages), each bounded
/// and refused with a located error when it is not text, or not an extract.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Inputs> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    files.sort();
    files.dedup();
    if files.is_empty() {
        return Err(Error::NoInput { paths: paths.to_vec() });
    }
    let mut inputs = Inputs::default();
    for path in files {
        // Bounded, and refused with a located error when binary or not UTF-8 (`load::read_text`).
        if is_metadata(&path) {
            let text = crate::load::read_text(&path, crate::load::MAX_METADATA_BYTES)?;
            inputs.documents.push((path, text));
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            let extract = DocsExtract::read(&path)?;
            inputs.extracts.push((path, extract));
        } else if crate::import::typings::is_typings(&path) {
            let text = crate::load::read_text(&path, crate::load::MAX_METADATA_BYTES)?;
            inputs.typings.push((path, text));
        } else {
            let text = crate::load::read_text(&path, crate::load::MAX_PAGE_BYTES)?;
            inputs.pages.push((path, text));
        }
    }
    // An extract is a file given by itself (folders are searched for pages only): keep the
    // order the extracts were given in, which is the order their descriptions are preferred.
    inputs.extracts.sort_by_key(|(path, _)| paths.iter().position(|given| given == path));
    Ok(inputs)
}

/// Imports inputs already read: metadata documents and pages as (path, text), and extracts
/// (path, extract), as [`import`] does.
pub fn import_inputs(
    documents: &[(PathBuf, String)],
    pages: &[(PathBuf, String)],
    extracts: &[(PathBuf, DocsExtract)],
    overrides: Option<&Path>,
) -> Result<Imported> {
    match (documents.is_empty(), pages.is_empty() && extracts.is_empty()) {
        (false, false) => merge::merge_inputs(documents, pages, extracts, overrides),
        (false, true) => import_metadata(documents, overrides),
        (true, _) => pages_with_extracts(pages, extracts, overrides),
    }
}

/// What the metadata documents of an import describe, before the pages or overrides change it.
struct MetadataRead {
    /// The metadata's types, and the defects met reading them.
    assembler: Assembler,
    /// The service the documents describe (`None` for no documents).
    service: Option<ServiceDescription>,
    /// Elements read but not described, by element name.
    skipped: BTreeMap<String, usize>,
    /// How much of the service's addressing is described.
    addressing: AddressingCounts,
}

/// Reads and describes metadata documents: (path, text).
fn read_metadata(documents: &[(PathBuf, String)]) -> Result<MetadataRead> {
    let mut assembler = Assembler::new(Vec::new());
    let mut skipped = BTreeMap::new();
    let mut service: Option<ServiceDescription> = None;
    let mut addressing = AddressingCounts::default();
    for (path, text) in documents {
        let mut warnings = Vec::new();
        let metadata = describe_metadata(path, text, &mut warnings)?;
        assembler.warnings.extend(warnings);
        addressing.add(AddressingCounts::of(&metadata));
        // Several documents make one service, of the first one's API version.
        let service = service.get_or_insert_with(|| ServiceDescription::new(metadata.api_version.clone()));
        service.entity_sets.extend(metadata.entity_sets);
        service.singletons.extend(metadata.singletons);
        service.operation_imports.extend(metadata.operation_imports);
        for ty in metadata.types {
            assembler.add_type(ty);
        }
        for (kind, count) in metadata.skipped {
            *skipped.entry(kind).or_default() += count;
        }
    }
    Ok(MetadataRead { assembler, service, skipped, addressing })
}

/// Imports OData CSDL metadata documents already read: (path, text).
pub fn import_metadata(documents: &[(PathBuf, String)], overrides: Option<&Path>) -> Result<Imported> {
    let MetadataRead { mut assembler, service, skipped, addressing } = read_metadata(documents)?;
    assembler.apply_conventions()?;
    let overrides = overrides.map(Overrides::read).transpose()?;
    if let Some(overrides) = &overrides {
        assembler.add_from_overrides(overrides)?;
        assembler.patch_from_overrides(overrides)?;
    }
    assembler.unknown_types();
    let files = assembler.layout(service);
    let mut imported = assembler.finish(documents.len(), files);
    imported.input = InputKind::Metadata;
    imported.skipped = skipped;
    imported.addressing = Some(addressing);
    Ok(imported)
}

/// Reads and describes pages: the defects met, the types and the operations they document.
pub(super) fn describe_pages(pages: &[(PathBuf, String)]) -> (Vec<Warning>, Vec<DocumentedType>, Vec<PageOperation>) {
    let mut warnings = Vec::new();
    let mut types = Vec::new();
    let mut operations = Vec::new();
    for (path, text) in pages {
        let page = if path.extension().is_some_and(|e| e == "txt") {
            parse_rendered(path, text)
        } else {
            parse_markdown(path, text)
        };
        match describe(&page, &mut warnings) {
            Documented::Type(documented) => types.push(*documented),
            Documented::Operation(op) => operations.push(*op),
            Documented::Nothing => {}
        }
    }
    (warnings, types, operations)
}

/// What pages and the pages of extracts document: the defects met, the types and the operations
/// (extracts hold none), and the paths of all the pages read.
fn describe_with_extracts(
    pages: &[(PathBuf, String)],
    extracts: &[(PathBuf, DocsExtract)],
) -> (Vec<Warning>, Vec<DocumentedType>, Vec<PageOperation>, usize) {
    let (mut warnings, mut types, operations) = describe_pages(pages);
    let mut read = pages.len();
    for (_, extract) in extracts {
        warnings.extend(extract.warnings.iter().map(ExtractedWarning::warning));
        types.extend(extract.pages.iter().map(ExtractedPage::documented));
        read += extract.pages_read;
    }
    (warnings, types, operations, read)
}

/// Imports pages already read: (path, text). A path ending in `.txt` is a rendered page.
pub fn import_pages(pages: &[(PathBuf, String)], overrides: Option<&Path>) -> Result<Imported> {
    pages_with_extracts(pages, &[], overrides)
}

/// Imports pages and the pages of extracts, without metadata (an extract's descriptions need
/// metadata to describe: they are reported and not used).
fn pages_with_extracts(
    pages: &[(PathBuf, String)],
    extracts: &[(PathBuf, DocsExtract)],
    overrides: Option<&Path>,
) -> Result<Imported> {
    let (warnings, types, operations, read) = describe_with_extracts(pages, extracts);
    let mut assembler = Assembler::new(warnings);
    for (path, extract) in extracts.iter().filter(|(_, extract)| !extract.descriptions.is_empty()) {
        let message = format!(
            "the extract's {} descriptions describe the elements of metadata; without a metadata document they are not used",
            extract.descriptions.len()
        );
        assembler.warn(path, 1, message);
    }
    for documented in types {
        assembler.add_type(documented);
    }
    let overrides = overrides.map(Overrides::read).transpose()?;
    if let Some(overrides) = &overrides {
        assembler.add_from_overrides(overrides)?;
    }
    assembler.enums_from_possible_values();
    let api_version = assembler.attach(operations);
    assembler.inherit_base_actions();
    assembler.apply_conventions()?;
    if let Some(overrides) = &overrides {
        assembler.patch_from_overrides(overrides)?;
    }
    assembler.unknown_types();
    assembler.check_examples();
    let mut paths: Vec<PathBuf> = pages.iter().map(|(path, _)| path.clone()).collect();
    paths.extend(extracts.iter().flat_map(|(_, extract)| extract.pages.iter().map(|page| PathBuf::from(&page.page))));
    let api_version = api_version.unwrap_or_else(|| assembler.api_version_of_pages(&paths));
    let files = assembler.layout(Some(ServiceDescription::new(api_version)));
    assembler.validate(&files)?;
    let mut imported = assembler.finish(read, files);
    imported.extracts = extracts.iter().map(|(path, extract)| ExtractUse::pages_of(path, extract)).collect();
    Ok(imported)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let metadata = fs::metadata(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    if metadata.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    let entries = fs::read_dir(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read { path: path.to_owned(), source })?;
        let child = entry.path();
        if child.is_dir() {
            collect(&child, out)?;
        } else if child.extension().is_some_and(|e| e == "md" || e == "txt") && !child.ends_with("README.md") {
            out.push(child);
        }
    }
    Ok(())
}

/// Where a type came from, for messages.
#[derive(Debug, Clone)]
pub(super) struct Described {
    ty: TypeDescription,
    file: PathBuf,
    /// The line of each property's row on the page.
    lines: BTreeMap<String, usize>,
}

impl Described {
    fn line(&self, property: &str) -> usize {
        self.lines.get(property).copied().unwrap_or(1)
    }
}

/// Where an attached operation came from, for messages.
#[derive(Debug, Clone)]
pub(super) struct OperationPage {
    /// The page.
    file: PathBuf,
    /// The line of the HTTP request.
    line: usize,
    /// The line of each row of an inline request body's parameter table, by parameter name.
    body_rows: BTreeMap<String, usize>,
}

pub(super) struct Assembler {
    types: BTreeMap<String, Described>,
    /// (qualified owner, property, values, file, line)
    possible: Vec<(String, String, Vec<String>, PathBuf, usize)>,
    warnings: Vec<Warning>,
    /// The page of each attached operation, by (qualified owner, name).
    operation_pages: BTreeMap<(String, String), OperationPage>,
    /// What the overrides file changed, one line each.
    applied: Vec<String>,
    /// What the conventions changed, one line each.
    conventions: Vec<String>,
    /// Where the metadata and the pages disagree (merged imports only).
    disagreements: Vec<Disagreement>,
}

impl Assembler {
    fn new(warnings: Vec<Warning>) -> Self {
        Self {
            types: BTreeMap::new(),
            possible: Vec::new(),
            warnings,
            operation_pages: BTreeMap::new(),
            applied: Vec::new(),
            conventions: Vec::new(),
            disagreements: Vec::new(),
        }
    }

    fn warn(&mut self, file: &Path, line: usize, message: String) {
        self.warnings.push(Warning { file: file.to_owned(), line, message });
    }

    fn add_type(&mut self, documented: DocumentedType) {
        let DocumentedType { ty, possible, file, lines } = documented;
        let qualified = format!("{}.{}", ty.namespace, ty.name);
        if let Some(existing) = self.types.get(&qualified) {
            let message =
                format!("`{qualified}` is also documented by {}; the first page is kept", display_path(&existing.file));
            self.warn(&file, 1, message);
            return;
        }
        for (property, values, line) in possible {
            self.possible.push((qualified.clone(), property, values, file.clone(), line));
        }
        self.types.insert(qualified, Described { ty, file, lines });
    }

    /// The qualified name of a type named in a description of `namespace`.
    fn lookup(&self, namespace: &str, name: &str) -> Option<String> {
        let name = name.trim_start_matches('#');
        if self.types.contains_key(name) {
            return Some(name.to_owned());
        }
        let local = format!("{namespace}.{name}");
        if self.types.contains_key(&local) {
            return Some(local);
        }
        // The docs are not consistent about case (`enrollmentProfile.md` vs `enrollmentprofile`).
        self.types.keys().find(|q| q.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(name))).cloned()
    }

    /// Every property of a type and its base types: name → (type, collection).
    fn flattened(&self, qualified: &str) -> BTreeMap<String, (String, bool)> {
        let mut chain = Vec::new();
        let mut current = Some(qualified.to_owned());
        while let Some(name) = current {
            if chain.contains(&name) {
                break;
            }
            let next = self
                .types
                .get(&name)
                .and_then(|d| d.ty.base_type.as_ref().and_then(|b| self.lookup(&d.ty.namespace, b)));
            chain.push(name);
            current = next;
        }
        let mut properties = BTreeMap::new();
        for name in chain.iter().rev() {
            if let Some(described) = self.types.get(name) {
                for property in &described.ty.properties {
                    properties.insert(property.name.clone(), (property.r#type.clone(), property.collection));
                }
            }
        }
        properties
    }

    fn bases(&self, qualified: &str) -> Vec<String> {
        let mut bases = Vec::new();
        let mut current = self
            .types
            .get(qualified)
            .and_then(|d| d.ty.base_type.as_ref().and_then(|b| self.lookup(&d.ty.namespace, b)));
        while let Some(base) = current {
            if bases.contains(&base) {
                break;
            }
            current = self
                .types
                .get(&base)
                .and_then(|d| d.ty.base_type.as_ref().and_then(|b| self.lookup(&d.ty.namespace, b)));
            bases.push(base);
        }
        bases
    }

    /// The description files of the assembled types, by file name, with the qualified name of the
    /// type each holds; and `service.json` when the service is known. A type whose name or
    /// namespace is not made of OData identifiers is reported and left out: its name would
    /// become a file name.
    fn layout(&mut self, service: Option<ServiceDescription>) -> BTreeMap<String, (Option<String>, DescriptionFile)> {
        let mut files = BTreeMap::new();
        let mut invalid = Vec::new();
        for (qualified, described) in &self.types {
            let ty = &described.ty;
            if !is_odata_identifier(&ty.name) || !ty.namespace.split('.').all(is_odata_identifier) {
                invalid.push((described.file.clone(), qualified.clone()));
                continue;
            }
            let name =
                qualified.strip_prefix("microsoft.graph.").filter(|rest| !rest.contains('.')).unwrap_or(qualified);
            // The loader skips `*.schema.json` (JSON Schemas), so a type named `schema` in a
            // namespace other than the root gets a file name it does not skip; `service.json`
            // is the service description's.
            let file_name = if name.ends_with(".schema") || name == "service" {
                format!("{name}-type.json")
            } else {
                format!("{name}.json")
            };
            let file = DescriptionFile {
                schema: Some(format!("./{JSON_SCHEMA_FILE_NAME}")),
                service: None,
                types: vec![ty.clone()],
            };
            files.insert(file_name, (Some(qualified.clone()), file));
        }
        for (file, qualified) in invalid {
            let message = format!(
                "`{}` is not a type name (a namespace and a name made of letters, digits and `_`); the type is not written",
                qualified.escape_debug()
            );
            self.warn(&file, 1, message);
        }
        if let Some(service) = service {
            let file = DescriptionFile {
                schema: Some(format!("./{JSON_SCHEMA_FILE_NAME}")),
                service: Some(service),
                types: Vec::new(),
            };
            files.insert("service.json".into(), (None, file));
        }
        files
    }

    fn finish(mut self, pages: usize, files: BTreeMap<String, (Option<String>, DescriptionFile)>) -> Imported {
        let mut counts = (0, 0, 0);
        for described in files.values().filter_map(|(qualified, _)| self.types.get(qualified.as_ref()?)) {
            counts.0 += 1;
            counts.1 += described.ty.properties.len();
            counts.2 += described.ty.operations.len();
        }
        let files = files.into_iter().map(|(name, (_, file))| (name, file)).collect();
        for warning in &mut self.warnings {
            warning.file = PathBuf::from(display_path(&warning.file));
        }
        self.warnings.sort();
        self.warnings.dedup();
        self.disagreements.sort();
        Imported {
            files,
            warnings: self.warnings,
            pages,
            counts,
            input: InputKind::Pages,
            skipped: BTreeMap::new(),
            overrides: self.applied,
            conventions: self.conventions,
            addressing: None,
            disagreements: self.disagreements,
            extracts: Vec::new(),
        }
    }
}

/// `1 page`, `3 pages`.
fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
