//! The crate's module tree: `models` with a module per namespace and a private file module per
//! type, `requests` with a module per resource, and `runtime` with the support code. Every module
//! name, re-export and doc line of the tree is decided here, so emitting it is one walk.

use super::ident::{self, Ident, Scope};
use crate::ir::{Cfg, Content, Docs, Module, Reexport, RequestModule, Service, TypeItem};

/// The support code every generated crate carries, as source text: (module name, cargo feature
/// it needs, source). A file that needs a feature says `#![cfg(feature = …)]` itself. The public
/// items of each file are re-exported from `runtime`, except for the files in [`RUNTIME_INTERNAL`].
const RUNTIME: &[(&str, Option<&str>, &str)] = &[
    ("additional_properties", None, include_str!("../../runtime/src/additional_properties.rs")),
    ("address", None, include_str!("../../runtime/src/address.rs")),
    ("base64", None, include_str!("../../runtime/src/base64.rs")),
    ("batch", None, include_str!("../../runtime/src/batch.rs")),
    ("batch_json", None, include_str!("../../runtime/src/batch_json.rs")),
    ("batch_response", None, include_str!("../../runtime/src/batch_response.rs")),
    ("client", Some("client"), include_str!("../../runtime/src/client.rs")),
    ("client_batch", Some("client"), include_str!("../../runtime/src/client_batch.rs")),
    ("client_upload", Some("client"), include_str!("../../runtime/src/client_upload.rs")),
    ("collection", None, include_str!("../../runtime/src/collection.rs")),
    ("delta", None, include_str!("../../runtime/src/delta.rs")),
    ("enums", None, include_str!("../../runtime/src/enums.rs")),
    ("error", None, include_str!("../../runtime/src/error.rs")),
    ("literal", None, include_str!("../../runtime/src/literal.rs")),
    ("object", None, include_str!("../../runtime/src/object.rs")),
    ("path", None, include_str!("../../runtime/src/path.rs")),
    ("pending", None, include_str!("../../runtime/src/pending.rs")),
    ("polymorphism", None, include_str!("../../runtime/src/polymorphism.rs")),
    ("primitives", None, include_str!("../../runtime/src/primitives.rs")),
    ("property", None, include_str!("../../runtime/src/property.rs")),
    ("query", None, include_str!("../../runtime/src/query.rs")),
    ("raw", None, include_str!("../../runtime/src/raw.rs")),
    ("request", None, include_str!("../../runtime/src/request.rs")),
    ("response", None, include_str!("../../runtime/src/response.rs")),
    ("upload", None, include_str!("../../runtime/src/upload.rs")),
    ("values", None, include_str!("../../runtime/src/values.rs")),
];

/// The runtime files without public items: helpers the other files use as `super::file::…`, or
/// methods of another file's types (`impl Client` blocks); re-exporting nothing would be a warning.
const RUNTIME_INTERNAL: &[&str] = &["base64", "batch_json", "client_batch", "client_upload", "pending"];

/// A type on its way into the tree: where it goes and what its file exports.
pub(super) struct PlacedType {
    /// The features that compile it.
    pub cfg: Option<Cfg>,
    /// Its file module.
    pub file_module: Ident,
    /// The items its file exports.
    pub exports: Vec<Ident>,
    /// The type.
    pub item: TypeItem,
}

/// The types of one namespace, with the module path they go to (below `models`).
pub(super) struct NamespaceTypes {
    /// The module path (empty for the root namespace).
    pub path: Vec<String>,
    /// The module's documentation.
    pub docs: Docs,
    /// The types, sorted by Rust name.
    pub types: Vec<PlacedType>,
}

/// A request module on its way into the tree.
pub(super) struct PlacedRequests {
    /// The module's name.
    pub name: Ident,
    /// The features that compile it.
    pub cfg: Option<Cfg>,
    /// Its documentation.
    pub docs: Docs,
    /// Its functions, bodies and markers.
    pub module: RequestModule,
}

/// The `requests` module's parts.
pub(super) struct RequestsTree {
    /// The API version, entry points and operation imports.
    pub service: Service,
    /// The module's documentation.
    pub docs: Docs,
    /// The resource modules, sorted by name.
    pub modules: Vec<PlacedRequests>,
}

/// The crate root: `models`, then `requests` (when operations are described), then `runtime`.
/// Model types move into `types`, which the tree refers to by index.
pub(super) fn crate_tree(
    docs: Docs,
    namespaces: Vec<NamespaceTypes>,
    requests: Option<RequestsTree>,
    types: &mut Vec<TypeItem>,
) -> Module {
    let mut models = namespace_module(&mut namespaces.into_iter().map(Some).collect::<Vec<_>>(), &[], types);
    models.name = Some(ident::ident("models"));
    let mut children = vec![models];
    children.extend(requests.map(requests_module));
    children.push(runtime_module());
    Module { name: None, public: true, cfg: None, docs, content: Content::Empty, children }
}

/// The module of the namespace at `path` (below `models`) with its namespace submodules. Each
/// namespace is taken out of `namespaces` when its module is built.
fn namespace_module(namespaces: &mut [Option<NamespaceTypes>], path: &[String], types: &mut Vec<TypeItem>) -> Module {
    let own = namespaces.iter_mut().find(|ns| ns.as_ref().is_some_and(|ns| ns.path == path)).and_then(Option::take);
    let mut children = Vec::new();
    let mut reexports = Vec::new();
    let mut docs = Docs::default();
    if let Some(namespace) = own {
        docs = namespace.docs;
        for placed in namespace.types {
            reexports.push(Reexport {
                cfg: placed.cfg.clone(),
                module: placed.file_module.clone(),
                names: placed.exports,
            });
            children.push(Module {
                name: Some(placed.file_module),
                public: false,
                cfg: placed.cfg,
                docs: Docs::default(),
                content: Content::Type(types.len()),
                children: Vec::new(),
            });
            types.push(placed.item);
        }
    }
    for segment in next_segments(namespaces, path) {
        let mut child_path = path.to_vec();
        child_path.push(segment.clone());
        let mut child = namespace_module(namespaces, &child_path, types);
        child.name = Some(ident::ident(&segment));
        children.push(child);
    }
    if docs.is_empty() {
        docs.push_generated("Namespace modules.");
    }
    Module { name: None, public: true, cfg: None, docs, content: Content::Reexports(reexports), children }
}

/// The distinct next path segments below `path` of the namespaces not placed yet, sorted.
fn next_segments(namespaces: &[Option<NamespaceTypes>], path: &[String]) -> Vec<String> {
    let mut next: Vec<String> = namespaces
        .iter()
        .flatten()
        .filter(|ns| ns.path.len() > path.len() && ns.path.starts_with(path))
        .map(|ns| ns.path[path.len()].clone())
        .collect();
    // In the order of the identifiers' text, as the modules are declared (`r#type` sorts by `r`).
    next.sort_by_cached_key(|segment| ident::ident(segment).to_string());
    next.dedup();
    next
}

fn requests_module(requests: RequestsTree) -> Module {
    Module {
        name: Some(ident::ident("requests")),
        public: true,
        cfg: None,
        docs: requests.docs,
        content: Content::Service(requests.service),
        children: requests
            .modules
            .into_iter()
            .map(|placed| Module {
                name: Some(placed.name),
                public: true,
                cfg: placed.cfg,
                docs: placed.docs,
                content: Content::Requests(placed.module),
                children: Vec::new(),
            })
            .collect(),
    }
}

fn runtime_module() -> Module {
    let mut docs = Docs::generated(
        "Support code for the generated models and requests: unknown-property storage, enum and flags handling, wire-exact primitive values, sans-IO requests (raw ones too), JSON batches, large-file uploads and errors, and (with the `client` feature) an async client.",
    );
    docs.push_generated("This module is copied verbatim by `msgraph-codegen` into every generated crate.");
    let mut names = Scope::default();
    let files: Vec<(Ident, Option<&str>, &'static str)> = RUNTIME
        .iter()
        .map(|(name, feature, source)| (ident::ident(&names.claim_free(name, "")), *feature, *source))
        .collect();
    let reexports = files
        .iter()
        .zip(RUNTIME)
        .filter(|(_, (file, _, _))| !RUNTIME_INTERNAL.contains(file))
        .map(|((name, feature, _), _)| Reexport {
            cfg: feature.map(|feature| Cfg { features: vec![feature.to_owned()] }),
            module: name.clone(),
            names: Vec::new(),
        })
        .collect();
    Module {
        name: Some(ident::ident("runtime")),
        public: true,
        cfg: None,
        docs,
        content: Content::Reexports(reexports),
        children: files
            .into_iter()
            .map(|(name, _, source)| Module {
                name: Some(name),
                public: false,
                cfg: None,
                docs: Docs::default(),
                content: Content::Verbatim(source),
                children: Vec::new(),
            })
            .collect(),
    }
}
