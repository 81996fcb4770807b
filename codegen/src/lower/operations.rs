//! Request modules: one per type with operations, with a function per operation, the bodies
//! documented inline, and query option markers. Names and docs are decided here.

use std::collections::BTreeSet;

use super::resolve::{ResolvedBody, ResolvedOperation, TemplatePart, TypeRef};
use super::{Namer, ident};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    BodyType, BodyValue, Docs, Example, Operation, PathPart, QueryMarker, RequestModule, Requests, ValueType,
};
use crate::lower::ident::Scope;
use crate::schema::{ExampleRole, PermissionsDescription, PrivilegeOrder};

impl<'a> Namer<'a> {
    /// The `requests` module, when any operation is described.
    pub(super) fn requests(&mut self, boxed: &BTreeSet<(&str, &str)>) -> Option<Requests> {
        let api_version = self.resolved.api_version?;
        let mut module_names = Scope::default();
        let mut modules = Vec::new();
        for (owner, operations) in &self.resolved.operations {
            let entry = &self.resolved.types[owner];
            let name = module_names.claim_free(&ident::snake_name(&entry.description.name), "");
            modules.push(self.request_module(owner, operations, &name, api_version, boxed));
        }
        modules.sort_by_key(|module| module.name.to_string());
        let mut docs = Docs::default();
        docs.push_generated(format!(
            "Request functions, one module per resource: each builds a sans-IO [`Request`](crate::runtime::Request) for the `{api_version}` API."
        ));
        docs.push_generated("Turn a request into an `http::Request` with `to_http`, send it with any client (or the `client` feature's `Client`), and read the `http::Response` with `parse_response`.");
        Some(Requests { api_version: api_version.to_owned(), docs, modules })
    }

    fn request_module(
        &mut self,
        owner: &'a str,
        operations: &'a [ResolvedOperation<'a>],
        name: &str,
        api_version: &str,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> RequestModule {
        let mut items = Scope::default();
        items.claim("API_VERSION");
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

        // Inline bodies first: their names are fixed by the operation they belong to.
        let mut bodies = Vec::new();
        let mut local_names = std::collections::BTreeMap::new();
        for operation in operations {
            for body in [&operation.request_body, &operation.response].into_iter().flatten().filter(|body| body.inline)
            {
                let TypeRef::Named(synthetic) = &body.ty else { continue };
                let wanted = self.type_names[synthetic.as_str()].clone();
                let claimed = items.claim_free(&wanted, "");
                self.type_names.insert(synthetic.as_str(), claimed.clone());
                let def = self.struct_def(synthetic.as_str(), &mut items, boxed);
                local_names.insert(synthetic.clone(), ident::ident(&claimed));
                bodies.push(def);
            }
        }

        let mut query_markers = Vec::new();
        let mut result = Vec::new();
        let mut tests = Scope::default();
        for (index, operation) in operations.iter().enumerate() {
            let description = operation.description;
            let function = ident::ident(&functions[index]);
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
            let body_type = |body: &ResolvedBody| BodyType {
                value: match &body.ty {
                    TypeRef::Named(synthetic) if body.inline => BodyValue::Local(local_names[synthetic].clone()),
                    ty => BodyValue::Value(self.value_type(ty)),
                },
                collection: body.collection,
            };
            let body = operation
                .request_body
                .as_ref()
                .map(|body| (ident::ident(&params.claim_free("body", "_")), body_type(body)));
            let response = operation.response.as_ref().map(body_type);
            let query = (!description.query_options.is_empty()).then(|| {
                let marker =
                    ident::ident(&items.claim_free(&format!("{}Query", ident::type_name(&description.name)), ""));
                let mut docs = Docs::default();
                // rustdoc cannot link to a raw identifier (`r#match`); name it without a link then.
                let unraw = ident::unraw(&function);
                let target = if function.as_str() == unraw { format!("[`{unraw}`]") } else { format!("`{unraw}`") };
                docs.push_generated(format!(
                    "The query options {target} supports: {}.",
                    description
                        .query_options
                        .iter()
                        .map(|o| format!("`{}`", o.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                query_markers.push(QueryMarker {
                    name: marker.clone(),
                    options: description.query_options.clone(),
                    docs,
                });
                marker
            });
            let headers = description
                .headers
                .iter()
                .filter(|h| {
                    !["authorization", "accept", "content-type"].contains(&h.name.to_ascii_lowercase().as_str())
                })
                .filter(|h| h.required && !h.value.contains('{'))
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect();
            let docs = self.operation_docs(operation, &path, body.as_ref(), response.as_ref(), api_version);
            let examples = description
                .examples
                .iter()
                .filter_map(|example| {
                    let ty = match example.role {
                        ExampleRole::Request => body.as_ref().map(|(_, ty)| ty.clone()),
                        ExampleRole::Response => response.clone(),
                    }?;
                    let wanted = ident::prefixed_snake_name(&description.name, &example.name);
                    let test = ident::ident(&tests.claim_free(&wanted, ""));
                    let mut docs = Docs::default();
                    docs.push_generated(format!(
                        "The `{}` example of `{}` round-trips.",
                        example.name, description.name
                    ));
                    if let Some(source) = &example.source {
                        docs.push_markdown(&format!("From {source}."));
                    }
                    for defect in &example.defects {
                        docs.push_markdown(&format!("It breaks the documented table: {defect}"));
                    }
                    let json = serde_json::to_string_pretty(&example.body).unwrap_or_default();
                    Some(Example { test, ty, json, docs })
                })
                .collect();
            result.push(Operation {
                function,
                method: description.method,
                path,
                body,
                response,
                success_status: description.success_status,
                query,
                headers,
                docs,
                examples,
            });
        }

        let type_path = self.type_path(owner);
        let mut docs = Docs::default();
        docs.push_generated(format!(
            "Requests for [`{}`]({}) (`{owner}`): one function per documented operation.",
            type_path.name,
            type_path.doc_link()
        ));
        if api_version == "beta" {
            docs.push_generated(BETA_WARNING);
        }
        RequestModule {
            cfg: self.cfg_of(owner),
            name: ident::ident(name),
            docs,
            operations: result,
            bodies,
            query_markers,
        }
    }

    fn operation_docs(
        &self,
        operation: &ResolvedOperation<'a>,
        path: &[PathPart],
        body: Option<&(super::ident::Ident, BodyType)>,
        response: Option<&BodyType>,
        api_version: &str,
    ) -> Docs {
        let description = operation.description;
        let mut docs = Docs::from_markdown(&description.description);
        docs.push_generated(format!(
            "```text\n{} /{api_version}{}\n```",
            description.method.as_str(),
            description.path
        ));
        if api_version == "beta" {
            docs.push_generated(BETA_WARNING);
        }
        let success = format!("`{} {}`", description.success_status, reason(description.success_status));
        let returns = match response {
            None => format!("On success Graph answers {success} with no body; the request returns `()`."),
            Some(body) => format!("On success Graph answers {success} with {}.", self.describe_body(body)),
        };
        docs.push_generated(returns);
        let params: Vec<String> = path
            .iter()
            .filter_map(|part| match part {
                PathPart::Param { name, template_name } => {
                    let documented = description
                        .parameters
                        .iter()
                        .find(|p| p.name == *template_name)
                        .map(|p| p.description.as_str());
                    let text = documented
                        .filter(|d| !d.is_empty())
                        .map(|d| format!(": {}", escape_cell(d)))
                        .unwrap_or_default();
                    Some(format!(
                        "- `{}`: the `{{{template_name}}}` segment, percent-encoded{text}",
                        ident::unraw(name)
                    ))
                }
                PathPart::Literal(_) => None,
            })
            .collect();
        if !params.is_empty() {
            docs.push_generated(format!("Path parameters:\n{}", params.join("\n")));
        }
        if let Some((name, body)) = body {
            docs.push_generated(format!("`{}`: {}, sent as JSON.", ident::unraw(name), self.describe_body(body)));
        }
        docs.push_generated(permissions_table(&description.permissions));
        if !description.query_options.is_empty() {
            let options: Vec<String> = description.query_options.iter().map(|o| format!("`{}`", o.as_str())).collect();
            docs.push_generated(format!("Query options: {}.", options.join(", ")));
        }
        if let Some(source) =
            description.source.as_deref().filter(|s| s.starts_with("https://") && !s.contains(char::is_whitespace))
        {
            docs.push_generated(format!("Documentation: <{source}>"));
        }
        docs
    }

    fn describe_body(&self, body: &BodyType) -> String {
        let one = match &body.value {
            BodyValue::Local(name) => format!("[`{name}`]"),
            BodyValue::Value(ValueType::Struct(path) | ValueType::Enum(path) | ValueType::Flags(path)) => {
                format!("[`{}`]({})", path.name, path.doc_link())
            }
            BodyValue::Value(ValueType::Primitive(primitive)) => format!("`{primitive:?}`"),
        };
        if body.collection {
            format!("a page of {one} values ([`Collection`](crate::runtime::Collection))")
        } else {
            format!("a {one}")
        }
    }
}

/// The warning every beta page carries.
const BETA_WARNING: &str = "> **Important:** Microsoft Graph APIs under the `/beta` version are subject to change; production use is not supported.";

fn permissions_table(permissions: &PermissionsDescription) -> String {
    let order = match permissions.order {
        PrivilegeOrder::LeastToMost => "from least to most privileged",
        PrivilegeOrder::MostToLeast => "from most to least privileged",
    };
    let cell = |list: &[String]| {
        if list.is_empty() {
            "Not supported.".to_owned()
        } else {
            list.iter().map(|p| format!("`{}`", escape_cell(p).replace('`', ""))).collect::<Vec<_>>().join(", ")
        }
    };
    format!(
        "| Permission type | Permissions ({order}) |\n|---|---|\n| Delegated (work or school account) | {} |\n| Delegated (personal Microsoft account) | {} |\n| Application | {} |",
        cell(&permissions.delegated_work),
        cell(&permissions.delegated_personal),
        cell(&permissions.application)
    )
}

/// Text from a description inside a generated line: escaped like any description, and without
/// `|` (which would split a table cell) or line breaks.
fn escape_cell(text: &str) -> String {
    let docs = Docs::from_markdown(&text.replace(['\n', '\r'], " "));
    docs.0.iter().map(|line| line.trim()).collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        _ => "Success",
    }
}
