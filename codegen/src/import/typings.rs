//! Graph's TypeScript declarations (`microsoft-graph.d.ts`, published by Microsoft in
//! `microsoftgraph/msgraph-typescript-typings`), read for their descriptions only.
//!
//! The declarations are generated from the v1.0 metadata "with descriptions": each entity and
//! complex type is an interface, each property a member with the `Core.Description` text of the
//! metadata as its comment (`// …` or a wrapped `/** … */` block). They are the newest source of
//! that text this project can pin (the metadata document itself is too large for the mirror), so
//! `msgraph-codegen extract` turns them into an extract's descriptions, by element
//! (`microsoft.graph.user/aboutMe`), which an import then uses as it uses any extract's.
//!
//! Names: a top-level interface is in `microsoft.graph`, one inside `namespace CallRecords` in
//! `microsoft.graph.callRecords` (a trailing `Namespace`, which the generator adds where a name
//! would clash, is dropped: `SecurityNamespace` is `microsoft.graph.security`); an interface's
//! name is the type's with its first letter upper-cased (`User` is `user`, `IPv6Range` is
//! `iPv6Range`). The declarations carry no type descriptions and no enum member descriptions:
//! enums are string unions.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Source};
use crate::error::{Error, Result};

/// What a declarations file describes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typings {
    /// The description of each described property, by element (`microsoft.graph.user/aboutMe`).
    pub descriptions: BTreeMap<String, String>,
    /// The interfaces read.
    pub interfaces: usize,
    /// The properties read, described or not.
    pub properties: usize,
}

/// Whether `path` names TypeScript declarations (`*.d.ts`).
pub fn is_typings(path: &Path) -> bool {
    path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.to_ascii_lowercase().ends_with(".d.ts"))
}

/// Reads the descriptions of a declarations file's properties. A file with no interface, or
/// with a comment or interface left open at its end, is refused with a located error.
pub fn read(path: &Path, text: &str) -> Result<Typings> {
    let mut reader = Reader::default();
    for (index, line) in text.lines().enumerate() {
        reader.line(index + 1, line);
    }
    let invalid = |(line, column): (usize, usize), message: &str| {
        let source = Source { path: path.to_owned(), text: text.to_owned() };
        let help = "give `microsoft-graph.d.ts` of microsoftgraph/msgraph-typescript-typings as published (bench/docs-extract.sh pins a commit)";
        Error::Invalid(Diagnostics(vec![Diagnostic::at_line_column(&source, line, column, message).with_help(help)]))
    };
    if let Some(at) = reader.open_comment {
        return Err(invalid(at, "this `/**` comment is never closed with `*/`"));
    }
    if let Some((_, at)) = reader.interface {
        return Err(invalid(at, "this interface is never closed with `}`"));
    }
    if reader.typings.interfaces == 0 {
        return Err(invalid((1, 1), "no `interface` is declared: these are not Graph's TypeScript declarations"));
    }
    Ok(reader.typings)
}

/// The reader's state between lines.
#[derive(Default)]
struct Reader {
    typings: Typings,
    /// The namespaces open (`CallRecords`, `Partners.Billing`), as path segments of the
    /// qualified name (`callRecords`; `partners`, `billing`), one entry per namespace.
    namespaces: Vec<Vec<String>>,
    /// The interface open: its qualified type name and the line and column it opens at.
    interface: Option<(String, (usize, usize))>,
    /// The comment just read, waiting for the property it describes.
    comment: Vec<String>,
    /// The line and column of a `/**` comment not closed yet.
    open_comment: Option<(usize, usize)>,
}

impl Reader {
    fn line(&mut self, number: usize, line: &str) {
        let trimmed = line.trim();
        // Where the line's text starts (1-based, in bytes, as diagnostics count), for a located
        // error.
        let column = line.len() - line.trim_start().len() + 1;
        if self.open_comment.is_some() {
            let (text, closed) = match trimmed.split_once("*/") {
                Some((text, _)) => (text, true),
                None => (trimmed, false),
            };
            self.comment.push(text.trim_start_matches('*').trim().to_owned());
            if closed {
                self.open_comment = None;
            }
            return;
        }
        if let Some(rest) = trimmed.strip_prefix("/**") {
            self.comment.clear();
            match rest.split_once("*/") {
                Some((text, _)) => self.comment.push(text.trim().to_owned()),
                None => {
                    self.comment.push(rest.trim().to_owned());
                    self.open_comment = Some((number, column));
                }
            }
            return;
        }
        if let Some(text) = trimmed.strip_prefix("//") {
            self.comment.push(text.trim().to_owned());
            return;
        }
        let comment = std::mem::take(&mut self.comment);
        let declaration = trimmed.strip_prefix("export ").unwrap_or(trimmed);
        let declaration = declaration.strip_prefix("declare ").unwrap_or(declaration);
        if let Some(rest) = declaration.strip_prefix("namespace ") {
            if let Some(name) = rest.strip_suffix('{') {
                self.namespaces.push(name.trim().split('.').map(namespace_segment).collect());
            }
        } else if let Some(rest) = declaration.strip_prefix("interface ") {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            self.typings.interfaces += 1;
            if !trimmed.ends_with("{}") && !name.is_empty() {
                self.interface = Some((self.qualified(&name), (number, column)));
            }
        } else if trimmed == "}" {
            if self.interface.take().is_none() {
                self.namespaces.pop();
            }
        } else if let Some((ty, _)) = &self.interface
            && let Some(property) = property_name(trimmed)
        {
            self.typings.properties += 1;
            let text = comment.iter().filter(|line| !line.is_empty()).cloned().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                self.typings.descriptions.insert(format!("{ty}/{property}"), text);
            }
        }
    }

    /// The qualified type name of interface `name` in the namespaces open.
    fn qualified(&self, name: &str) -> String {
        let mut qualified = String::from("microsoft.graph");
        for segment in self.namespaces.iter().flatten() {
            qualified.push('.');
            qualified.push_str(segment);
        }
        qualified.push('.');
        qualified.push_str(&lower_first(name));
        qualified
    }
}

/// A namespace's segment as the metadata spells it: `CallRecords` is `callRecords`,
/// `SecurityNamespace` is `security`.
fn namespace_segment(segment: &str) -> String {
    let segment = segment.trim();
    lower_first(segment.strip_suffix("Namespace").filter(|s| !s.is_empty()).unwrap_or(segment))
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The property a member line declares (`aboutMe?: NullableOption<string>;` is `aboutMe`;
/// `"@odata.type"?: string;` is `@odata.type`), if it declares one.
fn property_name(line: &str) -> Option<&str> {
    let (name, _) = line.split_once(':')?;
    let name = name.trim_end().trim_end_matches('?');
    let name = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name);
    let valid = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '.' | '$'));
    valid.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLARATIONS: &str = r#"// Project: https://github.com/microsoftgraph/msgraph-typescript-typings
export as namespace microsoftgraph;

export type NullableOption<T> = T | null;

export type RiskLevel = "low" | "medium";
export interface Entity {
    // The unique identifier for an entity. Read-only.
    id?: string;
}
export interface User extends DirectoryObject {
    // A freeform text entry field for the user to describe themselves.
    aboutMe?: NullableOption<string>;
    /**
     * true if the account is enabled; otherwise, false. Supports $filter (eq, ne, not, and in).
     * Filter by /users/{id}.
     */
    accountEnabled?: NullableOption<boolean>;
    ageGroup?: NullableOption<string>;
    /** On one line. */
    city?: string;
}
export interface IPv6Range extends IpRange {}

export namespace CallRecords {
    type AudioCodec =
        | "unknown"
        | "opus";
    interface CallRecord extends microsoftgraph.Entity {
        // Time when the call ended.
        endDateTime?: string;
    }
}
export namespace Partners.Billing {
    interface Operation {
        // The status.
        status?: string;
    }
}
export namespace SecurityNamespace {
    interface Alert {
        // The title.
        title?: string;
    }
}
export interface Message {
    // A read-only property.
    "@odata.type"?: string;
}
"#;

    #[test]
    fn properties_are_described_under_the_metadata_s_names() {
        let typings = read(Path::new("x.d.ts"), DECLARATIONS).unwrap();
        let described: Vec<(&str, &str)> =
            typings.descriptions.iter().map(|(element, text)| (element.as_str(), text.as_str())).collect();
        assert_eq!(
            described,
            [
                ("microsoft.graph.callRecords.callRecord/endDateTime", "Time when the call ended."),
                ("microsoft.graph.entity/id", "The unique identifier for an entity. Read-only."),
                ("microsoft.graph.message/@odata.type", "A read-only property."),
                ("microsoft.graph.partners.billing.operation/status", "The status."),
                ("microsoft.graph.security.alert/title", "The title."),
                ("microsoft.graph.user/aboutMe", "A freeform text entry field for the user to describe themselves."),
                (
                    "microsoft.graph.user/accountEnabled",
                    "true if the account is enabled; otherwise, false. Supports $filter (eq, ne, not, and in). Filter by /users/{id}."
                ),
                ("microsoft.graph.user/city", "On one line."),
            ]
        );
        assert_eq!((typings.interfaces, typings.properties), (7, 9));
    }

    #[test]
    fn a_file_that_is_not_declarations_or_ends_inside_one_is_a_located_error() {
        let error = read(Path::new("x.d.ts"), "export type A = \"a\";\n").unwrap_err().to_string();
        assert!(error.contains("x.d.ts:1:1") && error.contains("no `interface` is declared"), "{error}");
        let error = read(Path::new("x.d.ts"), "interface A {\n    /**\n     * cut off\n").unwrap_err().to_string();
        assert!(error.contains("x.d.ts:2:5") && error.contains("never closed with `*/`"), "{error}");
        let error = read(Path::new("x.d.ts"), "\ninterface A {\n    b?: string;\n").unwrap_err().to_string();
        assert!(error.contains("x.d.ts:2:1") && error.contains("interface is never closed"), "{error}");
        assert!(error.contains("msgraph-typescript-typings"), "{error}");
    }

    #[test]
    fn only_declarations_files_are_typings() {
        assert!(is_typings(Path::new("typings/microsoft-graph.d.ts")));
        assert!(is_typings(Path::new("X.D.TS")));
        assert!(!is_typings(Path::new("page.ts")) && !is_typings(Path::new("d.ts.md")));
    }
}
