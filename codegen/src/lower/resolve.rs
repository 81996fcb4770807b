//! Checks each description on its own, then resolves names: type references, base types and the
//! inherited properties of every struct type.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::ir::Primitive;
use crate::load::LoadedFile;
use crate::schema::{BodyDescription, ExampleRole, HttpMethod, OperationDescription, TypeDescription, TypeKind};

/// A described type and where it was described.
#[derive(Debug)]
pub struct Entry<'a> {
    file: &'a LoadedFile,
    path: JsonPath,
    /// The description.
    pub description: &'a TypeDescription,
    /// For the body of an operation documented by its own property table: whose it is.
    pub inline: Option<InlineOf>,
}

/// Which operation an inline body belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineOf {
    /// The qualified name of the type that has the operation.
    pub owner: String,
    /// The operation's index in the owner's `operations`.
    pub operation: usize,
    /// Request or response body.
    pub role: BodyRole,
}

/// The two bodies of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRole {
    /// The request body.
    Request,
    /// The response body.
    Response,
}

/// An operation body documented inline, as a synthetic complex type to resolve like the others.
#[derive(Debug, Clone)]
pub struct InlineBody {
    file: usize,
    path: JsonPath,
    description: TypeDescription,
    of: InlineOf,
}

/// The inline bodies of every operation in `files`.
pub fn inline_bodies(files: &[LoadedFile]) -> Vec<InlineBody> {
    let mut bodies = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        for (type_index, ty) in file.description.types.iter().enumerate() {
            for (operation, op) in ty.operations.iter().enumerate() {
                for (role, body, key, suffix) in [
                    (BodyRole::Request, &op.request_body, "requestBody", "Body"),
                    (BodyRole::Response, &op.response, "response", "Response"),
                ] {
                    let Some(body) = body.as_ref().filter(|body| body.r#type.is_none() && !body.properties.is_empty())
                    else {
                        continue;
                    };
                    bodies.push(InlineBody {
                        file: file_index,
                        path: JsonPath::root()
                            .key("types")
                            .index(type_index)
                            .key("operations")
                            .index(operation)
                            .key(key),
                        description: TypeDescription {
                            kind: TypeKind::Complex,
                            name: format!("{}{suffix}", op.name),
                            namespace: ty.namespace.clone(),
                            base_type: None,
                            r#abstract: false,
                            description: String::new(),
                            sources: Vec::new(),
                            properties: body.properties.clone(),
                            flags: false,
                            members: Vec::new(),
                            operations: Vec::new(),
                        },
                        of: InlineOf { owner: format!("{}.{}", ty.namespace, ty.name), operation, role },
                    });
                }
            }
        }
    }
    bodies
}

impl<'a> Entry<'a> {
    /// The type's namespace.
    pub fn namespace(&self) -> &'a str {
        &self.description.namespace
    }

    /// The file the type is described in.
    pub fn source(&self) -> &'a Source {
        &self.file.source
    }

    /// The JSON path of the type's description in its file.
    pub fn path(&self) -> JsonPath {
        self.path.clone()
    }
}

/// What a property's type refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// An OData primitive.
    Primitive(Primitive),
    /// A described type, by qualified name.
    Named(String),
}

/// A property of a struct type after inheritance: its own or one of its base types'.
#[derive(Debug, Clone)]
pub struct ResolvedField<'a> {
    /// The name on the wire.
    pub wire_name: &'a str,
    /// The resolved type.
    pub ty: TypeRef,
    /// Whether it is a collection.
    pub collection: bool,
    /// The description from the most derived table that documents the property.
    pub description: &'a str,
    /// Whether it is a navigation property.
    pub navigation: bool,
    /// The qualified name of the first type in the inheritance chain that declares it.
    pub declared_in: String,
    /// Where the row that declares it is: type (qualified name) and property index.
    row: (String, usize),
}

/// Every described type with its references resolved.
#[derive(Debug, Default)]
pub struct Resolved<'a> {
    /// The types by qualified name.
    pub types: BTreeMap<String, Entry<'a>>,
    /// The base type of each type that has one.
    pub bases: BTreeMap<String, String>,
    /// The fields of each struct type, base types' first.
    pub fields: BTreeMap<String, Vec<ResolvedField<'a>>>,
    /// The operations, by owner (qualified name) in documented order.
    pub operations: BTreeMap<String, Vec<ResolvedOperation<'a>>>,
    /// The API version segment, when any operation is described.
    pub api_version: Option<&'a str>,
}

/// An operation with its path template parsed and its bodies resolved.
#[derive(Debug, Clone)]
pub struct ResolvedOperation<'a> {
    /// The description.
    pub description: &'a OperationDescription,
    /// The path template, split into fixed text and parameters.
    pub path: Vec<TemplatePart>,
    /// The request body.
    pub request_body: Option<ResolvedBody>,
    /// The success response body.
    pub response: Option<ResolvedBody>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    /// Fixed text.
    Literal(String),
    /// A `{parameter}`, by name.
    Param(String),
}

/// What a body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedBody {
    /// A primitive or described type, or (`Named` of) an inline body's synthetic type.
    pub ty: TypeRef,
    /// A collection of it.
    pub collection: bool,
    /// True when `ty` is an inline body.
    pub inline: bool,
}

impl<'a> Resolved<'a> {
    /// The source file and JSON path of the table row a field comes from.
    pub fn location(&self, field: &ResolvedField<'a>) -> (&'a Source, JsonPath) {
        let entry = &self.types[&field.row.0];
        (entry.source(), entry.path().key("properties").index(field.row.1))
    }

    /// Every type's derived types, direct or not, sorted by qualified name; types that have
    /// none are absent. One walk up each type's base chain: linear in the number of types
    /// times the depth of the hierarchy.
    pub fn descendants(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut found: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        // `types` iterates in qualified-name order, so every list comes out sorted.
        for candidate in self.types.keys() {
            let mut current = self.bases.get(candidate);
            while let Some(base) = current {
                found.entry(base.as_str()).or_default().push(candidate.as_str());
                current = self.bases.get(base);
            }
        }
        found
    }

    /// The (container, contained) pairs of struct types that must be boxed: a field of a struct
    /// type that is not a collection and whose type can contain the field's owner again (a
    /// cycle), which would otherwise make an infinitely large type.
    ///
    /// The target of an edge reaches its owner again exactly when both are in one strongly
    /// connected component, so one pass of Tarjan's algorithm finds every such edge.
    pub fn boxed_edges(&self) -> BTreeSet<(&str, &str)> {
        let nodes: Vec<&str> = self.fields.keys().map(String::as_str).collect();
        let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, node)| (*node, i)).collect();
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (owner, fields) in &self.fields {
            let from = index_of[owner.as_str()];
            for field in fields {
                if let (TypeRef::Named(target), false) = (&field.ty, field.collection)
                    && let Some(&to) = index_of.get(target.as_str())
                    && !edges[from].contains(&to)
                {
                    edges[from].push(to);
                }
            }
        }
        let component = strongly_connected_components(&edges);
        let mut boxed = BTreeSet::new();
        for (from, targets) in edges.iter().enumerate() {
            for &to in targets {
                if component[from] == component[to] {
                    boxed.insert((nodes[from], nodes[to]));
                }
            }
        }
        boxed
    }
}

/// The strongly connected component of each node of a directed graph (Tarjan's algorithm,
/// iterative so that a long chain of types cannot overflow the stack).
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next edge to follow)
        let mut work = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Checks and resolves the descriptions of all files and the inline bodies of their operations;
/// returns every problem found.
pub fn resolve<'a>(files: &'a [LoadedFile], inline: &'a [InlineBody]) -> Result<Resolved<'a>, Vec<Diagnostic>> {
    let mut resolver = Resolver { resolved: Resolved::default(), problems: Vec::new() };
    resolver.collect(files, inline);
    if resolver.problems.is_empty() {
        resolver.resolve_bases();
    }
    if resolver.problems.is_empty() {
        resolver.flatten();
    }
    if resolver.problems.is_empty() {
        resolver.resolve_operations(files);
    }
    if resolver.problems.is_empty() { Ok(resolver.resolved) } else { Err(resolver.problems) }
}

struct Resolver<'a> {
    resolved: Resolved<'a>,
    problems: Vec<Diagnostic>,
}

impl<'a> Resolver<'a> {
    fn problem(&mut self, entry: &Entry<'a>, path: &JsonPath, message: String, help: impl Into<String>) {
        self.problems.push(Diagnostic::at(entry.source(), path, message).with_help(help));
    }

    /// Indexes every type by qualified name and checks what can be checked per type.
    fn collect(&mut self, files: &'a [LoadedFile], inline: &'a [InlineBody]) {
        for body in inline {
            let entry = Entry {
                file: &files[body.file],
                path: body.path.clone(),
                description: &body.description,
                inline: Some(body.of.clone()),
            };
            let role = if body.of.role == BodyRole::Request { "request" } else { "response" };
            self.resolved.types.insert(format!("{}#{}.{role}", body.of.owner, body.of.operation), entry);
        }
        for file in files {
            for (index, description) in file.description.types.iter().enumerate() {
                let path = JsonPath::root().key("types").index(index);
                let entry = Entry { file, path, description, inline: None };
                self.check_type(&entry);
                let qualified = format!("{}.{}", description.namespace, description.name);
                if let Some(first) = self.resolved.types.get(&qualified) {
                    let first_at = match Diagnostic::at(first.source(), &first.path(), "").position {
                        Some((line, column)) => {
                            format!("{}:{line}:{column}", first.source().path.display())
                        }
                        None => first.source().path.display().to_string(),
                    };
                    self.problem(
                        &entry,
                        &entry.path().key("name"),
                        format!("the type `{qualified}` is described twice"),
                        format!("it is first described at {first_at}; remove one of the two"),
                    );
                    continue;
                }
                self.resolved.types.insert(qualified, entry);
            }
        }
    }

    fn check_type(&mut self, entry: &Entry<'a>) {
        let description = entry.description;
        let path = entry.path();
        if description.name.trim().is_empty() {
            self.problem(
                entry,
                &path.key("name"),
                "the type has an empty name".into(),
                "give the type its documented name",
            );
        }
        if description.namespace.split('.').any(|segment| segment.trim().is_empty()) {
            self.problem(
                entry,
                &path.key("namespace"),
                format!("`{}` is not a namespace", description.namespace),
                "use a dotted namespace such as `microsoft.graph`",
            );
        }
        let is_enum = description.kind == TypeKind::Enum;
        if is_enum {
            if description.base_type.is_some() {
                self.problem(
                    entry,
                    &path.key("baseType"),
                    format!("the enum `{}` has a base type", description.name),
                    "only entities and complex types have base types; remove `baseType`",
                );
            }
            if !description.properties.is_empty() {
                self.problem(
                    entry,
                    &path.key("properties"),
                    format!("the enum `{}` has properties", description.name),
                    "enums list their values in `members`; properties belong to entities and complex types",
                );
            }
            if description.r#abstract {
                self.problem(
                    entry,
                    &path.key("abstract"),
                    format!("the enum `{}` is marked abstract", description.name),
                    "only entities and complex types can be abstract; remove `abstract`",
                );
            }
            if description.members.is_empty() {
                self.problem(
                    entry,
                    &path,
                    format!("the enum `{}` has no members", description.name),
                    "list its documented values in `members`, for example [{\"name\": \"allow\"}]",
                );
            }
        } else {
            if !description.members.is_empty() {
                self.problem(
                    entry,
                    &path.key("members"),
                    format!("the {} type `{}` has enum members", kind_name(description.kind), description.name),
                    "members belong to enums; set `kind` to `enum` or move them to `properties`",
                );
            }
            if description.flags {
                self.problem(
                    entry,
                    &path.key("flags"),
                    format!("the {} type `{}` is marked as flags", kind_name(description.kind), description.name),
                    "only enums can be flags enums; remove `flags`",
                );
            }
        }
        let mut seen = BTreeMap::new();
        for (index, member) in description.members.iter().enumerate() {
            if let Some(first) = seen.insert(member.name.as_str(), index) {
                self.problem(
                    entry,
                    &path.key("members").index(index).key("name"),
                    format!("the enum `{}` lists the member `{}` twice", description.name, member.name),
                    format!("it is also members[{first}]; remove one of the two"),
                );
            }
            if description.flags && member.name.contains(',') {
                self.problem(
                    entry,
                    &path.key("members").index(index).key("name"),
                    format!("the flags enum member `{}` contains a comma", member.name),
                    "flags values are comma-separated on the wire, so a member cannot contain one",
                );
            }
        }
        let mut seen = BTreeMap::new();
        for (index, property) in description.properties.iter().enumerate() {
            let property_path = path.key("properties").index(index).key("name");
            if let Some(first) = seen.insert(property.name.as_str(), index) {
                self.problem(
                    entry,
                    &property_path,
                    format!("the property `{}` of `{}` is listed twice", property.name, description.name),
                    format!("it is also properties[{first}]; remove one of the two"),
                );
            }
            if property.name == "@odata.type" {
                self.problem(
                    entry,
                    &property_path,
                    "`@odata.type` is not a documented property".into(),
                    "every generated model handles `@odata.type` itself; remove this row",
                );
            } else if property.name.is_empty() {
                self.problem(
                    entry,
                    &property_path,
                    format!("a property of `{}` has an empty name", description.name),
                    "give the property its documented name",
                );
            }
        }
    }

    /// Resolves a type reference written in the description of `entry` (inline bodies cannot be
    /// referred to).
    fn lookup(&self, entry: &Entry<'a>, name: &str) -> Option<String> {
        self.lookup_in(entry.namespace(), name)
    }

    fn lookup_in(&self, namespace: &str, name: &str) -> Option<String> {
        let described =
            |qualified: &str| self.resolved.types.get(qualified).is_some_and(|entry| entry.inline.is_none());
        // As written first (a name may itself start with `#`), then without an `@odata.type`-style `#`.
        for name in [name, name.trim_start_matches('#')] {
            if described(name) {
                return Some(name.to_owned());
            }
            let local = format!("{namespace}.{name}");
            if described(&local) {
                return Some(local);
            }
        }
        None
    }

    /// A "did you mean" for an unknown type name.
    fn suggest(&self, entry: &Entry<'a>, name: &str) -> String {
        let mut candidates: Vec<&str> = Primitive::ALL.iter().map(|(n, _)| *n).collect();
        for (qualified, other) in self.resolved.types.iter().filter(|(_, other)| other.inline.is_none()) {
            candidates.push(if other.namespace() == entry.namespace() { &other.description.name } else { qualified });
        }
        let lower = name.to_lowercase();
        let best = candidates
            .into_iter()
            .map(|candidate| (edit_distance(&lower, &candidate.to_lowercase()), candidate))
            .filter(|(distance, _)| *distance <= 2.max(name.len() / 4))
            .min();
        match best {
            Some((_, candidate)) => format!("did you mean `{candidate}`?"),
            None => "use a primitive such as `String` or `Int32`, or describe the type in a description file".into(),
        }
    }

    /// Resolves base types and rejects cycles and bases of the wrong kind.
    fn resolve_bases(&mut self) {
        let keys: Vec<String> = self.resolved.types.keys().cloned().collect();
        for qualified in &keys {
            let entry = &self.resolved.types[qualified];
            let Some(base_name) = &entry.description.base_type else {
                continue;
            };
            let path = entry.path().key("baseType");
            match self.lookup(entry, base_name) {
                None => {
                    let help = self.suggest(entry, base_name);
                    let entry = &self.resolved.types[qualified];
                    self.problems.push(
                        Diagnostic::at(
                            entry.source(),
                            &path,
                            format!("the base type `{base_name}` of `{qualified}` is not described"),
                        )
                        .with_help(help),
                    );
                }
                Some(base) => {
                    let (kind, base_kind) = (entry.description.kind, self.resolved.types[&base].description.kind);
                    if kind != TypeKind::Enum && kind != base_kind {
                        let message = format!(
                            "the {} type `{qualified}` cannot derive from the {} type `{base}`",
                            kind_name(kind),
                            kind_name(base_kind)
                        );
                        self.problems.push(
                            Diagnostic::at(entry.source(), &path, message)
                                .with_help("entities derive from entities and complex types from complex types"),
                        );
                    } else {
                        self.resolved.bases.insert(qualified.clone(), base);
                    }
                }
            }
        }
        let mut reported = BTreeSet::new();
        for qualified in &keys {
            let mut chain = vec![qualified.as_str()];
            let mut current = self.resolved.bases.get(qualified);
            while let Some(base) = current {
                if let Some(start) = chain.iter().position(|c| c == base) {
                    let cycle = &chain[start..];
                    let first = cycle.iter().min().expect("a cycle is not empty").to_string();
                    if reported.insert(first.clone()) {
                        let mut names: Vec<&str> = cycle.to_vec();
                        names.push(base);
                        let entry = &self.resolved.types[&first];
                        let message = format!("inheritance cycle: {}", names.join(" → "));
                        self.problems.push(
                            Diagnostic::at(entry.source(), &entry.path().key("baseType"), message)
                                .with_help("a type cannot be its own base type; remove one `baseType` of the cycle"),
                        );
                    }
                    break;
                }
                chain.push(base);
                current = self.resolved.bases.get(base);
            }
        }
    }

    /// The inheritance chain of a struct type, root first.
    fn chain(&self, qualified: &str) -> Vec<String> {
        let mut chain = vec![qualified.to_owned()];
        let mut current = self.resolved.bases.get(qualified);
        while let Some(base) = current {
            chain.push(base.clone());
            current = self.resolved.bases.get(base);
        }
        chain.reverse();
        chain
    }

    /// Resolves property types and computes the fields of every struct type.
    fn flatten(&mut self) {
        let keys: Vec<String> = self.resolved.types.keys().cloned().collect();
        // Own properties first, so that inherited ones can be compared against them.
        let mut own: BTreeMap<String, Vec<ResolvedField<'a>>> = BTreeMap::new();
        for qualified in &keys {
            let entry = &self.resolved.types[qualified];
            let mut fields = Vec::new();
            for (index, property) in entry.description.properties.iter().enumerate() {
                let ty = match Primitive::from_name(&property.r#type) {
                    Some(primitive) => TypeRef::Primitive(primitive),
                    None => match self.lookup(entry, &property.r#type) {
                        Some(target) => TypeRef::Named(target),
                        None => {
                            let help = self.suggest(entry, &property.r#type);
                            let path = entry.path().key("properties").index(index).key("type");
                            let message = format!(
                                "unknown type `{}` for the property `{}` of `{qualified}`",
                                property.r#type, property.name
                            );
                            self.problems.push(Diagnostic::at(entry.source(), &path, message).with_help(help));
                            continue;
                        }
                    },
                };
                fields.push(ResolvedField {
                    wire_name: &property.name,
                    ty,
                    collection: property.collection,
                    description: &property.description,
                    navigation: property.navigation,
                    declared_in: qualified.clone(),
                    row: (qualified.clone(), index),
                });
            }
            own.insert(qualified.clone(), fields);
        }
        for qualified in &keys {
            if self.resolved.types[qualified].description.kind == TypeKind::Enum {
                continue;
            }
            let chain = self.chain(qualified);
            let mut fields: Vec<ResolvedField<'a>> = Vec::new();
            for ancestor in &chain {
                for field in &own[ancestor] {
                    match fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
                        Some(existing) if existing.ty != field.ty || existing.collection != field.collection => {
                            let (entry, row) = (&self.resolved.types[&field.row.0], field.row.1);
                            let message = format!(
                                "the property `{}` of `{ancestor}` is `{}` here but `{}` in its base type `{}`",
                                field.wire_name,
                                describe(&field.ty, field.collection),
                                describe(&existing.ty, existing.collection),
                                existing.declared_in
                            );
                            self.problems.push(Diagnostic::at(entry.source(), &entry.path().key("properties").index(row).key("type"), message).with_help("an inherited property keeps its base type's type; correct the type or the property name"));
                        }
                        Some(existing) => {
                            if !field.description.is_empty() && ancestor == qualified {
                                existing.description = field.description;
                            }
                        }
                        None => fields.push(field.clone()),
                    }
                }
            }
            self.check_inherited_from(qualified, &chain, &own);
            self.resolved.fields.insert(qualified.clone(), fields);
        }
    }

    /// `inheritedFrom` must name a base type that has the property.
    fn check_inherited_from(
        &mut self,
        qualified: &str,
        chain: &[String],
        own: &BTreeMap<String, Vec<ResolvedField<'a>>>,
    ) {
        let entry = &self.resolved.types[qualified];
        for (index, property) in entry.description.properties.iter().enumerate() {
            let Some(named) = &property.inherited_from else {
                continue;
            };
            let path = entry.path().key("properties").index(index).key("inheritedFrom");
            let bases = &chain[..chain.len() - 1];
            let Some(base) = self.lookup(entry, named).filter(|base| bases.contains(base)) else {
                let help = if bases.is_empty() {
                    format!("`{qualified}` has no base type; add `baseType` or remove `inheritedFrom`")
                } else {
                    format!(
                        "the base types of `{qualified}` are {}",
                        bases.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ")
                    )
                };
                self.problems.push(
                    Diagnostic::at(
                        entry.source(),
                        &path,
                        format!("`inheritedFrom` names `{named}`, which is not a base type of `{qualified}`"),
                    )
                    .with_help(help),
                );
                continue;
            };
            let up_to_base = &chain[..=chain.iter().position(|c| *c == base).expect("base is in the chain")];
            if !up_to_base.iter().any(|ancestor| own[ancestor].iter().any(|f| f.wire_name == property.name)) {
                let message =
                    format!("`{}` is documented as inherited from `{base}`, which has no such property", property.name);
                self.problems.push(
                    Diagnostic::at(entry.source(), &path, message)
                        .with_help(format!("add the property to `{base}`, or remove `inheritedFrom`")),
                );
            }
        }
    }
}

impl<'a> Resolver<'a> {
    /// Checks every operation: the service it belongs to, its path template, its bodies.
    fn resolve_operations(&mut self, files: &'a [LoadedFile]) {
        let mut service: Option<(&'a LoadedFile, &'a str)> = None;
        for file in files {
            let Some(described) = &file.description.service else { continue };
            if let Some((first, _)) = service {
                self.problems.push(
                    Diagnostic::at(&file.source, &JsonPath::root().key("service"), "the service is described twice")
                        .with_help(format!("it is also described in {}; keep one", first.source.path.display())),
                );
                continue;
            }
            if described.api_version.is_empty()
                || !described.api_version.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            {
                let message = format!("`{}` is not an API version", described.api_version);
                self.problems.push(
                    Diagnostic::at(&file.source, &JsonPath::root().key("service").key("apiVersion"), message)
                        .with_help("use `beta` or `v1.0`"),
                );
            }
            service = Some((file, &described.api_version));
        }
        self.resolved.api_version = service.map(|(_, version)| version);
        let owners: Vec<String> = self
            .resolved
            .types
            .iter()
            .filter(|(_, e)| !e.description.operations.is_empty() && e.inline.is_none())
            .map(|(q, _)| q.clone())
            .collect();
        for owner in owners {
            let entry = &self.resolved.types[&owner];
            let (description, base, source): (&'a TypeDescription, _, &'a Source) =
                (entry.description, entry.path(), entry.source());
            if description.kind == TypeKind::Enum {
                self.problems.push(
                    Diagnostic::at(
                        entry.source(),
                        &base.key("operations"),
                        format!("the enum `{owner}` has operations"),
                    )
                    .with_help("operations belong to the entity or complex type they read or write"),
                );
                continue;
            }
            if service.is_none() {
                self.problems.push(
                    Diagnostic::at(
                        entry.source(),
                        &base.key("operations"),
                        format!("`{owner}` has operations, but no file describes the service"),
                    )
                    .with_help("add `\"service\": {\"apiVersion\": \"beta\"}` to one description file"),
                );
            }
            let mut resolved = Vec::new();
            let mut names = BTreeMap::new();
            for (index, operation) in description.operations.iter().enumerate() {
                let path = base.key("operations").index(index);
                if let Some(first) = names.insert(operation.name.as_str(), index) {
                    self.problems.push(
                        Diagnostic::at(
                            source,
                            &path.key("name"),
                            format!("`{owner}` has two operations named `{}`", operation.name),
                        )
                        .with_help(format!("it is also operations[{first}]; remove or rename one")),
                    );
                }
                if operation.name.trim().is_empty() {
                    self.problems.push(
                        Diagnostic::at(source, &path.key("name"), "the operation has an empty name")
                            .with_help("name it as the docs do: `list`, `get`, `setDefaultProfile`"),
                    );
                }
                if !(200..300).contains(&operation.success_status) {
                    let message = format!("{} is not a success status", operation.success_status);
                    self.problems.push(
                        Diagnostic::at(source, &path.key("successStatus"), message)
                            .with_help("use the documented 2xx status, such as 200, 201 or 204"),
                    );
                }
                let template = match parse_template(&operation.path) {
                    Ok(template) => template,
                    Err((message, help)) => {
                        self.problems.push(Diagnostic::at(source, &path.key("path"), message).with_help(help));
                        Vec::new()
                    }
                };
                for (p, parameter) in operation.parameters.iter().enumerate() {
                    if !template.is_empty() && !template.contains(&TemplatePart::Param(parameter.name.clone())) {
                        let message =
                            format!("the parameter `{}` is not in the path `{}`", parameter.name, operation.path);
                        self.problems.push(
                            Diagnostic::at(source, &path.key("parameters").index(p).key("name"), message)
                                .with_help("document only the `{parameters}` of the path template"),
                        );
                    }
                }
                let mut seen = BTreeSet::new();
                for (q, option) in operation.query_options.iter().enumerate() {
                    if !seen.insert(*option) {
                        self.problems.push(
                            Diagnostic::at(
                                source,
                                &path.key("queryOptions").index(q),
                                format!("`{}` is listed twice", option.as_str()),
                            )
                            .with_help("remove the duplicate"),
                        );
                    }
                }
                if operation.request_body.is_some() && matches!(operation.method, HttpMethod::Get | HttpMethod::Delete)
                {
                    let message = format!("a {} request has no body", operation.method.as_str());
                    self.problems.push(
                        Diagnostic::at(source, &path.key("requestBody"), message)
                            .with_help("remove `requestBody`, or correct the method"),
                    );
                }
                let mut example_names = BTreeSet::new();
                for (e, example) in operation.examples.iter().enumerate() {
                    let example_path = path.key("examples").index(e);
                    if !example_names.insert(example.name.as_str()) {
                        let message = format!("two examples of `{}` are named `{}`", operation.name, example.name);
                        self.problems.push(
                            Diagnostic::at(source, &example_path.key("name"), message)
                                .with_help("give each example its own name"),
                        );
                    }
                    let (has_body, what) = match example.role {
                        ExampleRole::Request => (operation.request_body.is_some(), "request"),
                        ExampleRole::Response => (operation.response.is_some(), "response"),
                    };
                    if !has_body {
                        let message = format!("`{}` has a {what} example but no {what} body", operation.name);
                        self.problems.push(
                            Diagnostic::at(source, &example_path.key("role"), message)
                                .with_help(format!("describe the {what} body, or remove the example")),
                        );
                    }
                }
                let request_body = self.resolve_body(
                    &owner,
                    index,
                    BodyRole::Request,
                    operation.request_body.as_ref(),
                    &path.key("requestBody"),
                );
                let response = self.resolve_body(
                    &owner,
                    index,
                    BodyRole::Response,
                    operation.response.as_ref(),
                    &path.key("response"),
                );
                resolved.push(ResolvedOperation { description: operation, path: template, request_body, response });
            }
            self.resolved.operations.insert(owner, resolved);
        }
    }

    fn resolve_body(
        &mut self,
        owner: &str,
        operation: usize,
        role: BodyRole,
        body: Option<&BodyDescription>,
        path: &JsonPath,
    ) -> Option<ResolvedBody> {
        let body = body?;
        let entry = &self.resolved.types[owner];
        match (&body.r#type, body.properties.is_empty()) {
            (Some(_), false) | (None, true) => {
                self.problems.push(
                    Diagnostic::at(entry.source(), path, "a body has either a `type` or `properties`")
                        .with_help("name the body's type, or document its properties inline, not both"),
                );
                None
            }
            (None, false) => {
                let role_name = if role == BodyRole::Request { "request" } else { "response" };
                Some(ResolvedBody {
                    ty: TypeRef::Named(format!("{owner}#{operation}.{role_name}")),
                    collection: body.collection,
                    inline: true,
                })
            }
            (Some(name), true) => {
                let ty = match Primitive::from_name(name) {
                    Some(primitive) => TypeRef::Primitive(primitive),
                    None => match self.lookup(entry, name) {
                        Some(target) => TypeRef::Named(target),
                        None => {
                            let help = self.suggest(entry, name);
                            let entry = &self.resolved.types[owner];
                            self.problems.push(
                                Diagnostic::at(
                                    entry.source(),
                                    &path.key("type"),
                                    format!("unknown body type `{name}`"),
                                )
                                .with_help(help),
                            );
                            return None;
                        }
                    },
                };
                Some(ResolvedBody { ty, collection: body.collection, inline: false })
            }
        }
    }
}

/// Splits a path template into text and `{parameters}`.
fn parse_template(template: &str) -> Result<Vec<TemplatePart>, (String, &'static str)> {
    if !template.starts_with('/') {
        return Err((
            format!("the path `{template}` does not start with `/`"),
            "write the path below the API version, such as `/deviceManagement/...`",
        ));
    }
    if let Some(bad) = template.chars().find(|c| !c.is_ascii_graphic() || matches!(c, '?' | '#')) {
        let help = "a path template is printable ASCII without spaces, `?` or `#`; query options are described in `queryOptions`";
        return Err((format!("the path `{}` contains `{}`", template.escape_debug(), bad.escape_debug()), help));
    }
    let mut parts = Vec::new();
    let mut names = BTreeSet::new();
    let mut rest = template;
    while !rest.is_empty() {
        let unopened = || {
            (format!("the path `{template}` has a `}}` without a `{{`"), "balance the braces of every `{parameter}`")
        };
        match (rest.find('{'), rest.find('}')) {
            (None, None) => {
                parts.push(TemplatePart::Literal(rest.to_owned()));
                rest = "";
            }
            (None, Some(_)) => return Err(unopened()),
            (Some(open), Some(close)) if close < open => return Err(unopened()),
            (Some(_), None) => {
                return Err((
                    format!("the path `{template}` has a `{{` without a `}}`"),
                    "balance the braces of every `{parameter}`",
                ));
            }
            (Some(open), Some(close)) => {
                let name = &rest[open + 1..close];
                if name.contains('{') {
                    return Err((
                        format!("the path `{template}` nests braces"),
                        "a `{parameter}` is a name in one pair of braces",
                    ));
                }
                if name.trim().is_empty() {
                    return Err((
                        format!("the path `{template}` has an empty `{{}}`"),
                        "name every parameter, such as `{enrollmentProfileId}`",
                    ));
                }
                if !names.insert(name) {
                    return Err((
                        format!("the path `{template}` has the parameter `{name}` twice"),
                        "give each parameter its own name",
                    ));
                }
                if open > 0 {
                    parts.push(TemplatePart::Literal(rest[..open].to_owned()));
                }
                parts.push(TemplatePart::Param(name.to_owned()));
                rest = &rest[close + 1..];
            }
        }
    }
    Ok(parts)
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

fn describe(ty: &TypeRef, collection: bool) -> String {
    let name = match ty {
        TypeRef::Primitive(primitive) => format!("{primitive:?}"),
        TypeRef::Named(name) => name.clone(),
    };
    if collection { format!("{name} collection") } else { name }
}

/// Levenshtein distance, for "did you mean" suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{TemplatePart, edit_distance, parse_template, strongly_connected_components};

    #[test]
    fn path_templates_split_into_text_and_parameters() {
        assert_eq!(
            parse_template("/a/{aId}/b/{bId}/c").unwrap(),
            [
                TemplatePart::Literal("/a/".into()),
                TemplatePart::Param("aId".into()),
                TemplatePart::Literal("/b/".into()),
                TemplatePart::Param("bId".into()),
                TemplatePart::Literal("/c".into()),
            ]
        );
        for bad in ["a/b", "/a/{b", "/a/b}", "/a/{}", "/a/{b}/{b}", "/a/{{b}}", "/a b", "/a?x=1", "/a/}{"] {
            assert!(parse_template(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("strin", "string"), 1);
        assert_eq!(edit_distance("itunespairingmod", "itunespairingmode"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn components_group_exactly_the_nodes_on_a_common_cycle() {
        // 0 ⇄ 1 → 2 → 2 (a self-reference), 3 → 0, 4 alone.
        let edges = vec![vec![1], vec![0, 2], vec![2], vec![0], vec![]];
        let component = strongly_connected_components(&edges);
        assert_eq!(component[0], component[1]);
        for (a, b) in [(0, 2), (0, 3), (0, 4), (2, 3), (2, 4), (3, 4)] {
            assert_ne!(component[a], component[b], "{a} and {b}");
        }
    }

    #[test]
    fn components_of_a_long_chain_do_not_overflow_the_stack() {
        let count = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..count).map(|i| vec![i + 1]).collect();
        edges[count - 1] = vec![0];
        let component = strongly_connected_components(&edges);
        assert!(component.iter().all(|&c| c == component[0]), "one cycle through every node");
    }
}
