//! The intermediate representation: the generated crate with every decision already made.
//!
//! [`crate::lower`] builds it from the descriptions (resolving references and inheritance,
//! naming everything, writing every doc line, deciding where boxes go and how the modules nest);
//! [`crate::emit`] turns it into tokens without deciding anything. The IR owns its vocabulary
//! ([`Ident`], [`Docs`], [`Scalar`], [`Method`], [`QueryOption`]) and imports nothing from the
//! stages around it. Everything is in a deterministic order: modules and types sorted by name,
//! fields in documented order.

mod addressing;
mod models;
mod requests;
mod vocabulary;

pub use addressing::*;
pub use models::*;
pub use requests::*;
pub use vocabulary::*;

/// The whole generated crate.
#[derive(Debug, Clone, Hash)]
pub struct Api {
    /// The crate root: its docs and the module tree (`models`, `requests`, `runtime`).
    pub root: Module,
    /// Every model type, referred to by [`Content::Type`] in the tree; kept apart from the tree so
    /// that they can be emitted on every core.
    pub types: Vec<TypeItem>,
    /// One cargo feature per namespace, when asked for (`LowerOptions::namespace_features`).
    pub features: Vec<Feature>,
}

impl Api {
    /// Every model type with the path of its namespace module below `models` (`call_records`,
    /// `partners::billing`; empty for `models` itself), in tree order.
    pub fn model_types(&self) -> Vec<(String, &TypeItem)> {
        fn walk<'a>(api: &'a Api, module: &Module, path: &mut Vec<String>, out: &mut Vec<(String, &'a TypeItem)>) {
            for child in &module.children {
                match &child.content {
                    Content::Type(index) => out.push((path.join("::"), &api.types[*index])),
                    Content::Reexports(_) => {
                        path.push(child.name.as_ref().map(|name| name.as_str().to_owned()).unwrap_or_default());
                        walk(api, child, path, out);
                        path.pop();
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        if let Some(models) = self.root.children.first() {
            walk(self, models, &mut Vec::new(), &mut out);
        }
        out
    }

    /// The namespace modules below `models` that hold types, as paths (`call_records`,
    /// `partners::billing`; the empty path is `models` itself), in tree order.
    pub fn model_module_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.model_types().into_iter().map(|(path, _)| path).collect();
        paths.dedup();
        paths
    }
}

/// A module of the generated crate: its declaration, docs, own items and child modules.
#[derive(Debug, Clone, Hash)]
pub struct Module {
    /// The module's name (`None` for the crate root).
    pub name: Option<Ident>,
    /// Whether the module is public.
    pub public: bool,
    /// The features that compile the module, when fewer than the crate's.
    pub cfg: Option<Cfg>,
    /// The module's documentation (inner doc attributes).
    pub docs: Docs,
    /// The module's own items.
    pub content: Content,
    /// The child modules, in declaration order.
    pub children: Vec<Module>,
}

/// What a module holds besides its child modules.
#[derive(Debug, Clone, Hash)]
pub enum Content {
    /// Nothing (the crate root).
    Empty,
    /// Re-exports of items of its child modules (a namespace module, the `runtime` module).
    Reexports(Vec<Reexport>),
    /// One model type, an index into [`Api::types`] (a type's private file module).
    Type(usize),
    /// The `requests` module of a described service: `API_VERSION`, entry points, imports.
    Service(Service),
    /// The request functions of one type.
    Requests(RequestModule),
    /// Hand-written support code, copied as it is (a file of the runtime).
    Verbatim(&'static str),
}

/// `#[cfg] pub use self::module::{A, B};`, or `pub use self::module::*;` without names.
#[derive(Debug, Clone, Hash)]
pub struct Reexport {
    /// The features that compile the re-exported module.
    pub cfg: Option<Cfg>,
    /// The child module.
    pub module: Ident,
    /// The items to re-export; empty for all of them (`*`).
    pub names: Vec<Ident>,
}

/// A documented `pub const NAME: &str = "value";`.
#[derive(Debug, Clone, Hash)]
pub struct Constant {
    /// The constant's documentation.
    pub docs: Docs,
    /// Its name.
    pub name: Ident,
    /// Its value.
    pub value: String,
}

/// `#[cfg(any(feature = …))]`: an item compiled when any of these cargo features is on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cfg {
    /// The features, sorted.
    pub features: Vec<String>,
}

impl Cfg {
    /// The features of all of `cfgs` together: compiled when any of theirs is on.
    pub fn any_of<'c>(cfgs: impl IntoIterator<Item = &'c Cfg>) -> Cfg {
        let mut features: Vec<String> = cfgs.into_iter().flat_map(|cfg| cfg.features.iter().cloned()).collect();
        features.sort();
        features.dedup();
        Cfg { features }
    }
}

/// A cargo feature of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Feature {
    /// The feature's name (`call_records`).
    pub name: String,
    /// The namespace it compiles (`microsoft.graph.callRecords`).
    pub namespace: String,
    /// How many types it compiles: its namespace's and every type they reference.
    pub types: usize,
}
