//! Request modules: a function per operation that builds a sans-IO `runtime::Request`, the
//! bodies documented inline, and the query option markers.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_attrs, model, types};
use crate::ir::{BodyType, BodyValue, Example, Method, Operation, PathPart, QueryMarker, QueryOption, RequestModule};

/// Everything in one request module.
pub fn emit_request_module(module: &RequestModule) -> TokenStream {
    let bodies = module.bodies.iter().map(model::emit_struct);
    let markers = module.query_markers.iter().map(emit_marker);
    let functions = module.operations.iter().map(emit_operation);
    let examples: Vec<TokenStream> = module.operations.iter().flat_map(|op| &op.examples).map(emit_example).collect();
    let examples = (!examples.is_empty()).then(|| {
        quote! {
            /// The documentation pages' examples: each body deserializes and serializes back to the
            /// same JSON.
            #[cfg(test)]
            mod examples {
                #(#examples)*
            }
        }
    });
    quote! {
        #(#functions)*
        #(#markers)*
        #(#bodies)*
        #examples
    }
}

fn emit_example(example: &Example) -> TokenStream {
    let docs = doc_attrs(&example.docs);
    let test = &example.test;
    let json = &example.json;
    let one = match &example.ty.value {
        // A body struct lives in the request module, the parent of `examples`.
        BodyValue::Local(name) => quote!(super::#name),
        BodyValue::Value(value) => types::value_type(value),
    };
    let ty = if example.ty.collection { quote!(crate::runtime::Collection<#one>) } else { one };
    quote! {
        #docs
        #[test]
        fn #test() {
            crate::runtime::assert_round_trip::<#ty>(#json);
        }
    }
}

fn emit_operation(operation: &Operation) -> TokenStream {
    let docs = doc_attrs(&operation.docs);
    let function = &operation.function;
    let params: Vec<_> = operation
        .path
        .iter()
        .filter_map(|part| match part {
            PathPart::Param { name, .. } => Some(name),
            PathPart::Literal(_) => None,
        })
        .collect();
    let path = operation.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(.literal(#text)),
        PathPart::Param { name, template_name } => quote!(.param(#template_name, #name)),
    });
    let (body_param, body_call) = match &operation.body {
        Some((name, body)) => {
            let ty = body_type(body);
            (quote!(#name: &#ty), quote!(.json_body(#name)))
        }
        None => (quote!(), quote!()),
    };
    let response = operation.response.as_ref().map_or_else(|| quote!(()), body_type);
    let (response, decode) = match (&operation.response, operation.outcome) {
        (Some(_), true) => (quote!(crate::runtime::Outcome<#response>), quote!(crate::runtime::decode_outcome)),
        (Some(_), false) => (response, quote!(crate::runtime::decode_json)),
        (None, _) => (response, quote!(crate::runtime::decode_empty)),
    };
    let query = operation.query.as_ref().map_or_else(|| quote!(crate::runtime::NoQuery), |marker| quote!(#marker));
    let method = match operation.method {
        Method::Get => quote!(GET),
        Method::Post => quote!(POST),
        Method::Patch => quote!(PATCH),
        Method::Put => quote!(PUT),
        Method::Delete => quote!(DELETE),
    };
    let status = Literal::u16_unsuffixed(operation.success_status);
    let headers = operation.headers.iter().map(|(name, value)| quote!(.header(#name, #value)));
    quote! {
        #docs
        pub fn #function(#(#params: &str,)* #body_param) -> crate::runtime::Request<#response, #query> {
            let path = crate::runtime::PathBuilder::new()#(#path)*;
            crate::runtime::Request::new(::http::Method::#method, path, crate::requests::API_VERSION, #status, #decode)
                #body_call
                #(#headers)*
        }
    }
}

pub(super) fn body_type(body: &BodyType) -> TokenStream {
    let one = match &body.value {
        BodyValue::Value(value) => types::value_type(value),
        BodyValue::Local(name) => quote!(#name),
    };
    if body.collection { quote!(crate::runtime::Collection<#one>) } else { one }
}

fn emit_marker(marker: &QueryMarker) -> TokenStream {
    let docs = doc_attrs(&marker.docs);
    let name = &marker.name;
    let supports = marker.options.iter().map(|option| match option {
        QueryOption::Select => quote!(SupportsSelect),
        QueryOption::Expand => quote!(SupportsExpand),
        QueryOption::Filter => quote!(SupportsFilter),
        QueryOption::OrderBy => quote!(SupportsOrderBy),
        QueryOption::Top => quote!(SupportsTop),
        QueryOption::Skip => quote!(SupportsSkip),
        QueryOption::Count => quote!(SupportsCount),
        QueryOption::Search => quote!(SupportsSearch),
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy)]
        pub enum #name {}

        #(impl crate::runtime::#supports for #name {})*
    }
}
