//! Checks each description on its own, then resolves names: type references, base types, the
//! inherited properties of every struct type, and operations.
//!
//! - [`checks`]: what can be checked per type (names, kinds, duplicate members and properties);
//! - [`names`]: looking up a type name, and the "did you mean" of an unknown one;
//! - [`inheritance`]: base types, inheritance cycles, and the flattened fields of each type;
//! - [`operations`]: the service, path templates, parameters and bodies of operations;
//! - [`addressing`]: the types named by entity sets, singletons and bound operations;
//! - [`boxing`]: which fields need a `Box` (cycles of types containing each other);
//! - [`keys`]: what identifies an operation and its bodies' synthetic types (a name, never a
//!   position).

mod addressing;
mod boxing;
mod checks;
mod inheritance;
mod keys;
mod names;
mod operations;
mod workloads;

use std::collections::{BTreeMap, BTreeSet};

pub use addressing::{ResolvedCall, ResolvedParameter, ResolvedRoot};
pub use keys::{OperationKey, Overload};
pub use workloads::{RESERVED_FEATURES, WorkloadRoot};

use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::load::LoadedFile;
use crate::schema::{OperationDescription, OperationKind, Primitive, PropertyDescription, TypeDescription, TypeKind};

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
    /// What the operation is: its identity across versions, and the body's key with
    /// [`OperationKey::body`].
    pub key: OperationKey,
    /// Where the operation is in this version's owner's `operations` (for
    /// [`BodyRole::Parameters`], its `boundOperations`): for looking it up in the same
    /// descriptions, never to compare or name anything.
    pub operation: usize,
    /// Request or response body.
    pub role: BodyRole,
}

impl InlineOf {
    /// The key of the body's synthetic type among the resolved types.
    pub fn type_key(&self) -> String {
        self.key.body(self.role)
    }
}

/// The two bodies of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRole {
    /// The request body.
    Request,
    /// The response body.
    Response,
    /// The parameters of a bound action, its JSON body.
    Parameters,
}

impl BodyRole {
    /// The role as the synthetic type's key writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
            Self::Parameters => "parameters",
        }
    }
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
                            properties: body.properties.clone(),
                            ..TypeDescription::new(TypeKind::Complex, format!("{}{suffix}", op.name), &ty.namespace)
                        },
                        of: {
                            let owner = format!("{}.{}", ty.namespace, ty.name);
                            InlineOf { key: OperationKey::documented(&owner, &op.name), owner, operation, role }
                        },
                    });
                }
            }
        }
    }
    bodies.extend(action_parameters(files));
    bodies
}

/// The parameters of every bound action that has any, as a synthetic complex type in the binding
/// type's namespace (`userSendMailParameters`): the action's JSON body, generated beside the type.
fn action_parameters(files: &[LoadedFile]) -> Vec<InlineBody> {
    let mut bodies = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        for (type_index, ty) in file.description.types.iter().enumerate() {
            for (index, action) in ty.bound_operations.iter().enumerate() {
                if action.kind != OperationKind::Action || action.parameters.is_empty() {
                    continue;
                }
                let properties = action
                    .parameters
                    .iter()
                    .map(|parameter| PropertyDescription {
                        name: parameter.name.clone(),
                        r#type: parameter.r#type.clone(),
                        collection: parameter.collection,
                        nullable: true,
                        description: parameter.description.clone(),
                        inherited_from: None,
                        navigation: false,
                        contains_target: false,
                        capabilities: None,
                    })
                    .collect();
                let mut name = action.name.clone();
                if let Some(first) = name.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                bodies.push(InlineBody {
                    file: file_index,
                    path: JsonPath::root()
                        .key("types")
                        .index(type_index)
                        .key("boundOperations")
                        .index(index)
                        .key("parameters"),
                    description: TypeDescription {
                        properties,
                        ..TypeDescription::new(TypeKind::Complex, format!("{}{name}Parameters", ty.name), &ty.namespace)
                    },
                    of: {
                        let owner = format!("{}.{}", ty.namespace, ty.name);
                        InlineOf {
                            key: OperationKey::bound(&owner, action),
                            owner,
                            operation: index,
                            role: BodyRole::Parameters,
                        }
                    },
                });
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

    /// The JSON path of the type's property `index`: `properties[index]`, except in an action's
    /// parameters, whose synthetic type is the parameter list itself.
    pub fn property_path(&self, index: usize) -> JsonPath {
        match &self.inline {
            Some(inline) if inline.role == BodyRole::Parameters => self.path.index(index),
            _ => self.path.key("properties").index(index),
        }
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
    /// The row of the table that declares it.
    pub property: &'a PropertyDescription,
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
    /// The API version segment, when any operation or root resource is described.
    pub api_version: Option<&'a str>,
    /// The entity sets and singletons, in described order.
    pub roots: Vec<ResolvedRoot<'a>>,
    /// The operation imports, in described order.
    pub imports: Vec<ResolvedCall<'a>>,
    /// The actions and functions bound to each type, by its qualified name, in described order.
    pub bound: BTreeMap<String, Vec<ResolvedCall<'a>>>,
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
        (entry.source(), entry.property_path(field.row.1))
    }

    /// Every type reachable from `seeds` through what each type needs (a seed marked `true`, a
    /// workload's root, follows containment navigation properties too), seeds included.
    pub fn closure<'s>(&'s self, seeds: Vec<(&'s str, bool)>) -> BTreeSet<&'s str> {
        self.closure_within(seeds, &|_| false)
    }

    /// [`Resolved::closure`], not following a containment navigation property into a type for
    /// which `boundary` is true (another workload's root: see [`Resolved::workloads`]). Such a type
    /// is still in the closure when something else needs it (a structural property, a base type,
    /// an operation's parameter).
    pub fn closure_within<'s>(
        &'s self,
        seeds: Vec<(&'s str, bool)>,
        boundary: &dyn Fn(&str) -> bool,
    ) -> BTreeSet<&'s str> {
        let mut visited = BTreeSet::new();
        let mut stack = seeds;
        while let Some((qualified, contained)) = stack.pop() {
            if visited.insert((qualified, contained)) {
                stack.extend(self.needs(qualified, contained, boundary));
            }
        }
        visited.into_iter().map(|(qualified, _)| qualified).collect()
    }

    /// What `qualified` needs compiled with it, each with whether to follow containment
    /// navigation properties from there: its base type, the types of its structural properties,
    /// of its operations' bodies (an inline body's properties' types) and of its bound
    /// operations; with `contained`, also the targets of its containment navigation properties
    /// (a workload: `/users/{id}/messages`), except those into a type for which `boundary` is
    /// true.
    fn needs(&self, qualified: &str, contained: bool, boundary: &dyn Fn(&str) -> bool) -> Vec<(&str, bool)> {
        fn named(ty: &TypeRef) -> Option<&str> {
            match ty {
                TypeRef::Named(target) => Some(target.as_str()),
                TypeRef::Primitive(_) => None,
            }
        }
        let mut needs: Vec<(&str, bool)> = Vec::new();
        needs.extend(self.bases.get(qualified).map(|base| (base.as_str(), contained)));
        for field in self.fields.get(qualified).into_iter().flatten() {
            let follow = !field.navigation || (contained && field.property.contains_target);
            let into = named(&field.ty).filter(|target| follow && !(field.navigation && boundary(target)));
            needs.extend(into.map(|target| (target, contained)));
        }
        for call in self.bound.get(qualified).into_iter().flatten() {
            let types =
                call.parameters.iter().map(|parameter| &parameter.ty).chain(call.returns.iter().map(|(ty, _)| ty));
            needs.extend(types.filter_map(named).map(|target| (target, false)));
        }
        for operation in self.operations.get(qualified).into_iter().flatten() {
            for body in [&operation.request_body, &operation.response].into_iter().flatten() {
                match &body.ty {
                    TypeRef::Named(target) if self.types[target].inline.is_some() => {
                        let fields = self.fields.get(target).into_iter().flatten();
                        needs.extend(fields.filter_map(|field| named(&field.ty)).map(|target| (target, false)));
                    }
                    ty => needs.extend(named(ty).map(|target| (target, false))),
                }
            }
        }
        needs
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
        // Addressing needs only the types' names and kinds: its problems are reported with the
        // properties' (an action's parameters are checked once, as its body's properties).
        resolver.resolve_addressing(files);
    }
    if resolver.problems.is_empty() {
        resolver.resolve_operations(files);
        if !resolver.resolved.roots.is_empty() || !resolver.resolved.imports.is_empty() {
            resolver.resolved.api_version = resolver.resolve_api_version(files);
        }
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
            // Two operations with one key are reported where operations are resolved; the first
            // keeps the key.
            self.resolved.types.entry(body.of.type_key()).or_insert(entry);
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
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

/// A type reference as messages and docs write it (`microsoft.graph.user collection`).
pub(crate) fn describe(ty: &TypeRef, collection: bool) -> String {
    let name = match ty {
        TypeRef::Primitive(primitive) => format!("{primitive:?}"),
        TypeRef::Named(name) => name.clone(),
    };
    if collection { format!("{name} collection") } else { name }
}
