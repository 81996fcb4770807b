//! The entity container: entity sets and singletons (the roots of every path) with their
//! types, descriptions and capabilities, and the imports of unbound actions and functions.

use roxmltree::Node;

use super::reader::Reader;
use super::{Collected, Metadata};
use crate::import::describe::Warning;
use crate::schema::RootDescription;

impl<'a> Reader<'a> {
    /// Reads one `<EntityContainer>` into `metadata`; the roots' types go to `collected.roots`
    /// for the annotation paths that start at them.
    pub(super) fn read_container(
        &self,
        namespace: &str,
        container: Node<'a, 'a>,
        collected: &mut Collected<'a>,
        metadata: &mut Metadata,
        warnings: &mut Vec<Warning>,
    ) {
        let qualified = format!("{namespace}.{}", container.attribute("Name").unwrap_or_default());
        for element in container.children().filter(Node::is_element) {
            match element.tag_name().name() {
                kind @ ("EntitySet" | "Singleton") => {
                    let type_attribute = if kind == "EntitySet" { "EntityType" } else { "Type" };
                    let Some(root) = self.root(&qualified, element, type_attribute, collected, warnings) else {
                        continue;
                    };
                    if kind == "EntitySet" {
                        metadata.entity_sets.push(root);
                    } else {
                        metadata.singletons.push(root);
                    }
                }
                "ActionImport" | "FunctionImport" => {
                    let imports = self.operation_import(element, &mut collected.operations, warnings);
                    metadata.operation_imports.extend(imports);
                }
                "Annotation" => {}
                kind => *metadata.skipped.entry(format!("{kind} (in the EntityContainer)")).or_default() += 1,
            }
        }
    }

    /// An entity set or singleton, when it has a name and an entity type of the metadata.
    fn root(
        &self,
        container: &str,
        element: Node<'a, 'a>,
        type_attribute: &str,
        collected: &mut Collected<'a>,
        warnings: &mut Vec<Warning>,
    ) -> Option<RootDescription> {
        let kind = element.tag_name().name();
        let (Some(name), Some(written)) = (element.attribute("Name"), element.attribute(type_attribute)) else {
            self.warn(warnings, element, format!("a `<{kind}>` has no `Name` or `{type_attribute}`; it is skipped"));
            return None;
        };
        let ty = self.canonical(written);
        if !self.entities.contains(&ty) {
            let message = format!(
                "the {kind} `{name}` has the type `{written}`, which is not an entity type of the metadata; it is not described"
            );
            self.warn(warnings, element, message);
            return None;
        }
        let target = format!("{container}/{name}");
        let annotations = self.annotations(element, &target);
        let capabilities = self.capabilities(&annotations, &ty, &mut collected.pending);
        collected.roots.insert(target.clone(), ty.clone());
        Some(RootDescription {
            name: name.to_owned(),
            description: self.description(element, &target),
            r#type: ty,
            capabilities,
        })
    }
}
