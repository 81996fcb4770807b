//! What each entity type adds to the runtime's path builders (one inherent `impl` of `Item<T>`
//! and one of `Items<T>`, in the type's file), and the `requests` module's entry points and
//! operation imports.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{cfg_attr, doc_attrs, types};
use crate::ir::{
    Addressing, Argument, ArgumentType, Call, CallKind, Caps, Ident, Import, PathMethod, PathMethodKind, Root, Service,
};

/// The requests of the entity type `ty`: its struct, how it is made at an address, the
/// `Addressable` impl that makes `Item<T>` and `Items<T>` dereference to it, and its methods on
/// one entity and on a collection.
pub fn emit_addressing(ty: &Ident, addressing: &Addressing) -> TokenStream {
    let name = &addressing.name;
    let docs = doc_attrs(&addressing.docs);
    let item = (!addressing.item.is_empty()).then(|| {
        let methods = addressing.item.iter().map(|method| emit_method(ty, method, false));
        quote! {
            impl<A> #name<crate::runtime::One, A> {
                #(#methods)*
            }
        }
    });
    let items = (!addressing.items.is_empty()).then(|| {
        let methods = addressing.items.iter().map(|method| emit_method(ty, method, true));
        quote! {
            impl<A: crate::runtime::Caps> #name<crate::runtime::Many, A> {
                #(#methods)*
            }
        }
    });
    quote! {
        #docs
        pub struct #name<K, A> {
            address: crate::runtime::Address,
            kind: ::core::marker::PhantomData<fn() -> (K, A)>,
        }

        impl<K, A> crate::runtime::Addressed for #name<K, A> {
            #[inline]
            fn at(path: crate::runtime::PathBuilder, api_version: &'static str) -> Self {
                Self { address: crate::runtime::Address::new(path, api_version), kind: ::core::marker::PhantomData }
            }

            #[inline]
            fn address(&self) -> (&crate::runtime::PathBuilder, &'static str) {
                self.address.parts()
            }
        }

        impl crate::runtime::Addressable for #ty {
            type Requests<K, A> = #name<K, A>;
        }

        #item
        #items
    }
}

/// The methods the complex type `ty` adds to `Property<ty>`: its navigation properties (nothing
/// when it has none).
pub fn emit_property_methods(ty: &Ident, methods: &[PathMethod]) -> TokenStream {
    if methods.is_empty() {
        return TokenStream::new();
    }
    let methods = methods.iter().map(|method| emit_method(ty, method, false));
    quote! {
        impl crate::runtime::Property<#ty> {
            #(#methods)*
        }
    }
}

/// `Items<T>` or `Item<T>`, with the capabilities as their `Allow<…>` argument when they are not
/// the runtime's default (everything but references; lowering leaves `create` to collections).
fn builder(target: TokenStream, collection: bool, caps: Caps) -> TokenStream {
    let Caps { create, update, delete, reference } = caps;
    let default = create == collection && update && delete && !reference;
    let allow = (!default).then(|| quote!(, crate::runtime::Allow<#create, #update, #delete, #reference>));
    if collection {
        quote!(crate::runtime::Items<#target #allow>)
    } else {
        quote!(crate::runtime::Item<#target #allow>)
    }
}

/// A method of the type's requests on one entity, or on a collection (`many`), whose members'
/// builders allow what the collection allows, but creating.
fn emit_method(ty: &Ident, method: &PathMethod, many: bool) -> TokenStream {
    let member = if many { quote!(A::Member) } else { quote!(A) };
    let cfg = cfg_attr(method.cfg.as_ref());
    let docs = doc_attrs(&method.docs);
    let docs = quote!(#docs #cfg);
    let name = &method.name;
    match &method.kind {
        PathMethodKind::Navigation { segment, target, collection, caps } => {
            let output = builder(types::type_path(target), *collection, *caps);
            quote! {
                #docs
                pub fn #name(&self) -> #output {
                    crate::runtime::Addressed::child(self, #segment)
                }
            }
        }
        PathMethodKind::Stream { segment } => quote! {
            #docs
            pub fn #name(&self) -> crate::runtime::Media {
                crate::runtime::Addressed::child(self, #segment)
            }
        },
        PathMethodKind::AlternateKey { parts } => {
            let wire = parts.iter().map(|(wire, _)| wire);
            let arguments: Vec<&Ident> = parts.iter().map(|(_, argument)| argument).collect();
            quote! {
                #docs
                pub fn #name(&self, #(#arguments: impl crate::runtime::ODataLiteral),*) -> crate::runtime::Item<#ty, #member> {
                    crate::runtime::Addressed::alternate_key(self, &[#((#wire, &#arguments)),*])
                }
            }
        }
        PathMethodKind::ByPath { host: false } => quote! {
            #docs
            pub fn #name(&self, path: &str) -> crate::runtime::Item<#ty, #member> {
                crate::runtime::Addressed::item_path(self, path)
            }
        },
        PathMethodKind::ByPath { host: true } => quote! {
            #docs
            pub fn #name(&self, hostname: &str, path: &str) -> crate::runtime::Item<#ty, #member> {
                crate::runtime::Addressed::host_path(self, hostname, path)
            }
        },
        PathMethodKind::Call(call) if let CallKind::Function { arguments, composed: Some(composed) } = &call.kind => {
            let segment = &call.segment;
            let output = builder(types::type_path(&composed.target), composed.collection, composed.caps);
            let parameters = arguments.iter().map(parameter);
            let wire = arguments.iter().map(|argument| &argument.wire_name);
            let names = arguments.iter().map(|argument| &argument.name);
            quote! {
                #docs
                pub fn #name(&self, #(#parameters),*) -> #output {
                    crate::runtime::Addressed::composed(self, #segment, &[#((#wire, &#names as &dyn crate::runtime::ODataLiteral)),*])
                }
            }
        }
        PathMethodKind::Call(call) => {
            let parameters = parameters(call);
            let (output, request) = call_request(call, Some(quote!(self)));
            quote! {
                #docs
                pub fn #name(&self, #(#parameters),*) -> #output {
                    #request
                }
            }
        }
    }
}

/// `name: Type` of an argument.
fn parameter(argument: &Argument) -> TokenStream {
    let name = &argument.name;
    let ty = match &argument.ty {
        ArgumentType::Str => quote!(&str),
        ArgumentType::StrSlice => quote!(&[&str]),
        ArgumentType::Value(value) => types::value_type(value),
    };
    quote!(#name: #ty)
}

/// The parameters of a call's method: a function's arguments, or an action's body.
fn parameters(call: &Call) -> Vec<TokenStream> {
    match &call.kind {
        CallKind::Function { arguments, .. } => arguments.iter().map(parameter).collect(),
        CallKind::Action { body, .. } => body.iter().map(super::requests::body_parameter).collect(),
    }
}

/// The request type of a call and the expression that builds it, from `on` (a path builder,
/// or `None` for an operation import at the service root).
fn call_request(call: &Call, on: Option<TokenStream>) -> (TokenStream, TokenStream) {
    let (output, decode, headers) = super::requests::shape(&call.shape);
    let segment = &call.segment;
    let (start, arguments, body) = match (&call.kind, on) {
        (CallKind::Function { arguments, .. }, on) => {
            let start = match on {
                Some(on) => quote!(crate::runtime::Addressed::function(#on, #segment, #decode)),
                None => quote! {
                    crate::runtime::Request::new(::http::Method::GET, crate::runtime::PathBuilder::new().function(#segment), API_VERSION, 200, #decode)
                },
            };
            let arguments: Vec<TokenStream> = arguments
                .iter()
                .map(|argument| {
                    let (wire, name) = (&argument.wire_name, &argument.name);
                    quote!(.parameter(#wire, #name))
                })
                .collect();
            (start, arguments, None)
        }
        (CallKind::Action { body, success_status }, on) => {
            let status = Literal::u16_unsuffixed(*success_status);
            let start = match on {
                Some(on) => {
                    quote!(crate::runtime::Addressed::operation(#on, ::http::Method::POST, #segment, #status, #decode))
                }
                None => quote! {
                    crate::runtime::Request::new(::http::Method::POST, crate::runtime::PathBuilder::new().segment(#segment), API_VERSION, #status, #decode)
                },
            };
            (start, Vec::new(), body.as_ref().map(|body| super::requests::body_call(&body.name)))
        }
    };
    (output, quote!(#start #(#arguments)* #body #headers))
}

/// The `requests` module's own items: `API_VERSION`, the entry points and the imports.
pub fn emit_service(service: &Service) -> TokenStream {
    let crate::ir::Constant { docs, name, value } = &service.api_version;
    let docs = doc_attrs(docs);
    let roots = service.roots.iter().map(emit_root);
    let imports = service.imports.iter().map(emit_import);
    quote! {
        #docs
        pub const #name: &str = #value;
        #(#roots)*
        #(#imports)*
    }
}

fn emit_root(root: &Root) -> TokenStream {
    let Root { name, docs, cfg, segment, target, singleton, caps } = root;
    let docs = doc_attrs(docs);
    let cfg = cfg_attr(cfg.as_ref());
    let output = builder(types::type_path(target), !singleton, *caps);
    quote! {
        #cfg
        #docs
        pub fn #name() -> #output {
            crate::runtime::Addressed::root(#segment, API_VERSION)
        }
    }
}

fn emit_import(import: &Import) -> TokenStream {
    let Import { name, docs, cfg, call } = import;
    let docs = doc_attrs(docs);
    let cfg = cfg_attr(cfg.as_ref());
    let parameters = parameters(call);
    let (output, request) = call_request(call, None);
    quote! {
        #cfg
        #docs
        pub fn #name(#(#parameters),*) -> #output {
            #request
        }
    }
}
