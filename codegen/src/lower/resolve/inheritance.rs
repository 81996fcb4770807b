//! Base types, inheritance cycles, and the fields of every struct type: its own properties and
//! those of its base types, with their types resolved.

use std::collections::{BTreeMap, BTreeSet};

use super::{ResolvedField, Resolver, TypeRef, describe, kind_name};
use crate::diagnostic::Diagnostic;
use crate::schema::TypeKind;

impl<'a> Resolver<'a> {
    /// Resolves base types and rejects cycles and bases of the wrong kind.
    pub(super) fn resolve_bases(&mut self) {
        let keys: Vec<String> = self.resolved.types.keys().cloned().collect();
        for qualified in &keys {
            let entry = &self.resolved.types[qualified];
            let (description, path) = (entry.description, entry.path().key("baseType"));
            let Some(base_name) = &description.base_type else {
                continue;
            };
            let message = || format!("the base type `{base_name}` of `{qualified}` is not described");
            match self.reference(qualified, base_name, false, &path, message) {
                None | Some(TypeRef::Primitive(_)) => {}
                Some(TypeRef::Named(base)) => {
                    let entry = &self.resolved.types[qualified];
                    let (kind, base_kind) = (entry.description.kind, self.resolved.types[&base].description.kind);
                    if kind != TypeKind::Enum && kind != base_kind {
                        let message = format!(
                            "the {} type `{qualified}` cannot derive from the {} type `{base}`",
                            kind_name(kind),
                            kind_name(base_kind)
                        );
                        self.problems.push(
                            Diagnostic::at(entry.source(), &path, message)
                                .with_help("entities derive from entities and complex types from complex types"),
                        );
                    } else {
                        self.resolved.bases.insert(qualified.clone(), base);
                    }
                }
            }
        }
        self.report_inheritance_cycles(&keys);
    }

    /// Every cycle of base types, once (at its alphabetically first type).
    fn report_inheritance_cycles(&mut self, keys: &[String]) {
        let mut reported = BTreeSet::new();
        for qualified in keys {
            let mut chain = vec![qualified.as_str()];
            let mut current = self.resolved.bases.get(qualified);
            while let Some(base) = current {
                if let Some(start) = chain.iter().position(|c| c == base) {
                    let cycle = &chain[start..];
                    let first = cycle.iter().min().expect("a cycle is not empty").to_string();
                    if reported.insert(first.clone()) {
                        let mut names: Vec<&str> = cycle.to_vec();
                        names.push(base);
                        let entry = &self.resolved.types[&first];
                        let message = format!("inheritance cycle: {}", names.join(" → "));
                        self.problems.push(
                            Diagnostic::at(entry.source(), &entry.path().key("baseType"), message)
                                .with_help("a type cannot be its own base type; remove one `baseType` of the cycle"),
                        );
                    }
                    break;
                }
                chain.push(base);
                current = self.resolved.bases.get(base);
            }
        }
    }

    /// The inheritance chain of a struct type, root first.
    fn chain(&self, qualified: &str) -> Vec<String> {
        let mut chain = vec![qualified.to_owned()];
        let mut current = self.resolved.bases.get(qualified);
        while let Some(base) = current {
            chain.push(base.clone());
            current = self.resolved.bases.get(base);
        }
        chain.reverse();
        chain
    }

    /// Resolves property types and computes the fields of every struct type.
    pub(super) fn flatten(&mut self) {
        let keys: Vec<String> = self.resolved.types.keys().cloned().collect();
        // Own properties first, so that inherited ones can be compared against them.
        let own = self.own_fields(&keys);
        for qualified in &keys {
            if self.resolved.types[qualified].description.kind == TypeKind::Enum {
                continue;
            }
            let chain = self.chain(qualified);
            let mut fields: Vec<ResolvedField<'a>> = Vec::new();
            for ancestor in &chain {
                for field in &own[ancestor] {
                    match fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
                        Some(existing) if existing.ty != field.ty || existing.collection != field.collection => {
                            let (entry, row) = (&self.resolved.types[&field.row.0], field.row.1);
                            let message = format!(
                                "the property `{}` of `{ancestor}` is `{}` here but `{}` in its base type `{}`",
                                field.wire_name,
                                describe(&field.ty, field.collection),
                                describe(&existing.ty, existing.collection),
                                existing.declared_in
                            );
                            self.problems.push(Diagnostic::at(entry.source(), &entry.property_path(row).key("type"), message).with_help("an inherited property keeps its base type's type; correct the type or the property name"));
                        }
                        Some(existing) => {
                            if !field.description.is_empty() && ancestor == qualified {
                                existing.description = field.description;
                            }
                        }
                        None => fields.push(field.clone()),
                    }
                }
            }
            self.check_inherited_from(qualified, &chain, &own);
            self.resolved.fields.insert(qualified.clone(), fields);
        }
    }

    /// The own properties of every type, with their types resolved.
    fn own_fields(&mut self, keys: &[String]) -> BTreeMap<String, Vec<ResolvedField<'a>>> {
        let mut own: BTreeMap<String, Vec<ResolvedField<'a>>> = BTreeMap::new();
        for qualified in keys {
            let entry = &self.resolved.types[qualified];
            let description = entry.description;
            let type_paths: Vec<_> =
                (0..description.properties.len()).map(|i| entry.property_path(i).key("type")).collect();
            let mut fields = Vec::new();
            // An action's parameters are a synthetic type whose path is the parameter list.
            let parameters_of =
                entry.inline.as_ref().filter(|inline| inline.role == super::BodyRole::Parameters).map(|inline| {
                    let action = &self.resolved.types[&inline.owner].description.bound_operations[inline.operation];
                    (action.name.as_str(), inline.owner.clone())
                });
            for (index, property) in description.properties.iter().enumerate() {
                let path = &type_paths[index];
                let message = || match &parameters_of {
                    Some((action, owner)) => format!(
                        "the parameter `{}` of the operation `{action}` bound to `{owner}` has the type `{}`, which is not described",
                        property.name, property.r#type
                    ),
                    None => {
                        format!(
                            "unknown type `{}` for the property `{}` of `{qualified}`",
                            property.r#type, property.name
                        )
                    }
                };
                let Some(ty) = self.reference(qualified, &property.r#type, true, path, message) else {
                    continue;
                };
                fields.push(ResolvedField {
                    wire_name: &property.name,
                    ty,
                    collection: property.collection,
                    description: &property.description,
                    navigation: property.navigation,
                    property,
                    declared_in: qualified.clone(),
                    row: (qualified.clone(), index),
                });
            }
            own.insert(qualified.clone(), fields);
        }
        own
    }

    /// `inheritedFrom` must name a base type that has the property.
    fn check_inherited_from(
        &mut self,
        qualified: &str,
        chain: &[String],
        own: &BTreeMap<String, Vec<ResolvedField<'a>>>,
    ) {
        let entry = &self.resolved.types[qualified];
        for (index, property) in entry.description.properties.iter().enumerate() {
            let Some(named) = &property.inherited_from else {
                continue;
            };
            let path = entry.property_path(index).key("inheritedFrom");
            let bases = &chain[..chain.len() - 1];
            let Some(base) = self.lookup(entry, named).filter(|base| bases.contains(base)) else {
                let help = if bases.is_empty() {
                    format!("`{qualified}` has no base type; add `baseType` or remove `inheritedFrom`")
                } else {
                    format!(
                        "the base types of `{qualified}` are {}",
                        bases.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ")
                    )
                };
                self.problems.push(
                    Diagnostic::at(
                        entry.source(),
                        &path,
                        format!("`inheritedFrom` names `{named}`, which is not a base type of `{qualified}`"),
                    )
                    .with_help(help),
                );
                continue;
            };
            let up_to_base = &chain[..=chain.iter().position(|c| *c == base).expect("base is in the chain")];
            if !up_to_base.iter().any(|ancestor| own[ancestor].iter().any(|f| f.wire_name == property.name)) {
                let message =
                    format!("`{}` is documented as inherited from `{base}`, which has no such property", property.name);
                self.problems.push(
                    Diagnostic::at(entry.source(), &path, message)
                        .with_help(format!("add the property to `{base}`, or remove `inheritedFrom`")),
                );
            }
        }
    }
}
