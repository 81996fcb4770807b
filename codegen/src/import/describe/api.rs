//! API pages: one operation each — its HTTP method and path, permissions, request headers, query
//! options, request and response bodies and examples — before it is attached to its type.

use super::navigation::{NavigationPage, distinct_parameters, reference_body};
use super::text::{first_alternatives, is_placeholder_description, strip_markdown};
use super::{Context, Documented, PageOperation, code_block, first_table};
use crate::schema::{
    HeaderDescription, HttpMethod, OperationDescription, PermissionsDescription, PrivilegeOrder, QueryOption,
};

impl Context<'_, '_> {
    pub(super) fn api(&mut self) -> Documented {
        let page = self.page;
        let stem = page.path.file_stem().map(|s| s.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let tokens: Vec<&str> = stem.split('-').collect();
        let navigation = NavigationPage::from_tokens(&tokens);
        let (owner_token, op_token) = match (&navigation, tokens.as_slice()) {
            (Some(navigation), _) => (navigation.owner.clone(), String::new()),
            (None, [.., owner, op]) => (owner.to_string(), op.to_string()),
            (None, _) => {
                self.warn(1, format!("the file name `{stem}` does not say `<type>-<operation>`; the page was skipped"));
                return Documented::Nothing;
            }
        };
        let Some((method, path, line)) = self.http_request() else {
            return Documented::Nothing;
        };
        let (name, title_type) = match &navigation {
            Some(navigation) => (navigation.operation_name(&path), None),
            None => self.name_from_title(&op_token),
        };
        let reference = navigation.is_some() && path.ends_with("/$ref");
        let permissions = self.permissions();
        let headers = self.headers();
        let (mut request_body, body_type, rows) = match reference {
            // `POST …/owners/$ref` takes `{"@odata.id": "<url of the object>"}`, whatever object
            // the page's request body text names.
            true if method == HttpMethod::Post => (Some(reference_body()), None, Vec::new()),
            true => (None, None, Vec::new()),
            false => self.request_body(&name),
        };
        // A type's table is compared with the type's page; an inline body's rows locate its
        // parameters.
        let (body_table, body_rows) = match &request_body {
            Some(body) if body.r#type.is_none() => (Vec::new(), rows),
            _ => (rows, Vec::new()),
        };
        if request_body.is_some() && matches!(method, HttpMethod::Get | HttpMethod::Delete) {
            let section_line = page.section("Request body").map_or(line, |s| s.line);
            self.warn(
                section_line,
                format!(
                    "a {} request documents a request body (function parameters go in the URL); the body is dropped",
                    method.as_str()
                ),
            );
            request_body = None;
        }
        let (success_status, response) = self.response();
        let query_verb = navigation.as_ref().filter(|_| !reference).map_or(name.as_str(), |n| n.verb.as_str());
        let query_options = self.query_options(query_verb);
        let description = page
            .front_matter
            .get("description")
            .cloned()
            .filter(|d| !is_placeholder_description(d))
            .unwrap_or_else(|| self.summary());
        let examples = self.examples(request_body.is_some(), response.is_some());
        Documented::Operation(Box::new(PageOperation {
            owner_token,
            title_type,
            operation: OperationDescription {
                name,
                description,
                method,
                path,
                parameters: Vec::new(),
                request_body,
                response,
                success_status,
                permissions,
                headers,
                query_options,
                source: self.source(),
                examples,
            },
            body_type,
            body_table,
            body_rows,
            file: page.path.clone(),
            line,
        }))
    }

    /// The operation's name from the page title (`Create depEnrollmentProfile` → `create`, with the
    /// type it names), or the title word that is the file name's operation (`setDefaultProfile`).
    fn name_from_title(&self, op_token: &str) -> (String, Option<String>) {
        let title_words: Vec<&str> = self.page.title.split_whitespace().collect();
        let first = title_words.first().copied().unwrap_or_default();
        match first.to_ascii_lowercase().as_str() {
            verb @ ("create" | "get" | "list" | "update" | "delete") => {
                (verb.to_owned(), title_words.get(1).map(|t| t.to_string()))
            }
            _ => {
                let name = title_words.iter().find(|w| w.to_ascii_lowercase() == op_token).copied().unwrap_or(first);
                (name.to_owned(), None)
            }
        }
    }

    /// The OData query options a get or list page supports, when it has an "Optional query
    /// parameters" section.
    fn query_options(&self, name: &str) -> Vec<QueryOption> {
        match self.page.section("Optional query parameters") {
            Some(_) if name == "get" => vec![QueryOption::Select, QueryOption::Expand],
            Some(_) if name == "list" => vec![
                QueryOption::Select,
                QueryOption::Expand,
                QueryOption::Filter,
                QueryOption::OrderBy,
                QueryOption::Top,
                QueryOption::Skip,
                QueryOption::Count,
                QueryOption::Search,
            ],
            _ => Vec::new(),
        }
    }

    /// The method and path of the "HTTP request" block.
    fn http_request(&mut self) -> Option<(HttpMethod, String, usize)> {
        let section = self.page.section("HTTP request");
        let Some(code) = section.and_then(|s| s.blocks.iter().find_map(code_block)) else {
            self.warn(section.map_or(1, |s| s.line), "the page has no HTTP request block; the page was skipped".into());
            return None;
        };
        let lines: Vec<&str> = code.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.len() > 1 {
            self.warn(code.line, format!("the HTTP request block lists {} requests; the first is used", lines.len()));
        }
        let line = lines.first().copied().unwrap_or_default();
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        let method = match verb.to_ascii_uppercase().as_str() {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PATCH" => HttpMethod::Patch,
            "PUT" => HttpMethod::Put,
            "DELETE" => HttpMethod::Delete,
            other => {
                self.warn(code.line, format!("`{other}` is not an HTTP method; the page was skipped"));
                return None;
            }
        };
        let mut path = rest.trim().to_owned();
        if let Some((without_query, query)) = path.split_once('?') {
            self.warn(
                code.line,
                format!(
                    "the request line has a query (`?{query}`); it is dropped, query options are described on their own"
                ),
            );
            path = without_query.to_owned();
        }
        if let Some(simplified) = first_alternatives(&path) {
            self.warn(
                code.line,
                format!("the path `{path}` offers alternatives for a parameter; the first is used: `{simplified}`"),
            );
            path = simplified;
        }
        if let Some(renamed) = distinct_parameters(&path) {
            let message = format!("the path `{path}` names a parameter twice; the later ones are renamed: `{renamed}`");
            self.warn(code.line, message);
            path = renamed;
        }
        if !path.starts_with('/') || path.contains(' ') || path.to_ascii_lowercase().contains("not found") {
            self.warn(
                code.line,
                format!(
                    "the request line is a placeholder, not a path: `{line}`; an overrides entry must give the path"
                ),
            );
            return Some((method, String::new(), code.line));
        }
        let path = path
            .strip_prefix("https://graph.microsoft.com/beta")
            .or_else(|| path.strip_prefix("https://graph.microsoft.com/v1.0"))
            .unwrap_or(&path);
        Some((method, path.to_owned(), code.line))
    }

    fn permissions(&mut self) -> PermissionsDescription {
        let section = self.page.section("Permissions").or_else(|| self.page.section("Prerequisites"));
        let Some(table) = section.and_then(first_table) else {
            self.warn(1, "the page has no permissions table".into());
            return PermissionsDescription::default();
        };
        let order = if table.header.iter().any(|h| h.to_ascii_lowercase().contains("most to least")) {
            PrivilegeOrder::MostToLeast
        } else {
            PrivilegeOrder::LeastToMost
        };
        let mut permissions = PermissionsDescription { order, ..Default::default() };
        for row in &table.rows {
            let kind = row.cells.first().map(|c| c.to_ascii_lowercase()).unwrap_or_default();
            let value = row.cells.get(1).map(|c| strip_markdown(c)).unwrap_or_default();
            let list = if value.to_ascii_lowercase().starts_with("not supported") || value.is_empty() {
                Vec::new()
            } else if value.contains("TODO") {
                self.warn(row.line, format!("the permissions are a placeholder: `{value}`; none are recorded"));
                Vec::new()
            } else {
                value.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
            };
            if kind.contains("work or school") {
                permissions.delegated_work = list;
            } else if kind.contains("personal") {
                permissions.delegated_personal = list;
            } else if kind.contains("application") {
                permissions.application = list;
            }
        }
        permissions
    }

    fn headers(&mut self) -> Vec<HeaderDescription> {
        let Some(table) = self.page.section("Request headers").and_then(first_table) else { return Vec::new() };
        table
            .rows
            .iter()
            .filter_map(|row| {
                let name = strip_markdown(row.cells.first()?);
                let value = row.cells.get(1).map(|c| c.trim().to_owned()).unwrap_or_default();
                let required =
                    value.to_ascii_lowercase().contains("required") || name.eq_ignore_ascii_case("authorization");
                let value = value
                    .split(". ")
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(" Required.")
                    .trim_end_matches('.')
                    .to_owned();
                (!name.is_empty()).then_some(HeaderDescription { name, value, required })
            })
            .collect()
    }
}
