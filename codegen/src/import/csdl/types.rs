//! Entity, complex and enum types: their properties and members, and what addresses them
//! (`HasStream`, `ContainsTarget`, `Core.AlternateKeys`, the operations bound to them).

use std::collections::BTreeMap;

use roxmltree::Node;

use super::capabilities::Pending;
use super::reader::{Reader, Vocabulary};
use super::{Collected, EDM, children, is, written_in};
use crate::import::describe::{DocumentedType, TYPE_LINE, Warning};
use crate::schema::{MemberDescription, PropertyDescription, TypeDescription, TypeKind};

impl<'a> Reader<'a> {
    /// Describes one `<EntityType>`, `<ComplexType>` or `<EnumType>`, taking the operations
    /// bound to it out of `collected`, and leaving there the capabilities aimed at its
    /// navigation properties.
    pub(super) fn describe_type(
        &self,
        namespace: &str,
        element: Node<'a, 'a>,
        collected: &mut Collected<'a>,
        warnings: &mut Vec<Warning>,
    ) -> Option<DocumentedType> {
        let Some(name) = element.attribute("Name") else {
            let message = format!("a `<{}>` in `{namespace}` has no `Name`; it is skipped", element.tag_name().name());
            self.warn(warnings, element, message);
            return None;
        };
        let qualified = format!("{namespace}.{name}");
        if self.untyped.contains(&qualified) {
            return None; // any JSON, by convention: references to it are untyped
        }
        if self.empty_enums.contains(&qualified) {
            let message = format!(
                "the enum `{qualified}` has no members; it is not described, and values of it are read as strings"
            );
            self.warn(warnings, element, message);
            return None;
        }
        let kind = match element.tag_name().name() {
            "EntityType" => TypeKind::Entity,
            "ComplexType" => TypeKind::Complex,
            _ => TypeKind::Enum,
        };
        let mut ty = TypeDescription {
            r#abstract: element.attribute("Abstract") == Some("true"),
            description: self.description(element, &qualified),
            sources: vec![self.file_name.clone()],
            flags: element.attribute("IsFlags") == Some("true"),
            has_stream: element.attribute("HasStream") == Some("true"),
            bound_operations: collected.operations.bound.remove(&qualified).unwrap_or_default(),
            ..TypeDescription::new(kind, name, namespace)
        };
        let mut lines = BTreeMap::new();
        if kind == TypeKind::Enum {
            for member in children(element, "Member") {
                let Some(member_name) = member.attribute("Name") else { continue };
                lines.insert(member_name.to_owned(), self.line(member));
                let value = member.attribute("Value").and_then(|value| value.parse().ok());
                let description = self.description(member, &format!("{qualified}/{member_name}"));
                ty.members.push(MemberDescription { name: member_name.to_owned(), value, description });
            }
        } else {
            lines = self.describe_struct(namespace, &qualified, element, &mut ty, collected, warnings);
        }
        lines.insert(TYPE_LINE.to_owned(), self.line(element));
        Some(DocumentedType { ty, possible: Vec::new(), file: self.path.to_owned(), lines })
    }

    /// The base type, properties, alternate keys and capabilities of an entity or complex type;
    /// returns the line of each property, for messages.
    fn describe_struct(
        &self,
        namespace: &str,
        qualified: &str,
        element: Node<'a, 'a>,
        ty: &mut TypeDescription,
        collected: &mut Collected<'a>,
        warnings: &mut Vec<Warning>,
    ) -> BTreeMap<String, usize> {
        let mut lines = BTreeMap::new();
        if let Some(base) = element.attribute("BaseType") {
            let canonical = self.canonical(base);
            if self.defined.contains(&canonical) {
                ty.base_type = Some(written_in(namespace, &canonical));
            } else {
                let message = format!(
                    "`{qualified}` has the base type `{base}`, which the metadata does not define; its properties are not inherited"
                );
                self.warn(warnings, element, message);
            }
        }
        for property in
            element.children().filter(|node| is(*node, EDM, "Property") || is(*node, EDM, "NavigationProperty"))
        {
            let Some(property_name) = property.attribute("Name") else { continue };
            let written = property.attribute("Type").unwrap_or("Edm.Untyped");
            let (r#type, collection) = self.reference(namespace, written, property, qualified, warnings);
            lines.insert(property_name.to_owned(), self.line(property));
            let navigation = property.tag_name().name() == "NavigationProperty";
            if navigation {
                self.navigation_capabilities(qualified, property_name, property, &mut collected.pending);
            }
            ty.properties.push(PropertyDescription {
                name: property_name.to_owned(),
                r#type,
                collection,
                nullable: property.attribute("Nullable") != Some("false"),
                description: self.description(property, &format!("{qualified}/{property_name}")),
                inherited_from: None,
                navigation,
                contains_target: navigation && property.attribute("ContainsTarget") == Some("true"),
                capabilities: None,
            });
        }
        let annotations = self.annotations(element, qualified);
        if ty.kind == TypeKind::Entity {
            ty.alternate_keys = self.alternate_keys(&annotations);
        }
        ty.capabilities = self.capabilities(&annotations, qualified, &mut collected.pending);
        lines
    }

    /// The capability annotations written inside a `<NavigationProperty>` (those aimed at it
    /// from `<Annotations>` are read with the other paths).
    fn navigation_capabilities(&self, owner: &str, name: &str, property: Node<'a, 'a>, pending: &mut Vec<Pending<'a>>) {
        let annotations: Vec<Node<'a, 'a>> = children(property, "Annotation").collect();
        let mut nested = Vec::new();
        if let Some(capabilities) = self.capabilities(&annotations, owner, &mut nested) {
            pending.push(Pending { start: owner.to_owned(), path: name.to_owned(), capabilities, node: property });
        }
        for mut restricted in nested {
            restricted.path = format!("{name}/{}", restricted.path);
            pending.push(restricted);
        }
    }

    /// The keys of the `Core.AlternateKeys` annotations among `annotations`: each a list of key
    /// names as the URL writes them (the key's `Alias`, else its property path).
    pub(super) fn alternate_keys(&self, annotations: &[Node]) -> Vec<Vec<String>> {
        let mut keys = Vec::new();
        for annotation in annotations {
            if self.term(*annotation) != Some((Vocabulary::Core, "AlternateKeys")) {
                continue;
            }
            for alternate in children(*annotation, "Collection").flat_map(|c| children(c, "Record")) {
                let parts = property_values(alternate)
                    .filter(|(name, _)| *name == "Key")
                    .flat_map(|(_, value)| children(value, "Collection").flat_map(|c| children(c, "Record")))
                    .filter_map(|reference| {
                        let mut alias = None;
                        let mut path = None;
                        for (name, value) in property_values(reference) {
                            match name {
                                "Alias" => alias = text_value(value, "String"),
                                "Name" => path = text_value(value, "PropertyPath"),
                                _ => {}
                            }
                        }
                        alias.or(path)
                    });
                let key: Vec<String> = parts.map(str::to_owned).collect();
                if !key.is_empty() && !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }
}

/// The `<PropertyValue Property="…">` children of a `<Record>`, by property name.
pub(super) fn property_values<'a, 'i>(record: Node<'a, 'i>) -> impl Iterator<Item = (&'a str, Node<'a, 'i>)> {
    children(record, "PropertyValue").filter_map(|value| Some((value.attribute("Property")?, value)))
}

/// A value written as an attribute (`String="x"`) or as a child element (`<String>x</String>`).
pub(super) fn text_value<'a>(node: Node<'a, '_>, kind: &str) -> Option<&'a str> {
    node.attribute(kind).or_else(|| {
        node.children().find(|child| child.is_element() && child.tag_name().name() == kind).and_then(|c| c.text())
    })
}
