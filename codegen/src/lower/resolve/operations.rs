//! Operations: the service they belong to, their path templates and parameters, query options,
//! examples and bodies.

use std::collections::{BTreeMap, BTreeSet};

use super::{BodyRole, OperationKey, ResolvedBody, ResolvedOperation, Resolver, TemplatePart, TypeRef};
use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::load::LoadedFile;
use crate::schema::{BodyDescription, ExampleRole, HttpMethod, OperationDescription, TypeDescription, TypeKind};

impl<'a> Resolver<'a> {
    /// Checks every operation: the service it belongs to, its path template, its bodies.
    pub(super) fn resolve_operations(&mut self, files: &'a [LoadedFile]) {
        let api_version = self.resolve_service(files);
        let owners: Vec<String> = self
            .resolved
            .types
            .iter()
            .filter(|(_, e)| !e.description.operations.is_empty() && e.inline.is_none())
            .map(|(q, _)| q.clone())
            .collect();
        // Only operations make requests today: a service that only lists entity sets (the
        // metadata's) generates what it did without them.
        self.resolved.api_version = api_version.filter(|_| !owners.is_empty());
        for owner in owners {
            if let Some(resolved) = self.resolve_operations_of(&owner) {
                self.resolved.operations.insert(owner, resolved);
            }
        }
    }

    /// The API version of the service, without checking it again (for root resources).
    pub(super) fn resolve_api_version(&self, files: &'a [LoadedFile]) -> Option<&'a str> {
        files.iter().find_map(|file| file.description.service.as_ref().map(|service| service.api_version.as_str()))
    }

    /// The API version of the one file that describes the service.
    fn resolve_service(&mut self, files: &'a [LoadedFile]) -> Option<&'a str> {
        let mut service: Option<(&'a LoadedFile, &'a str)> = None;
        for file in files {
            let Some(described) = &file.description.service else { continue };
            if let Some((first, _)) = service {
                self.problems.push(
                    Diagnostic::at(&file.source, &JsonPath::root().key("service"), "the service is described twice")
                        .with_help(format!("it is also described in {}; keep one", first.source.path.display())),
                );
                continue;
            }
            if described.api_version.is_empty()
                || !described.api_version.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            {
                let message = format!("`{}` is not an API version", described.api_version);
                self.problems.push(
                    Diagnostic::at(&file.source, &JsonPath::root().key("service").key("apiVersion"), message)
                        .with_help("use `beta` or `v1.0`"),
                );
            }
            service = Some((file, &described.api_version));
        }
        service.map(|(_, version)| version)
    }

    /// The operations of one type (`None` when the type cannot have any).
    fn resolve_operations_of(&mut self, owner: &str) -> Option<Vec<ResolvedOperation<'a>>> {
        let entry = &self.resolved.types[owner];
        let (description, base, source): (&'a TypeDescription, _, &'a Source) =
            (entry.description, entry.path(), entry.source());
        if description.kind == TypeKind::Enum {
            self.problems.push(
                Diagnostic::at(source, &base.key("operations"), format!("the enum `{owner}` has operations"))
                    .with_help("operations belong to the entity or complex type they read or write"),
            );
            return None;
        }
        if self.resolved.api_version.is_none() {
            self.problems.push(
                Diagnostic::at(
                    source,
                    &base.key("operations"),
                    format!("`{owner}` has operations, but no file describes the service"),
                )
                .with_help("add `\"service\": {\"apiVersion\": \"beta\"}` to one description file"),
            );
        }
        let mut resolved = Vec::new();
        let mut names = BTreeMap::new();
        for (index, operation) in description.operations.iter().enumerate() {
            let path = base.key("operations").index(index);
            if let Some(first) = names.insert(operation.name.as_str(), index) {
                self.problems.push(
                    Diagnostic::at(
                        source,
                        &path.key("name"),
                        format!("`{owner}` has two operations named `{}`", operation.name),
                    )
                    .with_help(format!("it is also operations[{first}]; remove or rename one")),
                );
            }
            let template = self.check_operation(source, operation, &path);
            self.check_examples(source, operation, &path);
            let key = OperationKey::documented(owner, &operation.name);
            let request_body = self.resolve_body(
                owner,
                &key,
                BodyRole::Request,
                operation.request_body.as_ref(),
                &path.key("requestBody"),
            );
            let response =
                self.resolve_body(owner, &key, BodyRole::Response, operation.response.as_ref(), &path.key("response"));
            resolved.push(ResolvedOperation { description: operation, path: template, request_body, response });
        }
        Some(resolved)
    }

    /// The operation's name, status, path template, parameters, query options and method; returns
    /// the parsed template (empty when it is invalid).
    fn check_operation(
        &mut self,
        source: &'a Source,
        operation: &'a OperationDescription,
        path: &JsonPath,
    ) -> Vec<TemplatePart> {
        if operation.name.trim().is_empty() {
            self.problems.push(
                Diagnostic::at(source, &path.key("name"), "the operation has an empty name")
                    .with_help("name it as the docs do: `list`, `get`, `setDefaultProfile`"),
            );
        }
        if !(200..300).contains(&operation.success_status) {
            let message = format!("{} is not a success status", operation.success_status);
            self.problems.push(
                Diagnostic::at(source, &path.key("successStatus"), message)
                    .with_help("use the documented 2xx status, such as 200, 201 or 204"),
            );
        }
        let template = match parse_template(&operation.path) {
            Ok(template) => template,
            Err((message, help)) => {
                self.problems.push(Diagnostic::at(source, &path.key("path"), message).with_help(help));
                Vec::new()
            }
        };
        for (p, parameter) in operation.parameters.iter().enumerate() {
            if !template.is_empty() && !template.contains(&TemplatePart::Param(parameter.name.clone())) {
                let message = format!("the parameter `{}` is not in the path `{}`", parameter.name, operation.path);
                self.problems.push(
                    Diagnostic::at(source, &path.key("parameters").index(p).key("name"), message)
                        .with_help("document only the `{parameters}` of the path template"),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (q, option) in operation.query_options.iter().enumerate() {
            if !seen.insert(*option) {
                self.problems.push(
                    Diagnostic::at(
                        source,
                        &path.key("queryOptions").index(q),
                        format!("`{}` is listed twice", option.as_str()),
                    )
                    .with_help("remove the duplicate"),
                );
            }
        }
        if operation.request_body.is_some() && matches!(operation.method, HttpMethod::Get | HttpMethod::Delete) {
            let message = format!("a {} request has no body", operation.method.as_str());
            self.problems.push(
                Diagnostic::at(source, &path.key("requestBody"), message)
                    .with_help("remove `requestBody`, or correct the method"),
            );
        }
        template
    }

    /// Example names are unique, and each example has the body it shows.
    fn check_examples(&mut self, source: &'a Source, operation: &'a OperationDescription, path: &JsonPath) {
        let mut example_names = BTreeSet::new();
        for (e, example) in operation.examples.iter().enumerate() {
            let example_path = path.key("examples").index(e);
            if !example_names.insert(example.name.as_str()) {
                let message = format!("two examples of `{}` are named `{}`", operation.name, example.name);
                self.problems.push(
                    Diagnostic::at(source, &example_path.key("name"), message)
                        .with_help("give each example its own name"),
                );
            }
            let (has_body, what) = match example.role {
                ExampleRole::Request => (operation.request_body.is_some(), "request"),
                ExampleRole::Response => (operation.response.is_some(), "response"),
            };
            if !has_body {
                let message = format!("`{}` has a {what} example but no {what} body", operation.name);
                self.problems.push(
                    Diagnostic::at(source, &example_path.key("role"), message)
                        .with_help(format!("describe the {what} body, or remove the example")),
                );
            }
        }
    }

    fn resolve_body(
        &mut self,
        owner: &str,
        operation: &OperationKey,
        role: BodyRole,
        body: Option<&BodyDescription>,
        path: &JsonPath,
    ) -> Option<ResolvedBody> {
        let body = body?;
        let entry = &self.resolved.types[owner];
        match (&body.r#type, body.properties.is_empty()) {
            (Some(_), false) | (None, true) => {
                self.problems.push(
                    Diagnostic::at(entry.source(), path, "a body has either a `type` or `properties`")
                        .with_help("name the body's type, or document its properties inline, not both"),
                );
                None
            }
            (None, false) => Some(ResolvedBody {
                ty: TypeRef::Named(operation.body(role)),
                collection: body.collection,
                inline: true,
            }),
            (Some(name), true) => {
                let ty =
                    self.reference(owner, name, true, &path.key("type"), || format!("unknown body type `{name}`"))?;
                Some(ResolvedBody { ty, collection: body.collection, inline: false })
            }
        }
    }
}

/// Splits a path template into text and `{parameters}`.
fn parse_template(template: &str) -> Result<Vec<TemplatePart>, (String, &'static str)> {
    if !template.starts_with('/') {
        return Err((
            format!("the path `{template}` does not start with `/`"),
            "write the path below the API version, such as `/deviceManagement/...`",
        ));
    }
    if let Some(bad) = template.chars().find(|c| !c.is_ascii_graphic() || matches!(c, '?' | '#')) {
        let help = "a path template is printable ASCII without spaces, `?` or `#`; query options are described in `queryOptions`";
        return Err((format!("the path `{}` contains `{}`", template.escape_debug(), bad.escape_debug()), help));
    }
    let mut parts = Vec::new();
    let mut names = BTreeSet::new();
    let mut rest = template;
    while !rest.is_empty() {
        let unopened = || {
            (format!("the path `{template}` has a `}}` without a `{{`"), "balance the braces of every `{parameter}`")
        };
        match (rest.find('{'), rest.find('}')) {
            (None, None) => {
                parts.push(TemplatePart::Literal(rest.to_owned()));
                rest = "";
            }
            (None, Some(_)) => return Err(unopened()),
            (Some(open), Some(close)) if close < open => return Err(unopened()),
            (Some(_), None) => {
                return Err((
                    format!("the path `{template}` has a `{{` without a `}}`"),
                    "balance the braces of every `{parameter}`",
                ));
            }
            (Some(open), Some(close)) => {
                let name = &rest[open + 1..close];
                if name.contains('{') {
                    return Err((
                        format!("the path `{template}` nests braces"),
                        "a `{parameter}` is a name in one pair of braces",
                    ));
                }
                if name.trim().is_empty() {
                    return Err((
                        format!("the path `{template}` has an empty `{{}}`"),
                        "name every parameter, such as `{enrollmentProfileId}`",
                    ));
                }
                if !names.insert(name) {
                    return Err((
                        format!("the path `{template}` has the parameter `{name}` twice"),
                        "give each parameter its own name",
                    ));
                }
                if open > 0 {
                    parts.push(TemplatePart::Literal(rest[..open].to_owned()));
                }
                parts.push(TemplatePart::Param(name.to_owned()));
                rest = &rest[close + 1..];
            }
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::{TemplatePart, parse_template};

    #[test]
    fn path_templates_split_into_text_and_parameters() {
        assert_eq!(
            parse_template("/a/{aId}/b/{bId}/c").unwrap(),
            [
                TemplatePart::Literal("/a/".into()),
                TemplatePart::Param("aId".into()),
                TemplatePart::Literal("/b/".into()),
                TemplatePart::Param("bId".into()),
                TemplatePart::Literal("/c".into()),
            ]
        );
        for bad in ["a/b", "/a/{b", "/a/b}", "/a/{}", "/a/{b}/{b}", "/a/{{b}}", "/a b", "/a?x=1", "/a/}{"] {
            assert!(parse_template(bad).is_err(), "{bad}");
        }
    }
}
