//! What the translator knows of the API: the description files imported from the v1.0 CSDL,
//! indexed by qualified type name, with the addressing facts (entity sets, singletons,
//! navigation, bound operations, alternate keys, streams) a path walk needs.

use std::collections::BTreeMap;
use std::path::Path;

use msgraph_codegen::schema::{
    BindsTo, BoundOperationDescription, DescriptionFile, OperationImportDescription, PathAddressing,
    PropertyDescription, RootDescription, ServiceDescription, TypeDescription,
};

/// The namespace whose types are at `models::` (and whose names are written unqualified).
pub const ROOT_NAMESPACE: &str = "microsoft.graph";

/// Whether a type name names a primitive (`String`, `Edm.Int32`, `Stream`).
pub fn is_primitive(name: &str) -> bool {
    let bare = name.strip_prefix("Edm.").unwrap_or(name);
    matches!(
        bare,
        "String"
            | "Guid"
            | "DateTimeOffset"
            | "Date"
            | "TimeOfDay"
            | "Duration"
            | "Binary"
            | "Boolean"
            | "Byte"
            | "SByte"
            | "Int16"
            | "Int32"
            | "Int64"
            | "Single"
            | "Double"
            | "Decimal"
            | "Stream"
            | "Json"
            | "Untyped"
            | "PrimitiveType"
    ) || bare.starts_with("Geography")
        || bare.starts_with("Geometry")
}

/// The imported descriptions, indexed.
pub struct Metadata {
    service: ServiceDescription,
    types: BTreeMap<String, TypeDescription>,
}

impl Metadata {
    /// Loads every description file in `dir` (the output of `msgraph-codegen import`).
    pub fn load(dir: &Path) -> Result<Self, String> {
        let files = msgraph_codegen::load::load_dir(dir).map_err(|e| e.to_string())?;
        Self::from_files(files.into_iter().map(|file| file.description))
            .ok_or_else(|| format!("{}: no description file describes the service", dir.display()))
    }

    /// Indexes description files (imported in memory, or loaded); `None` when none of them
    /// describes the service.
    pub fn from_files(files: impl IntoIterator<Item = DescriptionFile>) -> Option<Self> {
        let mut service = None;
        let mut types = BTreeMap::new();
        for file in files {
            if let Some(described) = file.service {
                service = Some(described);
            }
            for ty in file.types {
                types.insert(format!("{}.{}", ty.namespace, ty.name), ty);
            }
        }
        Some(Self { service: service?, types })
    }

    /// The entity set or singleton named `name`, and whether it is a singleton.
    pub fn root(&self, name: &str) -> Option<(&RootDescription, bool)> {
        let set = self.service.entity_sets.iter().find(|s| s.name == name).map(|s| (s, false));
        set.or_else(|| self.service.singletons.iter().find(|s| s.name == name).map(|s| (s, true)))
    }

    /// The names of the entity sets, singletons and operation imports.
    pub fn root_names(&self) -> impl Iterator<Item = &str> {
        let sets = self.service.entity_sets.iter().map(|s| s.name.as_str());
        let singletons = self.service.singletons.iter().map(|s| s.name.as_str());
        sets.chain(singletons).chain(self.service.operation_imports.iter().map(|o| o.name.as_str()))
    }

    /// The names a path segment can take after the type (own or inherited): its properties,
    /// and the operations bound to it (`binds_to` says to one entity or to a collection).
    pub fn member_names(&self, qualified: &str, binds_to: BindsTo) -> Vec<&str> {
        let mut names = Vec::new();
        for (_, ty) in self.lineage(qualified) {
            if binds_to == BindsTo::Entity {
                names.extend(ty.properties.iter().map(|p| p.name.as_str()));
            }
            names.extend(ty.bound_operations.iter().filter(|o| o.binds_to == binds_to).map(|o| o.name.as_str()));
        }
        names
    }

    /// The qualified names of the types derived from `qualified` (itself included), as a
    /// type-cast segment writes them.
    pub fn derived_names(&self, qualified: &str) -> Vec<&str> {
        self.types.keys().filter(|name| self.derives_from(name, qualified)).map(String::as_str).collect()
    }

    /// The action or function import named `name`.
    pub fn operation_import(&self, name: &str) -> Option<&OperationImportDescription> {
        self.service.operation_imports.iter().find(|o| o.name == name)
    }

    /// The type a reference names, qualified: `user` and `microsoft.graph.user` are the same.
    pub fn qualify(reference: &str) -> String {
        let reference =
            reference.strip_prefix("graph.").map_or(reference.to_owned(), |rest| format!("microsoft.graph.{rest}"));
        if reference.contains('.') { reference } else { format!("{ROOT_NAMESPACE}.{reference}") }
    }

    /// The qualified name of a type reference written in a description of `namespace`: as
    /// written when it is qualified, else the type of that name in `namespace` (as the generator
    /// resolves it), else in the root namespace. Primitives (`String`, `Edm.Int32`) stay as they are.
    pub fn resolve(&self, namespace: &str, reference: &str) -> String {
        let reference = reference.trim_start_matches('#');
        if is_primitive(reference) || self.types.contains_key(reference) {
            return reference.to_owned();
        }
        let local = format!("{namespace}.{reference}");
        if self.types.contains_key(&local) {
            return local;
        }
        Self::qualify(reference)
    }

    /// The property `name` of the type (own or inherited) with its type resolved: the property
    /// and the qualified name of its type (a primitive's name for a primitive).
    pub fn property_resolved(&self, qualified: &str, name: &str) -> Option<(&PropertyDescription, String)> {
        self.lineage(qualified).into_iter().find_map(|(_, ty)| {
            let property = ty.properties.iter().find(|p| p.name == name)?;
            Some((property, self.resolve(&ty.namespace, &property.r#type)))
        })
    }

    /// The described type with this qualified name.
    pub fn get(&self, qualified: &str) -> Option<&TypeDescription> {
        self.types.get(qualified)
    }

    /// The type and its base types, nearest first.
    pub fn lineage(&self, qualified: &str) -> Vec<(String, &TypeDescription)> {
        let mut out = Vec::new();
        let mut next = Some(qualified.to_owned());
        while let Some(name) = next.take() {
            let Some(ty) = self.types.get(&name) else { break };
            next = ty.base_type.as_deref().map(|base| self.resolve(&ty.namespace, base));
            out.push((name, ty));
            if out.len() > 64 {
                break; // a cycle: the lowering reports it; the walk only needs to stop
            }
        }
        out
    }

    /// The property `name` of the type, own or inherited.
    pub fn property(&self, qualified: &str, name: &str) -> Option<&PropertyDescription> {
        self.lineage(qualified).into_iter().find_map(|(_, ty)| ty.properties.iter().find(|p| p.name == name))
    }

    /// Every overload of the operation `name` bound to the type (or a collection of it), own or
    /// inherited, nearest first, each with the qualified name of the type that declares it.
    /// The parameters' and result's types are as written (relative to the declaring type's
    /// namespace; see [`Metadata::resolve`]).
    pub fn bound_operations(
        &self,
        qualified: &str,
        name: &str,
        binds_to: BindsTo,
    ) -> Vec<(String, &BoundOperationDescription)> {
        let mut out = Vec::new();
        for (declaring, ty) in self.lineage(qualified) {
            for op in ty.bound_operations.iter().filter(|o| o.name == name && o.binds_to == binds_to) {
                out.push((declaring.clone(), op));
            }
        }
        out
    }

    /// Whether `derived` is `base` or derives from it.
    pub fn derives_from(&self, derived: &str, base: &str) -> bool {
        self.lineage(derived).iter().any(|(name, _)| name == base)
    }

    /// Whether the entity is a media entity (`HasStream`), itself or through a base type.
    pub fn has_stream(&self, qualified: &str) -> bool {
        self.lineage(qualified).iter().any(|(_, ty)| ty.has_stream)
    }

    /// Whether the entity is addressed by a path in this way (`pathAddressing`, from the
    /// importer's conventions), itself or through a base type.
    pub fn path_addressing(&self, qualified: &str, way: PathAddressing) -> bool {
        self.lineage(qualified).iter().any(|(_, ty)| ty.path_addressing.contains(&way))
    }

    /// The alternate key whose single key property is `key`, if the entity has one.
    pub fn has_alternate_key(&self, qualified: &str, key: &str) -> bool {
        self.lineage(qualified).iter().any(|(_, ty)| ty.alternate_keys.iter().any(|k| k.len() == 1 && k[0] == key))
    }
}
