//! Model structs: the struct, its serde impls (through the runtime's `Object` visitor), its builder
//! and, for base types, the enum of its derived types.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_attrs, types};
use crate::ir::{Cfg, DerivedEnum, Ident, StructDef};

/// Everything generated for one entity or complex type.
pub fn emit_struct(def: &StructDef) -> TokenStream {
    let mut tokens = TokenStream::new();
    tokens.extend(emit_definition(def));
    tokens.extend(emit_serde(def));
    tokens.extend(emit_builder(def));
    if let Some(derived) = &def.derived {
        tokens.extend(emit_derived(def, derived));
    }
    if let Some(addressing) = &def.addressing {
        tokens.extend(super::addressing::emit_addressing(&def.name, addressing));
    }
    tokens.extend(super::addressing::emit_property_methods(&def.name, &def.property_methods));
    for body in &def.bodies {
        tokens.extend(emit_struct(body));
    }
    for alias in &def.aliases {
        let (docs, name, target) = (doc_attrs(&alias.docs), &alias.name, &alias.target);
        tokens.extend(quote!(#docs pub type #name = #target;));
    }
    tokens
}

fn emit_definition(def: &StructDef) -> TokenStream {
    let name = &def.name;
    let docs = doc_attrs(&def.docs);
    let additional = &def.additional_properties_field;
    let builder = &def.builder;
    let odata_type_field = def.odata_type_field.as_ref().map(|odata_type| {
        let (docs, name) = (doc_attrs(&odata_type.docs), &odata_type.name);
        quote!(#docs pub #name: ::core::option::Option<::std::string::String>,)
    });
    let fields = def.fields.iter().map(|field| {
        let docs = doc_attrs(&field.docs);
        let cfg = super::cfg_attr(field.cfg.as_ref());
        let field_name = &field.name;
        let ty = types::field_type(&field.ty);
        quote!(#docs #cfg pub #field_name: ::core::option::Option<#ty>,)
    });
    let odata_type_const = def.odata_type.as_ref().map(|value| {
        quote! {
            /// The `@odata.type` value that names this type.
            pub const ODATA_TYPE: &'static str = #value;
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #odata_type_field
            #(#fields)*
            /// JSON properties the description does not list, kept and written back unchanged.
            pub #additional: crate::runtime::AdditionalProperties,
        }

        impl #name {
            #odata_type_const

            /// A builder that sets only the properties you choose; the others stay off the wire.
            #[inline]
            pub fn builder() -> #builder {
                <#builder as ::core::default::Default>::default()
            }

            /// A builder that starts from this value, keeping every property it has (unknown ones
            /// included): edit a value read from Graph into an update body.
            #[inline]
            pub fn into_builder(self) -> #builder {
                #builder { value: self }
            }
        }
    }
}

fn emit_serde(def: &StructDef) -> TokenStream {
    let name = &def.name;
    let qualified = &def.qualified_name;
    let additional = &def.additional_properties_field;
    let field_enum = &def.field_enum;
    let field_enum_docs = doc_attrs(&def.field_enum_docs);
    let odata_type = def.odata_type_field.as_ref();
    let mut wire: Vec<&str> = odata_type.map(|_| "@odata.type").into_iter().collect();
    wire.extend(def.fields.iter().map(|f| f.wire_name.as_str()));
    let mut fields: Vec<&Ident> = odata_type.map(|odata_type| &odata_type.name).into_iter().collect();
    fields.extend(def.fields.iter().map(|f| &f.name));
    let mut variants: Vec<&Ident> = odata_type.map(|odata_type| &odata_type.variant).into_iter().collect();
    variants.extend(def.fields.iter().map(|f| &f.variant));
    let mut field_cfgs: Vec<Option<&Cfg>> = odata_type.map(|_| None).into_iter().collect();
    field_cfgs.extend(def.fields.iter().map(|f| f.cfg.as_ref()));
    let cfgs: Vec<TokenStream> = field_cfgs.iter().map(|cfg| super::cfg_attr(*cfg)).collect();
    let field_match = field_match(&wire, &variants, &field_cfgs);
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let mut object = crate::runtime::begin_object(serializer, &self.#additional, <Self as crate::runtime::Object>::field)?;
                #(#cfgs object.field(#wire, &self.#fields);)*
                object.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }

        #field_enum_docs
        #[doc(hidden)]
        #[allow(clippy::enum_variant_names, clippy::upper_case_acronyms)]
        pub enum #field_enum {
            #(#cfgs #variants,)*
        }

        impl crate::runtime::Object for #name {
            const QUALIFIED_NAME: &'static str = #qualified;
            type Field = #field_enum;

            #[inline]
            fn field(key: &[u8]) -> ::core::option::Option<#field_enum> {
                use #field_enum as F;
                use ::core::option::Option::{None, Some};
                #field_match
            }

            #[inline]
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                field: #field_enum,
                map: &mut A,
            ) -> ::core::result::Result<::core::option::Option<&'static str>, A::Error> {
                use #field_enum as F;
                use crate::runtime::read_field as read;
                match field {
                    #(#cfgs F::#variants => read(map, &mut self.#fields, #wire),)*
                }
            }

            fn additional_properties_mut(&mut self) -> &mut crate::runtime::AdditionalProperties {
                &mut self.#additional
            }
        }
    }
}

/// The keys of one length, their variants and their fields' features.
type LengthArm<'a> = (Vec<Literal>, Vec<&'a Ident>, Vec<Option<&'a Cfg>>);

/// The body of `Object::field`: the documented key of the bytes `key`, or `None`. Bytes, so that
/// a documented key is never checked for UTF-8 (see `Object::field` in the runtime); the length
/// first (one jump), then the few names of that length, because a `match` on byte strings alone
/// compares the key with each name in turn, which for an unknown key is every name of the type.
/// The names of a length are compared as arrays of that length by the runtime's `find_name`,
/// which compiles to a few word compares each, and the position it returns is matched to the
/// field. Byte-string patterns (`b"id" =>`, on a slice or on an array) compile to one compare and
/// branch per byte (callgrind, realistic page: about 65 instructions a key, against 27 for the
/// plain derive's `&str` match). Comparisons in match guards (`name if name == b"id"`) ran as
/// fast but made `cargo check` of all of v1.0 take 10% more memory (a trait resolution per
/// name); one call per length costs 5% (bench/BENCHMARKS.md). A name whose field has features
/// stays in the list (it is only data); its arm has the features.
///
/// A key whose field has features has them on its arm; when every key of a length has, the
/// length's arm has the union of theirs, so that no `match` is left with only its wildcard.
fn field_match(wire: &[&str], variants: &[&Ident], field_cfgs: &[Option<&Cfg>]) -> TokenStream {
    let mut by_length: BTreeMap<usize, LengthArm<'_>> = BTreeMap::new();
    for ((key, variant), cfg) in wire.iter().zip(variants).zip(field_cfgs) {
        let (keys, variants, cfgs) = by_length.entry(key.len()).or_default();
        keys.push(Literal::byte_string(key.as_bytes()));
        variants.push(variant);
        cfgs.push(*cfg);
    }
    let lengths = by_length.keys().map(|length| Literal::usize_unsuffixed(*length));
    let length_cfgs = by_length.values().map(|(_, _, cfgs)| {
        let all: Option<Vec<&Cfg>> = cfgs.iter().copied().collect();
        let union = all.map(Cfg::any_of);
        super::cfg_attr(union.as_ref())
    });
    let arms = by_length.iter().map(|(length, (keys, variants, cfgs))| {
        let length = Literal::usize_unsuffixed(*length);
        let cfgs = cfgs.iter().map(|cfg| super::cfg_attr(*cfg));
        let positions = (0..keys.len()).map(Literal::usize_unsuffixed);
        quote! {
            match crate::runtime::find_name::<#length>(key, &[#(#keys),*]) {
                #(#cfgs #positions => F::#variants,)*
                _ => return None,
            }
        }
    });
    quote! {
        Some(match key.len() {
            #(#length_cfgs #lengths => #arms,)*
            _ => return None,
        })
    }
}

fn emit_builder(def: &StructDef) -> TokenStream {
    let name = &def.name;
    let builder = &def.builder;
    let additional = &def.additional_properties_field;
    let builder_doc = doc_attrs(&def.builder_docs);
    let odata_type_setter = def.odata_type_field.as_ref().map(|odata_type| {
        let (docs, name) = (doc_attrs(&odata_type.setter_docs), &odata_type.name);
        quote! {
            #docs
            #[inline]
            pub fn #name(mut self, value: impl ::core::convert::Into<::std::string::String>) -> Self {
                self.value.#name = ::core::option::Option::Some(value.into());
                self
            }
        }
    });
    let setters = def.fields.iter().map(|field| {
        let cfg = super::cfg_attr(field.cfg.as_ref());
        let setter = &field.setter;
        let clear = &field.clear;
        let field_name = &field.name;
        let wire = &field.wire_name;
        let (param, convert) = types::setter(field);
        let doc = doc_attrs(&field.setter_docs);
        let clear_doc = doc_attrs(&field.clear_docs);
        let clear = clear.as_ref().map(|clear| {
            quote! {
                #clear_doc
                #cfg
                #[inline]
                pub fn #clear(mut self) -> Self {
                    self.value.#field_name = ::core::option::Option::None;
                    self.value.#additional.insert_null(#wire);
                    self
                }
            }
        });
        quote! {
            #doc
            #cfg
            #[inline]
            pub fn #setter(mut self, value: #param) -> Self {
                self.value.#field_name = ::core::option::Option::Some(#convert);
                self
            }

            #clear
        }
    });
    let lint = def.setter_named_like_trait_method.then(|| quote!(#[allow(clippy::should_implement_trait)]));
    // The builder is the runtime's generic `Builder` (its derives, `build` and `From` are
    // compiled once for all types, not once per type); this type's setters are an inherent impl
    // of its instance.
    quote! {
        #builder_doc
        pub type #builder = crate::runtime::Builder<#name>;

        #lint
        impl #builder {
            #odata_type_setter
            #(#setters)*
        }
    }
}

/// The enum of a base type and its derived types. There is no `From` impl per variant: for
/// Graph's `entity` that would be over a thousand impls of one trait for one type, which rustc
/// checks for overlap pair by pair (about 10 s of a v1.0 build); the variants are public instead.
fn emit_derived(def: &StructDef, derived: &DerivedEnum) -> TokenStream {
    let base = &def.name;
    let enum_name = &derived.name;
    let method = &derived.method;
    let odata_type = &derived.odata_type;
    let docs = doc_attrs(&derived.docs);
    // The derived types' variants, then the base type's.
    let all: Vec<_> = derived.variants.iter().chain([&derived.base]).collect();
    let variants: Vec<_> = all.iter().map(|v| &v.name).collect();
    let variant_types: Vec<_> = all.iter().map(|v| types::type_path(&v.ty)).collect();
    let cfgs: Vec<_> = all.iter().map(|v| super::cfg_attr(v.cfg.as_ref())).collect();
    let variant_docs = all.iter().map(|v| {
        let doc = doc_attrs(&v.docs);
        let cfg = super::cfg_attr(v.cfg.as_ref());
        quote!(#cfg #doc)
    });
    let checks = derived.variants.iter().map(|v| {
        let qualified = &v.qualified_name;
        let variant = &v.name;
        let cfg = super::cfg_attr(v.cfg.as_ref());
        quote! {
            #cfg
            if crate::runtime::odata_type_is(self.#odata_type.as_deref(), #qualified) {
                return crate::runtime::convert(&self).map(#enum_name::#variant);
            }
        }
    });
    let base_variant = &derived.base.name;
    let method_doc = doc_attrs(&derived.method_docs);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #enum_name {
            #(#variant_docs #variants(#variant_types),)*
        }

        impl #base {
            #method_doc
            #[inline]
            pub fn #method(self) -> ::core::result::Result<#enum_name, ::serde_json::Error> {
                #(#checks)*
                ::core::result::Result::Ok(#enum_name::#base_variant(self))
            }
        }

        impl ::serde::Serialize for #enum_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(#cfgs Self::#variants(value) => ::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #enum_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value: #base = ::serde::Deserialize::deserialize(deserializer)?;
                value.#method().map_err(::serde::de::Error::custom)
            }
        }
    }
}
