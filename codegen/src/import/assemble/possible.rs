//! Enums from "Possible values": a property whose description lists `Possible values are: …` and
//! whose type no page documents gets an enum made from that list; when the enum has a page, the
//! values it does not document are reported.

use std::collections::{BTreeMap, BTreeSet};

use super::{Assembler, Described};
use crate::schema::Primitive;
use crate::schema::{MemberDescription, TypeDescription, TypeKind};

impl Assembler {
    /// Enums the docs only list as "Possible values are: …" in a property description.
    pub(super) fn enums_from_possible_values(&mut self) {
        for (owner, property, values, file, line) in std::mem::take(&mut self.possible) {
            let Some(namespace) = self.types.get(&owner).map(|d| d.ty.namespace.clone()) else { continue };
            let ty = self.types[&owner]
                .ty
                .properties
                .iter()
                .find(|p| p.name == property)
                .map(|p| p.r#type.clone())
                .unwrap_or_default();
            if Primitive::from_name(&ty).is_some() {
                continue;
            }
            match self.lookup(&namespace, &ty) {
                Some(enum_name) if self.types[&enum_name].ty.kind == TypeKind::Enum => {
                    let members: BTreeSet<String> =
                        self.types[&enum_name].ty.members.iter().map(|m| m.name.clone()).collect();
                    let missing: Vec<&String> = values.iter().filter(|v| !members.contains(*v)).collect();
                    if !missing.is_empty() {
                        let message = format!(
                            "`{property}` lists possible values {missing:?} that the `{ty}` enum page does not document"
                        );
                        self.warn(&file, line, message);
                    }
                }
                Some(_) => {}
                None => {
                    let mut members: Vec<MemberDescription> = Vec::new();
                    for value in values {
                        if !members.iter().any(|m| m.name == value) {
                            members.push(MemberDescription { name: value, value: None, description: String::new() });
                        }
                    }
                    self.warn(&file, line, format!("the enum `{ty}` has no page; its members are taken from the \"Possible values\" of `{property}`"));
                    let qualified = format!("{namespace}.{ty}");
                    let ty = TypeDescription { members, ..TypeDescription::new(TypeKind::Enum, ty, namespace) };
                    self.types.insert(qualified, Described { ty, file, lines: BTreeMap::new() });
                }
            }
        }
    }
}
