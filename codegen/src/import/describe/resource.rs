//! Resource and enum pages: a resource page's property tables ("Properties", "Relationships") to
//! an entity or complex type description, with the "Possible values" each row lists; an enum
//! page's member table to an enum description.

use std::collections::BTreeMap;

use super::text::{
    first_link_text, is_odata_identifier, parse_type_cell, possible_values, primitive_in_other_case, split_inherited,
    strip_markdown, strip_suffix_ignore_case,
};
use super::{BASE_TYPE_LINE, Context, Documented, DocumentedType, TYPE_LINE, first_table};
use crate::import::page::{Block, Row, Table};
use crate::schema::{MemberDescription, PropertyDescription, TypeDescription, TypeKind};

impl Context<'_, '_> {
    pub(super) fn resource(&mut self) -> Documented {
        let page = self.page;
        let json = page.blocks().find_map(|block| match block {
            Block::Code(code) if code.block_type() == Some("resource") => Some(code),
            _ => None,
        });
        let annotation = json.and_then(|code| code.annotation.as_ref());
        let Some((namespace, name)) = self.resource_type_name(annotation) else { return Documented::Nothing };
        let mut lines = BTreeMap::from([(TYPE_LINE.to_owned(), self.title_line())]);
        let mut base_type = None;
        if let Some((base, line)) = self.inherits_from() {
            base_type = Some(base);
            lines.insert(BASE_TYPE_LINE.to_owned(), line);
        } else if let Some(base) = annotation.and_then(|a| a.get("baseType")).and_then(|v| v.as_str()) {
            // The resource block's `baseType` where the text names none (`"baseType":
            // "microsoft.graph.entity"`); its line is the block's.
            base_type = Some(base.trim_start_matches('#').to_owned());
            lines.insert(BASE_TYPE_LINE.to_owned(), json.map_or(1, |code| code.line));
        }
        let keyed = json.is_some_and(|code| code.annotation.as_ref().is_some_and(|a| a.get("keyProperty").is_some()));
        let mut properties = Vec::new();
        let mut possible = Vec::new();
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
            base_type,
            description: self.type_summary(),
            sources: self.source().into_iter().collect(),
            properties,
            ..TypeDescription::new(kind, name, namespace)
        };
        Documented::Type(Box::new(DocumentedType { ty, possible, file: page.path.clone(), lines }))
    }

    /// The rows of a property table (`Property | Type | Description`), with the "Possible
    /// values" each lists.
    pub(super) fn property_rows(
        &mut self,
        table: &Table,
        owner: &str,
    ) -> Vec<(PropertyDescription, Option<Vec<String>>, usize)> {
        let mut rows = Vec::new();
        let mut seen = BTreeMap::new();
        for row in &table.rows {
            let cells = self.clean_cells(row);
            let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
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
            } else if let Some(primitive) = primitive_in_other_case(&r#type) {
                let message = format!(
                    "the type of `{name}` is written `{type}`; the primitive `{primitive}` is meant (the docs spell primitives as `String`, `Boolean`, `Int32`)",
                    type = r#type
                );
                self.warn(row.line, message);
                primitive.to_owned()
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
                    contains_target: false,
                    capabilities: None,
                },
                values,
                row.line,
            ));
        }
        rows
    }

    pub(super) fn enumeration(&mut self) -> Documented {
        let page = self.page;
        let Some(name) = self.type_name(" enum type") else { return Documented::Nothing };
        let namespace = self.namespace();
        let mut members: Vec<MemberDescription> = Vec::new();
        let mut lines = BTreeMap::from([(TYPE_LINE.to_owned(), self.title_line())]);
        match page.section("Members").and_then(first_table) {
            None => {}
            Some(table) => {
                for row in &table.rows {
                    let cells = self.clean_cells(row);
                    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
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
                    lines.insert(member.clone(), row.line);
                    members.push(MemberDescription {
                        name: member,
                        value: cell(1).trim().parse().ok(),
                        description: cell(2).trim().to_owned(),
                    });
                }
            }
        }
        if members.is_empty() {
            let line = page.section("Members").map_or_else(|| self.title_line(), |s| s.line);
            let message = format!(
                "the enum `{name}` documents no members; it is not written (a property of this type takes its members from a \"Possible values\" list, or is kept as raw JSON)"
            );
            self.warn(line, message);
            return Documented::Nothing;
        }
        let flags = page
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Paragraph(t) if t.text.contains("flag")));
        let ty = TypeDescription {
            description: self.type_summary(),
            sources: self.source().into_iter().collect(),
            flags,
            members,
            ..TypeDescription::new(TypeKind::Enum, name, namespace)
        };
        Documented::Type(Box::new(DocumentedType { ty, possible: Vec::new(), file: page.path.clone(), lines }))
    }

    /// The type name a resource or enum page's title gives (`x resource type`), when it is an
    /// OData identifier: it becomes a file name and a Rust name, so a mangled heading is a
    /// warning at the title's line and the page is skipped.
    fn type_name(&mut self, suffix: &str) -> Option<String> {
        let name = strip_suffix_ignore_case(&self.page.title, suffix).trim().to_owned();
        if is_odata_identifier(&name) {
            return Some(name);
        }
        let message = format!(
            "the title `{}` does not name a type: `{}` is not an OData identifier (a letter or `_`, then letters, digits or `_`); the page was skipped",
            self.page.title.escape_debug(),
            name.escape_debug()
        );
        let line = self.title_line();
        self.warn(line, message);
        None
    }

    /// The namespace and name of a resource page's type. The resource block's `@odata.type`
    /// (`"microsoft.graph.workbookChart"`), which the docs' own tooling checks, names it when it
    /// is a qualified OData name: titles are prose (`Chart`, `Audio facet`, `site resource`,
    /// `directory resource type (deleted items)`), so a title that names another type is a
    /// warning and the block wins. Without such a block, the title names it (see
    /// [`Self::type_name`]) in the page's namespace.
    fn resource_type_name(&mut self, annotation: Option<&serde_json::Value>) -> Option<(String, String)> {
        let annotated = annotation
            .and_then(|a| a.get("@odata.type"))
            .and_then(|v| v.as_str())
            .map(|t| t.trim().trim_start_matches('#'))
            .and_then(|qualified| qualified.rsplit_once('.'))
            .filter(|(namespace, name)| is_odata_identifier(name) && namespace.split('.').all(is_odata_identifier));
        let Some((namespace, name)) = annotated else {
            let name = self.type_name(" resource type")?;
            return Some((self.namespace(), name));
        };
        let title = strip_suffix_ignore_case(&self.page.title, " resource type").trim();
        if !title.eq_ignore_ascii_case(name) {
            let message = format!(
                "the title `{}` does not name the type of the page's resource block, `{namespace}.{name}`; the block's type is used",
                self.page.title.escape_debug()
            );
            let line = self.title_line();
            self.warn(line, message);
        }
        if self.page.namespace.as_deref().is_some_and(|written| written != namespace) {
            let message = format!(
                "the page names the namespace `{}`, its resource block `{namespace}`; the block's is used",
                self.page.namespace.as_deref().unwrap_or_default()
            );
            self.warn(1, message);
        }
        Some((namespace.to_owned(), name.to_owned()))
    }

    /// The base type an "Inherits from [base](…)" sentence names, and its line: a paragraph that
    /// starts with it, else one that ends the summary with it (`Represents an application. …
    /// Inherits from [directoryObject](directoryobject.md).`). Table cells say "Inherited from",
    /// about a property; they are no paragraphs.
    fn inherits_from(&self) -> Option<(String, usize)> {
        let paragraphs = || self.page.sections.iter().flat_map(|s| s.paragraphs());
        let starting = paragraphs().filter(|text| text.text.to_ascii_lowercase().starts_with("inherits from")).last();
        let within = || paragraphs().find(|text| text.text.contains("Inherits from ["));
        let text = starting.or_else(within)?;
        let at = text.text.to_ascii_lowercase().find("inherits from").unwrap_or_default();
        let rest = &text.text[at..];
        let base = first_link_text(rest).or_else(|| rest.split_whitespace().nth(2).map(str::to_owned))?;
        Some((base, text.line))
    }

    /// The cells of a table row without control characters (a doc defect: they break the docs
    /// made from them), with a warning at the row's line when there were any.
    fn clean_cells(&mut self, row: &Row) -> Vec<String> {
        let dirty = row.cells.iter().flat_map(|c| c.chars()).filter(|c| c.is_control()).collect::<Vec<_>>();
        if dirty.is_empty() {
            return row.cells.clone();
        }
        let shown: Vec<String> = dirty.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
        let message = format!("the table row has control characters ({}); they are removed", shown.join(", "));
        self.warn(row.line, message);
        row.cells.iter().map(|c| c.chars().filter(|c| !c.is_control()).collect()).collect()
    }
}
