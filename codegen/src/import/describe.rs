//! Stage 2 of the importer: parsed pages to descriptions, and the defect report.
//!
//! Each page contributes what it documents: a resource page its property table (and the
//! "Possible values" of enum properties), an enum page its members, an API page one operation
//! with its examples. Nothing is guessed silently: every defect met — placeholders, pages that
//! contradict each other, examples that do not parse or that break the documented table, unknown
//! type names — becomes a [`Warning`] with its file and line, and the import goes on.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::page::{Block, CodeBlock, Page, Section, Table};
use crate::schema::{
    BodyDescription, ExampleDescription, ExampleRole, HeaderDescription, HttpMethod, MemberDescription,
    OperationDescription, PermissionsDescription, PrivilegeOrder, PropertyDescription, QueryOption, TypeDescription,
    TypeKind,
};

/// A documentation defect: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The page.
    pub file: PathBuf,
    /// The 1-based line on the page.
    pub line: usize,
    /// What is wrong, and what the importer did about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}\n  --> {}:{}", self.message, self.file.display(), self.line)
    }
}

/// What kind of page a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A resource (entity or complex type) page.
    Resource,
    /// An enum page.
    Enum,
    /// An API (operation) page.
    Api,
}

/// One operation, before it is attached to its type.
#[derive(Debug, Clone)]
pub struct PageOperation {
    /// The owner as the file name says it (`depenrollmentprofile`), lowercased.
    pub owner_token: String,
    /// The type the title names, when it names one (`Create depEnrollmentProfile`).
    pub title_type: Option<String>,
    /// The operation.
    pub operation: OperationDescription,
    /// The type named by the "supply a JSON representation of" text, for create and update.
    pub body_type: Option<String>,
    /// The property table of the request body of a create or update page, to compare with the
    /// resource page.
    pub body_table: Vec<(String, usize)>,
    /// The page.
    pub file: PathBuf,
    /// The line of the HTTP request.
    pub line: usize,
}

/// What one page documents.
#[derive(Debug, Clone)]
pub enum Documented {
    /// A type, with the "Possible values" of its properties (to make enums the docs only list)
    /// and the line of each property's row.
    Type(Box<DocumentedType>),
    /// An operation.
    Operation(Box<PageOperation>),
    /// Nothing the importer uses.
    Nothing,
}

/// A type as one page documents it.
#[derive(Debug, Clone)]
pub struct DocumentedType {
    /// The description.
    pub ty: TypeDescription,
    /// (property, possible values, line) for each property that lists "Possible values".
    pub possible: Vec<(String, Vec<String>, usize)>,
    /// The page.
    pub file: PathBuf,
    /// The line of each property's row.
    pub lines: BTreeMap<String, usize>,
}

/// The kind of a page, from its front matter or title.
pub fn page_kind(page: &Page) -> Option<PageKind> {
    let doc_type = page.front_matter.get("doc_type").map(|t| t.to_ascii_lowercase());
    let title = page.title.to_ascii_lowercase();
    match doc_type.as_deref() {
        Some("resourcepagetype") => Some(PageKind::Resource),
        Some("enumpagetype") => Some(PageKind::Enum),
        Some("apipagetype") => Some(PageKind::Api),
        _ if title.ends_with(" enum type") => Some(PageKind::Enum),
        _ if title.ends_with(" resource type") => Some(PageKind::Resource),
        _ if page.sections.iter().any(|s| s.heading.eq_ignore_ascii_case("HTTP request")) => Some(PageKind::Api),
        _ => None,
    }
}

/// What `page` documents; defects go to `warnings`.
pub fn describe(page: &Page, warnings: &mut Vec<Warning>) -> Documented {
    let mut context = Context { page, warnings };
    match page_kind(page) {
        Some(PageKind::Resource) => context.resource(),
        Some(PageKind::Enum) => context.enumeration(),
        Some(PageKind::Api) => context.api(),
        None => {
            context.warn(1, "the page is neither a resource, an enum nor an API page; it was skipped".into());
            Documented::Nothing
        }
    }
}

struct Context<'p, 'w> {
    page: &'p Page,
    warnings: &'w mut Vec<Warning>,
}

impl Context<'_, '_> {
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning { file: self.page.path.clone(), line, message });
    }

    fn namespace(&mut self) -> String {
        match &self.page.namespace {
            Some(namespace) => namespace.clone(),
            None => {
                self.warn(1, "the page names no namespace; `microsoft.graph` is assumed".into());
                "microsoft.graph".into()
            }
        }
    }

    /// The documentation URL of the page, from its path in the docs repository.
    fn source(&self) -> Option<String> {
        let path = self.page.path.to_string_lossy().replace('\\', "/");
        let (version, rest) = if let Some(i) = path.find("api-reference/beta/") {
            ("graph-rest-beta", &path[i + "api-reference/beta/".len()..])
        } else if let Some(i) = path.find("api-reference/v1.0/") {
            ("graph-rest-1.0", &path[i + "api-reference/v1.0/".len()..])
        } else {
            return None;
        };
        let stem = rest.strip_suffix(".md")?;
        let page = stem.strip_prefix("api/").unwrap_or(stem);
        Some(format!("https://learn.microsoft.com/graph/api/{page}?view={version}"))
    }

    /// The first plain paragraph after the title: the type's or operation's description.
    fn summary(&self) -> String {
        let Some(first) = self.page.sections.first() else { return String::new() };
        first
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph(text) => Some(text.text.trim()),
                _ => None,
            })
            .find(|text| {
                !text.is_empty()
                    && !text.starts_with("Namespace:")
                    && !text.starts_with('>')
                    && !text.starts_with("**Important")
                    && !text.starts_with("**Note")
                    && !text.to_ascii_lowercase().starts_with("inherits from")
                    && !text.contains("national cloud")
            })
            .unwrap_or_default()
            .to_owned()
    }

    fn resource(&mut self) -> Documented {
        let page = self.page;
        let name = strip_suffix_ignore_case(&page.title, " resource type").trim().to_owned();
        let namespace = self.namespace();
        let mut base_type = None;
        for block in page.sections.iter().flat_map(|s| &s.blocks) {
            if let Block::Paragraph(text) = block
                && text.text.to_ascii_lowercase().starts_with("inherits from")
            {
                base_type =
                    first_link_text(&text.text).or_else(|| text.text.split_whitespace().nth(2).map(str::to_owned));
            }
        }
        let json = page.sections.iter().flat_map(|s| &s.blocks).find_map(|block| match block {
            Block::Code(code)
                if code.annotation.as_ref().and_then(|a| a.get("blockType")).and_then(|v| v.as_str())
                    == Some("resource") =>
            {
                Some(code)
            }
            _ => None,
        });
        let keyed = json.is_some_and(|code| code.annotation.as_ref().is_some_and(|a| a.get("keyProperty").is_some()));
        let mut properties = Vec::new();
        let mut possible = Vec::new();
        let mut lines = BTreeMap::new();
        for heading in ["Properties", "Relationships"] {
            let Some(table) = page.section(heading).and_then(first_table) else {
                if heading == "Properties" {
                    self.warn(1, format!("the `{name}` page has no property table"));
                }
                continue;
            };
            for (property, values, line) in self.property_rows(table, &name) {
                if let Some(values) = values {
                    possible.push((property.name.clone(), values, line));
                }
                lines.insert(property.name.clone(), line);
                properties.push(property);
            }
        }
        let kind = if keyed || base_type.is_some() || properties.iter().any(|p| p.name == "id") {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
        let ty = TypeDescription {
            kind,
            name,
            namespace,
            base_type,
            r#abstract: false,
            description: self.summary(),
            sources: self.source().into_iter().collect(),
            properties,
            flags: false,
            members: Vec::new(),
            operations: Vec::new(),
        };
        Documented::Type(Box::new(DocumentedType { ty, possible, file: page.path.clone(), lines }))
    }

    /// The rows of a property table (`Property | Type | Description`), with the "Possible
    /// values" each lists.
    fn property_rows(&mut self, table: &Table, owner: &str) -> Vec<(PropertyDescription, Option<Vec<String>>, usize)> {
        let mut rows = Vec::new();
        let mut seen = BTreeMap::new();
        for row in &table.rows {
            let cell = |i: usize| row.cells.get(i).map(String::as_str).unwrap_or_default();
            let name = strip_markdown(cell(0));
            if name.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(name.clone(), row.line) {
                self.warn(row.line, format!("the property `{name}` of `{owner}` is listed twice (also on line {first}); the first row is kept"));
                continue;
            }
            let (r#type, collection) = parse_type_cell(cell(1));
            let (description, inherited_from, times) = split_inherited(cell(2));
            if times > 1 {
                self.warn(row.line, format!("the description of `{name}` says \"Inherited from\" {times} times"));
            }
            let values = possible_values(&description);
            let r#type = if r#type.eq_ignore_ascii_case("enumeration") || r#type.is_empty() {
                self.warn(
                    row.line,
                    format!("the type of `{name}` is `{}`, not a type name; the enum `{name}` is assumed", cell(1)),
                );
                name.clone()
            } else {
                r#type
            };
            rows.push((
                PropertyDescription {
                    name,
                    r#type,
                    collection,
                    nullable: true,
                    description,
                    inherited_from,
                    navigation: false,
                },
                values,
                row.line,
            ));
        }
        rows
    }

    fn enumeration(&mut self) -> Documented {
        let page = self.page;
        let name = strip_suffix_ignore_case(&page.title, " enum type").trim().to_owned();
        let namespace = self.namespace();
        let mut members: Vec<MemberDescription> = Vec::new();
        match page.section("Members").and_then(first_table) {
            None => self.warn(1, format!("the enum `{name}` page has no member table")),
            Some(table) => {
                for row in &table.rows {
                    let cell = |i: usize| row.cells.get(i).map(String::as_str).unwrap_or_default();
                    let member = strip_markdown(cell(0));
                    if member.is_empty() {
                        continue;
                    }
                    if members.iter().any(|m| m.name == member) {
                        self.warn(
                            row.line,
                            format!("the member `{member}` of `{name}` is listed twice; the first row is kept"),
                        );
                        continue;
                    }
                    members.push(MemberDescription {
                        name: member,
                        value: cell(1).trim().parse().ok(),
                        description: cell(2).trim().to_owned(),
                    });
                }
            }
        }
        let flags = page
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Paragraph(t) if t.text.contains("flag")));
        let ty = TypeDescription {
            kind: TypeKind::Enum,
            name,
            namespace,
            base_type: None,
            r#abstract: false,
            description: self.summary(),
            sources: self.source().into_iter().collect(),
            properties: Vec::new(),
            flags,
            members,
            operations: Vec::new(),
        };
        Documented::Type(Box::new(DocumentedType {
            ty,
            possible: Vec::new(),
            file: page.path.clone(),
            lines: BTreeMap::new(),
        }))
    }

    fn api(&mut self) -> Documented {
        let page = self.page;
        let stem = page.path.file_stem().map(|s| s.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let tokens: Vec<&str> = stem.split('-').collect();
        let (owner_token, op_token) = match tokens.as_slice() {
            [.., owner, op] => (owner.to_string(), op.to_string()),
            _ => {
                self.warn(1, format!("the file name `{stem}` does not say `<type>-<operation>`; the page was skipped"));
                return Documented::Nothing;
            }
        };
        let title_words: Vec<&str> = page.title.split_whitespace().collect();
        let first = title_words.first().copied().unwrap_or_default();
        let (name, title_type) = match first.to_ascii_lowercase().as_str() {
            verb @ ("create" | "get" | "list" | "update" | "delete") => {
                (verb.to_owned(), title_words.get(1).map(|t| t.to_string()))
            }
            _ => {
                let name = title_words.iter().find(|w| w.to_ascii_lowercase() == op_token).copied().unwrap_or(first);
                (name.to_owned(), None)
            }
        };

        let Some((method, path, line)) = self.http_request() else {
            return Documented::Nothing;
        };
        let permissions = self.permissions();
        let headers = self.headers();
        let (mut request_body, body_type, body_table) = self.request_body(&name);
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
        let query_options = match page.section("Optional query parameters") {
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
        };
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
            file: page.path.clone(),
            line,
        }))
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

    /// The request body: a type ("supply a JSON representation of [x]") or a parameter table.
    fn request_body(&mut self, name: &str) -> (Option<BodyDescription>, Option<String>, Vec<(String, usize)>) {
        let Some(section) = self.page.section("Request body") else { return (None, None, Vec::new()) };
        let text: String = section.blocks.iter().filter_map(paragraph).collect::<Vec<_>>().join(" ");
        if text.to_ascii_lowercase().contains("do not supply a request body") {
            return (None, None, Vec::new());
        }
        let table = first_table(section);
        let representation = text.to_ascii_lowercase().contains("json representation for the")
            || text.to_ascii_lowercase().contains("json representation of the");
        if matches!(name, "create" | "update") || (representation && !text.contains("parameters")) {
            // "… a JSON representation for the [depEnrollmentProfile](…) object", with or without
            // the link; else the type the title names.
            let lower = text.to_ascii_lowercase();
            let named = ["representation for the ", "representation of the "].iter().find_map(|marker| {
                let at = lower.find(marker)? + marker.len();
                let word = text[at..].split_whitespace().next()?;
                Some(strip_markdown(word).trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
                    .filter(|w| !w.is_empty())
            });
            let title_type = self.page.title.split_whitespace().nth(1).map(str::to_owned);
            let ty = first_link_text(&text).or(named).or(title_type);
            let rows = table
                .map(|t| t.rows.iter().filter_map(|r| Some((strip_markdown(r.cells.first()?), r.line))).collect())
                .unwrap_or_default();
            return (
                ty.clone().map(|t| BodyDescription { r#type: Some(t), collection: false, properties: Vec::new() }),
                ty,
                rows,
            );
        }
        match table {
            Some(table) => {
                let properties = self.property_rows(table, name).into_iter().map(|(p, _, _)| p).collect();
                (Some(BodyDescription { r#type: None, collection: false, properties }), None, Vec::new())
            }
            None => (None, None, Vec::new()),
        }
    }

    /// The success status and response body from the "Response" section's text.
    fn response(&mut self) -> (u16, Option<BodyDescription>) {
        let section = self.page.sections.iter().find(|s| s.heading.eq_ignore_ascii_case("Response") && s.level == 2);
        let text: String =
            section.map(|s| s.blocks.iter().filter_map(paragraph).collect::<Vec<_>>().join(" ")).unwrap_or_default();
        // "returns a `201 Created` response code" (the rendered form loses the backticks).
        let status = text
            .split(|c: char| c.is_whitespace() || c == '`')
            .filter_map(|word| word.parse::<u16>().ok())
            .find(|code| (100..600).contains(code));
        let Some(status) = status else {
            self.warn(section.map_or(1, |s| s.line), "the response text names no status code; 200 is assumed".into());
            return (200, None);
        };
        if status == 204 {
            return (status, None);
        }
        let lower = text.to_ascii_lowercase();
        if let Some(ty) = first_link_text(&text) {
            let collection = lower.contains("collection of");
            return (status, Some(BodyDescription { r#type: Some(ty), collection, properties: Vec::new() }));
        }
        for (word, primitive) in
            [("a string", "String"), ("an int32", "Int32"), ("a boolean", "Boolean"), ("an int64", "Int64")]
        {
            if lower.contains(word) {
                let value = PropertyDescription {
                    name: "value".into(),
                    r#type: primitive.into(),
                    collection: false,
                    nullable: true,
                    description: String::new(),
                    inherited_from: None,
                    navigation: false,
                };
                return (status, Some(BodyDescription { r#type: None, collection: false, properties: vec![value] }));
            }
        }
        (status, None)
    }

    /// The JSON bodies of the example request and response blocks.
    fn examples(&mut self, has_request_body: bool, has_response_body: bool) -> Vec<ExampleDescription> {
        let mut examples: Vec<ExampleDescription> = Vec::new();
        let mut in_example = false;
        for section in &self.page.sections {
            let heading = section.heading.to_ascii_lowercase();
            if section.level == 2 {
                in_example = heading.starts_with("example");
            }
            if !in_example {
                continue;
            }
            for code in section.blocks.iter().filter_map(code_block) {
                let annotated = code
                    .annotation
                    .as_ref()
                    .and_then(|a| a.get("blockType"))
                    .and_then(|v| v.as_str())
                    .map(str::to_owned);
                let role = match annotated.as_deref() {
                    Some("request") => ExampleRole::Request,
                    Some("response") => ExampleRole::Response,
                    _ if code.text.trim_start().starts_with("HTTP/") => ExampleRole::Response,
                    _ if heading.contains("request") => ExampleRole::Request,
                    _ if heading.contains("response") => ExampleRole::Response,
                    _ => continue,
                };
                let Some(body) = http_body(&code.text) else {
                    if code.text.lines().any(|l| l.trim_start().starts_with('"') && l.contains("\":")) {
                        let what = if role == ExampleRole::Request { "request" } else { "response" };
                        self.warn(code.line, format!("the example {what} body has lost its braces (a rendered page); it cannot be recovered and is not kept"));
                    }
                    continue;
                };
                let wanted = match role {
                    ExampleRole::Request => has_request_body,
                    ExampleRole::Response => has_response_body,
                };
                if !wanted {
                    continue;
                }
                let body_line =
                    code.text_line + code.text[..code.text.find(body.trim_start()).unwrap_or(0)].matches('\n').count();
                match serde_json::from_str::<serde_json::Value>(&body) {
                    Ok(value) => {
                        let base = if role == ExampleRole::Request { "request" } else { "response" };
                        let count = examples.iter().filter(|e| e.role == role).count();
                        let name = if count == 0 { base.to_owned() } else { format!("{base}{}", count + 1) };
                        let source = format!("{}:{body_line}", display_path(&self.page.path));
                        examples.push(ExampleDescription {
                            name,
                            role,
                            body: value,
                            defects: Vec::new(),
                            source: Some(source),
                        });
                    }
                    Err(error) => {
                        let message = format!(
                            "the example {} body is not valid JSON ({error}); it is not kept",
                            if role == ExampleRole::Request { "request" } else { "response" }
                        );
                        self.warn(body_line, message);
                    }
                }
            }
        }
        examples
    }
}

/// The path shown in messages and example sources: from `graph-docs/` or `seeds/` on when present.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    for marker in ["graph-docs/", "seeds/"] {
        if let Some(i) = text.find(marker) {
            return text[i..].to_owned();
        }
    }
    text
}

fn first_table(section: &Section) -> Option<&Table> {
    section.blocks.iter().find_map(|block| match block {
        Block::Table(table) => Some(table),
        _ => None,
    })
}

fn code_block(block: &Block) -> Option<&CodeBlock> {
    match block {
        Block::Code(code) => Some(code),
        _ => None,
    }
}

fn paragraph(block: &Block) -> Option<&str> {
    match block {
        Block::Paragraph(text) => Some(text.text.as_str()),
        _ => None,
    }
}

/// The JSON body of an HTTP message: from the first line that opens an object or array (some
/// pages put a blank line between the request line and its headers, so the first blank line is
/// not the start of the body).
fn http_body(text: &str) -> Option<String> {
    let normalized = text.replace("\r\n", "\n");
    let start = normalized
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let at = *offset;
            *offset += line.len();
            Some((at, line))
        })
        .find(|(_, line)| line.trim_start().starts_with('{') || line.trim_start().starts_with('['))
        .map(|(at, _)| at)?;
    Some(normalized[start..].trim().to_owned())
}

/// `/users/{id | userPrincipalName}/x` → `/users/{id}/x`, when a parameter offers alternatives.
fn first_alternatives(path: &str) -> Option<String> {
    if !path.contains('|') {
        return None;
    }
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        out.push_str(&rest[..=open]);
        out.push_str(rest[open + 1..close].split('|').next().unwrap_or_default().trim());
        out.push('}');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// `text` without `suffix`, compared ignoring ASCII case. A title whose last bytes only look like
/// the suffix from the middle of a multi-byte character is left as it is.
fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> &'a str {
    let Some(split) = text.len().checked_sub(suffix.len()) else { return text };
    match text.split_at_checked(split) {
        Some((head, tail)) if tail.eq_ignore_ascii_case(suffix) => head,
        _ => text,
    }
}

/// The text of the first markdown link in `text`.
pub fn first_link_text(text: &str) -> Option<String> {
    let start = text.find('[')?;
    let end = start + text[start..].find("](")?;
    Some(text[start + 1..end].trim().to_owned()).filter(|t| !t.is_empty())
}

/// Markdown to plain text: links to their text, no backticks or emphasis (entities and `<br>`
/// are already decoded by the page parser).
pub fn strip_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match (after.find("]("), after.find(')')) {
            (Some(close), Some(end)) if close < end => {
                out.push_str(&after[1..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace(['`', '*'], "").trim().to_owned()
}

/// A type cell: `String`, `[x](…) collection`, `String collection`.
pub fn parse_type_cell(cell: &str) -> (String, bool) {
    let plain = strip_markdown(cell);
    let collection = plain.to_ascii_lowercase().ends_with(" collection");
    let name = if collection { &plain[..plain.len() - " collection".len()] } else { plain.as_str() };
    (name.trim().to_owned(), collection)
}

/// Splits "… Inherited from [x](…)" off a description: (description, base, how often it was said).
pub fn split_inherited(cell: &str) -> (String, Option<String>, usize) {
    let times = cell.matches("Inherited from").count();
    match cell.find("Inherited from") {
        None => (cell.trim().to_owned(), None, 0),
        Some(index) => {
            let base = first_link_text(&cell[index..])
                .or_else(|| cell[index + "Inherited from".len()..].split_whitespace().next().map(str::to_owned));
            (cell[..index].trim_end().trim().to_owned(), base, times)
        }
    }
}

/// The values listed after "Possible values are:".
pub fn possible_values(description: &str) -> Option<Vec<String>> {
    let index = description.find("Possible values are")?;
    let rest = &description[index..];
    let end = rest.find(".`").map_or_else(|| rest.find(". ").unwrap_or(rest.len()), |i| i + 1);
    let values: Vec<String> =
        rest[..end].split('`').skip(1).step_by(2).map(str::to_owned).filter(|v| !v.is_empty()).collect();
    (!values.is_empty()).then_some(values)
}

fn is_placeholder_description(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("intune ") && lower.ends_with(" .") || lower == "not yet documented" || lower.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_stripped_ignoring_case_and_never_inside_a_character() {
        assert_eq!(strip_suffix_ignore_case("iTunesPairingMode enum type", " enum type"), "iTunesPairingMode");
        assert_eq!(strip_suffix_ignore_case("x Enum Type", " enum type"), "x");
        assert_eq!(strip_suffix_ignore_case("enum type", " enum type"), "enum type");
        // Found by the `doc_pages` fuzz target: the split point falls inside a three-byte character.
        assert_eq!(strip_suffix_ignore_case("x\u{fffd}enum type", " enum type"), "x\u{fffd}enum type");
        assert_eq!(strip_suffix_ignore_case("a\u{e9}", "xy"), "a\u{e9}");
    }

    #[test]
    fn type_cells() {
        assert_eq!(parse_type_cell("String"), ("String".into(), false));
        assert_eq!(
            parse_type_cell("[managementCertificateWithThumbprint](../resources/x.md) collection"),
            ("managementCertificateWithThumbprint".into(), true)
        );
        assert_eq!(parse_type_cell("String collection"), ("String".into(), true));
    }

    #[test]
    fn inherited_notes_and_possible_values() {
        let (description, base, times) =
            split_inherited("Name of the profile Inherited from [enrollmentProfile](../resources/e.md)");
        assert_eq!(
            (description.as_str(), base.as_deref(), times),
            ("Name of the profile", Some("enrollmentProfile"), 1)
        );
        assert_eq!(
            possible_values(
                "Indicates the iTunes pairing mode. Possible values are: `disallow`, `allow`, `requiresCertificate`."
            ),
            Some(vec!["disallow".into(), "allow".into(), "requiresCertificate".into()])
        );
        assert_eq!(possible_values("No values here"), None);
    }

    #[test]
    fn markdown_is_stripped() {
        assert_eq!(strip_markdown("**TODO: Determine scopes **"), "TODO: Determine scopes");
        assert_eq!(strip_markdown("See [the docs](https://x) and `code`"), "See the docs and code");
        // Entities and `<br>` are the page parser's business: they arrive decoded.
        assert_eq!(strip_markdown(" Bearer <token> Required. "), "Bearer <token> Required.");
    }

    #[test]
    fn path_alternatives_take_the_first() {
        assert_eq!(
            first_alternatives("/users/{id | userPrincipalName}/manager").as_deref(),
            Some("/users/{id}/manager")
        );
        assert_eq!(first_alternatives("/me/events"), None);
    }

    #[test]
    fn http_bodies() {
        assert_eq!(
            http_body("POST /x\nContent-type: application/json\n\n{\n  \"a\": 1\n}").as_deref(),
            Some("{\n  \"a\": 1\n}")
        );
        assert_eq!(http_body("HTTP/1.1 204 No Content"), None);
    }
}
