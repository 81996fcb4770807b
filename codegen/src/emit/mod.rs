//! Stage 3: the IR to tokens with `quote!`. No decisions are made here: names, types, boxes and
//! docs all come from the IR; this stage only writes them in Rust syntax.
//!
//! The result is a [`Module`] tree (the crate root with `models` and `runtime`), which
//! [`crate::output`] lays out as files of a crate or as one file for `include!`.

mod enums;
mod model;
mod requests;
mod types;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{Api, Cfg, Docs, ModelModule, TypeItem};
use crate::lower::ident;

/// The support code every generated crate carries, as source text: (module name, cargo feature
/// it needs, source). A file that needs a feature says `#![cfg(feature = …)]` itself.
const RUNTIME: &[(&str, Option<&str>, &str)] = &[
    ("additional_properties", None, include_str!("../runtime/additional_properties.rs")),
    ("client", Some("client"), include_str!("../runtime/client.rs")),
    ("enums", None, include_str!("../runtime/enums.rs")),
    ("error", None, include_str!("../runtime/error.rs")),
    ("object", None, include_str!("../runtime/object.rs")),
    ("polymorphism", None, include_str!("../runtime/polymorphism.rs")),
    ("primitives", None, include_str!("../runtime/primitives.rs")),
    ("request", None, include_str!("../runtime/request.rs")),
];

/// A module of the generated crate.
#[derive(Debug, Clone)]
pub struct Module {
    /// The module's name (`None` for the crate root).
    pub name: Option<Ident>,
    /// Whether the module is public.
    pub public: bool,
    /// Attributes of the module's declaration (`#[cfg(…)]`).
    pub cfg: TokenStream,
    /// The module's documentation (inner doc attributes).
    pub docs: Docs,
    /// The module's own items.
    pub content: Content,
    /// The child modules, in declaration order.
    pub children: Vec<Module>,
}

/// The items of a module.
#[derive(Debug, Clone)]
pub enum Content {
    /// Generated items.
    Tokens(TokenStream),
    /// Hand-written support code, copied as it is.
    Verbatim(&'static str),
}

/// Emits the whole crate as a module tree.
pub fn emit(api: &Api) -> Module {
    let mut models = namespace_tree(&api.modules, &[]);
    models.name = Some(ident::ident("models"));
    let mut runtime_docs = Docs::default();
    runtime_docs.push_generated("Support code for the generated models and requests: unknown-property storage, enum and flags handling, wire-exact primitive values, sans-IO requests and errors, and (with the `client` feature) an async client.");
    runtime_docs.push_generated("This module is copied verbatim by `msgraph-codegen` into every generated crate.");
    let runtime_reexports = RUNTIME.iter().map(|(name, feature, _)| {
        let name = ident::ident(name);
        let cfg = feature.map(|feature| quote!(#[cfg(feature = #feature)]));
        quote!(#cfg pub use self::#name::*;)
    });
    let runtime = Module {
        name: Some(ident::ident("runtime")),
        public: true,
        cfg: TokenStream::new(),
        docs: runtime_docs,
        content: Content::Tokens(quote!(#(#runtime_reexports)*)),
        children: RUNTIME
            .iter()
            .map(|(name, _, source)| Module {
                name: Some(ident::ident(name)),
                public: false,
                cfg: TokenStream::new(),
                docs: Docs::default(),
                content: Content::Verbatim(source),
                children: Vec::new(),
            })
            .collect(),
    };
    let mut children = vec![models];
    if let Some(requests) = &api.requests {
        let api_version = &requests.api_version;
        children.push(Module {
            name: Some(ident::ident("requests")),
            public: true,
            cfg: TokenStream::new(),
            docs: requests.docs.clone(),
            content: Content::Tokens(quote! {
                /// The API version segment of every request URL.
                pub const API_VERSION: &str = #api_version;
            }),
            children: requests
                .modules
                .iter()
                .map(|module| Module {
                    name: Some(module.name.clone()),
                    public: true,
                    cfg: cfg_attr(module.cfg.as_ref()),
                    docs: module.docs.clone(),
                    content: Content::Tokens(requests::emit_request_module(module)),
                    children: Vec::new(),
                })
                .collect(),
        });
    }
    children.push(runtime);
    Module {
        name: None,
        public: true,
        cfg: TokenStream::new(),
        docs: api.docs.clone(),
        content: Content::Tokens(TokenStream::new()),
        children,
    }
}

/// The module of the namespace at `path` (below `models`), with its namespace submodules.
fn namespace_tree(modules: &[ModelModule], path: &[String]) -> Module {
    let as_strings = |module: &ModelModule| module.path.iter().map(ToString::to_string).collect::<Vec<_>>();
    let own = modules.iter().find(|module| as_strings(module) == path);
    let mut children = Vec::new();
    let mut reexports = Vec::new();
    let mut docs = Docs::default();
    if let Some(module) = own {
        docs = module.docs.clone();
        for ty in &module.types {
            let file = &ty.file_module;
            let exports = &ty.exports;
            let cfg = cfg_attr(ty.cfg.as_ref());
            reexports.push(quote!(#cfg pub use self::#file::{#(#exports),*};));
            let tokens = match &ty.item {
                TypeItem::Struct(def) => model::emit_struct(def),
                TypeItem::Enum(def) => enums::emit_enum(def),
            };
            children.push(Module {
                name: Some(file.clone()),
                public: false,
                cfg,
                docs: Docs::default(),
                content: Content::Tokens(tokens),
                children: Vec::new(),
            });
        }
    }
    // Namespace submodules: the distinct next path segment of every deeper module.
    let mut next: Vec<(String, Ident)> = modules
        .iter()
        .filter(|module| module.path.len() > path.len() && as_strings(module).starts_with(path))
        .map(|module| (module.path[path.len()].to_string(), module.path[path.len()].clone()))
        .collect();
    next.sort_by(|a, b| a.0.cmp(&b.0));
    next.dedup_by(|a, b| a.0 == b.0);
    for (segment, name) in next {
        let mut child_path = path.to_vec();
        child_path.push(segment);
        let mut child = namespace_tree(modules, &child_path);
        child.name = Some(name);
        children.push(child);
    }
    if docs.is_empty() {
        docs.push_generated("Namespace modules.");
    }
    Module {
        name: None,
        public: true,
        cfg: TokenStream::new(),
        docs,
        content: Content::Tokens(quote!(#(#reexports)*)),
        children,
    }
}

/// `#[cfg(any(feature = "a", feature = "b"))]`, or nothing.
pub(crate) fn cfg_attr(cfg: Option<&Cfg>) -> TokenStream {
    match cfg {
        Some(Cfg { features }) if features.len() == 1 => {
            let feature = &features[0];
            quote!(#[cfg(feature = #feature)])
        }
        Some(Cfg { features }) => quote!(#[cfg(any(#(feature = #features),*))]),
        None => TokenStream::new(),
    }
}

/// `#[doc = "…"]` attributes, one per line.
fn doc_attrs(docs: &Docs) -> TokenStream {
    let lines = &docs.0;
    quote!(#(#[doc = #lines])*)
}
