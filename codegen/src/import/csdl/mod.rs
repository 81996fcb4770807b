//! The metadata importer: OData CSDL XML (Graph's `$metadata`, such as `v1.0-Prod.csdl`) to the
//! same descriptions the page importer makes, plus how Graph's resources are addressed.
//!
//! What it reads, per `<Schema>`:
//!
//! - entity and complex types (base type, `Abstract`, `HasStream`, structural and navigation
//!   properties with `Nullable`, `Collection(…)` and `ContainsTarget`), enum types (members,
//!   values, `IsFlags`), type definitions (replaced by their underlying type);
//! - actions and functions (module `operations`): bound ones become the `boundOperations` of the type
//!   they bind to (their first parameter; `Collection(…)` binds to a collection), unbound ones
//!   the service's `operationImports` when the container imports them;
//! - the entity container (module `container`): entity sets and singletons with their types;
//! - annotations, inline or through `<Annotations Target="…">` anywhere in the document: the
//!   Core vocabulary's `Description` and `LongDescription` (descriptions), `AlternateKeys`,
//!   `OptionalParameter`, and the Capabilities vocabulary's restrictions (module `capabilities`) on
//!   entity sets, singletons, types and navigation properties.
//!
//! Namespace aliases (`graph.user`, `self.alert`) are resolved, so every reference ends up as a
//! name in its own namespace or a qualified name in another one (the service's entries, which
//! have no namespace, always use qualified names). Elements read but not described (`Term`) are
//! counted in the summary, not silently dropped. A reference to a type the metadata does not
//! define, or to a primitive the generator does not know (`Edm.GeographyPoint`), becomes raw
//! JSON with a warning, and so does a reference to a type the conventions table
//! (`conventions.json`, module `conventions`) says holds any JSON (`microsoft.graph.Json`),
//! which is then not described.

mod capabilities;
mod container;
mod conventions;
mod operations;
mod reader;
mod types;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use self::capabilities::Pending;
use self::operations::Operations;
use self::reader::Reader;
use super::describe::{DocumentedType, Warning};
use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::error::{Error, Result};
use crate::load::MAX_METADATA_BYTES;
use crate::schema::{OperationImportDescription, RootDescription};

/// The namespace of CSDL's elements (`<Schema>`, `<EntityType>`, …).
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";
/// The namespace of the envelope (`<edmx:Edmx>`, `<edmx:Reference>`).
const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
/// The most XML nodes (elements and text) a document may have: Graph v1.0 has about 100,000, a
/// document of Graph's shape at the size limit ([`MAX_METADATA_BYTES`]) about a million. The
/// limit bounds memory for a document of many tiny elements (8 million `<a/>` fit in the size).
const MAX_NODES: u32 = 4_000_000;

/// What one metadata document describes.
#[derive(Debug, Default)]
pub struct Metadata {
    /// The types, in document order.
    pub types: Vec<DocumentedType>,
    /// The API version the document is for, from its file name (`v1.0-Prod.csdl`, `beta.xml`).
    pub api_version: String,
    /// The entity sets of the entity container, in document order.
    pub entity_sets: Vec<RootDescription>,
    /// The singletons of the entity container, in document order.
    pub singletons: Vec<RootDescription>,
    /// The action and function imports of the entity container, in document order.
    pub operation_imports: Vec<OperationImportDescription>,
    /// Elements read but not described (`Term`, unbound operations nothing imports), by what
    /// they are.
    pub skipped: BTreeMap<String, usize>,
}

/// What the reader collects along the way, for the steps that need the whole document.
#[derive(Debug)]
struct Collected<'a> {
    /// The actions and functions; bound ones are taken by their types as they are described.
    operations: Operations<'a>,
    /// Capabilities aimed at navigations, to follow once every type is described.
    pending: Vec<Pending<'a>>,
    /// `Container/root` → the root's qualified type.
    roots: HashMap<String, String>,
}

/// How much of Graph's addressing an import describes, for its summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddressingCounts {
    /// Entity sets.
    pub entity_sets: usize,
    /// Singletons.
    pub singletons: usize,
    /// Action and function imports.
    pub operation_imports: usize,
    /// Bound actions and functions.
    pub bound_operations: usize,
    /// Navigation properties.
    pub navigations: usize,
    /// Navigation properties that contain their targets.
    pub containment: usize,
}

impl AddressingCounts {
    /// Counts what `metadata` describes.
    pub fn of(metadata: &Metadata) -> Self {
        let mut counts = Self {
            entity_sets: metadata.entity_sets.len(),
            singletons: metadata.singletons.len(),
            operation_imports: metadata.operation_imports.len(),
            ..Self::default()
        };
        for documented in &metadata.types {
            counts.bound_operations += documented.ty.bound_operations.len();
            for property in documented.ty.properties.iter().filter(|p| p.navigation) {
                counts.navigations += 1;
                counts.containment += usize::from(property.contains_target);
            }
        }
        counts
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: Self) {
        self.entity_sets += other.entity_sets;
        self.singletons += other.singletons;
        self.operation_imports += other.operation_imports;
        self.bound_operations += other.bound_operations;
        self.navigations += other.navigations;
        self.containment += other.containment;
    }

    /// `3 entity sets, 1 singleton, 0 operation imports, 5 bound operations, 4 navigation
    /// properties (2 containment)`.
    pub fn phrase(&self) -> String {
        let plural = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        format!(
            "{}, {}, {}, {}, {} ({} containment)",
            plural(self.entity_sets, "entity set", "entity sets"),
            plural(self.singletons, "singleton", "singletons"),
            plural(self.operation_imports, "operation import", "operation imports"),
            plural(self.bound_operations, "bound operation", "bound operations"),
            plural(self.navigations, "navigation property", "navigation properties"),
            self.containment
        )
    }
}

/// Whether `path` names a metadata document rather than a documentation page.
pub fn is_metadata(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csdl") || e.eq_ignore_ascii_case("xml"))
}

/// The API version a metadata document is for, from its file name: Graph serves
/// `https://graph.microsoft.com/{version}/$metadata`, and the published copies are named
/// `v1.0-Prod.csdl` and `beta-Prod.csdl`. `None` when the name says neither.
fn api_version_of(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.starts_with("beta") {
        Some("beta")
    } else if name.starts_with("v1.0") || name.starts_with("v1") {
        Some("v1.0")
    } else {
        None
    }
}

/// Reads one CSDL document. Malformed XML, or XML that is not CSDL, is an error with its line
/// and column; defects inside well-formed CSDL are warnings.
///
/// Hostile XML is refused before it costs anything: a document over [`MAX_METADATA_BYTES`] or
/// 4 million nodes, and any DTD (`<!DOCTYPE …>`), since entities are how XML expands without
/// bound ("billion laughs") or reads local files (XXE). Graph's metadata has no DTD. Nesting
/// costs no stack: roxmltree parses without recursion, and this reader only walks the tree with
/// iterators.
pub fn describe_metadata(path: &Path, text: &str, warnings: &mut Vec<Warning>) -> Result<Metadata> {
    let document = parse(path, text)?;
    let invalid = |node: Node, message: String, help: &str| {
        let position = document.text_pos_at(node.range().start);
        let source = Source { path: path.to_owned(), text: text.to_owned() };
        let diagnostic = Diagnostic::at_line_column(&source, position.row as usize, position.col as usize, message);
        Error::Invalid(Diagnostics(vec![diagnostic.with_help(help)]))
    };
    let root = document.root_element();
    if !is(root, EDMX, "Edmx") {
        return Err(invalid(
            root,
            format!(
                "this XML is not OData CSDL metadata: its root element is `<{}>`, not `<edmx:Edmx>` in namespace `{EDMX}`",
                root.tag_name().name()
            ),
            "pass an OData v4 `$metadata` document; pages go in as `*.md` or `*.txt`",
        ));
    }
    let schemas: Vec<Node> = root.descendants().filter(|node| is(*node, EDM, "Schema")).collect();
    if schemas.is_empty() {
        return Err(invalid(
            root,
            "the metadata has no `<Schema>` element: it describes no types".into(),
            "pass a complete `$metadata` document",
        ));
    }
    let reader = Reader::new(path, &document, &schemas);
    if let Err(message) = conventions::untyped_types() {
        warnings.push(Warning { file: path.to_owned(), line: 1, message });
    }
    let api_version = match api_version_of(path) {
        Some(version) => version.to_owned(),
        None => {
            let message = "the file name says neither `v1.0` nor `beta`; the API version `v1.0` is assumed (name the file like Graph's `beta-Prod.csdl` for beta)".into();
            warnings.push(Warning { file: path.to_owned(), line: 1, message });
            "v1.0".to_owned()
        }
    };
    let mut metadata = Metadata { api_version, ..Metadata::default() };
    let mut collected = Collected {
        operations: reader.read_operations(&schemas, warnings),
        pending: Vec::new(),
        roots: HashMap::new(),
    };
    for schema in &schemas {
        let namespace = schema.attribute("Namespace").unwrap_or_default();
        for element in schema.children().filter(Node::is_element) {
            match element.tag_name().name() {
                "EntityType" | "ComplexType" | "EnumType" => {
                    if let Some(ty) = reader.describe_type(namespace, element, &mut collected, warnings) {
                        metadata.types.push(ty);
                    }
                }
                "EntityContainer" => reader.read_container(namespace, element, &mut collected, &mut metadata, warnings),
                "Annotations" | "TypeDefinition" | "Action" | "Function" => {}
                kind => *metadata.skipped.entry(kind.to_owned()).or_default() += 1,
            }
        }
    }
    for (kind, count) in collected.operations.not_imported() {
        *metadata.skipped.entry(format!("unbound {kind} not imported")).or_default() += count;
    }
    for (binding, operations) in &collected.operations.bound {
        // Bound to a type that is not described (an enum placeholder cannot be bound to).
        let message =
            format!("{} operations bound to `{binding}` are not described: the type is not", operations.len());
        warnings.push(Warning { file: path.to_owned(), line: 1, message });
    }
    let mut pending = std::mem::take(&mut collected.pending);
    reader.external_paths(&collected.roots, &mut pending, warnings);
    reader.settle(pending, &mut metadata, warnings);
    Ok(metadata)
}

/// Parses the document, refusing what is too large, a DTD, or malformed XML.
fn parse<'a>(path: &Path, text: &'a str) -> Result<Document<'a>> {
    let invalid = |line: usize, column: usize, message: String, help: &str| {
        let source = Source { path: path.to_owned(), text: text.to_owned() };
        Error::Invalid(Diagnostics(vec![Diagnostic::at_line_column(&source, line, column, message).with_help(help)]))
    };
    if text.len() as u64 > MAX_METADATA_BYTES {
        let message =
            format!("the metadata is too large: {} bytes, over the limit of {MAX_METADATA_BYTES} bytes", text.len());
        let help = "Graph's `$metadata` is a few megabytes; check that this is the right file";
        return Err(Error::Invalid(Diagnostics(vec![Diagnostic::file(path, message).with_help(help)])));
    }
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => {
            // roxmltree reports 1:1; point at the declaration itself.
            let offset = text.find("<!DOCTYPE").unwrap_or_default();
            let line = text[..offset].matches('\n').count() + 1;
            let column = text[..offset].rfind('\n').map_or(offset, |newline| offset - newline - 1) + 1;
            invalid(
                line,
                column,
                "the metadata declares a DTD (`<!DOCTYPE …>`), which is refused: its entities could expand without bound or read local files".into(),
                "Graph's `$metadata` has no DTD; remove the `<!DOCTYPE …>` declaration, or pass the document as Graph serves it",
            )
        }
        roxmltree::Error::NodesLimitReached => invalid(
            1,
            1,
            format!("the metadata has more than {MAX_NODES} XML nodes, the limit"),
            "Graph's `$metadata` has about 100,000; check that this is the right file",
        ),
        _ => {
            let position = error.pos();
            invalid(
                position.row as usize,
                position.col as usize,
                format!("the metadata is not well-formed XML: {error}"),
                "pass Graph's `$metadata` document as it was downloaded (for example `v1.0-Prod.csdl`)",
            )
        }
    })
}

fn is(node: Node, namespace: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(namespace)
}

/// The child elements of `node` named `name` (in CSDL's namespace).
fn children<'a, 'input>(node: Node<'a, 'input>, name: &'static str) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |child| is(*child, EDM, name))
}

/// How a description in `namespace` names the type `qualified`: by its bare name in its own
/// namespace, by its qualified name from another one (or from the service, `namespace` empty).
fn written_in(namespace: &str, qualified: &str) -> String {
    let local = qualified.strip_prefix(namespace).and_then(|rest| rest.strip_prefix('.')).filter(|n| !n.contains('.'));
    local.unwrap_or(qualified).to_owned()
}
