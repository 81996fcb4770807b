//! Request modules: a function per operation that builds a sans-IO `runtime::Request`, the
//! bodies documented inline, and the query option markers.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_attrs, model, types};
use crate::ir::{
    Answer, BodyArgument, BodyType, BodyValue, Example, Ident, Method, Operation, PathPart, QueryMarker, QueryOption,
    QuerySupport, RequestModule, RequestShape,
};

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
    let body_param = operation.body.as_ref().map(body_parameter);
    let body_call = operation.body.as_ref().map(|body| body_call(&body.name));
    let (response, decode, headers) = shape(&operation.shape);
    let method = match operation.method {
        Method::Get => quote!(GET),
        Method::Post => quote!(POST),
        Method::Patch => quote!(PATCH),
        Method::Put => quote!(PUT),
        Method::Delete => quote!(DELETE),
    };
    let status = Literal::u16_unsuffixed(operation.success_status);
    quote! {
        #docs
        pub fn #function(#(#params: &str,)* #body_param) -> #response {
            let path = crate::runtime::PathBuilder::new()#(#path)*;
            crate::runtime::Request::new(::http::Method::#method, path, crate::requests::API_VERSION, #status, #decode)
                #body_call
                #headers
        }
    }
}

/// A request's type (`crate::runtime::Request<T, Q>`), its decoder and the calls that set its
/// headers, from its shape.
pub(super) fn shape(shape: &RequestShape) -> (TokenStream, TokenStream, TokenStream) {
    let (output, decode) = match &shape.answer {
        Answer::Json(body) => (body_type(body), quote!(crate::runtime::decode_json)),
        Answer::Outcome(body) => {
            let body = body_type(body);
            (quote!(crate::runtime::Outcome<#body>), quote!(crate::runtime::decode_outcome))
        }
        Answer::Value(body) => (body_type(body), quote!(crate::runtime::decode_value)),
        Answer::OutcomeValue(body) => {
            let body = body_type(body);
            (quote!(crate::runtime::Outcome<#body>), quote!(crate::runtime::decode_outcome_value))
        }
        Answer::Bytes => (quote!(::std::vec::Vec<u8>), quote!(crate::runtime::decode_bytes)),
        Answer::Empty => (quote!(()), quote!(crate::runtime::decode_empty)),
    };
    let query = match &shape.query {
        QuerySupport::None => quote!(crate::runtime::NoQuery),
        QuerySupport::List => quote!(crate::runtime::ListQuery),
        QuerySupport::Marker(marker) => quote!(#marker),
    };
    let headers = shape.headers.iter().map(|(name, value)| quote!(.header(#name, #value)));
    (quote!(crate::runtime::Request<#output, #query>), decode, quote!(#(#headers)*))
}

/// A body parameter of a request function or method: `name: &Type`.
pub(super) fn body_parameter(body: &BodyArgument) -> TokenStream {
    let (name, ty) = (&body.name, body_type(&body.ty));
    quote!(#name: &#ty)
}

/// The call that sends the body parameter `name` as JSON.
pub(super) fn body_call(name: &Ident) -> TokenStream {
    quote!(.json_body(#name))
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
