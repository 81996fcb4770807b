//! Rust type syntax for IR types: always absolute paths, so that a documented type named
//! `Option`, `String` or `Box` can never shadow what the generated code means.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, FieldType, Scalar, TypePath, ValueType};

/// The path of a generated type: `crate::models::…::Name`.
pub fn type_path(path: &TypePath) -> TokenStream {
    let modules = &path.modules;
    let name = &path.name;
    quote!(crate::models::#(#modules::)*#name)
}

/// The type of one value.
pub fn value_type(value: &ValueType) -> TokenStream {
    match value {
        ValueType::Scalar(scalar) => scalar_type(*scalar),
        ValueType::Enum(path) | ValueType::Struct(path) => type_path(path),
        ValueType::Flags(path) => {
            let path = type_path(path);
            quote!(crate::runtime::Flags<#path>)
        }
    }
}

/// The type of a field, without the `Option` around it.
pub fn field_type(ty: &FieldType) -> TokenStream {
    let value = value_type(&ty.value);
    match (ty.collection, ty.boxed) {
        (true, _) => quote!(::std::vec::Vec<#value>),
        (false, true) => quote!(::std::boxed::Box<#value>),
        (false, false) => value,
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote!(::std::string::String),
        Scalar::Bool => quote!(bool),
        Scalar::U8 => quote!(u8),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::DateTimeOffset => quote!(crate::runtime::DateTimeOffset),
        Scalar::Date => quote!(crate::runtime::Date),
        Scalar::TimeOfDay => quote!(crate::runtime::TimeOfDay),
        Scalar::Duration => quote!(crate::runtime::Duration),
        Scalar::Guid => quote!(crate::runtime::Guid),
        Scalar::Binary => quote!(crate::runtime::Binary),
        Scalar::Json => quote!(::serde_json::Value),
    }
}

/// A builder setter's parameter type and the expression that turns the parameter `value` into the
/// field's value (without `Some`).
pub fn setter(field: &Field) -> (TokenStream, TokenStream) {
    let ty = &field.ty;
    let value = value_type(&ty.value);
    if let ValueType::Flags(path) = &ty.value
        && !ty.collection
    {
        let member = type_path(path);
        return (quote!(impl ::core::iter::IntoIterator<Item = #member>), quote!(value.into_iter().collect()));
    }
    match (ty.collection, field.setter_into) {
        // `vec![]`, arrays, slices and the usual iterators of anything `Into` the value.
        (true, _) => {
            (quote!(impl crate::runtime::IntoValues<#value>), quote!(crate::runtime::IntoValues::into_values(value)))
        }
        (false, true) => (quote!(impl ::core::convert::Into<#value>), quote!(value.into())),
        (false, false) if ty.boxed => (value, quote!(::std::boxed::Box::new(value))),
        (false, false) => (value, quote!(value)),
    }
}
