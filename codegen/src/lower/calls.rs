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
    Answer, Argument, ArgumentType, BodyArgument, BodyType, BodyValue, Call, CallKind, Caps, Cfg, Composed, Constant,
    Docs, Import, Omission, PathMethod, PathMethodKind, QuerySupport, RequestShape, Root, Scalar, Service, ValueType,
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
        Some(PathMethod { name, docs, kind: PathMethodKind::Call(Box::new(lowered)), cfg: None })
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
        let result = call
            .returns
            .as_ref()
            .filter(|_| !call.returns_stream)
            .map(|(ty, collection)| BodyType { value: BodyValue::Value(self.value_type(ty)), collection: *collection });
        // OData writes one primitive or enum result as `{"value": …}`; a structure, a collection
        // (already `{"value": [...]}`) and untyped JSON come as they are.
        let wrapped = result.as_ref().is_some_and(|body| {
            !body.collection
                && match &body.value {
                    BodyValue::Value(ValueType::Scalar(scalar)) => !matches!(scalar, Scalar::Json),
                    BodyValue::Value(ValueType::Enum(_) | ValueType::Flags(_)) => true,
                    _ => false,
                }
        });
        // A function answers with its result; an action's result may also be 202 or nothing.
        let answer = match (&result, function) {
            _ if call.returns_stream => Answer::Bytes,
            (None, _) => Answer::Empty,
            (Some(body), true) if wrapped => Answer::Value(body.clone()),
            (Some(body), true) => Answer::Json(body.clone()),
            (Some(body), false) if wrapped => Answer::OutcomeValue(body.clone()),
            (Some(body), false) => Answer::Outcome(body.clone()),
        };
        let query = match &result {
            Some(body) if function && body.collection => QuerySupport::List,
            _ => QuerySupport::None,
        };
        // A stream is not JSON: ask for any type.
        let headers = if call.returns_stream { vec![("Accept".to_owned(), "*/*".to_owned())] } else { Vec::new() };
        let kind = if function {
            CallKind::Function { arguments, composed: self.composed(call) }
        } else {
            let body = call.body.as_deref().map(|key| BodyArgument {
                name: ident::ident("parameters"),
                ty: BodyType { value: BodyValue::Value(ValueType::Struct(self.type_path(key))), collection: false },
            });
            let success_status = if matches!(answer, Answer::Empty) { 204 } else { 200 };
            CallKind::Action { body, success_status }
        };
        Ok(Call {
            operation: call.key.to_string(),
            bound_to: call.key.owner().map(str::to_owned),
            segment: call.name.to_owned(),
            kind,
            shape: RequestShape { answer, query, headers },
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
        let caps = Caps { create: *collection, update: true, delete: true, reference: false };
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
        let (line, function, body) = match &lowered.kind {
            CallKind::Function { arguments, .. } => {
                let arguments: Vec<String> =
                    arguments.iter().map(|a| format!("{}={{{}}}", a.wire_name, a.wire_name)).collect();
                let line = if arguments.is_empty() {
                    format!("`GET …/{}`", call.name)
                } else {
                    format!("`GET …/{}({})`", call.name, arguments.join(","))
                };
                (line, true, None)
            }
            CallKind::Action { body, .. } => (format!("`POST …/{}`", call.name), false, body.as_ref()),
        };
        let kind = if function { "function" } else { "action" };
        docs.push_generated(format!("{line}: the {kind} `{}`.", call.name));
        if matches!(lowered.kind, CallKind::Function { composed: Some(_), .. }) {
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
            .filter(|parameter| function && parameter.optional)
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
        if let Some(BodyArgument { ty: BodyType { value: BodyValue::Value(ValueType::Struct(body)), .. }, .. }) = body {
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
                let outcome =
                    if function { "" } else { " (an `Outcome`: Graph may also answer `202 Accepted` or nothing)" };
                docs.push_generated(format!("Returns `{what}`{outcome}."));
            }
            None => docs.push_generated("Returns nothing: any 2xx is success."),
        }
        if matches!(lowered.shape.query, QuerySupport::List) {
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
        let caps = super::addressing::caps([root.capabilities, type_caps], false, !root.singleton, !root.singleton);
        let target = self.type_path(&root.ty);
        let mut docs = Docs::from_markdown(root.description);
        if self.resolved.api_version == Some("beta") {
            docs.push_generated(super::operation_docs::BETA_WARNING);
        }
        let (what, builder) = if root.singleton { ("singleton", "Item") } else { ("entity set", "Items") };
        let function = names.claim_free(&ident::snake_name(root.name), "_");
        let requests = format!("{}Requests", target.name);
        let requests_link = format!("{}Requests", target.doc_link());
        let (returns, generic) = if root.singleton {
            ("one entity", "`get`, `update`, `delete`")
        } else {
            ("a collection", "`list`, `create`, `count`, and `by_id` for one member")
        };
        docs.push_generated(format!(
            "The {what} `/{}` of [`{}`]({}): returns [`{builder}<{}>`](crate::runtime::{builder}), the path to {returns} ({generic}); what each `{}` adds (its navigations, bound actions and functions, keys) is on [`{requests}`]({requests_link}).",
            root.name, target.name, target.doc_link(), target.name, target.name
        ));
        docs.push_generated(self.root_example(root, &function));
        let cfg = self.cfg_of(&root.ty);
        self.push_features(&mut docs, cfg.as_ref());
        Root {
            name: ident::ident(&function),
            docs,
            cfg,
            segment: root.name.to_owned(),
            target,
            singleton: root.singleton,
            caps,
        }
    }

    /// A two-line example of the chain from the entry point `function` of `root`, compiled and
    /// run as a doc test of the crate.
    fn root_example(&self, root: &ResolvedRoot<'a>, function: &str) -> String {
        let krate = &self.options.crate_name;
        let (one, url) = if root.singleton {
            (format!("requests::{function}()"), format!("/{}", root.name))
        } else {
            (format!("requests::{function}().by_id(\"id\")"), format!("/{}/id", root.name))
        };
        let mut lines = vec![
            "```".to_owned(),
            format!("use {krate}::requests;"),
            format!("use {krate}::runtime::Cloud;"),
            String::new(),
            format!("let one = {one}.get(); // GET {url}"),
            format!("assert!(one.url(&Cloud::Global)?.ends_with(\"{url}\"));"),
        ];
        if let Some((navigation, wire, collection)) = self.first_navigation(&root.ty) {
            let read = if collection { "list" } else { "get" };
            lines.push(format!("let next = {one}.{navigation}().{read}(); // GET {url}/{wire}"));
            lines.push(format!("assert!(next.url(&Cloud::Global)?.ends_with(\"{url}/{wire}\"));"));
        }
        lines.push(format!("# Ok::<(), {krate}::runtime::Error>(())"));
        lines.push("```".to_owned());
        lines.join("\n")
    }

    fn import(&self, call: &ResolvedCall<'a>, names: &mut Scope) -> Option<Import> {
        let lowered = self.call(call).ok()?;
        let cfg = self.features_of_all(call)?;
        let mut docs = self.call_docs(call, &lowered);
        self.push_features(&mut docs, cfg.as_ref());
        Some(Import { name: ident::ident(&call_name(call, names, false)), docs, cfg, call: lowered })
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
