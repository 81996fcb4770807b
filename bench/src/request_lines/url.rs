//! Request URLs as the pages write them: split into path segments and query options, and put
//! in a canonical form so the doc's URL and the crate's can be compared.

use std::collections::BTreeMap;

/// The service root every v1.0 URL starts with.
pub const SERVICE_ROOT: &str = "https://graph.microsoft.com/v1.0";

/// One path segment: `messages`, `{id}`, `reminderView(StartDateTime='…',…)`,
/// `applications(appId='…')`.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The text before any parentheses, percent-decoded.
    pub name: String,
    /// The text inside the parentheses, when there are any (`Some("")` for `delta()`).
    pub args: Option<String>,
}

/// A parsed request URL.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestUrl {
    /// The path below the service root.
    pub segments: Vec<Segment>,
    /// The query options in order, names and values percent-decoded (`+` is a space).
    pub query: Vec<(String, String)>,
}

/// Parses the URL of a fixture line: absolute below the v1.0 root, or a path below it.
pub fn parse(url: &str) -> Result<RequestUrl, String> {
    let rest = url.strip_prefix(SERVICE_ROOT).or_else(|| url.starts_with('/').then_some(url));
    let rest = rest.ok_or_else(|| format!("`{url}` is not below {SERVICE_ROOT}"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let segments = split_outside(path, '/').into_iter().filter(|s| !s.is_empty()).map(segment).collect();
    let query = split_outside(query, '&')
        .into_iter()
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name, true), decode(value, true))
        })
        .collect();
    Ok(RequestUrl { segments, query })
}

fn segment(text: &str) -> Segment {
    let text = decode(text, false);
    match text.find('(') {
        Some(open) if text.ends_with(')') => {
            Segment { name: text[..open].to_owned(), args: Some(text[open + 1..text.len() - 1].to_owned()) }
        }
        _ => Segment { name: text, args: None },
    }
}

/// Splits on `separator` where it is outside single quotes and parentheses.
pub fn split_outside(text: &str, separator: char) -> Vec<&str> {
    let (mut parts, mut depth, mut quoted, mut start) = (Vec::new(), 0i32, false, 0);
    for (at, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            c if c == separator && !quoted && depth == 0 => {
                parts.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Percent-decodes (and, in a query, reads `+` as a space); invalid escapes stay as written.
pub fn decode(text: &str, query: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |i: usize| bytes.get(i).and_then(|b| (*b as char).to_digit(16));
        match bytes[at] {
            b'%' if hex(at + 1).is_some() && hex(at + 2).is_some() => {
                out.push((hex(at + 1).unwrap_or(0) * 16 + hex(at + 2).unwrap_or(0)) as u8);
                at += 3;
                continue;
            }
            b'+' if query => out.push(b' '),
            b => out.push(b),
        }
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parameters of a function call segment (`a='x',b=1`), by name, in order.
pub fn named_arguments(args: &str) -> Option<Vec<(String, String)>> {
    split_outside(args, ',')
        .into_iter()
        .filter(|a| !a.trim().is_empty())
        .map(|a| a.split_once('=').map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())))
        .collect()
}

/// The canonical form of a URL for comparison: decoded path segments with `()` dropped after
/// a call without arguments and the names in parentheses (function parameters, alternate
/// keys) lower-cased (Graph reads both forms alike; the pages write `startDateTime` where the
/// metadata says `StartDateTime`), then the query options sorted by name, system option
/// names lower-cased and with their `$` (OData 4.01 lets a URL leave it out).
pub fn canonical(url: &str) -> Result<String, String> {
    let parsed = parse(url)?;
    let path: Vec<String> = parsed.segments.iter().map(canonical_segment).collect();
    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in parsed.query {
        query.entry(canonical_option(&name)).or_default().push(value);
    }
    let query: Vec<String> =
        query.into_iter().flat_map(|(name, values)| values.into_iter().map(move |v| format!("{name}={v}"))).collect();
    Ok(format!("/{}?{}", path.join("/"), query.join("&")))
}

fn canonical_segment(segment: &Segment) -> String {
    match segment.args.as_deref() {
        None | Some("") => segment.name.clone(),
        Some(args) => match named_arguments(args) {
            Some(named) => {
                let named: Vec<String> = named.iter().map(|(n, v)| format!("{}={v}", n.to_lowercase())).collect();
                format!("{}({})", segment.name, named.join(","))
            }
            None => format!("{}({args})", segment.name),
        },
    }
}

/// The system query options, by their lower-case name without `$`.
pub const SYSTEM_OPTIONS: [&str; 8] = ["select", "expand", "filter", "orderby", "top", "skip", "count", "search"];

/// The option's canonical name: a system option lower-case with its `$`, any other as written.
pub fn canonical_option(name: &str) -> String {
    let bare = name.strip_prefix('$').unwrap_or(name).to_lowercase();
    if SYSTEM_OPTIONS.contains(&bare.as_str()) { format!("${bare}") } else { name.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms_agree_where_graph_reads_urls_alike() {
        let doc = "https://graph.microsoft.com/v1.0/users?$filter=hasMembersWithLicenseErrors+eq+true&$orderBy=displayName&$count=true";
        let crate_url = "https://graph.microsoft.com/v1.0/users?%24count=true&%24filter=hasMembersWithLicenseErrors%20eq%20true&%24orderby=displayName";
        assert_eq!(canonical(doc), canonical(crate_url));
        assert_eq!(
            canonical("/sites?search=contoso"),
            canonical("https://graph.microsoft.com/v1.0/sites?$search=contoso")
        );
        assert_eq!(canonical("/users/delta"), canonical("/users/delta()"));
        assert_eq!(
            canonical("/me/reminderView(startDateTime='a',endDateTime='b')"),
            canonical("/me/reminderView(StartDateTime='a',EndDateTime='b')")
        );
    }

    #[test]
    fn canonical_forms_differ_where_the_request_differs() {
        assert_ne!(canonical("/users/{id}"), canonical("/users/%7Bother%7D"));
        assert_ne!(canonical("/users?$top=1"), canonical("/users?$top=2"));
        assert_ne!(canonical("/users?custom=1"), canonical("/users?Custom=1"));
        assert!(canonical("https://example.com/v1.0/users").is_err());
    }

    #[test]
    fn splits_respect_quotes_and_parentheses() {
        assert_eq!(split_outside("a(b,c),'d,e',f", ','), ["a(b,c)", "'d,e'", "f"]);
        let parsed = parse("/chats/19:x@thread.v2/messages?$expand=fields(select=a,b)&$top=2").unwrap();
        assert_eq!(parsed.segments[1].name, "19:x@thread.v2");
        assert_eq!(
            parsed.query,
            [("$expand".to_owned(), "fields(select=a,b)".to_owned()), ("$top".into(), "2".into())]
        );
    }
}
