//! Rust type syntax for IR types: always absolute paths, so that a documented type named
//! `Option`, `String` or `Box` can never shadow what the generated code means.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FieldType, Primitive, TypePath, ValueType};

/// The path of a generated type: `crate::models::…::Name`.
pub fn type_path(path: &TypePath) -> TokenStream {
    let modules = &path.modules;
    let name = &path.name;
    quote!(crate::models::#(#modules::)*#name)
}

/// The type of one value.
pub fn value_type(value: &ValueType) -> TokenStream {
    match value {
        ValueType::Primitive(primitive) => primitive_type(*primitive),
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

fn primitive_type(primitive: Primitive) -> TokenStream {
    match primitive {
        Primitive::String => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double => quote!(f64),
        Primitive::DateTimeOffset => quote!(crate::runtime::DateTimeOffset),
        Primitive::Date => quote!(crate::runtime::Date),
        Primitive::TimeOfDay => quote!(crate::runtime::TimeOfDay),
        Primitive::Duration => quote!(crate::runtime::Duration),
        Primitive::Guid => quote!(crate::runtime::Guid),
        Primitive::Binary => quote!(crate::runtime::Binary),
        Primitive::Json => quote!(::serde_json::Value),
    }
}

/// A builder setter's parameter type and the expression that turns the parameter `value` into the
/// field's value (without `Some`).
pub fn setter(ty: &FieldType) -> (TokenStream, TokenStream) {
    let into_target = match &ty.value {
        ValueType::Primitive(primitive) => match primitive {
            Primitive::String
            | Primitive::DateTimeOffset
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Guid
            | Primitive::Binary => Some(primitive_type(*primitive)),
            _ => None,
        },
        _ => None,
    };
    let value = value_type(&ty.value);
    if let ValueType::Flags(path) = &ty.value
        && !ty.collection
    {
        let member = type_path(path);
        return (quote!(impl ::core::iter::IntoIterator<Item = #member>), quote!(value.into_iter().collect()));
    }
    match (ty.collection, into_target) {
        (true, Some(target)) => (
            quote!(impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#target>>),
            quote!(value.into_iter().map(::core::convert::Into::into).collect()),
        ),
        (true, None) => (quote!(impl ::core::iter::IntoIterator<Item = #value>), quote!(value.into_iter().collect())),
        (false, Some(target)) => (quote!(impl ::core::convert::Into<#target>), quote!(value.into())),
        (false, None) if ty.boxed => (value, quote!(::std::boxed::Box::new(value))),
        (false, None) => (value, quote!(value)),
    }
}
