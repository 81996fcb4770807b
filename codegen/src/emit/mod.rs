//! Stage 3: the IR to tokens with `quote!`. No decisions are made here: the module tree, names,
//! types, boxes and every doc line that depends on the descriptions come from the IR; this stage
//! only writes them in Rust syntax (text that is the same for every generated item, such as the
//! doc comment of `builder()`, is part of the templates).
//!
//! The result is a [`Module`] tree of unformatted source text, which [`crate::output`] formats and
//! lays out as files of a crate or as one file for `include!`. Types are emitted on every core:
//! the IR is plain data and keeps its types in one list ([`Api::types`]) that the tree refers to
//! by index, so each thread makes its own tokens (proc-macro2's tokens cannot cross threads) and
//! turns them into text; then one walk of the tree builds the modules.

mod addressing;
mod enums;
mod model;
mod requests;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{self, Api, Cfg, Docs, Ident, TypeItem};

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
        let docs = self.docs.lines();
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
    /// One model type, not emitted yet: an index into the types the crate keeps beside the tree
    /// ([`emit_lazily`]), so that a type whose file the format cache holds is never emitted.
    Type(usize),
}

/// Emits the whole crate as a module tree.
pub fn emit(api: &Api) -> Module {
    let mut types: Vec<Option<String>> = crate::parallel::map(&api.types, emit_type).into_iter().map(Some).collect();
    emit_module(&api.root, &mut Some(&mut types))
}

/// The module tree with every model type left as [`Content::Type`] (an index into
/// [`Api::types`]), to be emitted with [`emit_type`] when its file is asked for.
pub fn emit_lazily(api: &Api) -> Module {
    emit_module(&api.root, &mut None)
}

/// The unformatted source text of one model type.
pub fn emit_type(item: &TypeItem) -> String {
    emit_type_tokens(item).to_string()
}

/// The tokens of one model type (formatted from the tokens themselves, a type file is not
/// written out as text and lexed again).
pub fn emit_type_tokens(item: &TypeItem) -> TokenStream {
    match item {
        TypeItem::Struct(def) => model::emit_struct(def),
        TypeItem::Enum(def) => enums::emit_enum(def),
    }
}

/// One module and its children. A type's text is taken from `types` (each type lives in one
/// module of the tree), or left for later ([`Content::Type`]) without them.
fn emit_module(module: &ir::Module, types: &mut Option<&mut Vec<Option<String>>>) -> Module {
    let content = match &module.content {
        ir::Content::Empty => Content::Source(String::new()),
        ir::Content::Reexports(reexports) => Content::Source(emit_reexports(reexports).to_string()),
        ir::Content::Type(index) => match types {
            Some(types) => Content::Source(types[*index].take().unwrap_or_default()),
            None => Content::Type(*index),
        },
        ir::Content::Service(service) => Content::Source(addressing::emit_service(service).to_string()),
        ir::Content::Requests(requests) => Content::Source(requests::emit_request_module(requests).to_string()),
        ir::Content::Verbatim(source) => Content::Verbatim(source),
    };
    Module {
        name: module.name.clone(),
        public: module.public,
        cfg: cfg_attr(module.cfg.as_ref()).to_string(),
        docs: module.docs.clone(),
        content,
        children: module.children.iter().map(|child| emit_module(child, types)).collect(),
    }
}

fn emit_reexports(reexports: &[ir::Reexport]) -> TokenStream {
    let items = reexports.iter().map(|reexport| {
        let cfg = cfg_attr(reexport.cfg.as_ref());
        let module = &reexport.module;
        let names = &reexport.names;
        if names.is_empty() {
            quote!(#cfg pub use self::#module::*;)
        } else {
            quote!(#cfg pub use self::#module::{#(#names),*};)
        }
    });
    quote!(#(#items)*)
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
    let lines = docs.lines();
    quote!(#(#[doc = #lines])*)
}
