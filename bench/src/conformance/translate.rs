//! Each request line of the corpus to a call of the generated API, or to the named reason it
//! has none: a doc defect (a typo, a placeholder, a beta URL), a convention outside the
//! metadata (`$batch`, a URL outside Graph), or a path the current metadata no longer has.
//! Path-based addressing (`…/root:/a/b:/content`, `/sites/{hostname}:/path`) and `$value` of
//! messages and attachments are conventions the importer adds to the metadata, so the walk
//! addresses them.
//!
//! The walk is the request-lines translator's ([`address`]) with the conventions the crate
//! documents (overload names, case folded as Graph reads paths, links followed); before it, a
//! line is prepared (the URL made relative to the v1.0 root, the first alternative of
//! `{id | userPrincipalName}` taken) and the conventions outside the metadata are recognized.

use std::collections::BTreeMap;

use msgraph_codegen::import::describe::first_alternatives;
use serde_json::{Value, json};

use super::corpus::{DocLine, LineKind};
use crate::request_lines::address::{self, Conventions, MissKind, Translation};
use crate::request_lines::fixture::{Line, Response};
use crate::request_lines::metadata::Metadata;
use crate::request_lines::url::{self, SERVICE_ROOT};

/// Why a line is not addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unaddressed {
    /// The page's line is wrong: a typo, a placeholder, a beta URL, a parameter left out.
    DocDefect,
    /// A documented Graph convention outside the metadata.
    Convention,
    /// The current metadata has no such path (the docs are older than the metadata).
    NotInMetadata,
    /// The metadata addresses it and the generated crate does not: a generator defect.
    Generator,
}

impl Unaddressed {
    /// The class's name in the report.
    pub fn label(self) -> &'static str {
        match self {
            Unaddressed::DocDefect => "not addressable: doc defect",
            Unaddressed::Convention => "not addressable: convention outside the metadata",
            Unaddressed::NotInMetadata => "not addressable: not in the current metadata",
            Unaddressed::Generator => "not addressable: generator defect",
        }
    }
}

/// A line prepared for the walk, and what was changed on the way.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The line as the translator reads it (URL below the v1.0 root, first alternatives).
    pub line: Line,
    /// The page's URL below the v1.0 root (the first of alternatives taken).
    pub page_url: String,
    /// The URL the crate must build, canonical: the page's, or its correction.
    pub expected_url: String,
    /// The method the crate must send.
    pub expected_method: String,
    /// Doc defects corrected to address the line (`calendargroups` for `calendarGroups`).
    pub typos: Vec<String>,
    /// Why the crate's request is expected to differ from the page's, where it is.
    pub difference: Option<String>,
}

/// A translated line, or why it is not addressed.
#[derive(Debug, Clone)]
pub enum Status {
    /// The walk found the calls.
    Addressed {
        /// The prepared line.
        prepared: Box<Prepared>,
        /// The calls.
        translation: Box<Translation>,
    },
    /// Not addressed, for a named reason.
    Unaddressed(Unaddressed, String),
}

/// Translates one line of the corpus.
pub fn translate(meta: &Metadata, doc: &DocLine) -> Status {
    let mut prepared = match prepare(doc) {
        Ok(prepared) => prepared,
        Err((class, reason)) => return Status::Unaddressed(class, reason),
    };
    let mut result = address::translate_with(meta, &prepared.line, Conventions::documented());
    if let Err(miss) = &result
        && miss.kind == MissKind::NoCall
        && prepared.line.method == "PATCH"
    {
        // A media upload written with PATCH (`…/branding/bannerLogo`): the crate's `put`.
        let mut put = prepared.line.clone();
        put.method = "PUT".into();
        let retried = address::translate_with(meta, &put, Conventions::documented());
        if retried.as_ref().is_ok_and(|t| is_media_put(&t.plan)) {
            prepared.line = put;
            prepared.difference =
                Some("the page uploads media with PATCH; the crate's `Media::put` sends PUT, as OData says".into());
            result = retried;
        }
    }
    match result {
        Ok(translation) => {
            for (written, spelled) in &translation.corrections {
                prepared.typos.push(format!("`{written}` for `{spelled}` (Graph reads paths case-insensitively)"));
            }
            // What the page means: its URL with the corrections and the sample values for
            // placeholders; the crate's URL must be that, unless a difference is explained.
            let mut url = prepared.page_url.clone();
            for (written, spelled) in &translation.corrections {
                url = replace_segment(&url, written, spelled);
            }
            let mut forms = Vec::new();
            for note in &translation.arguments {
                let (from, to) =
                    (format!("{}={}", note.parameter, note.page), format!("{}={}", note.parameter, note.written));
                if note.placeholder {
                    url = url.replacen(&from, &to, 1);
                    if doc.kind == LineKind::Example {
                        prepared.typos.push(format!(
                            "a placeholder `{}` for the argument `{}` in an example",
                            note.page, note.parameter
                        ));
                    }
                } else {
                    forms.push(format!("`{from}` (the crate writes `{to}`)"));
                }
            }
            if !forms.is_empty() && prepared.difference.is_none() {
                prepared.difference = Some(format!(
                    "the page writes a function argument in another form than the literal of its metadata type: {}",
                    forms.join(", ")
                ));
            }
            prepared.expected_url = url::canonical(&url).unwrap_or(prepared.expected_url);
            Status::Addressed { prepared: Box::new(prepared), translation: Box::new(translation) }
        }
        Err(miss) => {
            let (class, reason) = classify_miss(meta, &miss.kind, &miss.message, &prepared.line.url);
            Status::Unaddressed(class, reason)
        }
    }
}

/// Whether the plan ends with a media upload (`Media::put`).
fn is_media_put(plan: &crate::request_lines::plan::Plan) -> bool {
    use crate::request_lines::plan::Arg;
    plan.path.last().is_some_and(|call| call.name == "put" && matches!(call.args.first(), Some(Arg::Bytes(_))))
}

/// `url` with the path segment or query option name `written` spelled `spelled`.
fn replace_segment(url: &str, written: &str, spelled: &str) -> String {
    let (path, query) = url.split_once('?').map_or((url, None), |(p, q)| (p, Some(q)));
    let mut parts: Vec<String> = url::split_outside(path, '/').into_iter().map(str::to_owned).collect();
    for part in &mut parts {
        let name_end = part.find('(').unwrap_or(part.len());
        if &part[..name_end] == written {
            *part = format!("{spelled}{}", &part[name_end..]);
        }
    }
    let path = parts.join("/");
    match query {
        Some(query) => {
            let query = query.replace(&format!("${written}="), &format!("${spelled}="));
            format!("{path}?{query}")
        }
        None => path,
    }
}

fn classify_miss(meta: &Metadata, kind: &MissKind, message: &str, url: &str) -> (Unaddressed, String) {
    match kind {
        MissKind::NotMedia(ty) => (
            Unaddressed::Convention,
            format!(
                "`$value` of a `{ty}` (its raw MIME or file content): a Graph convention, not a media entity in the metadata"
            ),
        ),
        MissKind::AfterRequest(name) => (
            Unaddressed::Generator,
            format!(
                "`{name}` after a composable function's result: the metadata allows it, the crate ends the path at the function"
            ),
        ),
        MissKind::StructuralProperty { ty, name } => (
            Unaddressed::Generator,
            format!("`{name}` is a structural property of `{ty}`: OData addresses it on its own, the crate does not"),
        ),
        MissKind::MissingParameter(name) => {
            (Unaddressed::DocDefect, format!("the line leaves out the function's required parameter `{name}`"))
        }
        MissKind::NoRoot(name) if is_placeholder(name) => {
            (Unaddressed::DocDefect, format!("a placeholder `{name}` where the path needs a name"))
        }
        MissKind::NoMember { name, .. } if is_placeholder(name) => {
            (Unaddressed::DocDefect, format!("a placeholder `{name}` where the path needs a name"))
        }
        MissKind::NoRoot(name) => match closest(name, meta.root_names()) {
            Some(close) => (Unaddressed::DocDefect, format!("`{name}` for `{close}`?: {message}")),
            None => {
                (Unaddressed::NotInMetadata, format!("the current metadata has no entity set or singleton `{name}`"))
            }
        },
        MissKind::NoMember { ty, name } => {
            let known = meta.member_names(ty, msgraph_codegen::schema::BindsTo::Entity);
            let known = known.into_iter().chain(meta.member_names(ty, msgraph_codegen::schema::BindsTo::Collection));
            match closest(name, known) {
                Some(close) => (Unaddressed::DocDefect, format!("`{name}` for `{close}`?: {message}")),
                None => (Unaddressed::NotInMetadata, format!("the current metadata has no `{name}` on `{ty}`")),
            }
        }
        MissKind::NoCall if last_segment(url).is_some_and(looks_like_operation) => {
            let name = last_segment(url).unwrap_or_default();
            (
                Unaddressed::NotInMetadata,
                format!("the current metadata binds no operation `{name}` where the path ends"),
            )
        }
        MissKind::NotByPath(what) => (
            Unaddressed::Convention,
            format!(
                "path-based addressing of {what}: OneDrive and SharePoint address drive items and sites so, the metadata's conventions nothing else"
            ),
        ),
        MissKind::NoCall => (
            Unaddressed::DocDefect,
            format!("{message}: the method does not apply where the path ends (a key left out or added)"),
        ),
        MissKind::Other => (Unaddressed::DocDefect, message.to_owned()),
    }
}

/// The last path segment of a URL, without its arguments.
fn last_segment(url: &str) -> Option<&str> {
    let route = url.split('?').next()?;
    let last = url::split_outside(route, '/').pop()?;
    Some(last.split('(').next().unwrap_or(last))
}

/// Whether a segment looks like an operation's name (`getUserOwnedObjects`, `$entity`) rather
/// than a key.
fn looks_like_operation(segment: &str) -> bool {
    let identifier = segment.starts_with(|c: char| c.is_ascii_lowercase())
        && segment.chars().all(|c| c.is_ascii_alphanumeric())
        && segment.chars().any(|c| c.is_ascii_uppercase());
    identifier || segment.starts_with('$')
}

/// Whether `route` has a space outside `{placeholders}`, parentheses and quotes.
fn has_bare_space(route: &str) -> bool {
    let (mut depth, mut quoted) = (0i32, false);
    for c in route.chars() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '(' if !quoted => depth += 1,
            '}' | ')' if !quoted => depth -= 1,
            ' ' if !quoted && depth <= 0 => return true,
            _ => {}
        }
    }
    false
}

/// Whether a segment is a placeholder such as `{size}` or `{property name}`.
fn is_placeholder(name: &str) -> bool {
    name.starts_with('{') && name.ends_with('}')
}

/// The one known name within two edits of `name` (at least five characters long), if any.
fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() < 5 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let mut found: Vec<&str> =
        known.into_iter().filter(|candidate| distance(&lower, &candidate.to_ascii_lowercase()) <= 2).collect();
    found.sort_unstable();
    found.dedup();
    (found.len() == 1).then(|| found[0])
}

/// The Levenshtein distance of two ASCII-ish strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The line made relative to the v1.0 root, with the conventions outside the metadata and the
/// defects that leave nothing to translate recognized.
fn prepare(doc: &DocLine) -> Result<Prepared, (Unaddressed, String)> {
    let mut typos = Vec::new();
    let mut difference = None;
    let written = doc.url.trim();
    let path = below_root(written, &mut typos)?;
    let path = first_alternatives(&path).unwrap_or(path);
    let (route, query) = path.split_once('?').map_or((path.as_str(), ""), |(r, q)| (r, q));
    let segments = url::split_outside(route, '/');
    if segments.iter().any(|s| s.trim() == "$batch") {
        return Err((
            Unaddressed::Convention,
            "`$batch`: JSON batching, a Graph convention outside the metadata".into(),
        ));
    }
    if segments.iter().any(|s| s.starts_with(':') && s.len() > 1) {
        return Err((
            Unaddressed::Convention,
            "a path written after `:` in one segment (`…/:x`): no form of path-based addressing".into(),
        ));
    }
    if route.ends_with(':') && segments.iter().filter(|s| s.len() > 1 && s.ends_with(':')).count() > 1 {
        // `…/root:/a/b:` with nothing after the path.
        difference = Some(
            "the page closes a path (`…:/a/b:`) where nothing follows it; the crate leaves that `:` out (`…:/a/b`), which Graph reads alike"
                .to_owned(),
        );
    }
    if segments.iter().any(|s| s.trim() == "..." || s.trim() == "…") {
        return Err((Unaddressed::DocDefect, "an elided path (`.../`): a placeholder, not a request".into()));
    }
    if has_bare_space(route) {
        return Err((Unaddressed::DocDefect, format!("a space in the path `{route}`: a placeholder, not a request")));
    }
    let method = doc.method.clone();
    let mut route = route.to_owned();
    let mut query = query.to_owned();
    if method == "PATCH" && route.contains("/onenote/") && route.ends_with("/content") {
        return Err((
            Unaddressed::Convention,
            "OneNote's PATCH of a page's content (a JSON list of change commands), not a stream upload".into(),
        ));
    }
    if let Some(rewritten) = keys_as_segments(&route) {
        route = rewritten;
        difference = Some(
            "the page writes a key in parentheses (`messages('…')`); the crate writes it as a path segment (`messages/…`), which OData reads alike"
                .to_owned(),
        );
    }
    for pair in url::split_outside(&query, '&').into_iter().filter(|p| !p.is_empty()) {
        let name = pair.split('=').next().unwrap_or_default();
        let valid =
            name.strip_prefix('$').unwrap_or(name).bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.@".contains(&b));
        if !valid || name.is_empty() {
            return Err((Unaddressed::DocDefect, format!("`{name}` is no query option name (`{pair}`)")));
        }
    }
    if method == "DELETE" && route.ends_with("/$ref") && query.starts_with("$id=") {
        // OData 4.0's `…/$ref?$id=URL`; the crate writes the 4.01 form `…/{id}/$ref`.
        let id = query["$id=".len()..].split('&').next().unwrap_or_default();
        let key = id.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
        route = format!("{}/{key}/$ref", route.trim_end_matches("/$ref"));
        query = String::new();
        difference = Some(
            "the page removes a reference with `…/$ref?$id=URL` (OData 4.0); the crate writes `…/{id}/$ref`, which Graph reads alike"
                .to_owned(),
        );
    }
    let url = if query.is_empty() { route.clone() } else { format!("{route}?{query}") };
    let page_url = if path.starts_with('/') { path.clone() } else { format!("/{path}") };
    let expected_url = url::canonical(&page_url).map_err(|e| (Unaddressed::DocDefect, e))?;
    let line = fixture_line(doc, url, method);
    Ok(Prepared { line, page_url, expected_url, expected_method: doc.method.clone(), typos, difference })
}

/// The route with keys written in parentheses (`events('AAMk=')`) written as segments
/// (`events/AAMk=`), when it has any.
fn keys_as_segments(route: &str) -> Option<String> {
    let mut changed = false;
    let parts: Vec<String> = url::split_outside(route, '/')
        .into_iter()
        .map(|part| match part.find("('") {
            Some(open) if open > 0 && part.ends_with("')") && !part[..open].contains('=') => {
                changed = true;
                let key = part[open + 2..part.len() - 2].replace("''", "'");
                format!("{}/{key}", &part[..open])
            }
            _ => part.to_owned(),
        })
        .collect();
    changed.then(|| parts.join("/"))
}

/// The path and query below `https://graph.microsoft.com/v1.0`, from what the page writes.
fn below_root(written: &str, typos: &mut Vec<String>) -> Result<String, (Unaddressed, String)> {
    if let Some(rest) = written.strip_prefix(SERVICE_ROOT)
        && (rest.is_empty() || rest.starts_with(['/', '?']))
    {
        return Ok(rest.to_owned());
    }
    if let Some(rest) = written.strip_prefix("https://graph.microsoft.com/") {
        let (version, path) = rest.split_once('/').unwrap_or((rest, ""));
        if version == "beta" {
            typos.push("a beta URL on a v1.0 page".into());
        } else {
            typos.push(format!("the version is written `{version}`"));
        }
        return Ok(format!("/{path}"));
    }
    if written.starts_with("http://") || written.starts_with("https://") {
        return Err((
            Unaddressed::Convention,
            "a URL outside Graph (an upload session's or a download's location, given by an earlier response)".into(),
        ));
    }
    if written.starts_with('/') {
        return Ok(written.to_owned());
    }
    if written.starts_with(['{', '<']) {
        return Err((Unaddressed::DocDefect, format!("a placeholder `{written}` for the whole URL")));
    }
    typos.push("the path lacks its leading `/`".into());
    Ok(format!("/{written}"))
}

/// The request-lines translator's form of a line.
fn fixture_line(doc: &DocLine, url: String, method: String) -> Line {
    let request_body = match doc.kind {
        LineKind::Example => doc.body.as_ref().map(|body| match body {
            super::http::Body::Json { value, .. } => value.clone(),
            super::http::Body::Text { text, .. } | super::http::Body::Invalid { text, .. } => {
                Value::String(text.clone())
            }
        }),
        LineKind::Syntax => None,
    };
    // A line without a body (a syntax line) still needs a value to build the call with.
    let request_body = request_body.or_else(|| Some(json!({})));
    let headers: BTreeMap<String, String> = doc.headers.iter().cloned().collect();
    Line {
        id: doc.id.clone(),
        workload: doc.workload.clone(),
        page: doc.page.clone(),
        line: u32::try_from(doc.line).unwrap_or(u32::MAX),
        source: None,
        method,
        url,
        headers,
        request_body,
        response: Response {
            status: 200,
            content_type: None,
            headers: BTreeMap::new(),
            body: None,
            body_hex: None,
            line: None,
        },
        follow_up: Vec::new(),
        defects: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_close_names() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(closest("directoryaudits", ["directoryAudits", "signIns"]), Some("directoryAudits"));
        assert_eq!(closest("contentVersions", ["contentVersion", "contentVersions2"]), None);
        assert_eq!(closest("abc", ["abd"]), None);
    }

    #[test]
    fn segments_are_respelled_in_the_path_and_query() {
        assert_eq!(
            replace_segment("/me/calendargroups/{id}", "calendargroups", "calendarGroups"),
            "/me/calendarGroups/{id}"
        );
        assert_eq!(replace_segment("/me/x(a=1)?$Top=2", "x", "X"), "/me/X(a=1)?$Top=2");
        assert_eq!(replace_segment("/users?$Top=2", "Top", "top"), "/users?$top=2");
    }
}
