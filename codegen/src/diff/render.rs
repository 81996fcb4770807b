//! A change report as text: Markdown for a pull request's description, JSON for tools.

use super::change::{Level, Report};

/// Markdown: the counts per level, then a table per level that has changes (check id, subject,
/// sentence). `limit` caps the rows of each table; the rest are counted in a closing line.
pub fn markdown(report: &Report, limit: Option<usize>) -> String {
    let mut text = format!("## Change report\n\n`{}` → `{}`\n\n", report.old, report.new);
    text.push_str("| level | changes |\n|---|---|\n");
    for level in Level::ALL {
        text.push_str(&format!("| {level} | {} |\n", report.count(level)));
    }
    for level in Level::ALL {
        let count = report.count(level);
        if count == 0 {
            continue;
        }
        let title = match level {
            Level::Breaking => "Breaking: code written against the old crate may not compile",
            Level::Additive => "Additive: new items, nothing breaks",
            Level::Documentation => "Documentation only",
        };
        text.push_str(&format!("\n### {title} ({count})\n\n| check | type | change |\n|---|---|---|\n"));
        let shown = limit.unwrap_or(usize::MAX);
        for change in report.at(level).take(shown) {
            text.push_str(&format!("| `{}` | `{}` | {} |\n", change.check.id(), change.subject, cell(&change.message)));
        }
        if count > shown {
            text.push_str(&format!("\n… and {} more (`--format json` lists every change).\n", count - shown));
        }
    }
    if report.changes.is_empty() {
        text.push_str("\nNo changes.\n");
    }
    text
}

/// JSON: `{"old", "new", "summary": {level: count}, "changes": [{"id", "level", "subject",
/// "message"}]}`, changes sorted as in the report.
pub fn json(report: &Report) -> String {
    let summary: serde_json::Map<String, serde_json::Value> =
        Level::ALL.iter().map(|level| (level.as_str().to_owned(), report.count(*level).into())).collect();
    let changes: Vec<serde_json::Value> = report
        .changes
        .iter()
        .map(|change| {
            serde_json::json!({
                "id": change.check.id(),
                "level": change.level().as_str(),
                "subject": change.subject,
                "message": change.message,
            })
        })
        .collect();
    let value = serde_json::json!({ "old": report.old, "new": report.new, "summary": summary, "changes": changes });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A message as a Markdown table cell: pipes and line breaks would end the cell or the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Change, Check};

    fn report() -> Report {
        Report::new(
            "old",
            "new",
            vec![
                Change::new(Check::PropertyRemoved, "microsoft.graph.a", "The property `x|y` of `a` was removed."),
                Change::new(Check::PropertyAdded, "microsoft.graph.a", "`a` has a new property `z`."),
                Change::new(Check::PropertyAdded, "microsoft.graph.b", "`b` has a new property `z`."),
            ],
        )
    }

    #[test]
    fn markdown_has_counts_then_a_table_per_level_with_escaped_cells() {
        let text = markdown(&report(), Some(1));
        assert!(text.contains("| breaking | 1 |\n| additive | 2 |\n| documentation | 0 |"), "{text}");
        assert!(
            text.contains("| `property-removed` | `microsoft.graph.a` | The property `x\\|y` of `a` was removed. |")
        );
        assert!(text.contains("… and 1 more"), "{text}");
        assert!(!text.contains("Documentation only"), "empty levels have no table");
    }

    #[test]
    fn json_lists_every_change_with_id_and_level() {
        let value: serde_json::Value = serde_json::from_str(&json(&report())).unwrap();
        assert_eq!(value["summary"]["additive"], 2);
        assert_eq!(value["changes"][0]["id"], "property-removed");
        assert_eq!(value["changes"][0]["level"], "breaking");
        assert_eq!(value["changes"].as_array().unwrap().len(), 3);
    }
}
