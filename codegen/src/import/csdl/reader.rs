//! The document-wide state of the metadata reader: namespace aliases, the names the document
//! defines, its type graph (bases and navigation properties, to follow annotation paths), and
//! the annotations aimed at elements from `<Annotations Target="…">` blocks.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use roxmltree::{Document, Node};

use super::{EDM, EDMX, is, written_in};
use crate::import::describe::Warning;
use crate::schema::Primitive;

/// The vocabulary whose `Description`, `LongDescription`, `AlternateKeys` and
/// `OptionalParameter` terms document elements.
const CORE: &str = "Org.OData.Core.V1";
/// The vocabulary of the restrictions (`InsertRestrictions`, `NavigationRestrictions`, …).
const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

/// Which vocabulary an annotation's term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Vocabulary {
    /// `Org.OData.Core.V1`.
    Core,
    /// `Org.OData.Capabilities.V1`.
    Capabilities,
}

/// Everything that needs the whole document: aliases, defined names, the type graph,
/// descriptions and annotations aimed from elsewhere.
pub(super) struct Reader<'a> {
    pub(super) path: &'a Path,
    pub(super) file_name: String,
    /// The byte offset where each line starts (roxmltree's `text_pos_at` scans from the start of
    /// the document on every call, which is quadratic over Graph's 50,000 lines).
    line_starts: Vec<usize>,
    /// Namespace or alias → namespace.
    namespaces: HashMap<&'a str, &'a str>,
    /// Vocabulary name or alias (from `<edmx:Include>`) → vocabulary.
    vocabularies: HashMap<&'a str, Vocabulary>,
    /// Qualified names of the entity, complex and enum types.
    pub(super) defined: HashSet<String>,
    /// Qualified names of the entity types.
    pub(super) entities: HashSet<String>,
    /// Qualified names of the enum types without members (Graph's metadata has such
    /// placeholders): they are not described, and their values are read as strings.
    pub(super) empty_enums: HashSet<String>,
    /// Qualified name of each type definition → its underlying type.
    type_definitions: HashMap<String, &'a str>,
    /// Qualified names of the complex types the conventions table says hold any JSON
    /// (`microsoft.graph.Json`): references to them are untyped, and they are not described.
    pub(super) untyped: HashSet<String>,
    /// The conventions table's names of such types (see [`super::conventions`]).
    untyped_conventions: HashSet<String>,
    /// Qualified name of each entity or complex type → its base type's, when it has one.
    pub(super) bases: HashMap<String, String>,
    /// Qualified name of each entity or complex type → its own navigation properties: name and
    /// qualified target type.
    pub(super) navigations: HashMap<String, Vec<(&'a str, String)>>,
    /// Canonical target (`ns.type`, `ns.type/member`, `ns.Container/set/navigation`,
    /// `ns.action(ns.type)/parameter`) → description, from `<Annotations>`.
    descriptions: HashMap<String, String>,
    /// Canonical target → the `<Annotation>` elements aimed at it from `<Annotations>` blocks,
    /// in document order.
    pub(super) external: HashMap<String, Vec<Node<'a, 'a>>>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(path: &'a Path, document: &'a Document<'a>, schemas: &[Node<'a, 'a>]) -> Self {
        let file_name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
        let mut reader = Self {
            path,
            file_name,
            line_starts: std::iter::once(0)
                .chain(document.input_text().match_indices('\n').map(|(offset, _)| offset + 1))
                .collect(),
            namespaces: HashMap::new(),
            vocabularies: HashMap::from([(CORE, Vocabulary::Core), (CAPABILITIES, Vocabulary::Capabilities)]),
            defined: HashSet::new(),
            entities: HashSet::new(),
            empty_enums: HashSet::new(),
            type_definitions: HashMap::new(),
            untyped: HashSet::new(),
            untyped_conventions: super::conventions::untyped_types().unwrap_or_default(),
            bases: HashMap::new(),
            navigations: HashMap::new(),
            descriptions: HashMap::new(),
            external: HashMap::new(),
        };
        for include in document.root_element().descendants().filter(|node| is(*node, EDMX, "Include")) {
            let vocabulary = match include.attribute("Namespace") {
                Some(CORE) => Vocabulary::Core,
                Some(CAPABILITIES) => Vocabulary::Capabilities,
                _ => continue,
            };
            if let Some(alias) = include.attribute("Alias") {
                reader.vocabularies.insert(alias, vocabulary);
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
                reader.define(namespace, element);
            }
        }
        reader.read_type_graph(schemas);
        reader.read_annotations(schemas);
        reader
    }

    /// Records the name `element` defines in `namespace`, if any.
    fn define(&mut self, namespace: &str, element: Node<'a, 'a>) {
        let Some(name) = element.attribute("Name") else { return };
        let qualified = format!("{namespace}.{name}");
        match element.tag_name().name() {
            "EnumType" if !element.children().any(|node| is(node, EDM, "Member")) => {
                self.empty_enums.insert(qualified);
            }
            "EntityType" => {
                self.entities.insert(qualified.clone());
                self.defined.insert(qualified);
            }
            "ComplexType" if self.untyped_conventions.contains(&qualified) => {
                self.untyped.insert(qualified);
            }
            "ComplexType" | "EnumType" => {
                self.defined.insert(qualified);
            }
            "TypeDefinition" => {
                if let Some(underlying) = element.attribute("UnderlyingType") {
                    self.type_definitions.insert(qualified, underlying);
                }
            }
            _ => {}
        }
    }

    /// Base types and navigation properties, for following annotation paths.
    fn read_type_graph(&mut self, schemas: &[Node<'a, 'a>]) {
        for schema in schemas {
            let namespace = schema.attribute("Namespace").unwrap_or_default();
            for element in schema.children().filter(|n| is(*n, EDM, "EntityType") || is(*n, EDM, "ComplexType")) {
                let Some(name) = element.attribute("Name") else { continue };
                let qualified = format!("{namespace}.{name}");
                if let Some(base) = element.attribute("BaseType") {
                    self.bases.insert(qualified.clone(), self.canonical(base));
                }
                let navigations = super::children(element, "NavigationProperty")
                    .filter_map(|property| {
                        let target = property.attribute("Type")?;
                        let target =
                            target.strip_prefix("Collection(").and_then(|t| t.strip_suffix(')')).unwrap_or(target);
                        Some((property.attribute("Name")?, self.canonical(target.trim())))
                    })
                    .collect();
                self.navigations.insert(qualified, navigations);
            }
        }
    }

    /// The `<Annotations Target="…">` blocks: their descriptions, and every annotation by its
    /// canonical target.
    fn read_annotations(&mut self, schemas: &[Node<'a, 'a>]) {
        let mut descriptions = HashMap::new();
        let mut external: HashMap<String, Vec<Node<'a, 'a>>> = HashMap::new();
        for schema in schemas {
            for annotations in schema.children().filter(|node| is(*node, EDM, "Annotations")) {
                let Some(target) = annotations.attribute("Target") else { continue };
                let key = self.canonical_target(target);
                if let Some(text) = self.description_of(annotations) {
                    descriptions.entry(key.clone()).or_insert(text);
                }
                external.entry(key).or_default().extend(super::children(annotations, "Annotation"));
            }
        }
        self.descriptions = descriptions;
        self.external = external;
    }

    /// A target as written in `<Annotations Target="…">`, with aliases resolved so that it can be
    /// compared: `graph.user/manager` → `microsoft.graph.user/manager`,
    /// `graph.f(graph.x, Collection(graph.y))/p` → `microsoft.graph.f(microsoft.graph.x,Collection(microsoft.graph.y))/p`.
    pub(super) fn canonical_target(&self, target: &str) -> String {
        if let Some((name, rest)) = target.split_once('(')
            && let Some((signature, member)) = rest.rsplit_once(')')
        {
            let parameters: Vec<String> =
                signature.split(',').map(str::trim).filter(|p| !p.is_empty()).map(|p| self.canonical_type(p)).collect();
            return format!("{}({}){member}", self.canonical(name.trim()), parameters.join(","));
        }
        match target.split_once('/') {
            Some((first, rest)) => format!("{}/{rest}", self.canonical(first)),
            None => self.canonical(target),
        }
    }

    /// A type as written in a signature, with aliases resolved: `Collection(graph.user)` →
    /// `Collection(microsoft.graph.user)`.
    pub(super) fn canonical_type(&self, written: &str) -> String {
        match written.trim().strip_prefix("Collection(").and_then(|t| t.strip_suffix(')')) {
            Some(inner) => format!("Collection({})", self.canonical(inner.trim())),
            None => self.canonical(written.trim()),
        }
    }

    /// The annotations of `element`: its own, then those aimed at `target` from elsewhere.
    pub(super) fn annotations(&self, element: Node<'a, 'a>, target: &str) -> Vec<Node<'a, 'a>> {
        let mut annotations: Vec<Node<'a, 'a>> = super::children(element, "Annotation").collect();
        annotations.extend(self.external.get(target).into_iter().flatten().copied());
        annotations
    }

    /// The vocabulary and term name of an `<Annotation>` (`Core.Description` → (Core,
    /// `Description`)); `None` for other vocabularies.
    pub(super) fn term<'n>(&self, annotation: Node<'n, '_>) -> Option<(Vocabulary, &'n str)> {
        let (vocabulary, term) = annotation.attribute("Term")?.rsplit_once('.')?;
        Some((*self.vocabularies.get(vocabulary)?, term))
    }

    /// `graph.user` → `microsoft.graph.user`; names without a known alias stay as written.
    pub(super) fn canonical(&self, qualified: &str) -> String {
        match qualified.rsplit_once('.') {
            Some((prefix, name)) => match self.namespaces.get(prefix) {
                Some(namespace) => format!("{namespace}.{name}"),
                None => qualified.to_owned(),
            },
            None => qualified.to_owned(),
        }
    }

    /// The `Description` (and `LongDescription`) annotations among the children of `element`.
    pub(super) fn description_of(&self, element: Node) -> Option<String> {
        let mut short = None;
        let mut long = None;
        for annotation in element.children().filter(|node| is(*node, EDM, "Annotation")) {
            let Some((Vocabulary::Core, term)) = self.term(annotation) else { continue };
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
    pub(super) fn description(&self, element: Node, target: &str) -> String {
        self.description_of(element).or_else(|| self.descriptions.get(target).cloned()).unwrap_or_default()
    }

    /// The 1-based line of `node`.
    pub(super) fn line(&self, node: Node) -> usize {
        self.line_starts.partition_point(|&start| start <= node.range().start)
    }

    pub(super) fn warn(&self, warnings: &mut Vec<Warning>, node: Node, message: String) {
        warnings.push(Warning { file: self.path.to_owned(), line: self.line(node), message });
    }

    /// A type reference as the descriptions write it, and whether it is a collection: a
    /// primitive's name, a bare name in `namespace`, or a qualified name in another namespace.
    pub(super) fn reference(
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
        if self.untyped.contains(&canonical) {
            return ("Untyped".into(), collection);
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
