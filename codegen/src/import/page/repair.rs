//! Line-level repair of table quirks before `pulldown-cmark` parses a page.
//!
//! Two quirks of the Graph pages would lose text under GFM's table rules, so they are repaired in
//! the text itself (tables are still parsed by `pulldown-cmark`):
//!
//! - a row whose last cell goes on past the line end (the row is not closed by `|`, and the next
//!   line does not start with `|`) would become two rows: the continuation lines are joined onto
//!   the row, with a space;
//! - a row with more cells than the header (an unescaped `|` inside a description) would lose the
//!   extra cells: the pipes after the header's last column are escaped (`\|`), so the extra cells
//!   stay in the last cell, joined with `|`.
//!
//! Only lines of a table (a header row followed by a delimiter row, up to a blank line) outside
//! fenced code are touched, and each repaired line remembers its line on the page, so line
//! numbers stay right.

/// A repaired text, and the page line of each of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Repaired {
    /// The text to parse.
    pub text: String,
    /// `lines[i]` is the 1-based page line of the text's line `i` (0-based).
    pub lines: Vec<usize>,
}

/// `text` with the table rows repaired (see the module docs).
pub(super) fn repair_tables(text: &str) -> Repaired {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut page_lines = Vec::with_capacity(lines.len());
    let mut fence: Option<(char, usize)> = None;
    let mut columns: Option<usize> = None;
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        let mut push = |text: String, index: usize| {
            out.push(text);
            page_lines.push(index + 1);
        };
        if let Some((marker, length)) = fence {
            if fence_marker(line).is_some_and(|(c, n)| c == marker && n >= length && is_bare_fence(line)) {
                fence = None;
            }
            push(line.to_owned(), i);
            i += 1;
            continue;
        }
        if let Some(marker) = fence_marker(line) {
            fence = Some(marker);
            columns = None;
            push(line.to_owned(), i);
            i += 1;
            continue;
        }
        match columns {
            Some(_) if line.trim().is_empty() => columns = None,
            Some(count) if is_row(line) => {
                let mut row = line.to_owned();
                let mut next = i + 1;
                while !ends_with_pipe(&row) && lines.get(next).is_some_and(|l| is_continuation(l)) {
                    let continuation = lines.get(next).copied().unwrap_or_default();
                    row.truncate(row.trim_end().len());
                    row.push(' ');
                    row.push_str(continuation.trim());
                    next += 1;
                }
                push(escape_extra_pipes(&row, count), i);
                i = next;
                continue;
            }
            Some(_) => {}
            None => {
                // GFM makes a table only when the header has as many cells as the delimiter row.
                if line.contains('|')
                    && let Some(count) = lines.get(i + 1).and_then(|next| delimiter_cells(next))
                    && count == cell_count(line)
                {
                    columns = Some(count);
                    push(line.to_owned(), i);
                    push(lines.get(i + 1).copied().unwrap_or_default().to_owned(), i + 1);
                    i += 2;
                    continue;
                }
            }
        }
        push(line.to_owned(), i);
        i += 1;
    }
    Repaired { text: out.join("\n"), lines: page_lines }
}

/// The marker character and length of a code fence opening (or closing) on `line`.
fn fence_marker(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line.trim_start_matches(' ');
    let marker = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.chars().take_while(|c| *c == marker).count();
    (indent <= 3 && length >= 3).then_some((marker, length))
}

/// Whether a fence line has nothing after its marker (a closing fence).
fn is_bare_fence(line: &str) -> bool {
    line.trim().trim_start_matches(['`', '~']).trim().is_empty()
}

/// Whether `line` is a table row as the pages write them: starting with `|`.
fn is_row(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    indent <= 3 && line.trim_start().starts_with('|')
}

/// Whether a line may continue a row that is not closed: text that starts no other block.
fn is_continuation(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty()
        && !trimmed.starts_with('|')
        && !trimmed.starts_with('#')
        && !trimmed.starts_with('>')
        && !trimmed.starts_with("<!--")
        && fence_marker(line).is_none()
}

/// Whether the row ends with an unescaped `|`.
fn ends_with_pipe(row: &str) -> bool {
    let trimmed = row.trim_end();
    trimmed.ends_with('|') && !trimmed.ends_with("\\|")
}

/// The number of cells of a delimiter row (`|:---|---:|`), or `None` if `line` is not one.
fn delimiter_cells(line: &str) -> Option<usize> {
    let trimmed = line.trim();
    if !trimmed.contains('-') {
        return None;
    }
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let valid = cells.iter().all(|cell| {
        let dashes = cell.strip_prefix(':').unwrap_or(cell);
        let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
        !dashes.is_empty() && dashes.chars().all(|c| c == '-')
    });
    (valid && !cells.is_empty()).then_some(cells.len())
}

/// The byte offsets of the unescaped pipes of `row`.
fn unescaped_pipes(row: &str) -> Vec<usize> {
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (offset, c) in row.char_indices() {
        if c == '|' && !escaped {
            pipes.push(offset);
        }
        escaped = c == '\\' && !escaped;
    }
    pipes
}

/// The byte offsets of the pipes of `row` that separate cells: not escaped, and neither the
/// leading nor the closing pipe.
fn separators(row: &str) -> Vec<usize> {
    let first_text = row.find(|c: char| !c.is_whitespace());
    let last_text = row.rfind(|c: char| !c.is_whitespace());
    let closed = ends_with_pipe(row);
    unescaped_pipes(row).into_iter().filter(|&p| Some(p) != first_text && !(closed && Some(p) == last_text)).collect()
}

/// The number of cells of a row.
fn cell_count(row: &str) -> usize {
    separators(row).len() + 1
}

/// `row` with the pipes that would make more than `columns` cells escaped.
fn escape_extra_pipes(row: &str, columns: usize) -> String {
    let separators = separators(row);
    // `columns` cells need `columns - 1` separators; the rest are text.
    let extra = separators.get(columns.saturating_sub(1)..).unwrap_or_default();
    if columns == 0 || extra.is_empty() {
        return row.to_owned();
    }
    let mut repaired = String::with_capacity(row.len() + extra.len());
    let mut from = 0;
    for &pipe in extra {
        repaired.push_str(row.get(from..pipe).unwrap_or_default());
        repaired.push('\\');
        from = pipe;
    }
    repaired.push_str(row.get(from..).unwrap_or_default());
    repaired
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_spans_two_lines_is_joined_and_keeps_its_line() {
        let text = "intro\n|a|b|\n|-|-|\n|x|see [y](z)\n  for more.|\n|next|row|\n\nafter";
        let repaired = repair_tables(text);
        assert_eq!(repaired.text, "intro\n|a|b|\n|-|-|\n|x|see [y](z) for more.|\n|next|row|\n\nafter");
        assert_eq!(repaired.lines, [1, 2, 3, 4, 6, 7, 8]);
    }

    #[test]
    fn rows_without_a_closing_pipe_are_left_alone_when_the_next_line_is_a_row() {
        let text = "|a|b|\n|-|-|\n|x|y\n|z|w|";
        assert_eq!(repair_tables(text).text, text);
    }

    #[test]
    fn extra_pipes_are_escaped_into_the_last_cell() {
        assert_eq!(escape_extra_pipes("|p|String|Name (*.a | *.b).|", 3), "|p|String|Name (*.a \\| *.b).|");
        assert_eq!(escape_extra_pipes("|p|String|a|b|c", 3), "|p|String|a\\|b\\|c");
        assert_eq!(escape_extra_pipes("|p|String|a \\| b|", 3), "|p|String|a \\| b|");
        assert_eq!(escape_extra_pipes("|p|q|", 3), "|p|q|");
        assert_eq!(escape_extra_pipes("|", 1), "|");
    }

    #[test]
    fn code_fences_and_non_tables_are_not_touched() {
        let text = "```\n|a|b|\n|-|-|\n|x|y|z|\n  more\n```\nx | y\nplain |";
        assert_eq!(repair_tables(text).text, text);
    }

    #[test]
    fn a_header_must_have_as_many_cells_as_its_delimiter_row() {
        let text = "a | b\n---\n|x|y|\n|-|-|\n|1|2|3|";
        assert_eq!(repair_tables(text).text, "a | b\n---\n|x|y|\n|-|-|\n|1|2\\|3|");
        assert_eq!(cell_count("|a|b|"), 2);
        assert_eq!(cell_count("a|b"), 2);
        assert_eq!(cell_count("|a\\|b|"), 1);
    }

    #[test]
    fn delimiter_rows_are_recognised() {
        assert_eq!(delimiter_cells("|:---|:---|:---|"), Some(3));
        assert_eq!(delimiter_cells(" --- | :-: "), Some(2));
        assert_eq!(delimiter_cells("|a|-|"), None);
        assert_eq!(delimiter_cells("||"), None);
        assert_eq!(delimiter_cells("text"), None);
    }
}
