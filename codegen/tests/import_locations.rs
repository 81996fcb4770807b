//! Where the importer reports what `generate` would reject: at the page and line the offending
//! description came from, found from the problem's location as data (type → property, type →
//! operation → body → property, …), never from its rendered JSON path or its message.

use std::path::PathBuf;

use msgraph_codegen::import::{self, Warning};

/// A resource page with a property table; `rows` are (name, type), one table row a line from
/// line 14 on.
fn resource(rows: &[(&str, &str)]) -> (PathBuf, String) {
    let rows: String = rows.iter().map(|(name, ty)| format!("|{name}|{ty}|The {name}.|\n")).collect();
    let text = format!(
        "---\ntitle: \"team resource type\"\ndoc_type: resourcePageType\n---\n\n# team resource type\n\nNamespace: microsoft.graph\n\nA team.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.team\" }} -->\n```json\n{{ \"id\": \"String (identifier)\" }}\n```\n"
    );
    (PathBuf::from("api-reference/v1.0/resources/team.md"), text)
}

/// An action's page whose request body is a parameter table: `rows` are (name, type), the first
/// on line 33.
fn action(rows: &[(&str, &str)]) -> (PathBuf, String) {
    let rows: String = rows.iter().map(|(name, ty)| format!("|{name}|{ty}|The {name}.|\n")).collect();
    let text = format!(
        "---\ntitle: \"team: archive\"\ndescription: \"Archive a team.\"\ndoc_type: apiPageType\n---\n\n# team: archive\n\nNamespace: microsoft.graph\n\nArchive a team.\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|Team.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Team.ReadWrite.All|\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPOST /teams/{{id}}/archive\n```\n\n## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n{rows}\n## Response\n\nIf successful, this method returns a `202 Accepted` response code.\n"
    );
    (PathBuf::from("api-reference/v1.0/api/team-archive.md"), text)
}

fn rejected(pages: &[(PathBuf, String)]) -> Vec<Warning> {
    let imported = import::import_pages(pages, None).unwrap();
    imported.warnings.into_iter().filter(|w| w.message.contains("`generate` would reject")).collect()
}

fn line_of(page: &(PathBuf, String), text: &str) -> usize {
    page.1.lines().position(|line| line.contains(text)).expect("the text is on the page") + 1
}

/// A problem in an operation's inline body is the operation page's: before locations were data,
/// `requestBody.properties[1]` was read as the type's own `properties[1]` and the warning blamed
/// the resource page's second row.
#[test]
fn a_problem_in_an_inline_body_is_reported_at_the_operation_page() {
    let team = resource(&[("id", "String"), ("displayName", "String"), ("isArchived", "Boolean")]);
    let archive = action(&[("shouldSetSpoSiteReadOnly", "Boolean"), ("ShouldSetSpoSiteReadOnly", "Boolean")]);
    let found = rejected(&[team.clone(), archive.clone()]);
    assert!(!found.is_empty(), "the two parameters collide as Rust names");
    assert!(found.iter().all(|w| w.file == archive.0), "at the action's page, not the resource page: {found:#?}");
    let rows = [line_of(&archive, "|shouldSetSpoSiteReadOnly|"), line_of(&archive, "|ShouldSetSpoSiteReadOnly|")];
    assert!(found.iter().all(|w| rows.contains(&w.line)), "at a row of the colliding parameters {rows:?}: {found:#?}");
}

/// A problem in a type's own property table stays at its row on the resource page.
#[test]
fn a_problem_in_a_property_table_is_reported_at_its_row() {
    let team = resource(&[("id", "String"), ("displayName", "String"), ("DisplayName", "String")]);
    let archive = action(&[("shouldSetSpoSiteReadOnly", "Boolean")]);
    let found = rejected(&[team.clone(), archive]);
    assert!(!found.is_empty(), "the two properties collide as Rust names");
    assert!(found.iter().all(|w| w.file == team.0), "{found:#?}");
    let rows = [line_of(&team, "|displayName|"), line_of(&team, "|DisplayName|")];
    assert!(found.iter().all(|w| rows.contains(&w.line)), "at a row of the colliding properties {rows:?}: {found:#?}");
}
