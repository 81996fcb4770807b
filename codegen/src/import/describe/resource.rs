//! Resource and enum pages: a resource page's property tables ("Properties", "Relationships") to
//! an entity or complex type description, with the "Possible values" each row lists; an enum
//! page's member table to an enum description.

use std::collections::BTreeMap;

use super::text::{
    first_link_text, parse_type_cell, possible_values, split_inherited, strip_markdown, strip_suffix_ignore_case,
};
use super::{Context, Documented, DocumentedType, first_table};
use crate::import::page::{Block, Table};
use crate::schema::{MemberDescription, PropertyDescription, TypeDescription, TypeKind};

impl Context<'_, '_> {
    pub(super) fn resource(&mut self) -> Documented {
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
    pub(super) fn property_rows(
        &mut self,
        table: &Table,
        owner: &str,
    ) -> Vec<(PropertyDescription, Option<Vec<String>>, usize)> {
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

    pub(super) fn enumeration(&mut self) -> Documented {
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
}
