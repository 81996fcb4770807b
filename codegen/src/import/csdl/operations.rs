//! Actions and functions: bound ones become the `boundOperations` of the type their first
//! parameter names, unbound ones wait for the container's imports.
//!
//! An operation's annotations may be aimed at it from elsewhere by its signature, as CSDL
//! identifies overloads: an action by its binding parameter's type
//! (`microsoft.graph.sendMail(microsoft.graph.user)`), a function by all its parameters' types.

use std::collections::{BTreeMap, HashMap, HashSet};

use roxmltree::Node;

use super::reader::{Reader, Vocabulary};
use super::{EDM, children, is};
use crate::import::describe::Warning;
use crate::schema::{
    BindsTo, BoundOperationDescription, OperationImportDescription, OperationKind, OperationParameterDescription,
    ReturnDescription,
};

/// The operations of a document, before the container imports the unbound ones.
#[derive(Debug, Default)]
pub(super) struct Operations<'a> {
    /// Qualified binding type → the operations bound to it, in document order.
    pub(super) bound: HashMap<String, Vec<BoundOperationDescription>>,
    /// Qualified name → the overloads of an unbound operation.
    unbound: BTreeMap<String, Vec<Node<'a, 'a>>>,
    /// Qualified names of the unbound operations an import names.
    imported: HashSet<String>,
}

impl Operations<'_> {
    /// The unbound operations no import names, counted by kind (`Action`, `Function`).
    pub(super) fn not_imported(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for (name, overloads) in &self.unbound {
            if self.imported.contains(name) {
                continue;
            }
            for element in overloads {
                let kind = if element.tag_name().name() == "Action" { "Action" } else { "Function" };
                *counts.entry(kind).or_default() += 1;
            }
        }
        counts
    }
}

/// What an operation takes and gives, bound or not.
struct Signature {
    parameters: Vec<OperationParameterDescription>,
    returns: Option<ReturnDescription>,
    description: String,
    composable: bool,
}

impl<'a> Reader<'a> {
    /// Reads every `<Action>` and `<Function>` of `schemas`.
    pub(super) fn read_operations(&self, schemas: &[Node<'a, 'a>], warnings: &mut Vec<Warning>) -> Operations<'a> {
        let mut operations = Operations::default();
        for schema in schemas {
            let namespace = schema.attribute("Namespace").unwrap_or_default();
            for element in schema.children().filter(|n| is(*n, EDM, "Action") || is(*n, EDM, "Function")) {
                let Some(name) = element.attribute("Name") else {
                    let message =
                        format!("a `<{}>` in `{namespace}` has no `Name`; it is skipped", element.tag_name().name());
                    self.warn(warnings, element, message);
                    continue;
                };
                if element.attribute("IsBound") != Some("true") {
                    operations.unbound.entry(format!("{namespace}.{name}")).or_default().push(element);
                    continue;
                }
                if let Some((binding, operation)) = self.bound_operation(namespace, name, element, warnings) {
                    operations.bound.entry(binding).or_default().push(operation);
                }
            }
        }
        operations
    }

    /// A bound operation and the qualified name of the type it binds to; `None` (with a
    /// warning) when it binds to nothing the metadata describes.
    fn bound_operation(
        &self,
        namespace: &str,
        name: &str,
        element: Node<'a, 'a>,
        warnings: &mut Vec<Warning>,
    ) -> Option<(String, BoundOperationDescription)> {
        let qualified = format!("{namespace}.{name}");
        let Some(written) = children(element, "Parameter").next().and_then(|p| p.attribute("Type")) else {
            let message = format!("`{qualified}` is bound but has no binding parameter; it is not described");
            self.warn(warnings, element, message);
            return None;
        };
        let (inner, binds_to) = match written.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
            Some(inner) => (inner.trim(), BindsTo::Collection),
            None => (written.trim(), BindsTo::Entity),
        };
        let binding = self.canonical(inner);
        // Entity and complex types are the ones with a navigation list (possibly empty).
        if !self.navigations.contains_key(&binding) {
            let message = format!(
                "`{qualified}` is bound to `{written}`, which the metadata does not define as an entity or complex type; it is not described"
            );
            self.warn(warnings, element, message);
            return None;
        }
        let owner_namespace = binding.rsplit_once('.').map_or("", |(ns, _)| ns);
        let signature = self.signature(owner_namespace, &qualified, element, true, warnings);
        let operation = BoundOperationDescription {
            name: name.to_owned(),
            kind: kind_of(element),
            binds_to,
            parameters: signature.parameters,
            returns: signature.returns,
            description: signature.description,
            composable: signature.composable,
        };
        Some((binding, operation))
    }

    /// The parameters (after the binding parameter when `bound`), result and description of an
    /// operation; types are written for a description in `namespace`.
    fn signature(
        &self,
        namespace: &str,
        qualified: &str,
        element: Node<'a, 'a>,
        bound: bool,
        warnings: &mut Vec<Warning>,
    ) -> Signature {
        let parameters: Vec<Node<'a, 'a>> = children(element, "Parameter").collect();
        // CSDL names an action overload by its binding parameter's type, a function's by all.
        let identifying = if kind_of(element) == OperationKind::Action { usize::from(bound) } else { parameters.len() };
        let types: Vec<String> = parameters
            .iter()
            .take(identifying)
            .map(|p| self.canonical_type(p.attribute("Type").unwrap_or_default()))
            .collect();
        let target = format!("{qualified}({})", types.join(","));
        let description = Some(self.description(element, &target))
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| self.description(element, qualified));
        let mut described = Vec::new();
        for parameter in parameters.iter().skip(usize::from(bound)) {
            let Some(name) = parameter.attribute("Name") else { continue };
            let written = parameter.attribute("Type").unwrap_or("Edm.Untyped");
            let (r#type, collection) = self.reference(namespace, written, *parameter, qualified, warnings);
            let parameter_target = format!("{target}/{name}");
            let optional = self
                .annotations(*parameter, &parameter_target)
                .into_iter()
                .any(|annotation| self.term(annotation) == Some((Vocabulary::Core, "OptionalParameter")));
            let description = self.description(*parameter, &parameter_target);
            described.push(OperationParameterDescription {
                name: name.to_owned(),
                r#type,
                collection,
                optional,
                description,
            });
        }
        let returns = children(element, "ReturnType").next().map(|returns| {
            let written = returns.attribute("Type").unwrap_or("Edm.Untyped");
            let (r#type, collection) = self.reference(namespace, written, returns, qualified, warnings);
            ReturnDescription { r#type, collection }
        });
        Signature {
            parameters: described,
            returns,
            description,
            composable: element.attribute("IsComposable") == Some("true"),
        }
    }

    /// The operation imports of an `<ActionImport>` or `<FunctionImport>`: one per overload of
    /// the operation it names (with a warning when it names none).
    pub(super) fn operation_import(
        &self,
        element: Node<'a, 'a>,
        operations: &mut Operations<'a>,
        warnings: &mut Vec<Warning>,
    ) -> Vec<OperationImportDescription> {
        let attribute = if element.tag_name().name() == "ActionImport" { "Action" } else { "Function" };
        let (Some(name), Some(operation)) = (element.attribute("Name"), element.attribute(attribute)) else {
            let message = format!("a `<{}>` has no `Name` or `{attribute}`; it is skipped", element.tag_name().name());
            self.warn(warnings, element, message);
            return Vec::new();
        };
        let qualified = self.canonical(operation);
        let Some(overloads) = operations.unbound.get(&qualified) else {
            let message = format!(
                "the import `{name}` names `{operation}`, which is not an unbound operation of the metadata; it is not described"
            );
            self.warn(warnings, element, message);
            return Vec::new();
        };
        operations.imported.insert(qualified.clone());
        let mut imports = Vec::new();
        for overload in overloads.clone() {
            // The service's entries have no namespace: every type is written qualified.
            let signature = self.signature("", &qualified, overload, false, warnings);
            let description = Some(self.description_of(element).unwrap_or_default())
                .filter(|text| !text.is_empty())
                .unwrap_or(signature.description);
            imports.push(OperationImportDescription {
                name: name.to_owned(),
                kind: kind_of(overload),
                parameters: signature.parameters,
                returns: signature.returns,
                description,
                composable: signature.composable,
            });
        }
        imports
    }
}

fn kind_of(element: Node) -> OperationKind {
    if element.tag_name().name() == "Action" { OperationKind::Action } else { OperationKind::Function }
}
