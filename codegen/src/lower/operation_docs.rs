//! The rustdoc of request functions: the HTTP line, the beta warning, what success returns, path
//! parameters, the body, the permissions table, query options and the doc link.

use super::Namer;
use super::docs::MarkdownDocs;
use super::ident;
use super::resolve::{ResolvedBody, ResolvedOperation, TypeRef};
use crate::ir::{BodyArgument, BodyType, BodyValue, Docs, PathPart, ValueType};
use crate::schema::{PermissionsDescription, PrivilegeOrder};

impl<'a> Namer<'a> {
    /// The rustdoc of one request function.
    pub(super) fn operation_docs(
        &self,
        operation: &ResolvedOperation<'a>,
        path: &[PathPart],
        body: Option<&BodyArgument>,
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
            None => format!(
                "On success Graph answers {success} with no body; the request returns `()` (any 2xx is success)."
            ),
            Some(body) if description.method != crate::schema::HttpMethod::Get => format!(
                "On success Graph answers {success} with {}: the request returns it as `Outcome::Body`, and `Outcome::NoContent` or `Outcome::Accepted` when Graph answers with another 2xx.",
                self.describe_body(body, operation.response.as_ref())
            ),
            Some(body) => format!(
                "On success Graph answers {success} with {}.",
                self.describe_body(body, operation.response.as_ref())
            ),
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
        if let Some(BodyArgument { name, ty }) = body {
            let described = self.describe_body(ty, operation.request_body.as_ref());
            docs.push_generated(format!("`{}`: {described}, sent as JSON.", ident::unraw(name)));
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

    /// A body's type in words: a link to the model, or a primitive's documented name (from the
    /// resolved body it was lowered from).
    fn describe_body(&self, body: &BodyType, resolved: Option<&ResolvedBody>) -> String {
        let one = match &body.value {
            BodyValue::Local(name) => format!("[`{name}`]"),
            BodyValue::Value(ValueType::Struct(path) | ValueType::Enum(path) | ValueType::Flags(path)) => {
                format!("[`{}`]({})", path.name, path.doc_link())
            }
            BodyValue::Value(ValueType::Scalar(scalar)) => match resolved.map(|body| &body.ty) {
                Some(TypeRef::Primitive(primitive)) => format!("`{primitive:?}`"),
                _ => format!("`{scalar:?}`"),
            },
        };
        if body.collection {
            format!("a page of {one} values ([`Collection`](crate::runtime::Collection))")
        } else {
            format!("a {one}")
        }
    }
}

/// The warning every beta page carries.
pub(super) const BETA_WARNING: &str = "> **Important:** Microsoft Graph APIs under the `/beta` version are subject to change; production use is not supported.";

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
    docs.lines().iter().map(|line| line.trim()).collect::<Vec<_>>().join(" ").replace('|', "\\|")
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
