//! The bodies of an API page: the request body (a type, or a parameter table), the success status
//! and response body from the "Response" text, and the JSON bodies of the example request and
//! response blocks, each with its line on the page.

use super::text::{first_link_text, strip_markdown};
use super::{Context, code_block, display_path, first_table, paragraph};
use crate::schema::{BodyDescription, ExampleDescription, ExampleRole, PropertyDescription};

impl Context<'_, '_> {
    /// The request body: a type ("supply a JSON representation of [x]") or a parameter table,
    /// with the line of each row of its table, by name.
    pub(super) fn request_body(
        &mut self,
        name: &str,
    ) -> (Option<BodyDescription>, Option<String>, Vec<(String, usize)>) {
        let Some(section) = self.page.section("Request body") else { return (None, None, Vec::new()) };
        let text: String = section.blocks.iter().filter_map(paragraph).collect::<Vec<_>>().join(" ");
        let lower = text.to_ascii_lowercase();
        if lower.contains("do not supply a request body") || lower.contains("don't supply a request body") {
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
                let (properties, rows) =
                    self.property_rows(table, name).into_iter().map(|(p, _, line)| (p.clone(), (p.name, line))).unzip();
                (Some(BodyDescription { r#type: None, collection: false, properties }), None, rows)
            }
            None => (None, None, Vec::new()),
        }
    }

    /// The success status and response body from the "Response" section's text.
    pub(super) fn response(&mut self) -> (u16, Option<BodyDescription>) {
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
                    contains_target: false,
                    capabilities: None,
                };
                return (status, Some(BodyDescription { r#type: None, collection: false, properties: vec![value] }));
            }
        }
        (status, None)
    }

    /// The JSON bodies of the example request and response blocks.
    pub(super) fn examples(&mut self, has_request_body: bool, has_response_body: bool) -> Vec<ExampleDescription> {
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

/// The JSON body of an HTTP message: from the first line that opens an object or array (some
/// pages put a blank line between the request line and its headers, so the first blank line is
/// not the start of the body).
pub(super) fn http_body(text: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::http_body;

    #[test]
    fn http_bodies() {
        assert_eq!(
            http_body("POST /x\nContent-type: application/json\n\n{\n  \"a\": 1\n}").as_deref(),
            Some("{\n  \"a\": 1\n}")
        );
        assert_eq!(http_body("HTTP/1.1 204 No Content"), None);
    }
}
