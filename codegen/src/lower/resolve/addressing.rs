//! How resources are addressed (entity sets, singletons, operation imports, bound operations):
//! every type they name resolved, so that a description naming an unknown type fails here, at
//! its JSON path, and lowering gets [`ResolvedRoot`]s and [`ResolvedCall`]s.

use std::collections::BTreeMap;

use super::{BodyRole, OperationKey, Resolver, TypeRef};
use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::load::LoadedFile;
use crate::schema::{
    BindsTo, CapabilitiesDescription, OperationKind, OperationParameterDescription, ReturnDescription, TypeKind,
};

/// Where an operation is described, for its diagnostics: the file, the namespace its type names
/// are relative to, how messages name it, and its JSON path.
#[derive(Clone, Copy)]
struct Site<'s, 'a> {
    source: &'a Source,
    namespace: &'s str,
    what: &'s str,
    path: &'s JsonPath,
}

/// The resolved parameters and result of an operation.
type Signature<'a> = (Vec<ResolvedParameter<'a>>, Option<(TypeRef, bool)>);

/// An entity set or singleton, with its entity type resolved.
#[derive(Debug, Clone)]
pub struct ResolvedRoot<'a> {
    /// The name in the URL (`users`).
    pub name: &'a str,
    /// The entity type, by qualified name.
    pub ty: String,
    /// A singleton (`me`) rather than an entity set.
    pub singleton: bool,
    /// What the service allows on it.
    pub capabilities: Option<&'a CapabilitiesDescription>,
    /// The documented description.
    pub description: &'a str,
}

/// A bound action or function, or an operation import, with its types resolved.
#[derive(Debug, Clone)]
pub struct ResolvedCall<'a> {
    /// What it is, across versions: binding, name and overload.
    pub key: OperationKey,
    /// The name in the URL (`sendMail`).
    pub name: &'a str,
    /// Action or function.
    pub kind: OperationKind,
    /// What a bound operation binds to (`None` for an import).
    pub binds_to: Option<BindsTo>,
    /// The parameters after the binding parameter.
    pub parameters: Vec<ResolvedParameter<'a>>,
    /// The result: its type and whether it is a collection.
    pub returns: Option<(TypeRef, bool)>,
    /// Whether the result is a stream (`Edm.Stream`: a download, such as a report's CSV).
    pub returns_stream: bool,
    /// For a bound action with parameters, the synthetic type of its JSON body (by key).
    pub body: Option<String>,
    /// Whether a function's result can be addressed further (`IsComposable`).
    pub composable: bool,
    /// The documented description.
    pub description: &'a str,
}

/// A parameter of a [`ResolvedCall`].
#[derive(Debug, Clone)]
pub struct ResolvedParameter<'a> {
    /// The name (a JSON property of an action's body, a name in a function's URL).
    pub name: &'a str,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it is a collection.
    pub collection: bool,
    /// Whether it may be left out.
    pub optional: bool,
    /// The documented description.
    pub description: &'a str,
}

impl<'a> Resolver<'a> {
    /// Checks the type references of every root, operation import and bound operation.
    pub(super) fn resolve_addressing(&mut self, files: &'a [LoadedFile]) {
        for file in files {
            if let Some(service) = &file.description.service {
                let base = JsonPath::root().key("service");
                for (key, roots, singleton) in
                    [("entitySets", &service.entity_sets, false), ("singletons", &service.singletons, true)]
                {
                    for (index, root) in roots.iter().enumerate() {
                        let path = base.key(key).index(index).key("type");
                        if let Some(ty) = self.check_root(&file.source, &root.name, &root.r#type, &path) {
                            self.resolved.roots.push(ResolvedRoot {
                                name: &root.name,
                                ty,
                                singleton,
                                capabilities: root.capabilities.as_ref(),
                                description: &root.description,
                            });
                        }
                    }
                }
                let mut keys = BTreeMap::new();
                for (index, import) in service.operation_imports.iter().enumerate() {
                    let path = base.key("operationImports").index(index);
                    let key = OperationKey::import(import);
                    if !self.unique_key(&file.source, &mut keys, &key, index, &path) {
                        continue;
                    }
                    let what = format!("the operation import `{}`", import.name);
                    let returns = import.returns.as_ref();
                    let site = Site { source: &file.source, namespace: "", what: &what, path: &path };
                    if let Some((parameters, returns)) = self.check_signature(&site, &import.parameters, returns, false)
                    {
                        self.resolved.imports.push(ResolvedCall {
                            key,
                            name: &import.name,
                            kind: import.kind,
                            binds_to: None,
                            parameters,
                            returns,
                            returns_stream: is_stream(import.returns.as_ref()),
                            body: None,
                            composable: import.composable,
                            description: &import.description,
                        });
                    }
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
                let qualified = format!("{}.{}", ty.namespace, ty.name);
                let mut keys = BTreeMap::new();
                for (index, operation) in ty.bound_operations.iter().enumerate() {
                    let path = base.key("boundOperations").index(index);
                    let key = OperationKey::bound(&qualified, operation);
                    if !self.unique_key(&file.source, &mut keys, &key, index, &path) {
                        continue;
                    }
                    let what = format!("the operation `{}` bound to `{qualified}`", operation.name);
                    let returns = operation.returns.as_ref();
                    let body = operation.kind == OperationKind::Action;
                    let site = Site { source: &file.source, namespace: &ty.namespace, what: &what, path: &path };
                    if let Some((parameters, returns)) =
                        self.check_signature(&site, &operation.parameters, returns, body)
                    {
                        let body = (operation.kind == OperationKind::Action && !operation.parameters.is_empty())
                            .then(|| key.body(BodyRole::Parameters));
                        self.resolved.bound.entry(qualified.clone()).or_default().push(ResolvedCall {
                            key,
                            name: &operation.name,
                            kind: operation.kind,
                            binds_to: Some(operation.binds_to),
                            parameters,
                            returns,
                            returns_stream: is_stream(operation.returns.as_ref()),
                            body,
                            composable: operation.composable,
                            description: &operation.description,
                        });
                    }
                }
            }
        }
    }

    /// Whether `key` is the first operation of its list with that key (binding, name and, for a
    /// function, parameter names); a second one is a problem, since nothing could tell the two
    /// apart, not a URL and not the change report.
    fn unique_key(
        &mut self,
        source: &'a Source,
        keys: &mut BTreeMap<OperationKey, usize>,
        key: &OperationKey,
        index: usize,
        path: &JsonPath,
    ) -> bool {
        let Some(first) = keys.insert(key.clone(), index) else { return true };
        keys.insert(key.clone(), first);
        let what = match key {
            OperationKey::Bound { overload: super::Overload::Action, .. } => {
                "two actions of one name need different bindings (an entity or a collection)"
            }
            OperationKey::Bound { .. } => "two functions of one name and binding need different parameter names",
            _ => "two imports of one name need different parameter names",
        };
        let list = if matches!(key, OperationKey::Import { .. }) { "operationImports" } else { "boundOperations" };
        self.problems.push(
            Diagnostic::at(source, &path.key("name"), format!("the operation `{key}` is described twice"))
                .with_help(format!("it is also {list}[{first}]; {what}: remove or rename one")),
        );
        false
    }

    /// An entity set or singleton names a described entity type, by qualified name: which.
    fn check_root(&mut self, source: &'a Source, name: &str, ty: &str, path: &JsonPath) -> Option<String> {
        let unknown = || format!("`{name}` has the type `{ty}`, which is not described");
        let Some(TypeRef::Named(qualified)) = self.reference_in(source, "", ty, false, path, unknown) else {
            return None;
        };
        let kind = self.resolved.types[&qualified].description.kind;
        if kind != TypeKind::Entity {
            let message = format!("`{name}` has the type `{qualified}`, a {} type", super::kind_name(kind));
            self.problems.push(
                Diagnostic::at(source, path, message)
                    .with_help("entity sets and singletons hold entity types; name one by its qualified name"),
            );
            return None;
        }
        Some(qualified)
    }

    /// The parameters' and the result's types are primitives or described types: which, when
    /// they all are.
    fn check_signature(
        &mut self,
        site: &Site<'_, 'a>,
        parameters: &'a [OperationParameterDescription],
        returns: Option<&ReturnDescription>,
        body: bool,
    ) -> Option<Signature<'a>> {
        let Site { source, namespace, what, path } = *site;
        let mut resolved = Some(Vec::new());
        for (index, parameter) in parameters.iter().enumerate() {
            let at = path.key("parameters").index(index).key("type");
            let message = || {
                format!(
                    "the parameter `{}` of {what} has the type `{}`, which is not described",
                    parameter.name, parameter.r#type
                )
            };
            // An action's parameters are its body's properties, whose types are already checked.
            let ty = if body {
                self.lookup_quietly(namespace, &parameter.r#type)
            } else {
                self.reference_in(source, namespace, &parameter.r#type, true, &at, message)
            };
            match (ty, resolved.as_mut()) {
                (Some(ty), Some(list)) => list.push(ResolvedParameter {
                    name: &parameter.name,
                    ty,
                    collection: parameter.collection,
                    optional: parameter.optional,
                    description: &parameter.description,
                }),
                _ => resolved = None,
            }
        }
        let returns = match returns {
            Some(returns) => {
                let message = || format!("{what} returns the type `{}`, which is not described", returns.r#type);
                let at = path.key("returns").key("type");
                Some((self.reference_in(source, namespace, &returns.r#type, true, &at, message)?, returns.collection))
            }
            None => None,
        };
        Some((resolved?, returns))
    }
}

/// Whether a result is `Edm.Stream`.
fn is_stream(returns: Option<&ReturnDescription>) -> bool {
    returns.is_some_and(|returns| !returns.collection && returns.r#type.trim_start_matches("Edm.") == "Stream")
}
