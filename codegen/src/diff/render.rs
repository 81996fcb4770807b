//! A change report as text: Markdown for a pull request's description, JSON for tools.

use super::change::{Check, Level, Report};

/// Markdown: the counts per level in one line, the counts per check (the shape of the update, in a
/// few lines), then a table per level that has changes (check id, subject, sentence). `limit`
/// caps the rows of each table; the rest are counted in a closing line.
pub fn markdown(report: &Report, limit: Option<usize>) -> String {
    let mut text = format!("## Change report\n\n`{}` → `{}`: {}\n", report.old, report.new, report.summary());
    if report.changes.is_empty() {
        text.push_str("\nNo changes.\n");
        return text;
    }
    text.push_str("\n| level | check | changes |\n|---|---|---|\n");
    for (check, count) in report.counts_by_check() {
        text.push_str(&format!("| {} | `{}` | {count} |\n", check.level(), check.id()));
    }
    for level in Level::ALL {
        let count = report.count(level);
        if count == 0 {
            continue;
        }
        let title = match level {
            Level::Breaking => "Breaking: code written against the old crate may not compile",
            Level::Warning => "Warning: code still compiles, but a request may now mean something else or be refused",
            Level::Additive => "Additive: new items, nothing breaks",
            Level::Documentation => "Documentation only",
        };
        text.push_str(&format!("\n### {title} ({count})\n\n| check | subject | change |\n|---|---|---|\n"));
        let shown = limit.unwrap_or(usize::MAX);
        for change in report.at(level).take(shown) {
            let message = format!("{}{}", change.message, who(&change.features));
            text.push_str(&format!("| `{}` | `{}` | {} |\n", change.check.id(), cell(&change.subject), cell(&message)));
        }
        if count > shown {
            text.push_str(&format!("\n… and {} more (`--format json` lists every change).\n", count - shown));
        }
    }
    text
}

/// ` It breaks code built with the features `a` or `b`.` (nothing when every user is broken).
fn who(features: &[String]) -> String {
    const SHOWN: usize = 6;
    if features.is_empty() {
        return String::new();
    }
    let mut named: Vec<String> = features.iter().take(SHOWN).map(|feature| format!("`{feature}`")).collect();
    if features.len() > SHOWN {
        named.push(format!("{} more", features.len() - SHOWN));
    }
    let (features, list) =
        if features.len() == 1 { ("feature", named.join("")) } else { ("features", named.join(", ")) };
    format!(" It breaks code built with the {features} {list}.")
}

/// JSON: `{"old", "new", "summary": {level: count}, "checks": {id: count}, "changes": [{"id",
/// "level", "subject", "message", "rust", "features"}]}`, changes sorted as in the report; `rust`
/// (the Rust paths a breaking change breaks) only where known, `features` (whose users it breaks)
/// only for a crate with features.
pub fn json(report: &Report) -> String {
    let summary: serde_json::Map<String, serde_json::Value> =
        Level::ALL.iter().map(|level| (level.as_str().to_owned(), report.count(*level).into())).collect();
    let checks: serde_json::Map<String, serde_json::Value> =
        report.counts_by_check().into_iter().map(|(check, count)| (check.id().to_owned(), count.into())).collect();
    let changes: Vec<serde_json::Value> = report
        .changes
        .iter()
        .map(|change| {
            let mut value = serde_json::json!({
                "id": change.check.id(),
                "level": change.level().as_str(),
                "subject": change.subject,
                "message": change.message,
            });
            if !change.rust.is_empty() {
                value["rust"] = change.rust.clone().into();
            }
            if !change.features.is_empty() {
                value["features"] = change.features.clone().into();
            }
            value
        })
        .collect();
    let value = serde_json::json!({
        "old": report.old,
        "new": report.new,
        "summary": summary,
        "checks": checks,
        "changes": changes,
    });
    // A `Value` of strings and numbers always serializes.
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value of strings and numbers serializes");
    text.push('\n');
    text
}

/// Every check as a Markdown table (id, level, what it finds), by level: the reference that
/// `msgraph-codegen checks` prints and `docs/change-report.md` holds.
pub fn checks() -> String {
    let mut text = String::from("| check | level | what it finds |\n|---|---|---|\n");
    for check in Check::ALL {
        text.push_str(&format!("| `{}` | {} | {} |\n", check.id(), check.level(), cell(check.describe())));
    }
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
        assert!(text.contains("`old` → `new`: 1 breaking, 0 warning, 2 additive, 0 documentation"), "{text}");
        assert!(
            text.contains("| breaking | `property-removed` | 1 |\n| additive | `property-added` | 2 |\n"),
            "{text}"
        );
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
        assert_eq!(value["checks"]["property-added"], 2);
        assert_eq!(value["changes"][0]["id"], "property-removed");
        assert_eq!(value["changes"][0]["level"], "breaking");
        assert_eq!(value["changes"].as_array().unwrap().len(), 3);
    }
}
