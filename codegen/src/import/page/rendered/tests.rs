use std::path::Path;

use super::*;

fn parse(text: &str) -> Page {
    parse_rendered(Path::new("page.txt"), text)
}

fn outline(page: &Page) -> Vec<(&str, u8, usize, bool)> {
    page.sections.iter().map(|s| (s.heading.as_str(), s.level, s.line, s.implied)).collect()
}

fn split(kind: TableKind, line: &str) -> Vec<String> {
    kind.split(line)
}

#[test]
fn title_namespace_headings_and_paragraphs() {
    let page = parse(
        "\nUpdate depEnrollmentProfile\n\nNamespace: microsoft.graph\n\nUpdate the properties\nof an object.\n\nHTTP Request\n\n\
         Request headers\nRequest body\n",
    );
    assert_eq!(page.title, "Update depEnrollmentProfile");
    assert_eq!(page.namespace.as_deref(), Some("microsoft.graph"));
    assert!(page.front_matter.is_empty());
    assert_eq!(
        outline(&page),
        [
            ("Update depEnrollmentProfile", 1, 2, false),
            ("HTTP Request", 2, 9, false),
            ("Request headers", 2, 11, false),
            ("Request body", 2, 12, false)
        ]
    );
    let paragraphs: Vec<(&str, usize)> = page.sections[0].paragraphs().map(|p| (p.text.as_str(), p.line)).collect();
    assert_eq!(paragraphs, [("Namespace: microsoft.graph", 4), ("Update the properties of an object.", 6)]);
}

#[test]
fn property_tables_split_name_type_and_description() {
    let page = parse(
        "T\n\nProperties\nProperty Type Description\nid String The GUID Inherited from enrollmentProfile\n\
         managementCertificates managementCertificateWithThumbprint collection Management certificates\n\
         depToken String\nlonely\n\nafter\n",
    );
    let table = page.section("Properties").and_then(|s| s.tables().next()).cloned();
    let Some(table) = table else { panic!("no table: {page:#?}") };
    assert_eq!(
        (table.line, table.header.as_slice()),
        (4, ["Property", "Type", "Description"].map(String::from).as_slice())
    );
    let rows: Vec<(usize, Vec<&str>)> =
        table.rows.iter().map(|r| (r.line, r.cells.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        rows,
        [
            (5, vec!["id", "String", "The GUID Inherited from enrollmentProfile"]),
            (
                6,
                vec![
                    "managementCertificates",
                    "managementCertificateWithThumbprint collection",
                    "Management certificates"
                ]
            ),
            (7, vec!["depToken", "String", ""]),
            (8, vec!["lonely"]),
        ]
    );
    assert_eq!(page.section("Properties").map(|s| s.paragraphs().count()), Some(1));
}

#[test]
fn permission_tables_imply_their_section() {
    let page = parse(
        "T\n\nThis API is available in national clouds.\n\nOne of the following permissions is required to call this API.\n\n\
         Permission type Permissions (from least to most privileged)\n\
         Delegated (work or school account) A.ReadWrite.All, B.ReadWrite.All\n\
         Delegated (personal Microsoft account) Not supported.\nApplication A.ReadWrite.All\n",
    );
    assert_eq!(outline(&page), [("T", 1, 1, false), ("Permissions", 2, 5, true)]);
    let Some(table) = page.section("Permissions").and_then(|s| s.tables().next()) else { panic!("{page:#?}") };
    assert_eq!(table.header, ["Permission type", "Permissions (from least to most privileged)"]);
    let rows: Vec<Vec<&str>> = table.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect();
    assert_eq!(
        rows,
        [
            vec!["Delegated (work or school account)", "A.ReadWrite.All, B.ReadWrite.All"],
            vec!["Delegated (personal Microsoft account)", "Not supported."],
            vec!["Application", "A.ReadWrite.All"],
        ]
    );
    // A table alone implies the section too, and an existing heading is kept.
    let page = parse("T\nPermission type Permissions\nApplication X\n");
    assert_eq!(outline(&page), [("T", 1, 1, false), ("Permissions", 2, 2, true)]);
    let page = parse("T\nPrerequisites\nPermission type Permissions\nApplication X\n");
    assert_eq!(outline(&page), [("T", 1, 1, false), ("Prerequisites", 2, 2, false)]);
}

#[test]
fn other_table_kinds_split_by_their_columns() {
    assert_eq!(
        split(TableKind::Members, "requiresCertificate 2 Certificate required to pair"),
        ["requiresCertificate", "2", "Certificate required to pair"]
    );
    assert_eq!(
        split(TableKind::TwoColumns, "Authorization  Bearer {token}. Required."),
        ["Authorization", "Bearer {token}. Required."]
    );
    assert_eq!(
        split(TableKind::Methods, "List depEnrollmentProfiles depEnrollmentProfile collection List them."),
        ["List depEnrollmentProfiles", "depEnrollmentProfile collection", "List them."]
    );
    assert_eq!(
        split(TableKind::Methods, "setDefaultProfile action None Sets the default profile"),
        ["setDefaultProfile action", "None", "Sets the default profile"]
    );
    assert_eq!(
        split(TableKind::TieredPermissions, "Delegated (personal Microsoft account) Not supported. Not supported."),
        ["Delegated (personal Microsoft account)", "Not supported.", "Not supported."]
    );
    assert_eq!(
        split(TableKind::TieredPermissions, "Application User.Read.All Directory.Read.All, User.ReadWrite.All"),
        ["Application", "User.Read.All", "Directory.Read.All, User.ReadWrite.All"]
    );
    assert_eq!(split(TableKind::Permissions, "Delegated (other kind) X.Read"), ["Delegated (other kind)", "X.Read"]);
    assert_eq!(split(TableKind::Typed, "   "), Vec::<String>::new());
    let kinds = ["Member Value Description", "Method Return Type Description", "Header Value", "Name Type Description"]
        .map(|line| TableKind::of(line).map(|(kind, header)| (kind, header.len())));
    assert_eq!(
        kinds,
        [
            Some((TableKind::Members, 3)),
            Some((TableKind::Methods, 3)),
            Some((TableKind::TwoColumns, 2)),
            Some((TableKind::Typed, 3))
        ]
    );
    assert_eq!(
        TableKind::of("Method Return Type Description").map(|(_, h)| h[1].clone()).as_deref(),
        Some("Return Type")
    );
    assert_eq!(TableKind::of("Property Type"), None);
}

#[test]
fn http_blocks_run_over_headers_and_json_bodies() {
    let page = parse(
        "T\n\nHTTP Request\n\nPATCH /deviceManagement/x/{id}\n\nRequest body\n\nIf successful, this method returns a 200 OK response code.\n\n\
         Here is an example of the request.\n\nPATCH https://graph.microsoft.com/beta/x\nContent-type: application/json\n\n\
         \x20 \"@odata.type\": \"#microsoft.graph.x\",\n  \"list\": [\n\n      \"a\": 1\n  \"n\": -1\n\n\
         Here is an example of the response. Note: may be truncated.\n\nHTTP/1.1 204 No Content\n\nTrailing text.\n",
    );
    assert_eq!(
        outline(&page),
        [
            ("T", 1, 1, false),
            ("HTTP Request", 2, 3, false),
            ("Request body", 2, 7, false),
            ("Response", 2, 9, true),
            ("Example", 2, 11, true),
            ("Request", 3, 11, true),
            ("Response", 3, 22, true),
        ]
    );
    let codes: Vec<(&str, usize, &str)> = page
        .sections
        .iter()
        .flat_map(Section::code_blocks)
        .map(|c| (c.info.as_str(), c.line, c.text.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("http", 5, "PATCH /deviceManagement/x/{id}\n"),
            (
                "http",
                13,
                "PATCH https://graph.microsoft.com/beta/x\nContent-type: application/json\n\n  \"@odata.type\": \"#microsoft.graph.x\",\n  \"list\": [\n\n      \"a\": 1\n  \"n\": -1\n"
            ),
            ("http", 24, "HTTP/1.1 204 No Content\n"),
        ]
    );
    assert!(page.sections.iter().flat_map(Section::code_blocks).all(|c| c.annotation.is_none()));
    assert_eq!(page.sections.last().map(|s| s.paragraphs().count()), Some(2));
}

#[test]
fn explicit_example_headings_nest_request_and_response() {
    let page = parse("T\nResponse\nExamples\nExample 1: Get it\nRequest\nResponse\nExample 2\nProperties\nResponse\n");
    let levels: Vec<(&str, u8)> = page.sections.iter().map(|s| (s.heading.as_str(), s.level)).collect();
    assert_eq!(
        levels,
        [
            ("T", 1),
            ("Response", 2),
            ("Examples", 2),
            ("Example 1: Get it", 3),
            ("Request", 4),
            ("Response", 4),
            ("Example 2", 3),
            ("Properties", 2),
            ("Response", 2)
        ]
    );
}

#[test]
fn json_without_braces_is_a_json_block() {
    let page = parse(
        "T\n\nJSON Representation\nHere is a JSON representation of the resource.\n  \"id\": \"String\",\n  \"n\": 0\nNot JSON.\n",
    );
    let Some(section) = page.section("JSON representation") else { panic!("{page:#?}") };
    let code: Vec<(&str, usize, &str)> =
        section.code_blocks().map(|c| (c.info.as_str(), c.line, c.text.as_str())).collect();
    assert_eq!(code, [("json", 5, "  \"id\": \"String\",\n  \"n\": 0\n")]);
    assert_eq!(
        section.paragraphs().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        ["Here is a JSON representation of the resource.", "Not JSON."]
    );
}

#[test]
fn line_shapes_are_recognised() {
    assert!(is_http_start("GET /me"));
    assert!(is_http_start("  DELETE https://graph.microsoft.com/beta/x"));
    assert!(is_http_start("HTTP/1.1 201 Created"));
    assert!(!is_http_start("Get depEnrollmentProfile"));
    assert!(!is_http_start("GET the value"));
    assert!(!is_http_start("HTTP/1.1 OK"));
    assert!(is_json_member("  \"@odata.type\": \"#x\","));
    assert!(!is_json_member("\"Quoted\" text"));
    assert!(is_numbered_example("example 12: list"));
    assert!(!is_numbered_example("example of the request"));
    assert!(is_json_like("  anything indented"));
    assert!(is_json_like("-5"));
    assert!(!is_json_like("- item"));
}
