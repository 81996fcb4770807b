//! The model types of the IR: a module of types per namespace, each struct with its fields,
//! builder and derived-type enum, each enum with its members; every name and doc line.

use std::collections::{BTreeMap, BTreeSet};

use super::docs::MarkdownDocs;
use super::ident::{self, Ident, Scope};
use super::resolve::{self, ResolvedField, TypeRef};
use super::tree::{NamespaceTypes, PlacedType};
use super::{Namer, push_sources};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    DerivedEnum, DerivedVariant, Docs, EnumDef, Field, FieldType, Member, OdataTypeField, StructDef, TypeItem,
};
use crate::schema::{Primitive, TypeKind};

impl<'a> Namer<'a> {
    /// The types of one namespace, named and placed in their files.
    pub(super) fn namespace_types(&mut self, namespace: &'a str, boxed: &BTreeSet<(&str, &str)>) -> NamespaceTypes {
        // Item names in this module: documented types first, then what the generator adds.
        let mut items = Scope::default();
        let members: Vec<&str> = self
            .resolved
            .types
            .iter()
            .filter(|(_, e)| e.namespace() == namespace && e.inline.is_none())
            .map(|(q, _)| q.as_str())
            .collect();
        for qualified in &members {
            items.claim(&self.type_names[qualified]);
        }
        // The parameters of the actions bound to the namespace's types live beside them.
        let parameters: Vec<&'a str> = self
            .resolved
            .types
            .iter()
            .filter(|(_, e)| {
                e.namespace() == namespace && e.inline.as_ref().is_some_and(|i| i.role == resolve::BodyRole::Parameters)
            })
            .map(|(q, _)| q.as_str())
            .collect();
        for qualified in &parameters {
            items.claim(&self.type_names[qualified]);
        }
        // File modules: child namespace modules first, and never the module's own name (a
        // `type` module inside the `type` namespace module would be confusing, and clippy says so).
        let mut files = Scope::default();
        if let Some(own) = self.module_paths[namespace].last() {
            files.claim(own);
        }
        // Every deeper namespace claims its next segment, even when no namespace sits at that
        // level itself (`microsoft.graph.partners.billing` makes a `partners` module in the root).
        let own = &self.module_paths[namespace];
        for other in self.module_paths.values() {
            if other.len() > own.len() && other.starts_with(own) {
                files.claim(&other[own.len()]);
            }
        }
        let mut types = Vec::new();
        for qualified in members {
            let entry = &self.resolved.types[qualified];
            let file_module = ident::ident(&files.claim_free(&ident::snake_name(&entry.description.name), ""));
            let item = match entry.description.kind {
                TypeKind::Enum => TypeItem::Enum(self.enum_def(qualified)),
                TypeKind::Entity | TypeKind::Complex => {
                    let mut def = self.struct_def(qualified, &mut items, boxed);
                    def.bodies = self.parameter_structs(qualified, &parameters, &mut items, boxed);
                    TypeItem::Struct(def)
                }
            };
            let exports = match &item {
                TypeItem::Enum(def) => vec![def.name.clone()],
                TypeItem::Struct(def) => {
                    let mut exports = vec![def.name.clone(), def.builder.clone()];
                    exports.extend(def.derived.as_ref().map(|d| d.name.clone()));
                    exports.extend(def.addressing.as_ref().map(|a| a.name.clone()));
                    for body in &def.bodies {
                        exports.extend([body.name.clone(), body.builder.clone()]);
                        exports.extend(body.aliases.iter().map(|alias| alias.name.clone()));
                    }
                    exports
                }
            };
            types.push(PlacedType { cfg: self.cfg_of(qualified), file_module, exports, item });
        }
        types.sort_by_key(|t| match &t.item {
            TypeItem::Struct(def) => def.name.to_string(),
            TypeItem::Enum(def) => def.name.to_string(),
        });
        let docs = Docs::generated(format!("Types of the `{namespace}` namespace."));
        NamespaceTypes { path: self.module_paths[namespace].clone(), docs, types }
    }

    fn enum_def(&mut self, qualified: &str) -> EnumDef {
        let entry = &self.resolved.types[qualified];
        let description = entry.description;
        let mut variants = Scope::default();
        let members = description
            .members
            .iter()
            .map(|member| Member {
                wire_value: member.name.clone(),
                name: ident::ident(&variants.claim_free(&ident::variant_name(&member.name), "")),
                docs: Docs::from_markdown(&member.description),
            })
            .collect();
        let other = ident::ident(&variants.claim_free("Other", ""));
        let name = ident::ident(&self.type_names[qualified]);
        let other_docs = Docs::generated(format!(
            "A value the description of `{qualified}` does not list, exactly as it is on the wire. Read values use it only for undocumented values; prefer [`{name}::from_wire`] to making one."
        ));
        let mut docs = Docs::from_markdown(&description.description);
        let kind = if description.flags { "flags enum" } else { "enum" };
        docs.push_generated(format!("The Graph {kind} `{qualified}`."));
        if description.flags {
            docs.push_generated("On the wire, a value is a comma-separated list of members; fields of this type are [`Flags`](crate::runtime::Flags).");
        }
        push_sources(&mut docs, &description.sources);
        self.push_features(&mut docs, self.features_of.get(qualified));
        EnumDef {
            name,
            qualified_name: qualified.to_owned(),
            docs,
            members,
            other,
            other_docs,
            flags: description.flags,
        }
    }

    pub(super) fn struct_def(
        &mut self,
        qualified: &'a str,
        items: &mut Scope,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> StructDef {
        let entry = &self.resolved.types[qualified];
        let name = self.type_names[qualified].clone();
        let type_ident = ident::ident(&name);
        // An action's parameters are its body, not a value of a type (no `@odata.type`), and
        // never a PATCH (no setting to `null` to remove a value).
        let parameters = entry.inline.as_ref().is_some_and(|inline| inline.role == resolve::BodyRole::Parameters);
        let (mut fields, mut field_names) = self.struct_fields(qualified, boxed);
        let odata_type_name = (!parameters).then(|| ident::ident(&field_names.claim_free("odata_type", "_")));
        let additional_properties_field = ident::ident(&field_names.claim_free("additional_properties", "_"));
        // The runtime's `Builder` has `build` for every type: a property called so steps aside.
        let mut methods = Scope::default();
        methods.claim("build");
        for field in &fields {
            methods.claim(&ident::unraw(&field.setter));
        }
        for field in fields.iter_mut().filter(|field| field.setter.as_str() == "build") {
            field.setter = ident::ident(&methods.claim_free("build", "_"));
        }
        if let Some(odata_type_name) = &odata_type_name {
            methods.claim(&ident::unraw(odata_type_name));
        }
        for field in &mut fields {
            let field_text = field.name.unraw().to_owned();
            field.setter_docs = Docs::generated(format!("Sets [`{type_ident}::{field_text}`]."));
            if !parameters {
                let wanted = ident::prefixed_snake_name("clear", &ident::unraw(&field.name));
                field.clear = Some(ident::ident(&methods.claim_free(&wanted, "_")));
                field.clear_docs = Docs::generated(format!(
                    "Clears [`{type_ident}::{field_text}`]: it is sent as `null`, which a PATCH uses to remove the value."
                ));
            }
        }
        let builder = ident::ident(&items.claim_free(&format!("{name}Builder"), ""));
        let field_enum = ident::ident(&items.claim_free(&format!("{name}Field"), ""));
        let mut variants = Scope::default();
        let odata_type_variant = odata_type_name.as_ref().map(|_| ident::ident(&variants.claim_free("OdataType", "")));
        for field in &mut fields {
            field.variant = ident::ident(&variants.claim_free(&ident::variant_name(&field.wire_name), ""));
        }
        let field_enum_docs = Docs::generated(format!(
            "The documented properties of [`{type_ident}`], one variant each, for deserializing."
        ));
        // Only a documented type has derived types, and every documented type an `@odata.type`.
        let derived = match (&entry.inline, &odata_type_name) {
            (None, Some(odata_type)) => self.derived_enum(qualified, &name, odata_type, items),
            _ => None,
        };
        let (qualified_name, odata_type, mut docs) = self.struct_identity(qualified, &name, derived.as_ref());
        let mut addressing = self.addressing(qualified, &name, items);
        let property_methods = self.property_methods(qualified);
        if let Some(addressing) = &mut addressing {
            docs.push_generated(format!(
                "Its requests (navigations, bound actions and functions, keys, streams): [`{}`], on `Item<{type_ident}>` and `Items<{type_ident}>`.",
                addressing.name
            ));
            self.push_features(&mut addressing.docs, self.features_of.get(qualified));
        }
        if entry.inline.is_none() {
            self.push_features(&mut docs, self.features_of.get(qualified));
        }
        let setter_named_like_trait_method =
            fields.iter().any(|field| ident::is_std_trait_method(&ident::unraw(&field.setter)));
        let (odata_type_docs, odata_type_setter_docs, builder_docs) =
            generated_struct_docs(&type_ident, odata_type.as_deref(), parameters);
        StructDef {
            name: type_ident,
            qualified_name,
            odata_type,
            docs,
            odata_type_field: odata_type_name.zip(odata_type_variant).map(|(name, variant)| OdataTypeField {
                name,
                docs: odata_type_docs,
                variant,
                setter_docs: odata_type_setter_docs,
            }),
            additional_properties_field,
            fields,
            field_enum,
            field_enum_docs,
            builder,
            addressing,
            property_methods,
            bodies: Vec::new(),
            aliases: Vec::new(),
            builder_docs,
            setter_named_like_trait_method,
            derived,
        }
    }

    /// A struct's name for messages (`Object::QUALIFIED_NAME`), its `@odata.type` value (none for
    /// an inline body) and its docs.
    fn struct_identity(
        &self,
        qualified: &str,
        name: &str,
        derived: Option<&DerivedEnum>,
    ) -> (String, Option<String>, Docs) {
        let entry = &self.resolved.types[qualified];
        match &entry.inline {
            Some(inline) if inline.role == resolve::BodyRole::Parameters => {
                let (qualified_name, docs) = self.parameters_docs(&[self.bound_action(inline)]);
                (qualified_name, None, docs)
            }
            Some(inline) => {
                let operation = &self.resolved.types[&inline.owner].description.operations[inline.operation];
                let role = inline.role.as_str();
                let mut docs = Docs::default();
                docs.push_generated(format!(
                    "The {role} body of the `{}` operation, as its page documents it.",
                    operation.name
                ));
                (format!("{} {role} body of {}", operation.name, inline.owner), None, docs)
            }
            None => (qualified.to_owned(), Some(format!("#{qualified}")), self.struct_docs(qualified, name, derived)),
        }
    }

    /// The fields of a struct type (its own and inherited properties), named; properties whose
    /// names collide as Rust names are a problem. Returns the field names taken.
    fn struct_fields(&mut self, qualified: &'a str, boxed: &BTreeSet<(&str, &str)>) -> (Vec<Field>, Scope) {
        let mut field_names = Scope::default();
        let mut owners: BTreeMap<String, &str> = BTreeMap::new();
        let mut fields = Vec::new();
        for field in &self.resolved.fields[qualified] {
            let field_name = ident::snake_name(field.wire_name);
            if let Some(other) = owners.insert(field_name.clone(), field.wire_name) {
                let (source, path) = self.resolved.location(field);
                self.problems.push(
                    Diagnostic::at(
                        source,
                        &path.key("name"),
                        format!(
                            "properties `{other}` and `{}` of `{qualified}` both become the field `{field_name}`",
                            field.wire_name
                        ),
                    )
                    .with_help("property names must differ after conversion to snake_case; remove the duplicate"),
                );
            }
            field_names.claim(&field_name);
            fields.push(self.field(qualified, field, &field_name, boxed));
        }
        (fields, field_names)
    }

    /// The documentation of a documented struct type.
    fn struct_docs(&self, qualified: &str, name: &str, derived: Option<&DerivedEnum>) -> Docs {
        let description = self.resolved.types[qualified].description;
        let mut docs = Docs::from_markdown(&description.description);
        let kind = if description.kind == TypeKind::Entity { "entity" } else { "complex" };
        let abstract_note = if description.r#abstract { "abstract " } else { "" };
        docs.push_generated(format!("The Graph {abstract_note}{kind} type `{qualified}`."));
        if let Some(base) = self.resolved.bases.get(qualified) {
            let base_path = self.type_path(base);
            docs.push_generated(format!(
                "Base type: [`{}`]({}); its properties are included.",
                base_path.name,
                base_path.doc_link()
            ));
        }
        if let Some(derived) = derived {
            docs.push_generated(format!(
                "Values read as this type may be of a derived type: [`{0}::{1}`](Self::{1}) returns the matching variant of [`{2}`].",
                name, derived.method, derived.name
            ));
        }
        push_sources(&mut docs, &description.sources);
        docs
    }

    fn field(&self, owner: &str, field: &ResolvedField<'a>, field_name: &str, boxed: &BTreeSet<(&str, &str)>) -> Field {
        let value = self.value_type(&field.ty);
        let is_boxed = matches!(&field.ty, TypeRef::Named(target) if !field.collection && boxed.contains(&(owner, target.as_str())));
        let mut docs = Docs::from_markdown(field.description);
        if field.navigation {
            docs.push_generated(
                "A navigation property: Graph sends it only when the request asks for it with `$expand`.",
            );
        }
        if field.declared_in != owner {
            let path = self.type_path(&field.declared_in);
            docs.push_generated(format!("Inherited from [`{}`]({}).", path.name, path.doc_link()));
        }
        let name = ident::ident(field_name);
        let cfg = match &field.ty {
            TypeRef::Named(target) if field.navigation => self.narrower_cfg(owner, target),
            _ => None,
        };
        if cfg.is_some() {
            docs.push_generated(
                "Its type belongs to other workloads: without their features the field is not there, and its JSON stays in `additional_properties`.",
            );
            self.push_features(&mut docs, cfg.as_ref());
        }
        Field {
            cfg,
            wire_name: field.wire_name.to_owned(),
            variant: name.clone(),
            setter: name.clone(),
            setter_docs: Docs::default(),
            setter_into: matches!(&field.ty, TypeRef::Primitive(primitive) if takes_into(*primitive)),
            clear: None,
            clear_docs: Docs::default(),
            name,
            ty: FieldType { value, collection: field.collection, boxed: is_boxed },
            docs,
        }
    }

    fn derived_enum(&self, qualified: &str, name: &str, odata_type: &Ident, items: &mut Scope) -> Option<DerivedEnum> {
        let descendants = self.descendants.get(qualified)?;
        let enum_name = items.claim_free(&format!("Any{name}"), "");
        let mut variant_names = Scope::default();
        let mut variant = |descendant: &str, docs: String| {
            let ty = self.type_path(descendant);
            let variant = variant_names.claim_free(&ident::unraw(&ty.name), "");
            let cfg = self.cfg_of(descendant).filter(|cfg| Some(cfg) != self.features_of.get(qualified));
            let mut docs = Docs::generated(docs);
            self.push_features(&mut docs, cfg.as_ref());
            DerivedVariant { name: ident::ident(&variant), qualified_name: descendant.to_owned(), ty, docs, cfg }
        };
        let variants: Vec<DerivedVariant> =
            descendants.iter().map(|descendant| variant(descendant, format!("A `{descendant}`."))).collect();
        let base = variant(qualified, format!("A `{qualified}`, or a derived type this code does not know."));
        let mut docs = Docs::default();
        docs.push_generated(format!("A [`{name}`] or a value of one of its derived types, chosen by `@odata.type`."));
        docs.push_generated(format!(
            "A value whose `@odata.type` names a type this code does not know is kept whole in the `{name}` variant: its properties stay in `additional_properties`."
        ));
        let enum_ident = ident::ident(&enum_name);
        let mut method_docs = Docs::generated(format!(
            "The value as the variant of [`{enum_ident}`] that its `@odata.type` names; a value of an unknown derived type stays a `{}`.",
            ident::ident(name)
        ));
        method_docs.push_generated("# Errors");
        method_docs.push_generated(
            "When `@odata.type` names a derived type but a property does not have the type that\ntype documents.",
        );
        Some(DerivedEnum {
            name: enum_ident,
            method: ident::ident("into_derived"),
            method_docs,
            odata_type: odata_type.clone(),
            variants,
            base,
            docs,
        })
    }
}

/// Whether a setter of this primitive takes `impl Into` of its type: text-like values, so that a
/// `&str` or a `String` both work.
fn takes_into(primitive: Primitive) -> bool {
    matches!(
        primitive,
        Primitive::String
            | Primitive::DateTimeOffset
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Guid
            | Primitive::Binary
    )
}

/// The docs of what every struct gets: its `@odata.type` field and setter (unused for an
/// action's `parameters`), and its builder.
fn generated_struct_docs(
    type_ident: &crate::ir::Ident,
    odata_type: Option<&str>,
    parameters: bool,
) -> (Docs, Docs, Docs) {
    let odata_type_docs = Docs::generated(match odata_type {
        Some(value) => format!(
            "The `@odata.type` annotation: the type of the value (`{value}` for this type, or a derived type's)."
        ),
        None => "The `@odata.type` annotation, if the value has one.".to_owned(),
    });
    let odata_type_setter_docs = Docs::generated(match odata_type {
        Some(_) => format!(
            "Sets the `@odata.type` annotation, which Graph needs to create a derived type in a collection of its base type ([`{type_ident}::ODATA_TYPE`])."
        ),
        None => "Sets the `@odata.type` annotation.".to_owned(),
    });
    let builder_docs = Docs::generated(if parameters {
        format!("Builds a [`{type_ident}`]: only the parameters you set are sent.")
    } else {
        format!("Builds a [`{type_ident}`]: only the properties you set are sent, and a cleared one is sent as `null`.")
    });
    (odata_type_docs, odata_type_setter_docs, builder_docs)
}
