//! Stage 3: the IR to tokens with `quote!`. No decisions are made here: names, types, boxes and
//! docs all come from the IR; this stage only writes them in Rust syntax.
//!
//! The result is a [`Module`] tree (the crate root with `models` and `runtime`) of unformatted
//! source text, which [`crate::output`] formats and lays out as files of a crate or as one file
//! for `include!`. Types are emitted on every core: the IR is plain data, and each thread makes
//! its own tokens (proc-macro2's tokens cannot cross threads) and turns them into text.

mod enums;
mod model;
mod requests;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Cfg, Docs, ModelModule, TypeDef, TypeItem};
use crate::lower::ident::{self, Ident};

/// The support code every generated crate carries, as source text: (module name, cargo feature
/// it needs, source). A file that needs a feature says `#![cfg(feature = …)]` itself.
const RUNTIME: &[(&str, Option<&str>, &str)] = &[
    ("additional_properties", None, include_str!("../../runtime/src/additional_properties.rs")),
    ("client", Some("client"), include_str!("../../runtime/src/client.rs")),
    ("enums", None, include_str!("../../runtime/src/enums.rs")),
    ("error", None, include_str!("../../runtime/src/error.rs")),
    ("object", None, include_str!("../../runtime/src/object.rs")),
    ("polymorphism", None, include_str!("../../runtime/src/polymorphism.rs")),
    ("primitives", None, include_str!("../../runtime/src/primitives.rs")),
    ("request", None, include_str!("../../runtime/src/request.rs")),
];

/// A module of the generated crate. Generated code is held as (unformatted) source text, not
/// tokens: text can be formatted on other threads, tokens cannot.
#[derive(Debug, Clone)]
pub struct Module {
    /// The module's name (`None` for the crate root).
    pub name: Option<Ident>,
    /// Whether the module is public.
    pub public: bool,
    /// Attributes of the module's declaration (`#[cfg(…)]`), as source text.
    pub cfg: String,
    /// The module's documentation (inner doc attributes).
    pub docs: Docs,
    /// The module's own items.
    pub content: Content,
    /// The child modules, in declaration order.
    pub children: Vec<Module>,
}

impl Module {
    /// The declaration of this module in its parent (`#[cfg(…)] pub mod name`), without the
    /// body or `;`.
    pub(crate) fn declaration(&self) -> String {
        let name = self.name.as_ref().map(Ident::as_str).unwrap_or_default();
        let visibility = if self.public { "pub " } else { "" };
        format!("{} {visibility}mod {name}", self.cfg)
    }

    /// The module's inner doc attributes, as source text.
    pub(crate) fn inner_docs(&self) -> String {
        let docs = &self.docs.0;
        quote!(#(#![doc = #docs])*).to_string()
    }
}

/// The items of a module.
#[derive(Debug, Clone)]
pub enum Content {
    /// Generated items, as unformatted source text.
    Source(String),
    /// Hand-written support code, copied as it is.
    Verbatim(&'static str),
}

impl Content {
    fn tokens(tokens: TokenStream) -> Self {
        Content::Source(tokens.to_string())
    }
}

/// Emits the whole crate as a module tree.
pub fn emit(api: &Api) -> Module {
    let mut types = emit_types(&api.modules).into_iter();
    let mut models = namespace_tree(&api.modules, &[], &mut types);
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
        cfg: String::new(),
        docs: runtime_docs,
        content: Content::tokens(quote!(#(#runtime_reexports)*)),
        children: RUNTIME
            .iter()
            .map(|(name, _, source)| Module {
                name: Some(ident::ident(name)),
                public: false,
                cfg: String::new(),
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
            cfg: String::new(),
            docs: requests.docs.clone(),
            content: Content::tokens(quote! {
                /// The API version segment of every request URL.
                pub const API_VERSION: &str = #api_version;
            }),
            children: requests
                .modules
                .iter()
                .map(|module| Module {
                    name: Some(module.name.clone()),
                    public: true,
                    cfg: cfg_attr(module.cfg.as_ref()).to_string(),
                    docs: module.docs.clone(),
                    content: Content::tokens(requests::emit_request_module(module)),
                    children: Vec::new(),
                })
                .collect(),
        });
    }
    children.push(runtime);
    Module {
        name: None,
        public: true,
        cfg: String::new(),
        docs: api.docs.clone(),
        content: Content::Source(String::new()),
        children,
    }
}

/// The source text of every type, in the order [`namespace_tree`] visits them, emitted on every
/// available core (the IR is shared; each thread makes its own tokens and turns them into text).
fn emit_types(modules: &[ModelModule]) -> Vec<String> {
    let mut order = Vec::new();
    collect_types(modules, &[], &mut order);
    let emit_one = |ty: &TypeDef| match &ty.item {
        TypeItem::Struct(def) => model::emit_struct(def).to_string(),
        TypeItem::Enum(def) => enums::emit_enum(def).to_string(),
    };
    crate::parallel::map(&order, |ty| emit_one(ty))
}

/// The types of the namespace at `path` and of its submodules, in [`namespace_tree`] order.
fn collect_types<'a>(modules: &'a [ModelModule], path: &[String], out: &mut Vec<&'a TypeDef>) {
    if let Some(module) = modules.iter().find(|module| path_of(module) == path) {
        out.extend(&module.types);
    }
    for segment in next_segments(modules, path) {
        let mut child_path = path.to_vec();
        child_path.push(segment.0);
        collect_types(modules, &child_path, out);
    }
}

/// The module path of a namespace's module, as text (`["partners", "billing"]`).
fn path_of(module: &ModelModule) -> Vec<String> {
    module.path.iter().map(ToString::to_string).collect()
}

/// The distinct next path segments below `path`, sorted: (text, identifier).
fn next_segments(modules: &[ModelModule], path: &[String]) -> Vec<(String, Ident)> {
    let mut next: Vec<(String, Ident)> = modules
        .iter()
        .filter(|module| module.path.len() > path.len() && path_of(module).starts_with(path))
        .map(|module| (module.path[path.len()].to_string(), module.path[path.len()].clone()))
        .collect();
    next.sort_by(|a, b| a.0.cmp(&b.0));
    next.dedup_by(|a, b| a.0 == b.0);
    next
}

/// The module of the namespace at `path` (below `models`), with its namespace submodules; the
/// source of each type comes from `types`, in [`collect_types`] order.
fn namespace_tree(modules: &[ModelModule], path: &[String], types: &mut impl Iterator<Item = String>) -> Module {
    let own = modules.iter().find(|module| path_of(module) == path);
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
            children.push(Module {
                name: Some(file.clone()),
                public: false,
                cfg: cfg.to_string(),
                docs: Docs::default(),
                content: Content::Source(types.next().expect("collect_types visits the types in this order")),
                children: Vec::new(),
            });
        }
    }
    // Namespace submodules: the distinct next path segment of every deeper module.
    for (segment, name) in next_segments(modules, path) {
        let mut child_path = path.to_vec();
        child_path.push(segment);
        let mut child = namespace_tree(modules, &child_path, types);
        child.name = Some(name);
        children.push(child);
    }
    if docs.is_empty() {
        docs.push_generated("Namespace modules.");
    }
    Module {
        name: None,
        public: true,
        cfg: String::new(),
        docs,
        content: Content::tokens(quote!(#(#reexports)*)),
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
