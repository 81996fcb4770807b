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
    /// One cargo feature per namespace or per workload, when asked for
    /// (`LowerOptions::namespace_features`, `LowerOptions::workload_features`).
    pub features: Vec<Feature>,
    /// What the descriptions describe and the crate does not have, with why: nothing is left out
    /// without a word.
    pub omitted: Vec<Omission>,
}

/// Something described that the generated crate does not have (an operation whose parameters a
/// URL cannot carry, say), and why: a warning at generation and import, and a row of the change
/// report when it is new.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Omission {
    /// What is left out: an operation's key (`microsoft.graph.user/f(a)`).
    pub subject: String,
    /// The qualified name of the type it belongs to (`None` at the service root).
    pub owner: Option<String>,
    /// One sentence: what and why.
    pub message: String,
}

impl Api {
    /// Every model type with the path of its namespace module and its features, in tree order.
    pub fn model_types(&self) -> Vec<(String, &TypeItem, Option<&Cfg>)> {
        type Found<'a> = (String, &'a TypeItem, Option<&'a Cfg>);
        fn walk<'a>(api: &'a Api, module: &'a Module, path: &mut Vec<String>, out: &mut Vec<Found<'a>>) {
            for child in &module.children {
                match &child.content {
                    Content::Type(index) => out.push((path.join("::"), &api.types[*index], child.cfg.as_ref())),
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

    /// The `requests` module's service (entry points, imports), when a service is described.
    pub fn service(&self) -> Option<&Service> {
        fn find(module: &Module) -> Option<&Service> {
            match &module.content {
                Content::Service(service) => Some(service),
                _ => module.children.iter().find_map(find),
            }
        }
        find(&self.root)
    }

    /// The namespace modules below `models` that hold types, as paths (`call_records`,
    /// `partners::billing`; the empty path is `models` itself), in tree order.
    pub fn model_module_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.model_types().into_iter().map(|(path, _, _)| path).collect();
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
    /// What one feature is: a namespace or a workload.
    pub kind: FeatureKind,
    /// The feature's name (`call_records`).
    pub name: String,
    /// The namespace it compiles (`microsoft.graph.callRecords`), or a workload's path
    /// (`/users`).
    pub namespace: String,
    /// How many types it compiles: its namespace's and every type they reference.
    pub types: usize,
}

/// What the generated crate's features are one of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    /// A namespace (`--namespace-features`).
    Namespace,
    /// A workload (`--workload-features`).
    Workload,
}
