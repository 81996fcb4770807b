//! Cell and paragraph text: markdown to plain text, type cells, "Inherited from" notes,
//! "Possible values" lists, link texts and path alternatives, identifiers and primitive names. Pure
//! functions of a string.

use crate::schema::Primitive;

/// `/users/{id | userPrincipalName}/x` → `/users/{id}/x`, when a parameter offers alternatives.
pub fn first_alternatives(path: &str) -> Option<String> {
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
pub(super) fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> &'a str {
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

/// A type cell: `String`, `[x](…) collection`, `String collection`, or as OData writes a
/// collection, `Collection(String)` (which older pages use: `collection(string)`).
pub fn parse_type_cell(cell: &str) -> (String, bool) {
    let plain = strip_markdown(cell);
    let odata = plain.get(.."collection(".len()).filter(|head| head.eq_ignore_ascii_case("collection("));
    if let Some(inner) = odata.and_then(|head| plain[head.len()..].strip_suffix(')')) {
        return (strip_markdown(inner), true);
    }
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

/// Whether a description is a placeholder rather than text (`Not yet documented`, `Intune … .`,
/// empty).
pub fn is_placeholder_description(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("intune ") && lower.ends_with(" .") || lower == "not yet documented" || lower.trim().is_empty()
}

/// Whether `name` is an OData simple identifier: a letter or `_`, then letters, digits or `_`,
/// at most 128 characters (OData CSDL, `SimpleIdentifier`).
pub fn is_odata_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && name.chars().count() <= 128
}

/// The primitive a type name means when only its case differs from the documented spelling
/// (`string`, `boolean`, `int32`, `Edm.string`): its documented name. `None` for a name spelled
/// right, and for a name that is no primitive.
pub fn primitive_in_other_case(name: &str) -> Option<&'static str> {
    if Primitive::from_name(name).is_some() {
        return None;
    }
    let bare = name.get(..4).filter(|p| p.eq_ignore_ascii_case("edm.")).map_or(name, |_| &name[4..]);
    Primitive::ALL.iter().find(|(known, _)| known.eq_ignore_ascii_case(bare)).map(|(known, _)| *known)
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
    fn identifiers_and_primitives_in_other_case() {
        assert!(is_odata_identifier("depEnrollmentProfile") && is_odata_identifier("_x1"));
        assert!(!is_odata_identifier("discoverySource enum type]") && !is_odata_identifier("1x"));
        assert!(!is_odata_identifier(""));
        assert_eq!(primitive_in_other_case("string"), Some("String"));
        assert_eq!(primitive_in_other_case("int32"), Some("Int32"));
        assert_eq!(primitive_in_other_case("Edm.string"), Some("String"));
        assert_eq!(primitive_in_other_case("edm.boolean"), Some("Boolean"));
        assert_eq!(primitive_in_other_case("String"), None);
        assert_eq!(primitive_in_other_case("widget"), None);
    }

    #[test]
    fn type_cells() {
        assert_eq!(parse_type_cell("String"), ("String".into(), false));
        assert_eq!(
            parse_type_cell("[managementCertificateWithThumbprint](../resources/x.md) collection"),
            ("managementCertificateWithThumbprint".into(), true)
        );
        assert_eq!(parse_type_cell("String collection"), ("String".into(), true));
        assert_eq!(parse_type_cell("Collection(String)"), ("String".into(), true));
        assert_eq!(parse_type_cell("collection([changeNotification](x.md))"), ("changeNotification".into(), true));
        assert_eq!(parse_type_cell("collection(string"), ("collection(string".into(), false));
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
}
