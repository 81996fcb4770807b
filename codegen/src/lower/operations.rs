//! Request modules: one per type with operations, with a function per operation, the bodies
//! documented inline, query option markers, and the examples that become tests. Names are decided
//! here; the functions' docs in [`super::operation_docs`].

use std::collections::{BTreeMap, BTreeSet};

use super::Namer;
use super::docs::MarkdownDocs;
use super::ident::{self, Ident, Scope};
use super::resolve::{ResolvedBody, ResolvedOperation, TemplatePart, TypeRef};
use super::tree::{PlacedRequests, RequestsTree};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Answer, BodyArgument, BodyType, BodyValue, Docs, Example, Method, Operation, PathPart, QueryMarker, QueryOption,
    QuerySupport, RequestModule, RequestShape,
};
use crate::schema::{self, ExampleRole};

/// What the functions of one request module share while they are named.
struct ModuleScope {
    /// Item names of the module (markers, bodies).
    items: Scope,
    /// Test names of its examples.
    tests: Scope,
    /// The names given to inline bodies, by synthetic type name.
    local_names: BTreeMap<String, Ident>,
    /// The query option markers made so far.
    query_markers: Vec<QueryMarker>,
}

impl<'a> Namer<'a> {
    /// The `requests` module, when any operation is described.
    pub(super) fn requests(&mut self, boxed: &BTreeSet<(&str, &str)>) -> Option<RequestsTree> {
        let api_version = self.resolved.api_version?;
        let mut module_names = Scope::default();
        let mut modules = Vec::new();
        for (owner, operations) in &self.resolved.operations {
            let entry = &self.resolved.types[owner];
            let name = module_names.claim_free(&ident::snake_name(&entry.description.name), "");
            modules.push(self.request_module(owner, operations, &name, api_version, boxed));
        }
        modules.sort_by_key(|module| module.name.to_string());
        let service = self.service(api_version);
        let mut docs = if service.roots.is_empty() {
            Docs::generated(format!(
                "Request functions, one module per resource: each builds a sans-IO [`Request`](crate::runtime::Request) for the `{api_version}` API."
            ))
        } else {
            Docs::generated(format!(
                "Every resource of the `{api_version}` API, from its entity sets and singletons (`users()`, `me()`): path builders ([`Items`](crate::runtime::Items), [`Item`](crate::runtime::Item)) whose methods follow the navigation properties and bound operations of each type, and end in a sans-IO [`Request`](crate::runtime::Request)."
            ))
        };
        if !modules.is_empty() && !service.roots.is_empty() {
            docs.push_generated("The modules hold the request functions of the documented operations.");
        }
        docs.push_generated("Turn a request into an `http::Request` with `to_http`, send it with any client (or the `client` feature's `Client`), and read the `http::Response` with `parse_response`.");
        Some(RequestsTree { service, docs, modules })
    }

    fn request_module(
        &mut self,
        owner: &'a str,
        operations: &'a [ResolvedOperation<'a>],
        name: &str,
        api_version: &str,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> PlacedRequests {
        let mut scope = ModuleScope {
            items: Scope::default(),
            tests: Scope::default(),
            local_names: BTreeMap::new(),
            query_markers: Vec::new(),
        };
        scope.items.claim("API_VERSION");
        let functions = self.function_names(owner, operations);
        // Inline bodies first: their names are fixed by the operation they belong to.
        let bodies = self.inline_bodies(operations, &mut scope, boxed);
        let operations = operations
            .iter()
            .zip(functions)
            .map(|(operation, function)| self.operation(operation, function, api_version, &mut scope))
            .collect();
        let type_path = self.type_path(owner);
        let mut docs = Docs::generated(format!(
            "Requests for [`{}`]({}) (`{owner}`): one function per documented operation.",
            type_path.name,
            type_path.doc_link()
        ));
        if api_version == "beta" {
            docs.push_generated(super::operation_docs::BETA_WARNING);
        }
        PlacedRequests {
            name: ident::ident(name),
            cfg: self.cfg_of(owner),
            docs,
            module: RequestModule { operations, bodies, query_markers: scope.query_markers },
        }
    }

    /// The function name of each operation; two operations whose names collide are a problem.
    fn function_names(&mut self, owner: &str, operations: &[ResolvedOperation<'a>]) -> Vec<Ident> {
        let functions: Vec<String> = operations.iter().map(|op| ident::snake_name(&op.description.name)).collect();
        let mut function_names = Scope::default();
        for (index, function) in functions.iter().enumerate() {
            if !function_names.claim(function) {
                let entry = &self.resolved.types[owner];
                let path = entry.path().key("operations").index(index).key("name");
                let message = format!("two operations of `{owner}` both become the function `{function}`");
                self.problems.push(
                    Diagnostic::at(entry.source(), &path, message)
                        .with_help("operation names must differ after conversion to snake_case"),
                );
            }
        }
        functions.iter().map(|function| ident::ident(function)).collect()
    }

    /// The structs of the bodies the module's pages document inline, named in the module.
    fn inline_bodies(
        &mut self,
        operations: &'a [ResolvedOperation<'a>],
        scope: &mut ModuleScope,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> Vec<crate::ir::StructDef> {
        let mut bodies = Vec::new();
        for operation in operations {
            for body in [&operation.request_body, &operation.response].into_iter().flatten().filter(|body| body.inline)
            {
                let TypeRef::Named(synthetic) = &body.ty else { continue };
                let wanted = self.type_names[synthetic.as_str()].clone();
                let claimed = scope.items.claim_free(&wanted, "");
                self.type_names.insert(synthetic.as_str(), claimed.clone());
                let def = self.struct_def(synthetic.as_str(), &mut scope.items, boxed);
                scope.local_names.insert(synthetic.clone(), ident::ident(&claimed));
                bodies.push(def);
            }
        }
        bodies
    }

    /// One request function.
    fn operation(
        &self,
        operation: &ResolvedOperation<'a>,
        function: Ident,
        api_version: &str,
        scope: &mut ModuleScope,
    ) -> Operation {
        let description = operation.description;
        let mut params = Scope::default();
        let path: Vec<PathPart> = operation
            .path
            .iter()
            .map(|part| match part {
                TemplatePart::Literal(text) => PathPart::Literal(text.clone()),
                TemplatePart::Param(template_name) => PathPart::Param {
                    name: ident::ident(&params.claim_free(&ident::snake_name(template_name), "_")),
                    template_name: template_name.clone(),
                },
            })
            .collect();
        let body = operation.request_body.as_ref().map(|body| BodyArgument {
            name: ident::ident(&params.claim_free("body", "_")),
            ty: self.body_type(body, &scope.local_names),
        });
        let response = operation.response.as_ref().map(|body| self.body_type(body, &scope.local_names));
        let query = (!description.query_options.is_empty()).then(|| query_marker(description, &function, scope));
        let headers = description
            .headers
            .iter()
            .filter(|h| !["authorization", "accept", "content-type"].contains(&h.name.to_ascii_lowercase().as_str()))
            .filter(|h| h.required && !h.value.contains('{'))
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect();
        let docs = self.operation_docs(operation, &path, body.as_ref(), response.as_ref(), api_version);
        let examples = examples(description, body.as_ref().map(|body| &body.ty), response.as_ref(), &mut scope.tests);
        // A write may answer with its documented body, with nothing, or with `202 Accepted`.
        let answer = match response {
            None => Answer::Empty,
            Some(body) if description.method != schema::HttpMethod::Get => Answer::Outcome(body),
            Some(body) => Answer::Json(body),
        };
        let query = query.map_or(QuerySupport::None, QuerySupport::Marker);
        Operation {
            function,
            method: method(description.method),
            path,
            body,
            success_status: description.success_status,
            shape: RequestShape { answer, query, headers },
            docs,
            examples,
        }
    }

    /// The IR type of a body: a body struct of the module, or a model or primitive.
    fn body_type(&self, body: &ResolvedBody, local_names: &BTreeMap<String, Ident>) -> BodyType {
        BodyType {
            value: match &body.ty {
                TypeRef::Named(synthetic) if body.inline => BodyValue::Local(local_names[synthetic].clone()),
                ty => BodyValue::Value(self.value_type(ty)),
            },
            collection: body.collection,
        }
    }
}

/// The query option marker of an operation, added to the module.
fn query_marker(description: &schema::OperationDescription, function: &Ident, scope: &mut ModuleScope) -> Ident {
    let marker = ident::ident(&scope.items.claim_free(&format!("{}Query", ident::type_name(&description.name)), ""));
    // rustdoc cannot link to a raw identifier (`r#match`); name it without a link then.
    let unraw = function.unraw();
    let target = if function.as_str() == unraw { format!("[`{unraw}`]") } else { format!("`{unraw}`") };
    let options: Vec<String> = description.query_options.iter().map(|o| format!("`{}`", o.as_str())).collect();
    let docs = Docs::generated(format!("The query options {target} supports: {}.", options.join(", ")));
    scope.query_markers.push(QueryMarker {
        name: marker.clone(),
        options: description.query_options.iter().map(|option| query_option(*option)).collect(),
        docs,
    });
    marker
}

/// The page's examples of an operation, each a round-trip test of the body type it shows.
fn examples(
    description: &schema::OperationDescription,
    body: Option<&BodyType>,
    response: Option<&BodyType>,
    tests: &mut Scope,
) -> Vec<Example> {
    description
        .examples
        .iter()
        .filter_map(|example| {
            let ty = match example.role {
                ExampleRole::Request => body.cloned(),
                ExampleRole::Response => response.cloned(),
            }?;
            let wanted = ident::prefixed_snake_name(&description.name, &example.name);
            let test = ident::ident(&tests.claim_free(&wanted, ""));
            let mut docs =
                Docs::generated(format!("The `{}` example of `{}` round-trips.", example.name, description.name));
            if let Some(source) = &example.source {
                docs.push_markdown(&format!("From {source}."));
            }
            for defect in &example.defects {
                docs.push_markdown(&format!("It breaks the documented table: {defect}"));
            }
            let json = serde_json::to_string_pretty(&example.body).unwrap_or_default();
            Some(Example { test, ty, json, docs })
        })
        .collect()
}

fn method(method: schema::HttpMethod) -> Method {
    match method {
        schema::HttpMethod::Get => Method::Get,
        schema::HttpMethod::Post => Method::Post,
        schema::HttpMethod::Patch => Method::Patch,
        schema::HttpMethod::Put => Method::Put,
        schema::HttpMethod::Delete => Method::Delete,
    }
}

fn query_option(option: schema::QueryOption) -> QueryOption {
    match option {
        schema::QueryOption::Select => QueryOption::Select,
        schema::QueryOption::Expand => QueryOption::Expand,
        schema::QueryOption::Filter => QueryOption::Filter,
        schema::QueryOption::OrderBy => QueryOption::OrderBy,
        schema::QueryOption::Top => QueryOption::Top,
        schema::QueryOption::Skip => QueryOption::Skip,
        schema::QueryOption::Count => QueryOption::Count,
        schema::QueryOption::Search => QueryOption::Search,
    }
}
