//! Bound operations in the walk: the overload a URL names, the method the crate gives it, its
//! call with its arguments or body (a MIME message in place of the body, see `mime.rs`), and the
//! request it makes.

use msgraph_codegen::schema::{BindsTo, BoundOperationDescription, OperationKind};

use super::super::arguments::function_arguments;
use super::super::metadata::Metadata;
use super::super::names;
use super::super::plan::{Arg, Schema, Shape};
use super::super::url::{self, Segment};
use super::{At, ITEM_METHODS, ITEMS_METHODS, Miss, Walk, is_stream};

impl<'a> Walk<'a> {
    /// The overload of a bound operation that takes the parameters the URL names.
    pub(super) fn overload(
        &self,
        ty: &str,
        segment: &Segment,
        binds_to: BindsTo,
    ) -> Option<(String, &'a BoundOperationDescription)> {
        let meta: &'a Metadata = self.meta;
        let given: Vec<String> = segment
            .args
            .as_deref()
            .and_then(url::named_arguments)
            .unwrap_or_default()
            .into_iter()
            .map(|(n, _)| n.to_lowercase())
            .collect();
        let overloads = meta.bound_operations(ty, &segment.name, binds_to);
        let fits = |op: &BoundOperationDescription| {
            let known = |n: &String| op.parameters.iter().any(|p| p.name.to_lowercase() == *n);
            op.kind == OperationKind::Action || given.iter().all(known)
        };
        overloads.iter().find(|(_, op)| fits(op)).or(overloads.first()).map(|(d, op)| (d.clone(), *op))
    }

    /// The method that calls `op`: its snake-case name or, with [`Conventions::overload_names`],
    /// for an overload the name with its parameters, as the crate names overloads.
    pub(super) fn operation_method(&self, declaring: &str, op: &BoundOperationDescription) -> String {
        let overloaded = self.conventions.overload_names
            && !op.parameters.is_empty()
            && self.meta.get(declaring).is_some_and(|ty| {
                ty.bound_operations.iter().filter(|o| o.name == op.name && o.binds_to == op.binds_to).count() > 1
            });
        let name = if overloaded {
            let parameters: Vec<String> = op.parameters.iter().map(|p| names::method(&p.name)).collect();
            format!("{}_with_{}", names::method(&op.name), parameters.join("_and_"))
        } else {
            names::method(&op.name)
        };
        if !self.conventions.overload_names {
            return name;
        }
        // A name the builder already has (a generic method, a navigation property) gets a `_`.
        let generic = match op.binds_to {
            BindsTo::Entity => ITEM_METHODS.contains(&name.as_str()),
            BindsTo::Collection => ITEMS_METHODS.contains(&name.as_str()),
        };
        let navigation = op.binds_to == BindsTo::Entity
            && self.meta.lineage(declaring).iter().any(|(_, ty)| {
                ty.properties.iter().any(|p| (p.navigation || is_stream(&p.r#type)) && names::method(&p.name) == name)
            });
        if generic || navigation { format!("{name}_") } else { name }
    }

    pub(super) fn operation(
        &mut self,
        declaring: &str,
        op: &BoundOperationDescription,
        segment: &Segment,
    ) -> Result<At, Miss> {
        let method = self.operation_method(declaring, op);
        let namespace = declaring.rsplit_once('.').map_or(super::super::metadata::ROOT_NAMESPACE, |(ns, _)| ns);
        let meta = self.meta;
        // One primitive or enum result comes wrapped, `{"value": …}` (untyped JSON and streams do not).
        self.wrapped = op.returns.as_ref().is_some_and(|r| {
            let ty = meta.resolve(namespace, &r.r#type);
            let bare = ty.strip_prefix("Edm.").unwrap_or(&ty);
            let primitive = super::super::metadata::is_primitive(&ty) && !matches!(bare, "Untyped" | "Json" | "Stream");
            let enumeration = meta.get(&ty).is_some_and(|t| t.kind == msgraph_codegen::schema::TypeKind::Enum);
            !r.collection && (primitive || enumeration)
        });
        let returned = |r: &msgraph_codegen::schema::ReturnDescription| Schema::Type {
            qualified: meta.resolve(namespace, &r.r#type),
            collection: r.collection,
        };
        match op.kind {
            OperationKind::Action => {
                let args = if op.parameters.is_empty() {
                    Vec::new()
                } else {
                    let mut parameters = op.parameters.clone();
                    for parameter in &mut parameters {
                        parameter.r#type = meta.resolve(namespace, &parameter.r#type);
                    }
                    let schema = Schema::Parameters(parameters);
                    vec![self.body(&names::parameters_path(declaring, &op.name), schema)?]
                };
                self.response_schema = op.returns.as_ref().map(returned);
                let shape = match &op.returns {
                    Some(r) if !r.collection && matches!(r.r#type.as_str(), "Stream" | "Edm.Stream") => Shape::Bytes,
                    Some(_) => Shape::Outcome,
                    None => Shape::Unit,
                };
                self.made(method, args, shape, "POST")
            }
            OperationKind::Function => {
                let typed = self.conventions.typed_arguments.then_some((meta, namespace));
                let (args, optional) = function_arguments(
                    &op.parameters,
                    segment.args.as_deref().unwrap_or(""),
                    typed,
                    &mut self.arguments,
                )?;
                self.call(method, args);
                // A composable function whose parameters are all required and whose result is an
                // entity type is that entity's builder in the crate: the path goes on.
                let all_required = op.parameters.iter().all(|p| !p.optional);
                if let Some(returns) = op.returns.as_ref().filter(|_| op.composable && all_required) {
                    let target = meta.resolve(namespace, &returns.r#type);
                    let entity = meta.get(&target).is_some_and(|t| t.kind == msgraph_codegen::schema::TypeKind::Entity);
                    if entity {
                        return Ok(if returns.collection { At::Items(target) } else { At::Item(target) });
                    }
                }
                for (name, value) in optional {
                    self.call("parameter", vec![Arg::Str(name), value]);
                }
                self.response_schema = op.returns.as_ref().map(returned);
                let shape = match &op.returns {
                    Some(r) if r.collection => Shape::Collection,
                    Some(r) if matches!(r.r#type.as_str(), "Stream" | "Edm.Stream") => Shape::Bytes,
                    _ => Shape::Value,
                };
                Ok(At::Request(shape, "GET"))
            }
        }
    }

    /// A call that makes the request, with the method it must be sent with.
    pub(super) fn made(
        &mut self,
        name: impl Into<String>,
        args: Vec<Arg>,
        shape: Shape,
        method: &'static str,
    ) -> Result<At, Miss> {
        self.call(name, args);
        Ok(At::Request(shape, method))
    }

    /// The line's request body, deserialized into `type_path`; `schema` says what it is.
    pub(super) fn body(&mut self, type_path: &str, schema: Schema) -> Result<Arg, Miss> {
        let body = self.line.request_body.clone().ok_or("the page shows no request body")?;
        // Mail sent, or a message or reply created, from MIME: the call without parameters,
        // then `mime_body`.
        if let Some(message) = super::super::mime::message(self.line, &body) {
            self.mime = Some(message);
            return Ok(Arg::Json { type_path: type_path.to_owned(), body: serde_json::json!({}) });
        }
        self.request_schema = Some(schema);
        Ok(Arg::Json { type_path: type_path.to_owned(), body })
    }

    /// The body of a create, update or put of the entity type, which the response (if any)
    /// returns too.
    pub(super) fn entity_body(&mut self, ty: &str) -> Result<Arg, Miss> {
        let schema = Schema::Type { qualified: ty.to_owned(), collection: false };
        self.response_schema = Some(schema.clone());
        self.body(&names::type_path(ty), schema)
    }
}
