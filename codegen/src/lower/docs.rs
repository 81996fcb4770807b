//! Turns documented descriptions (markdown from the Graph docs) into rustdoc lines that cannot
//! break the generated code or its documentation.
//!
//! Each line becomes one `#[doc = "…"]` attribute, so nothing in a description can end a
//! comment or start an item. What rustdoc would otherwise misread is neutralised:
//!
//! - code fences become ```` ```text ```` (never a doctest), and an unclosed fence is closed;
//! - leading indentation is removed outside fences (an indented block would be a doctest);
//! - `[`, `]`, `<`, `>` and `\` are escaped, so there are no broken intra-doc links or HTML tags;
//! - markdown links to absolute URLs are kept, links relative to the docs site are made absolute,
//!   other relative links keep only their text; bare URLs are wrapped in `<…>`;
//! - a leading `#` is escaped, so a description cannot add headings.

/// The site that root-relative links in the Graph docs (`/graph/permissions-reference`) live on.
const DOCS_SITE: &str = "https://learn.microsoft.com";

pub use crate::ir::Docs;

/// Documented markdown into [`Docs`]: the sanitizer, as methods of the IR's doc type (a trait,
/// because the type belongs to the IR and the rules to lowering).
pub trait MarkdownDocs {
    /// Docs made from a documented markdown description.
    fn from_markdown(markdown: &str) -> Self;

    /// Adds a paragraph of documented markdown.
    fn push_markdown(&mut self, markdown: &str);
}

impl MarkdownDocs for Docs {
    fn from_markdown(markdown: &str) -> Self {
        let mut docs = Self::default();
        docs.push_markdown(markdown);
        docs
    }

    fn push_markdown(&mut self, markdown: &str) {
        self.push_paragraph(sanitize(markdown));
    }
}

/// The lines of a documented markdown description, made safe for rustdoc.
fn sanitize(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut fence: Option<String> = None;
    for raw in markdown.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let raw = raw.trim_end();
        let trimmed = raw.trim_start();
        let marker = fence_marker(trimmed);
        match (&fence, marker) {
            (None, Some(marker)) => {
                lines.push("```text".to_owned());
                fence = Some(marker);
            }
            (Some(open), Some(marker))
                if marker.starts_with(open.as_str()) && trimmed.trim_start_matches(['`', '~']).is_empty() =>
            {
                lines.push("```".to_owned());
                fence = None;
            }
            (Some(_), _) => lines.push(raw.to_owned()),
            (None, None) => lines.push(escape_line(trimmed)),
        }
    }
    if fence.is_some() {
        lines.push("```".to_owned());
    }
    lines
}

/// The fence characters when `line` opens or closes a code fence (three or more backticks or tildes).
fn fence_marker(line: &str) -> Option<String> {
    for fence_char in ['`', '~'] {
        let count = line.chars().take_while(|&c| c == fence_char).count();
        if count >= 3 {
            return Some(fence_char.to_string().repeat(count));
        }
    }
    None
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    if let Some(stripped) = rest.strip_prefix('#') {
        out.push_str("\\#");
        rest = stripped;
    }
    while !rest.is_empty() {
        if let Some((consumed, rendered)) = markdown_link(rest).or_else(|| bare_url(rest)) {
            out.push_str(&rendered);
            rest = &rest[consumed..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `[text](target)` at the start of `text`: how many bytes it spans and what to write instead.
fn markdown_link(text: &str) -> Option<(usize, String)> {
    let label_end = text.strip_prefix('[')?.find(']')? + 1;
    let label = &text[1..label_end];
    let after = text[label_end + 1..].strip_prefix('(')?;
    let target_len = after.find(')')?;
    let target = after[..target_len].trim();
    if label.contains('[') || target.contains(char::is_whitespace) {
        return None;
    }
    let consumed = label_end + 1 + 1 + target_len + 1;
    let label = escape_line(label);
    let rendered = if is_url(target) {
        format!("[{label}]({target})")
    } else if target.starts_with('/') && !target.starts_with("//") {
        format!("[{label}]({DOCS_SITE}{})", target.trim_end_matches(".md"))
    } else {
        label
    };
    Some((consumed, rendered))
}

/// A bare `http(s)://…` URL at the start of `text`, wrapped in `<…>` so rustdoc links it.
fn bare_url(text: &str) -> Option<(usize, String)> {
    if !is_url(text) {
        return None;
    }
    let mut end =
        text.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']')).unwrap_or(text.len());
    while end > 0 && text[..end].ends_with(['.', ',', ';', ':', '!', '?', '\'']) {
        end -= 1;
    }
    let url = &text[..end];
    (url.len() > "https://".len()).then(|| (end, format!("<{url}>")))
}

fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(markdown: &str) -> Vec<String> {
        Docs::from_markdown(markdown).lines().to_vec()
    }

    #[test]
    fn plain_text_gets_one_line_each() {
        assert_eq!(lines("Name of the profile"), [" Name of the profile"]);
        assert_eq!(lines("a\n\n\n  b  \n"), [" a", "", " b"]);
        assert!(lines("  \n ").is_empty());
    }

    #[test]
    fn code_fences_never_become_doctests() {
        assert_eq!(lines("x\n```\nfn main() {}\n```"), [" x", " ```text", " fn main() {}", " ```"]);
        assert_eq!(lines("```rust\nlet a = 1;"), [" ```text", " let a = 1;", " ```"]);
        assert_eq!(lines("    indented code"), [" indented code"]);
    }

    #[test]
    fn links_brackets_and_html_are_inert() {
        assert_eq!(
            lines("See https://learn.microsoft.com/intune/x for more."),
            [" See <https://learn.microsoft.com/intune/x> for more."]
        );
        assert_eq!(
            lines("See [Deployment guidance](/mem/intune/fundamentals/deployment-guide-enrollment)"),
            [
                " See [Deployment guidance](https://learn.microsoft.com/mem/intune/fundamentals/deployment-guide-enrollment)"
            ]
        );
        assert_eq!(lines("Inherited from [entity](../resources/entity.md)"), [" Inherited from entity"]);
        assert_eq!(lines("[x] <b>bold</b> a\\b */ #[doc]"), [r" \[x\] &lt;b&gt;bold&lt;/b&gt; a\\b */ #\[doc\]"]);
        assert_eq!(lines("# Heading"), [r" \# Heading"]);
    }

    #[test]
    fn paragraphs_are_separated() {
        let mut docs = Docs::from_markdown("first");
        docs.push_generated("Second, with a [`Link`](crate::models::Link).");
        assert_eq!(docs.lines(), [" first", "", " Second, with a [`Link`](crate::models::Link)."]);
    }
}
