//! The metadata importer: OData CSDL XML (Graph's `$metadata`, such as `v1.0-Prod.csdl`) to the
//! same descriptions the page importer makes.
//!
//! What it reads, per `<Schema>`: entity and complex types (base type, `Abstract`, structural
//! and navigation properties with `Nullable` and `Collection(…)`), enum types (members, values,
//! `IsFlags`), type definitions (replaced by their underlying type), and the descriptions that
//! the Core vocabulary's `Description` and `LongDescription` annotations give, inline or through
//! `<Annotations Target="…">` anywhere in the document. Namespace aliases (`graph.user`,
//! `self.alert`) are resolved, so every reference ends up as a name in its own namespace or a
//! qualified name in another one.
//!
//! Actions, functions and the entity container are not described yet: they are counted in the
//! summary, not silently dropped. A reference to a type the metadata does not define, or to a
//! primitive the generator does not know (`Edm.GeographyPoint`), becomes raw JSON with a warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use super::describe::{DocumentedType, Warning};
use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::error::{Error, Result};
use crate::load::MAX_METADATA_BYTES;
use crate::schema::Primitive;
use crate::schema::{MemberDescription, PropertyDescription, TypeDescription, TypeKind};

/// The namespace of CSDL's elements (`<Schema>`, `<EntityType>`, …).
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";
/// The namespace of the envelope (`<edmx:Edmx>`, `<edmx:Reference>`).
const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
/// The vocabulary whose `Description` and `LongDescription` terms document elements.
const CORE: &str = "Org.OData.Core.V1";
/// The most XML nodes (elements and text) a document may have: Graph v1.0 has about 100,000, a
/// document of Graph's shape at the size limit ([`MAX_METADATA_BYTES`]) about a million. The
/// limit bounds memory for a document of many tiny elements (8 million `<a/>` fit in the size).
const MAX_NODES: u32 = 4_000_000;

/// What one metadata document describes.
#[derive(Debug, Default)]
pub struct Metadata {
    /// The types, in document order.
    pub types: Vec<DocumentedType>,
    /// Elements read but not described (actions, functions, entity sets, …), by element name.
    pub skipped: BTreeMap<String, usize>,
}

/// Whether `path` names a metadata document rather than a documentation page.
pub fn is_metadata(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csdl") || e.eq_ignore_ascii_case("xml"))
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
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
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
    })?;
    let root = document.root_element();
    if !is(root, EDMX, "Edmx") {
        let position = document.text_pos_at(root.range().start);
        return Err(invalid(
            position.row as usize,
            position.col as usize,
            format!(
                "this XML is not OData CSDL metadata: its root element is `<{}>`, not `<edmx:Edmx>` in namespace `{EDMX}`",
                root.tag_name().name()
            ),
            "pass an OData v4 `$metadata` document; pages go in as `*.md` or `*.txt`",
        ));
    }
    let schemas: Vec<Node> = root.descendants().filter(|node| is(*node, EDM, "Schema")).collect();
    if schemas.is_empty() {
        let position = document.text_pos_at(root.range().start);
        return Err(invalid(
            position.row as usize,
            position.col as usize,
            "the metadata has no `<Schema>` element: it describes no types".into(),
            "pass a complete `$metadata` document",
        ));
    }
    let reader = Reader::new(path, &document, &schemas);
    let mut metadata = Metadata::default();
    for schema in &schemas {
        let namespace = schema.attribute("Namespace").unwrap_or_default();
        for element in schema.children().filter(Node::is_element) {
            let kind = element.tag_name().name();
            match kind {
                "EntityType" | "ComplexType" | "EnumType" => {
                    if let Some(ty) = reader.describe_type(namespace, element, warnings) {
                        metadata.types.push(ty);
                    }
                }
                "Annotations" | "TypeDefinition" => {}
                _ => *metadata.skipped.entry(kind.to_owned()).or_default() += 1,
            }
        }
    }
    Ok(metadata)
}

fn is(node: Node, namespace: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(namespace)
}

/// Everything that needs the whole document: aliases, defined names, descriptions.
struct Reader<'a> {
    path: &'a Path,
    file_name: String,
    /// The byte offset where each line starts (roxmltree's `text_pos_at` scans from the start of
    /// the document on every call, which is quadratic over Graph's 50,000 lines).
    line_starts: Vec<usize>,
    /// Namespace or alias → namespace.
    namespaces: HashMap<&'a str, &'a str>,
    /// Aliases of the Core vocabulary (from `<edmx:Include>`), besides its own name.
    core: HashSet<&'a str>,
    /// Qualified names of the entity, complex and enum types.
    defined: HashSet<String>,
    /// Qualified names of the enum types without members (Graph's metadata has such
    /// placeholders): they are not described, and their values are read as strings.
    empty_enums: HashSet<String>,
    /// Qualified name of each type definition → its underlying type.
    type_definitions: HashMap<String, &'a str>,
    /// Canonical target (`ns.type` or `ns.type/member`) → description, from `<Annotations>`.
    descriptions: HashMap<String, String>,
}

impl<'a> Reader<'a> {
    fn new(path: &'a Path, document: &'a Document<'a>, schemas: &[Node<'a, 'a>]) -> Self {
        let file_name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
        let mut reader = Self {
            path,
            file_name,
            line_starts: std::iter::once(0)
                .chain(document.input_text().match_indices('\n').map(|(offset, _)| offset + 1))
                .collect(),
            namespaces: HashMap::new(),
            core: HashSet::from([CORE]),
            defined: HashSet::new(),
            empty_enums: HashSet::new(),
            type_definitions: HashMap::new(),
            descriptions: HashMap::new(),
        };
        for include in document.root_element().descendants().filter(|node| is(*node, EDMX, "Include")) {
            if include.attribute("Namespace") == Some(CORE)
                && let Some(alias) = include.attribute("Alias")
            {
                reader.core.insert(alias);
            }
        }
        for schema in schemas {
            let Some(namespace) = schema.attribute("Namespace") else { continue };
            reader.namespaces.insert(namespace, namespace);
            if let Some(alias) = schema.attribute("Alias") {
                reader.namespaces.insert(alias, namespace);
            }
        }
        for schema in schemas {
            let namespace = schema.attribute("Namespace").unwrap_or_default();
            for element in schema.children().filter(Node::is_element) {
                let Some(name) = element.attribute("Name") else { continue };
                match element.tag_name().name() {
                    "EnumType" if !element.children().any(|node| is(node, EDM, "Member")) => {
                        reader.empty_enums.insert(format!("{namespace}.{name}"));
                    }
                    "EntityType" | "ComplexType" | "EnumType" => {
                        reader.defined.insert(format!("{namespace}.{name}"));
                    }
                    "TypeDefinition" => {
                        if let Some(underlying) = element.attribute("UnderlyingType") {
                            reader.type_definitions.insert(format!("{namespace}.{name}"), underlying);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut descriptions = HashMap::new();
        for schema in schemas {
            for annotations in schema.children().filter(|node| is(*node, EDM, "Annotations")) {
                let Some(target) = annotations.attribute("Target") else { continue };
                // Targets of operations (`graph.f(graph.x)/p`) and of the container are not
                // described types.
                if target.contains('(') {
                    continue;
                }
                let (ty, member) = match target.split_once('/') {
                    Some((ty, member)) => (ty, Some(member)),
                    None => (target, None),
                };
                let mut key = reader.canonical(ty);
                if let Some(member) = member {
                    key.push('/');
                    key.push_str(member);
                }
                if let Some(text) = reader.description_of(annotations) {
                    descriptions.entry(key).or_insert(text);
                }
            }
        }
        reader.descriptions = descriptions;
        reader
    }

    /// `graph.user` → `microsoft.graph.user`; names without a known alias stay as written.
    fn canonical(&self, qualified: &str) -> String {
        match qualified.rsplit_once('.') {
            Some((prefix, name)) => match self.namespaces.get(prefix) {
                Some(namespace) => format!("{namespace}.{name}"),
                None => qualified.to_owned(),
            },
            None => qualified.to_owned(),
        }
    }

    /// The `Description` (and `LongDescription`) annotations among the children of `element`.
    fn description_of(&self, element: Node) -> Option<String> {
        let mut short = None;
        let mut long = None;
        for annotation in element.children().filter(|node| is(*node, EDM, "Annotation")) {
            let Some((vocabulary, term)) = annotation.attribute("Term").and_then(|t| t.rsplit_once('.')) else {
                continue;
            };
            if !self.core.contains(vocabulary) {
                continue;
            }
            let text = annotation.attribute("String").map(str::to_owned).or_else(|| {
                annotation
                    .children()
                    .find(|node| is(*node, EDM, "String"))
                    .and_then(|node| node.text())
                    .map(str::to_owned)
            });
            match term {
                "Description" => short = text,
                "LongDescription" => long = text,
                _ => {}
            }
        }
        let text = match (short, long) {
            (Some(short), Some(long)) if short.trim() != long.trim() => format!("{}\n\n{}", short.trim(), long.trim()),
            (Some(text), _) | (None, Some(text)) => text.trim().to_owned(),
            (None, None) => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    /// The description of `element`: its own annotations first, then `<Annotations>` aimed at
    /// `target`.
    fn description(&self, element: Node, target: &str) -> String {
        self.description_of(element).or_else(|| self.descriptions.get(target).cloned()).unwrap_or_default()
    }

    /// The 1-based line of `node`.
    fn line(&self, node: Node) -> usize {
        self.line_starts.partition_point(|&start| start <= node.range().start)
    }

    fn warn(&self, warnings: &mut Vec<Warning>, node: Node, message: String) {
        warnings.push(Warning { file: self.path.to_owned(), line: self.line(node), message });
    }

    fn describe_type(&self, namespace: &str, element: Node, warnings: &mut Vec<Warning>) -> Option<DocumentedType> {
        let Some(name) = element.attribute("Name") else {
            let message = format!("a `<{}>` in `{namespace}` has no `Name`; it is skipped", element.tag_name().name());
            self.warn(warnings, element, message);
            return None;
        };
        let qualified = format!("{namespace}.{name}");
        if self.empty_enums.contains(&qualified) {
            let message = format!(
                "the enum `{qualified}` has no members; it is not described, and values of it are read as strings"
            );
            self.warn(warnings, element, message);
            return None;
        }
        let kind = match element.tag_name().name() {
            "EntityType" => TypeKind::Entity,
            "ComplexType" => TypeKind::Complex,
            _ => TypeKind::Enum,
        };
        let mut ty = TypeDescription {
            kind,
            name: name.to_owned(),
            namespace: namespace.to_owned(),
            base_type: None,
            r#abstract: element.attribute("Abstract") == Some("true"),
            description: self.description(element, &qualified),
            sources: vec![self.file_name.clone()],
            properties: Vec::new(),
            flags: element.attribute("IsFlags") == Some("true"),
            members: Vec::new(),
            operations: Vec::new(),
            has_stream: false,
            alternate_keys: Vec::new(),
            bound_operations: Vec::new(),
            capabilities: None,
        };
        let mut lines = BTreeMap::new();
        if kind == TypeKind::Enum {
            for member in element.children().filter(|node| is(*node, EDM, "Member")) {
                let Some(member_name) = member.attribute("Name") else { continue };
                let value = member.attribute("Value").and_then(|value| value.parse().ok());
                let description = self.description(member, &format!("{qualified}/{member_name}"));
                ty.members.push(MemberDescription { name: member_name.to_owned(), value, description });
            }
        } else {
            if let Some(base) = element.attribute("BaseType") {
                let canonical = self.canonical(base);
                if self.defined.contains(&canonical) {
                    ty.base_type = Some(written_in(namespace, &canonical));
                } else {
                    let message = format!(
                        "`{qualified}` has the base type `{base}`, which the metadata does not define; its properties are not inherited"
                    );
                    self.warn(warnings, element, message);
                }
            }
            for property in
                element.children().filter(|node| is(*node, EDM, "Property") || is(*node, EDM, "NavigationProperty"))
            {
                let Some(property_name) = property.attribute("Name") else { continue };
                let written = property.attribute("Type").unwrap_or("Edm.Untyped");
                let (r#type, collection) = self.reference(namespace, written, property, &qualified, warnings);
                lines.insert(property_name.to_owned(), self.line(property));
                ty.properties.push(PropertyDescription {
                    name: property_name.to_owned(),
                    r#type,
                    collection,
                    nullable: property.attribute("Nullable") != Some("false"),
                    description: self.description(property, &format!("{qualified}/{property_name}")),
                    inherited_from: None,
                    navigation: property.tag_name().name() == "NavigationProperty",
                    contains_target: false,
                    capabilities: None,
                });
            }
        }
        Some(DocumentedType { ty, possible: Vec::new(), file: self.path.to_owned(), lines })
    }

    /// A type reference as the descriptions write it, and whether it is a collection: a
    /// primitive's name, a bare name in `namespace`, or a qualified name in another namespace.
    fn reference(
        &self,
        namespace: &str,
        written: &str,
        node: Node,
        owner: &str,
        warnings: &mut Vec<Warning>,
    ) -> (String, bool) {
        let (inner, collection) = match written.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
            Some(inner) => (inner.trim(), true),
            None => (written.trim(), false),
        };
        let mut canonical = self.canonical(inner);
        if let Some(underlying) = self.type_definitions.get(&canonical) {
            canonical = self.canonical(underlying);
        }
        if let Some(primitive) = canonical.strip_prefix("Edm.") {
            if Primitive::from_name(primitive).is_some() {
                return (primitive.to_owned(), collection);
            }
            let message = format!(
                "`{owner}` uses `{inner}`, a primitive type the generator does not model; its values are kept as raw JSON"
            );
            self.warn(warnings, node, message);
            return ("Untyped".into(), collection);
        }
        if self.empty_enums.contains(&canonical) {
            return ("String".into(), collection);
        }
        if !self.defined.contains(&canonical) {
            let message = format!(
                "`{owner}` uses the type `{inner}`, which the metadata does not define; its values are kept as raw JSON"
            );
            self.warn(warnings, node, message);
            return ("Untyped".into(), collection);
        }
        (written_in(namespace, &canonical), collection)
    }
}

/// How a description in `namespace` names the type `qualified`: by its bare name in its own
/// namespace, by its qualified name from another one.
fn written_in(namespace: &str, qualified: &str) -> String {
    let local = qualified.strip_prefix(namespace).and_then(|rest| rest.strip_prefix('.')).filter(|n| !n.contains('.'));
    local.unwrap_or(qualified).to_owned()
}
