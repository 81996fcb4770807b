//! Actions and functions as Rust methods: an action's parameters are the struct of its JSON body
//! (generated beside its type), a function's required parameters are arguments written as OData
//! literals and its optional ones are named in the docs and set with `Request::parameter`; and
//! the entry points of `requests`.

use std::collections::BTreeSet;

use super::Namer;
use super::docs::MarkdownDocs;
use super::ident::{self, Scope};
use super::resolve::{ResolvedCall, ResolvedParameter, ResolvedRoot, TypeRef};
use crate::ir::{
    Argument, ArgumentType, BodyType, BodyValue, Call, Caps, Cfg, Composed, Constant, Docs, Import, Omission,
    PathMethod, PathMethodKind, Root, Scalar, Service, ValueType,
};
use crate::schema::{OperationKind, TypeKind};

impl<'a> Namer<'a> {
    /// The method of a bound action or function, named in `names`; `None` when it is not
    /// generated (see [`Namer::call`] and [`Namer::omitted_calls`]).
    pub(super) fn call_method(
        &self,
        call: &ResolvedCall<'a>,
        names: &mut Scope,
        bound_to: &str,
        overloaded: bool,
    ) -> Option<PathMethod> {
        let lowered = self.call(call).ok()?;
        let name = ident::ident(&call_name(call, names, overloaded));
        let mut docs = self.call_docs(call, &lowered);
        docs.push_generated(format!("Bound to `{bound_to}`."));
        Some(PathMethod { name, docs, kind: PathMethodKind::Call(lowered), cfg: None })
    }

    /// The call, or why it is not generated: a function that takes a parameter that is not
    /// written in a URL here (a structure, or a collection of anything but strings; none in Graph
    /// v1.0), or an action import with parameters (which have no body struct; Graph v1.0 has no
    /// imports).
    fn call(&self, call: &ResolvedCall<'a>) -> Result<Call, String> {
        let function = call.kind == OperationKind::Function;
        if !function && !call.parameters.is_empty() && call.body.is_none() {
            return Err("an action import's parameters have no body struct".to_owned());
        }
        let mut argument_names = Scope::default();
        argument_names.claim("self");
        let mut arguments = Vec::new();
        // An action's parameters are its body; a function's required ones are arguments.
        for parameter in call.parameters.iter().filter(|parameter| function && !parameter.optional) {
            let Some(ty) = self.argument_type(parameter) else {
                let what = super::resolve::describe(&parameter.ty, parameter.collection);
                return Err(format!("its parameter `{}` ({what}) cannot be written in a URL", parameter.name));
            };
            arguments.push(Argument {
                name: ident::ident(&argument_names.claim_free(&ident::snake_name(parameter.name), "_")),
                wire_name: parameter.name.to_owned(),
                ty,
            });
        }
        let response = call
            .returns
            .as_ref()
            .filter(|_| !call.returns_stream)
            .map(|(ty, collection)| BodyType { value: BodyValue::Value(self.value_type(ty)), collection: *collection });
        // OData writes one primitive or enum result as `{"value": …}`; a structure, a collection
        // (already `{"value": [...]}`) and untyped JSON come as they are.
        let wrapped = response.as_ref().is_some_and(|body| {
            !body.collection
                && match &body.value {
                    BodyValue::Value(ValueType::Scalar(scalar)) => !matches!(scalar, Scalar::Json),
                    BodyValue::Value(ValueType::Enum(_) | ValueType::Flags(_)) => true,
                    _ => false,
                }
        });
        let composed = self.composed(call);
        Ok(Call {
            operation: call.key.to_string(),
            bound_to: call.key.owner().map(str::to_owned),
            segment: call.name.to_owned(),
            function,
            arguments,
            body: call.body.as_deref().map(|key| self.type_path(key)),
            response,
            wrapped,
            stream: call.returns_stream,
            composed,
        })
    }

    /// The builder a composable function's method returns: for a function whose result is an
    /// entity type (or a collection of one) and whose parameters are all required (an optional
    /// one can only be set on a request, with `Request::parameter`); `None` for any other call,
    /// whose method makes the request.
    fn composed(&self, call: &ResolvedCall<'a>) -> Option<Composed> {
        if call.kind != OperationKind::Function || !call.composable || call.parameters.iter().any(|p| p.optional) {
            return None;
        }
        let (TypeRef::Named(target), collection) = call.returns.as_ref()? else { return None };
        let entry = self.resolved.types.get(target.as_str())?;
        if entry.description.kind != TypeKind::Entity || entry.inline.is_some() {
            return None;
        }
        let caps = Caps { create: true, update: true, delete: true, reference: false };
        Some(Composed { target: self.type_path(target), collection: *collection, caps })
    }

    /// How a function's required parameter is passed, written as a URL literal: a string as
    /// `&str`, strings as `&[&str]`, anything else by value; `None` for a structure or another
    /// collection, which a URL does not take here.
    fn argument_type(&self, parameter: &ResolvedParameter<'a>) -> Option<ArgumentType> {
        let value = self.value_type(&parameter.ty);
        Some(match (&value, parameter.collection) {
            (ValueType::Scalar(Scalar::String), true) => ArgumentType::StrSlice,
            (ValueType::Scalar(Scalar::String), false) => ArgumentType::Str,
            (_, true) | (ValueType::Struct(_) | ValueType::Scalar(Scalar::Json), _) => return None,
            // A flags enum is `Flags<E>` by value, written as one quoted literal: `'a,b'`.
            (_, false) => ArgumentType::Value(value),
        })
    }

    fn call_docs(&self, call: &ResolvedCall<'a>, lowered: &Call) -> Docs {
        let mut docs = Docs::from_markdown(call.description);
        let line = if lowered.function {
            let arguments: Vec<String> =
                lowered.arguments.iter().map(|a| format!("{}={{{}}}", a.wire_name, a.wire_name)).collect();
            if arguments.is_empty() {
                format!("`GET …/{}`", call.name)
            } else {
                format!("`GET …/{}({})`", call.name, arguments.join(","))
            }
        } else {
            format!("`POST …/{}`", call.name)
        };
        let kind = if lowered.function { "function" } else { "action" };
        docs.push_generated(format!("{line}: the {kind} `{}`.", call.name));
        if lowered.composed.is_some() {
            docs.push_generated(
                "The function is composable: its result is addressed further like a navigation's target (`get` reads it).",
            );
        }
        if self.resolved.api_version == Some("beta") {
            docs.push_generated(super::operation_docs::BETA_WARNING);
        }
        let described: Vec<String> = call
            .parameters
            .iter()
            .filter(|parameter| !parameter.description.is_empty())
            .map(|parameter| format!("- `{}`: {}", parameter.name, parameter.description.replace('\n', " ")))
            .collect();
        if !described.is_empty() {
            docs.push_markdown(&described.join("\n"));
        }
        let optional: Vec<String> = call
            .parameters
            .iter()
            .filter(|parameter| lowered.function && parameter.optional)
            .map(|parameter| {
                format!("`{}` ({})", parameter.name, super::resolve::describe(&parameter.ty, parameter.collection))
            })
            .collect();
        if !optional.is_empty() {
            docs.push_generated(format!(
                "Optional parameters, set on the request with [`Request::parameter`](crate::runtime::Request::parameter): {}.",
                optional.join(", ")
            ));
        }
        if let Some(body) = &lowered.body {
            docs.push_generated(format!(
                "The parameters are the JSON body: [`{}`]({}), whose builder sets the ones to send.",
                body.name,
                body.doc_link()
            ));
        }
        match &call.returns {
            Some(_) if call.returns_stream => {
                docs.push_generated("Returns a stream (`Edm.Stream`): the answer's bytes, such as a report's CSV.");
            }
            Some((ty, collection)) => {
                let what = super::resolve::describe(ty, *collection);
                let outcome = if lowered.function {
                    ""
                } else {
                    " (an `Outcome`: Graph may also answer `202 Accepted` or nothing)"
                };
                docs.push_generated(format!("Returns `{what}`{outcome}."));
            }
            None => docs.push_generated("Returns nothing: any 2xx is success."),
        }
        if lowered.function && lowered.response.as_ref().is_some_and(|body| body.collection) {
            docs.push_generated("Query options: `$select`, `$filter`, `$top`, `$orderby`, `$expand`, `$skip`, `$count`, `$search`, where the service supports them.");
        }
        docs
    }

    /// The `requests` module's entry points and imports.
    pub(super) fn service(&self, api_version: &str) -> Service {
        let mut names = Scope::default();
        names.claim("API_VERSION");
        let roots = self.resolved.roots.iter().map(|root| self.root(root, &mut names)).collect();
        let imports = self.resolved.imports.iter().filter_map(|call| self.import(call, &mut names)).collect();
        Service {
            api_version: Constant {
                docs: Docs::generated("The API version segment of every request URL."),
                name: ident::ident("API_VERSION"),
                value: api_version.to_owned(),
            },
            roots,
            imports,
        }
    }

    fn root(&self, root: &ResolvedRoot<'a>, names: &mut Scope) -> Root {
        let type_caps = self.resolved.types[&root.ty].description.capabilities.as_ref();
        let caps = super::addressing::caps([root.capabilities, type_caps], false, !root.singleton);
        let target = self.type_path(&root.ty);
        let mut docs = Docs::from_markdown(root.description);
        if self.resolved.api_version == Some("beta") {
            docs.push_generated(super::operation_docs::BETA_WARNING);
        }
        let (what, builder) = if root.singleton { ("singleton", "Item") } else { ("entity set", "Items") };
        docs.push_generated(format!(
            "The {what} `/{}` of [`{}`]({}): a [`{builder}`](crate::runtime::{builder}) path builder.",
            root.name,
            target.name,
            target.doc_link()
        ));
        Root {
            name: ident::ident(&names.claim_free(&ident::snake_name(root.name), "_")),
            docs,
            cfg: self.cfg_of(&root.ty),
            segment: root.name.to_owned(),
            target,
            singleton: root.singleton,
            caps,
        }
    }

    fn import(&self, call: &ResolvedCall<'a>, names: &mut Scope) -> Option<Import> {
        let lowered = self.call(call).ok()?;
        let cfg = self.features_of_all(call)?;
        Some(Import {
            name: ident::ident(&call_name(call, names, false)),
            docs: self.call_docs(call, &lowered),
            cfg,
            call: lowered,
        })
    }

    /// The actions and functions that are described and not generated, with why: bound to a type
    /// that is not an entity type, or when no entity set or singleton addresses anything; a
    /// function whose parameters a URL cannot carry; an import whose types no one feature
    /// compiles.
    pub(super) fn omitted_calls(&self) -> Vec<Omission> {
        let omission = |call: &ResolvedCall<'a>, why: String| Omission {
            subject: call.key.to_string(),
            owner: call.key.owner().map(str::to_owned),
            message: format!("`{}` is not generated: {why}.", call.key),
        };
        let mut omitted = Vec::new();
        for (owner, calls) in &self.resolved.bound {
            let kind = self.resolved.types[owner].description.kind;
            for call in calls {
                let why = if kind != TypeKind::Entity {
                    Some(format!(
                        "it is bound to `{owner}`, which is not an entity type, and only entity types have path builders"
                    ))
                } else if self.resolved.roots.is_empty() {
                    Some("no entity set or singleton is described, so nothing is addressed".to_owned())
                } else {
                    self.call(call).err()
                };
                omitted.extend(why.map(|why| omission(call, why)));
            }
        }
        for call in &self.resolved.imports {
            let why = match self.call(call) {
                Err(why) => Some(why),
                Ok(_) if self.features_of_all(call).is_none() => {
                    Some("no one feature compiles every type it names".to_owned())
                }
                Ok(_) => None,
            };
            omitted.extend(why.map(|why| omission(call, why)));
        }
        omitted
    }

    /// The features that compile every type a call names (`Some(None)`: no features, or no
    /// type named); `None` when no feature compiles them all.
    fn features_of_all(&self, call: &ResolvedCall<'a>) -> Option<Option<Cfg>> {
        let named = call.parameters.iter().map(|p| &p.ty).chain(call.returns.iter().map(|(ty, _)| ty));
        let mut common: Option<BTreeSet<String>> = None;
        for ty in named {
            let TypeRef::Named(qualified) = ty else { continue };
            let Some(cfg) = self.cfg_of(qualified) else { return Some(None) };
            let features: BTreeSet<String> = cfg.features.into_iter().collect();
            common = Some(match common {
                Some(common) => common.intersection(&features).cloned().collect(),
                None => features,
            });
        }
        match common {
            None => Some(None),
            Some(common) if common.is_empty() => None,
            Some(common) => Some(Some(Cfg { features: common.into_iter().collect() })),
        }
    }
}

/// A call's method name: the operation's, or for an overloaded operation the operation's with its
/// parameters (`get_email_activity_user_detail_with_period`), as Kiota names them, so that no
/// overload takes the plain name by the accident of metadata order.
fn call_name(call: &ResolvedCall<'_>, names: &mut Scope, overloaded: bool) -> String {
    let plain = ident::snake_name(call.name);
    let parameters: Vec<String> = call.parameters.iter().map(|parameter| ident::snake_name(parameter.name)).collect();
    let wanted =
        if overloaded && !parameters.is_empty() { format!("{plain}_with_{}", parameters.join("_and_")) } else { plain };
    names.claim_free(&wanted, "_")
}
