//! What each entity type adds to the runtime's path builders (one inherent `impl` of `Item<T>`
//! and one of `Items<T>`, in the type's file), and the `requests` module's entry points and
//! operation imports.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::requests::body_type;
use super::{cfg_attr, doc_attrs, types};
use crate::ir::{
    Addressing, Argument, ArgumentType, Call, Caps, Ident, Import, PathMethod, PathMethodKind, Root, Service,
};

/// The `impl` blocks of the entity type `ty`, or of the complex type `ty` on `Property<ty>`
/// (nothing when it adds no method).
pub fn emit_addressing(ty: &Ident, addressing: &Addressing) -> TokenStream {
    let item = (!addressing.item.is_empty()).then(|| {
        let methods = addressing.item.iter().map(|method| emit_method(ty, method));
        quote! {
            impl<const UPDATE: bool, const DELETE: bool, const REF: bool> crate::runtime::Item<#ty, UPDATE, DELETE, REF> {
                #(#methods)*
            }
        }
    });
    let items = (!addressing.items.is_empty()).then(|| {
        let methods = addressing.items.iter().map(|method| emit_method(ty, method));
        quote! {
            impl<const CREATE: bool, const UPDATE: bool, const DELETE: bool, const REF: bool>
                crate::runtime::Items<#ty, CREATE, UPDATE, DELETE, REF>
            {
                #(#methods)*
            }
        }
    });
    let property = (!addressing.property.is_empty()).then(|| {
        let methods = addressing.property.iter().map(|method| emit_method(ty, method));
        quote! {
            impl crate::runtime::Property<#ty> {
                #(#methods)*
            }
        }
    });
    quote!(#item #items #property)
}

/// `Items<T, …>` or `Item<T, …>` with the capabilities as const arguments.
fn builder(target: TokenStream, collection: bool, caps: Caps) -> TokenStream {
    let Caps { create, update, delete, reference } = caps;
    if collection {
        quote!(crate::runtime::Items<#target, #create, #update, #delete, #reference>)
    } else {
        quote!(crate::runtime::Item<#target, #update, #delete, #reference>)
    }
}

fn emit_method(ty: &Ident, method: &PathMethod) -> TokenStream {
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
                pub fn #name(&self, #(#arguments: impl crate::runtime::ODataLiteral),*) -> crate::runtime::Item<#ty, UPDATE, DELETE, REF> {
                    crate::runtime::Addressed::alternate_key(self, &[#((#wire, &#arguments)),*])
                }
            }
        }
        PathMethodKind::Call(Call { segment, arguments, composed: Some(composed), .. }) => {
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
    let mut parameters: Vec<TokenStream> = call.arguments.iter().map(parameter).collect();
    if let Some(body) = &call.body {
        let body = types::type_path(body);
        parameters.push(quote!(parameters: &#body));
    }
    parameters
}

/// The request type of a call and the expression that builds it, from `on` (a path builder,
/// or `None` for an operation import at the service root).
fn call_request(call: &Call, on: Option<TokenStream>) -> (TokenStream, TokenStream) {
    let collection = call.response.as_ref().is_some_and(|body| body.collection);
    let response = call.response.as_ref().map(body_type);
    let (output, decode, status) = match (call.function, response) {
        _ if call.stream => (quote!(::std::vec::Vec<u8>), quote!(crate::runtime::decode_bytes), 200),
        (true, Some(body)) if call.wrapped => (body, quote!(crate::runtime::decode_value), 200),
        (true, Some(body)) => (body, quote!(crate::runtime::decode_json), 200),
        (false, Some(body)) if call.wrapped => {
            (quote!(crate::runtime::Outcome<#body>), quote!(crate::runtime::decode_outcome_value), 200)
        }
        (false, Some(body)) => (quote!(crate::runtime::Outcome<#body>), quote!(crate::runtime::decode_outcome), 200),
        (_, None) => (quote!(()), quote!(crate::runtime::decode_empty), 204),
    };
    let query =
        if call.function && collection { quote!(crate::runtime::ListQuery) } else { quote!(crate::runtime::NoQuery) };
    let segment = &call.segment;
    let status = Literal::u16_unsuffixed(status);
    let start = match (on, call.function) {
        (Some(on), true) => quote!(crate::runtime::Addressed::function(#on, #segment, #decode)),
        (Some(on), false) => {
            quote!(crate::runtime::Addressed::operation(#on, ::http::Method::POST, #segment, #status, #decode))
        }
        (None, true) => quote! {
            crate::runtime::Request::new(::http::Method::GET, crate::runtime::PathBuilder::new().function(#segment), API_VERSION, 200, #decode)
        },
        (None, false) => quote! {
            crate::runtime::Request::new(::http::Method::POST, crate::runtime::PathBuilder::new().segment(#segment), API_VERSION, #status, #decode)
        },
    };
    let arguments = call.arguments.iter().map(|argument| {
        let wire = &argument.wire_name;
        let name = &argument.name;
        quote!(.parameter(#wire, #name))
    });
    let body = call.body.as_ref().map(|_| quote!(.json_body(parameters)));
    let accept = call.stream.then(|| quote!(.header("Accept", "*/*")));
    (quote!(crate::runtime::Request<#output, #query>), quote!(#start #(#arguments)* #body #accept))
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
