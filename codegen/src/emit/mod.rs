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
    /// body or `;`. An error for a module without a name (only the crate root has none).
    pub(crate) fn declaration(&self) -> crate::Result<String> {
        let name = self.child_name()?.as_str();
        let visibility = if self.public { "pub " } else { "" };
        Ok(format!("{} {visibility}mod {name}", self.cfg))
    }

    /// The name of this module, a child of another: an error when it has none (only the crate
    /// root may have none).
    pub(crate) fn child_name(&self) -> crate::Result<&Ident> {
        self.name.as_ref().ok_or_else(|| crate::Error::Internal {
            message: "a child module has no name (only the crate root may have none)".to_owned(),
        })
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

/// Emits the whole crate as a module tree. An error when the tree does not hold each of the
/// API's types in exactly one module (a bug of lowering).
pub fn emit(api: &Api) -> crate::Result<Module> {
    let mut types: Vec<Option<String>> = crate::parallel::map(&api.types, emit_type).into_iter().map(Some).collect();
    let mut module = emit_module(&api.root);
    fill_types(&mut module, &mut types)?;
    match types.iter().position(Option::is_some) {
        Some(index) => Err(crate::Error::Internal { message: format!("type {index} is in no module of the tree") }),
        None => Ok(module),
    }
}

/// The module tree with every model type left as [`Content::Type`] (an index into
/// [`Api::types`]), to be emitted with [`emit_type`] when its file is asked for.
pub fn emit_lazily(api: &Api) -> Module {
    emit_module(&api.root)
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

/// Replaces each [`Content::Type`] of `module` and its children by the type's text, taken from
/// `types`. An error when a type is in two modules, or its index is not one of the API's (a bug
/// of lowering).
fn fill_types(module: &mut Module, types: &mut [Option<String>]) -> crate::Result<()> {
    if let Content::Type(index) = module.content {
        let text = types.get_mut(index).and_then(Option::take).ok_or_else(|| crate::Error::Internal {
            message: format!("type {index} is in two modules of the tree, or is not one of the API's"),
        })?;
        module.content = Content::Source(text);
    }
    module.children.iter_mut().try_for_each(|child| fill_types(child, types))
}

/// One module and its children, each model type left for later ([`Content::Type`]).
fn emit_module(module: &ir::Module) -> Module {
    let content = match &module.content {
        ir::Content::Empty => Content::Source(String::new()),
        ir::Content::Reexports(reexports) => Content::Source(emit_reexports(reexports).to_string()),
        ir::Content::Type(index) => Content::Type(*index),
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
        children: module.children.iter().map(emit_module).collect(),
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
