//! How resources are addressed (entity sets, singletons, operation imports, bound operations):
//! checked cheaply so that a description naming an unknown type fails here, at its JSON path,
//! rather than in a later step. Nothing here is generated yet.

use super::{Resolver, TypeRef};
use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::load::LoadedFile;
use crate::schema::{OperationParameterDescription, ReturnDescription, TypeKind};

impl<'a> Resolver<'a> {
    /// Checks the type references of every root, operation import and bound operation.
    pub(super) fn resolve_addressing(&mut self, files: &'a [LoadedFile]) {
        for file in files {
            if let Some(service) = &file.description.service {
                let base = JsonPath::root().key("service");
                for (key, roots) in [("entitySets", &service.entity_sets), ("singletons", &service.singletons)] {
                    for (index, root) in roots.iter().enumerate() {
                        let path = base.key(key).index(index).key("type");
                        self.check_root(&file.source, &root.name, &root.r#type, &path);
                    }
                }
                for (index, import) in service.operation_imports.iter().enumerate() {
                    let path = base.key("operationImports").index(index);
                    let what = format!("the operation import `{}`", import.name);
                    self.check_signature(&file.source, "", &what, &import.parameters, import.returns.as_ref(), &path);
                }
            }
            for (type_index, ty) in file.description.types.iter().enumerate() {
                let base = JsonPath::root().key("types").index(type_index);
                if !ty.bound_operations.is_empty() && ty.kind == TypeKind::Enum {
                    let message = format!("the enum `{}.{}` has bound operations", ty.namespace, ty.name);
                    self.problems.push(
                        Diagnostic::at(&file.source, &base.key("boundOperations"), message)
                            .with_help("actions and functions bind to entity or complex types"),
                    );
                    continue;
                }
                for (index, operation) in ty.bound_operations.iter().enumerate() {
                    let path = base.key("boundOperations").index(index);
                    let what = format!("the operation `{}` bound to `{}.{}`", operation.name, ty.namespace, ty.name);
                    let returns = operation.returns.as_ref();
                    self.check_signature(&file.source, &ty.namespace, &what, &operation.parameters, returns, &path);
                }
            }
        }
    }

    /// An entity set or singleton names a described entity type, by qualified name.
    fn check_root(&mut self, source: &'a Source, name: &str, ty: &str, path: &JsonPath) {
        let unknown = || format!("`{name}` has the type `{ty}`, which is not described");
        let Some(TypeRef::Named(qualified)) = self.reference_in(source, "", ty, false, path, unknown) else { return };
        let kind = self.resolved.types[&qualified].description.kind;
        if kind != TypeKind::Entity {
            let message = format!("`{name}` has the type `{qualified}`, a {} type", super::kind_name(kind));
            self.problems.push(
                Diagnostic::at(source, path, message)
                    .with_help("entity sets and singletons hold entity types; name one by its qualified name"),
            );
        }
    }

    /// The parameters' and the result's types are primitives or described types.
    fn check_signature(
        &mut self,
        source: &'a Source,
        namespace: &str,
        what: &str,
        parameters: &[OperationParameterDescription],
        returns: Option<&ReturnDescription>,
        path: &JsonPath,
    ) {
        for (index, parameter) in parameters.iter().enumerate() {
            let at = path.key("parameters").index(index).key("type");
            let message = || {
                format!(
                    "the parameter `{}` of {what} has the type `{}`, which is not described",
                    parameter.name, parameter.r#type
                )
            };
            self.reference_in(source, namespace, &parameter.r#type, true, &at, message);
        }
        if let Some(returns) = returns {
            let message = || format!("{what} returns the type `{}`, which is not described", returns.r#type);
            self.reference_in(source, namespace, &returns.r#type, true, &path.key("returns").key("type"), message);
        }
    }
}
