//! Checks each description on its own, then resolves names: type references, base types and the
//! inherited properties of every struct type.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::ir::Primitive;
use crate::load::LoadedFile;
use crate::schema::{TypeDescription, TypeKind};

/// A described type and where it was described.
#[derive(Debug)]
pub struct Entry<'a> {
    file: &'a LoadedFile,
    index: usize,
    /// The description.
    pub description: &'a TypeDescription,
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
        JsonPath::root().key("types").index(self.index)
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
}

impl<'a> Resolved<'a> {
    /// The source file and JSON path of the table row a field comes from.
    pub fn location(&self, field: &ResolvedField<'a>) -> (&'a Source, JsonPath) {
        let entry = &self.types[&field.row.0];
        (entry.source(), entry.path().key("properties").index(field.row.1))
    }

    /// Every type derived from `qualified`, directly or not, sorted by qualified name.
    pub fn descendants(&self, qualified: &str) -> Vec<&str> {
        let mut found = Vec::new();
        for candidate in self.types.keys() {
            let mut current = self.bases.get(candidate);
            while let Some(base) = current {
                if base == qualified {
                    found.push(candidate.as_str());
                    break;
                }
                current = self.bases.get(base);
            }
        }
        found
    }

    /// The (container, contained) pairs of struct types that must be boxed: a field of a struct
    /// type that is not a collection and whose type can contain the field's owner again (a
    /// cycle), which would otherwise make an infinitely large type.
    pub fn boxed_edges(&self) -> BTreeSet<(&str, &str)> {
        let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (owner, fields) in &self.fields {
            for field in fields {
                if let (TypeRef::Named(target), false) = (&field.ty, field.collection)
                    && self.fields.contains_key(target)
                {
                    edges.entry(owner).or_default().insert(target);
                }
            }
        }
        let reaches = |from: &str, to: &str| {
            let mut stack = vec![from];
            let mut seen = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if node == to {
                    return true;
                }
                if seen.insert(node) {
                    stack.extend(edges.get(node).into_iter().flatten().copied());
                }
            }
            false
        };
        let mut boxed = BTreeSet::new();
        for (owner, targets) in &edges {
            for target in targets {
                if reaches(target, owner) {
                    boxed.insert((*owner, *target));
                }
            }
        }
        boxed
    }
}

/// Checks and resolves the descriptions of all files; returns every problem found.
pub fn resolve(files: &[LoadedFile]) -> Result<Resolved<'_>, Vec<Diagnostic>> {
    let mut resolver = Resolver { resolved: Resolved::default(), problems: Vec::new() };
    resolver.collect(files);
    if resolver.problems.is_empty() {
        resolver.resolve_bases();
    }
    if resolver.problems.is_empty() {
        resolver.flatten();
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
    fn collect(&mut self, files: &'a [LoadedFile]) {
        for file in files {
            for (index, description) in file.description.types.iter().enumerate() {
                let entry = Entry { file, index, description };
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

    /// Resolves a type reference written in the description of `entry`.
    fn lookup(&self, entry: &Entry<'a>, name: &str) -> Option<String> {
        let name = name.trim_start_matches('#');
        if self.resolved.types.contains_key(name) {
            return Some(name.to_owned());
        }
        let local = format!("{}.{}", entry.namespace(), name);
        self.resolved.types.contains_key(&local).then_some(local)
    }

    /// A "did you mean" for an unknown type name.
    fn suggest(&self, entry: &Entry<'a>, name: &str) -> String {
        let mut candidates: Vec<&str> = Primitive::ALL.iter().map(|(n, _)| *n).collect();
        for (qualified, other) in &self.resolved.types {
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
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("strin", "string"), 1);
        assert_eq!(edit_distance("itunespairingmod", "itunespairingmode"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
