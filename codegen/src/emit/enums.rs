//! Enums: documented members plus a variant that keeps any other value.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_attrs;
use crate::ir::EnumDef;

/// The enum, its wire conversions and its serde impls.
pub fn emit_enum(def: &EnumDef) -> TokenStream {
    let name = &def.name;
    let other = &def.other;
    let docs = doc_attrs(&def.docs);
    let variants: Vec<_> = def.members.iter().map(|m| &m.name).collect();
    let variant_docs = def.members.iter().map(|m| doc_attrs(&m.docs));
    let other_doc = doc_attrs(&def.other_docs);
    let traits = emit_enum_traits(def);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            #other_doc
            #other(::std::string::String),
        }

        impl #name {
            /// The documented members, in documented order.
            pub const DOCUMENTED: &'static [Self] = &[#(Self::#variants),*];

            /// The member for a wire value: documented, or kept as it is.
            #[inline]
            pub fn from_wire(value: &str) -> Self {
                <Self as crate::runtime::EnumValue>::from_wire(value)
            }

            /// The value on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                <Self as crate::runtime::EnumValue>::as_wire(self)
            }

            /// Whether the value is one the description documents.
            #[inline]
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::#other(_))
            }
        }

        #traits

    }
}

/// The runtime's `EnumValue`, `Display`, `FromStr` and serde impls of an enum.
fn emit_enum_traits(def: &EnumDef) -> TokenStream {
    let name = &def.name;
    let other = &def.other;
    let variants: Vec<_> = def.members.iter().map(|m| &m.name).collect();
    let wire: Vec<_> = def.members.iter().map(|m| &m.wire_value).collect();
    quote! {
        impl crate::runtime::EnumValue for #name {
            #[inline]
            fn from_documented(value: &str) -> ::core::option::Option<Self> {
                match value {
                    #(#wire => ::core::option::Option::Some(Self::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            #[inline]
            fn from_other(value: ::std::string::String) -> Self {
                Self::#other(value)
            }

            #[inline]
            fn as_wire(&self) -> &str {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::#other(value) => value,
                }
            }
        }

        impl ::core::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = ::core::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                crate::runtime::deserialize_enum(deserializer)
            }
        }
    }
}
