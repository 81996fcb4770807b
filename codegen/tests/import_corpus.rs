//! The documentation importer on real pages: the enrollment family and the seed pages in
//! `tests/fixtures/` (the repository's `schema/` is imported from them), and the whole shared
//! corpus (that family with the other pages in `codegen/tests/fixtures/corpus/`), imported,
//! generated, built and its example tests run.
//!
//! Over 600 lines: every test of the importer on real corpus pages, sharing their helpers.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use msgraph_codegen::{Config, import};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shared corpus of Graph doc pages (`shared/corpus/graph-docs`), as the clone holds it: the
/// enrollment family in `tests/fixtures/graph-docs` and every other page of the corpus in
/// `codegen/tests/fixtures/corpus/graph-docs` (both copied byte for byte).
fn corpus_roots() -> Vec<PathBuf> {
    vec![repo().join("tests/fixtures/graph-docs"), repo().join("codegen/tests/fixtures/corpus/graph-docs")]
}

fn family_pages() -> Vec<PathBuf> {
    vec![repo().join("tests/fixtures/graph-docs"), repo().join("tests/fixtures/seeds")]
}

fn overrides() -> PathBuf {
    repo().join("schema/import/overrides.json")
}

/// The pages (`*.md`, rendered `*.txt`) under `roots`, as the importer finds them.
fn pages_under(roots: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md" || e == "txt") && !path.ends_with("README.md") {
                out.push(path);
            }
        }
    }
    let mut pages = Vec::new();
    for root in roots {
        walk(root, &mut pages);
    }
    pages
}

/// What the family import says stays true whatever the pages say: its totals are the totals of
/// the files it writes, every page is accounted for (described, or named by a warning), what it
/// writes generates, and the known defects of the seed pages are reported at their lines.
#[test]
// Long on purpose: one import, then every documented defect of the family checked in turn.
fn the_enrollment_family_imports_with_its_defects_reported() {
    let imported = import::import(&family_pages(), Some(&overrides())).unwrap();
    let pages = pages_under(&family_pages());
    assert_eq!(imported.pages, pages.len());
    let types: Vec<&msgraph_codegen::schema::TypeDescription> =
        imported.files.values().flat_map(|file| &file.types).collect();
    let totals = (
        types.len(),
        types.iter().map(|t| t.properties.len()).sum::<usize>(),
        types.iter().map(|t| t.operations.len()).sum::<usize>(),
    );
    assert_eq!(imported.counts, totals, "the summary counts what is written");
    let (t, p, o) = totals;
    let expected = format!(
        "imported {} pages: {t} types, {p} properties, {o} operations, {} warnings",
        pages.len(),
        imported.warnings.len()
    );
    assert!(imported.summary().starts_with(&expected), "{}", imported.summary());

    // Every page is accounted for: a type or operation names it as its source, one of its
    // examples comes from it, or a warning names it.
    for page in &pages {
        let shown = page.to_string_lossy().replace('\\', "/");
        let shown = &shown[shown.find("graph-docs/").or_else(|| shown.find("seeds/")).unwrap()..];
        let url = shown.find("api-reference/").map(|i| {
            let (version, rest) = shown[i + "api-reference/".len()..].split_once('/').unwrap();
            let view = if version == "beta" { "graph-rest-beta" } else { "graph-rest-1.0" };
            let rest = rest.strip_prefix("api/").unwrap_or(rest).trim_end_matches(".md");
            format!("https://learn.microsoft.com/graph/api/{rest}?view={view}")
        });
        let described = types.iter().any(|ty| {
            url.as_ref().is_some_and(|url| ty.sources.contains(url))
                || ty.operations.iter().any(|op| {
                    op.source.is_some() && op.source == url
                        || op.examples.iter().any(|e| e.source.as_deref().is_some_and(|s| s.starts_with(shown)))
                })
        });
        let warned = imported.warnings.iter().any(|w| w.file.to_string_lossy() == shown);
        assert!(described || warned, "{shown} is neither described nor reported");
    }
    assert!(
        !imported.warnings.iter().any(|w| w.message.contains("`generate` would reject")),
        "{:#?}",
        imported.warnings
    );

    let report: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    let has = |needle: &str| report.iter().any(|w| w.contains(needle));
    // The seed pages' own defects, each with its file and line.
    assert!(has("the permissions are a placeholder: `TODO: Determine scopes`"), "{report:#?}");
    assert!(has("seeds/depenrollmentprofile-create.md:19"), "{report:#?}");
    assert!(has("the request line is a placeholder, not a path"), "{report:#?}");
    assert!(
        has("`iTunesPairingMode` is `\"String\"`, which is not a documented member of `iTunesPairingMode`"),
        "{report:#?}"
    );
    assert!(has("the example request body has lost its braces (a rendered page)"), "{report:#?}");
    // Pages that contradict each other, and names no page documents.
    assert!(
        has("is documented as inherited from `depEnrollmentBaseProfile`, which is not a base type that has it"),
        "{report:#?}"
    );
    assert!(has("no page documents the type `appleEnrollmentProfileAssignment`"), "{report:#?}");
    assert!(
        has("this page documents other permissions for `create` of `microsoft.graph.depEnrollmentProfile`"),
        "{report:#?}"
    );

    // depEnrollmentProfile has its eight operations: five of its own, three from its base's pages.
    let dep = &imported.files["depEnrollmentProfile.json"].types[0];
    let names: Vec<&str> = dep.operations.iter().map(|o| o.name.as_str()).collect();
    for name in [
        "list",
        "get",
        "create",
        "update",
        "delete",
        "setDefaultProfile",
        "updateDeviceProfileAssignment",
        "exportMobileConfig",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let create = dep.operations.iter().find(|o| o.name == "create").unwrap();
    assert_eq!(create.success_status, 201);
    assert!(
        create.examples.iter().any(|e| !e.defects.is_empty()),
        "the seed's `\"String\"` example is kept and marked"
    );
}

#[test]
fn schema_is_the_import_of_the_pages_and_reimport_changes_nothing() {
    let imported = import::import(&family_pages(), Some(&overrides())).unwrap();
    let out = tempfile::tempdir().unwrap();
    imported.write_to(out.path()).unwrap();
    for name in imported.files.keys() {
        let fresh = std::fs::read_to_string(out.path().join(name)).unwrap();
        let checked_in = std::fs::read_to_string(repo().join("schema").join(name)).unwrap_or_default();
        assert!(
            fresh == checked_in,
            "schema/{name} is not what the importer makes from the pages; re-import with\n    cargo run -p msgraph-codegen -- import tests/fixtures/graph-docs tests/fixtures/seeds --overrides schema/import/overrides.json --out schema"
        );
    }
    let report = imported.write_to(out.path()).unwrap();
    assert!(report.written.is_empty(), "a re-import of unchanged pages rewrites nothing");
    assert_eq!(report.unchanged, imported.files.len());
}

#[test]
fn strict_mode_fails_on_defects_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let seeds = repo().join("tests/fixtures/seeds");
    let output = Command::new(env!("CARGO_BIN_EXE_msgraph-codegen"))
        .args(["import", seeds.to_str().unwrap(), "--strict", "--out", out.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--strict") && stderr.contains("nothing was written"), "{stderr}");
    assert!(stderr.contains("warning: the permissions are a placeholder"), "{stderr}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

/// The whole shared corpus ([`corpus_roots`]): import every page, generate a crate, build it with
/// warnings denied and run its example tests (about 10 s once the shared target folder has the
/// dependencies).
#[test]
fn the_whole_corpus_imports_generates_builds_and_round_trips_its_examples() {
    let roots = corpus_roots();
    let imported = import::import(&roots, Some(&overrides())).unwrap();
    eprintln!("{}", imported.summary());
    assert_eq!(imported.pages, pages_under(&roots).len(), "every page of the corpus is read: {}", imported.summary());
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    Config::new(schema.path()).crate_name("corpus").generate().unwrap().write_to(out.path()).unwrap();
    common::cargo_in(out.path(), &["test", "--features", "client"]);
}

/// Pages written like the general (non-Intune) Graph docs: `{id | name}` path alternatives, a
/// query in the request line, an included permissions table, relative links, a v1.0 path.
#[test]
fn general_graph_pages_import_and_generate() {
    let resource = r#"---
title: "widget resource type"
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

Represents a widget.

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier. Read-only.|
|displayName|String|The name.|
|size|[widgetSize](widgetsize.md)|The size. Possible values are: `small`, `large`, `unknownFutureValue`.|
|tags|String collection|Tags.|

## JSON representation
<!-- { "blockType": "resource", "keyProperty": "id", "@odata.type": "microsoft.graph.widget" } -->
```json
{ "id": "String (identifier)", "displayName": "String", "size": "String", "tags": ["String"] }
```
"#;
    let get = r#"---
title: "Get widget"
doc_type: apiPageType
---
# Get widget

Namespace: microsoft.graph

Read a widget.

## Permissions
[!INCLUDE [permissions-table](../includes/permissions/widget-get-permissions.md)]

## HTTP request
<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id | displayName}?$select=id
```

## Optional query parameters
This method supports the `$select` OData query parameter.

## Response
If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Example
### Request
<!-- { "blockType": "request", "name": "get_widget" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/42
```
### Response
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "id": "42",
  "displayName": "Gear",
  "size": "huge",
  "tags": ["a"],
  "color": "blue"
}
```
"#;
    let pages = vec![
        (PathBuf::from("graph-docs/api-reference/v1.0/resources/widget.md"), resource.to_owned()),
        (PathBuf::from("graph-docs/api-reference/v1.0/api/widget-get.md"), get.to_owned()),
    ];
    let imported = import::import_pages(&pages, None).unwrap();
    let report: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert!(report.iter().any(|w| w.contains("the first is used: `/widgets/{id}`")), "{report:#?}");
    assert!(report.iter().any(|w| w.contains("has a query (`?$select=id`)")), "{report:#?}");
    assert!(report.iter().any(|w| w.contains("`size` is `\"huge\"`, which is not a documented member")), "{report:#?}");
    assert!(report.iter().any(|w| w.contains("`color` is not a documented property")), "{report:#?}");
    let widget = &imported.files["widget.json"].types[0];
    assert_eq!(widget.operations[0].path, "/widgets/{id}");
    assert_eq!(imported.files["service.json"].service.as_ref().unwrap().api_version, "v1.0");
    assert_eq!(imported.files["widgetSize.json"].types[0].members.len(), 3, "the enum comes from \"Possible values\"");

    // What was imported generates, and its example (which breaks the table) is a test.
    let sources = imported
        .files
        .iter()
        .map(|(name, file)| msgraph_codegen::diagnostic::Source {
            path: name.into(),
            text: serde_json::to_string(file).unwrap(),
        })
        .collect();
    let loaded = msgraph_codegen::load::parse_all(sources).unwrap();
    let generated = Config::new("schema").generate_from(&loaded).unwrap();
    let files = generated.files().unwrap();
    let requests = &files[Path::new("src/requests/widget.rs")];
    assert!(requests.contains("fn get_response()"), "{requests}");
}

/// A create page whose request line is a placeholder takes its collection path from the list
/// page, even though `…-create.md` sorts before `…-list.md`.
#[test]
fn a_placeholder_create_path_comes_from_the_list_page_in_any_order() {
    let api = |title: &str, request: &str, response: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n```http\n{request}\n```\n\n## Request body\nIn the request body, supply a JSON representation for the gadget object.\n\n## Response\n{response}\n"
        )
    };
    let resource = "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n# gadget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Id|\n";
    let pages = vec![
        (
            PathBuf::from("api-reference/beta/api/x-gadget-create.md"),
            api(
                "Create gadget",
                "POST ** Collection URI for microsoft.graph.gadget not found",
                "If successful, this method returns a `201 Created` response code and a [gadget](x.md) object.",
            ),
        ),
        (
            PathBuf::from("api-reference/beta/api/x-gadget-list.md"),
            api(
                "List gadgets",
                "GET /things/{thingId}/gadgets",
                "If successful, this method returns a `200 OK` response code and a collection of [gadget](x.md) objects.",
            ),
        ),
        (PathBuf::from("api-reference/beta/resources/x-gadget.md"), resource.to_owned()),
    ];
    let imported = import::import_pages(&pages, None).unwrap();
    let gadget = &imported.files["gadget.json"].types[0];
    let create = gadget.operations.iter().find(|o| o.name == "create").expect("create is kept");
    assert_eq!(create.path, "/things/{thingId}/gadgets");
    assert!(imported.warnings.iter().any(|w| w.message.contains("taken from its list page")));
}

/// A beta resource page of the enrollment family (`tests/fixtures/graph-docs/api-reference/beta/resources/`),
/// as (path, text).
fn corpus_resource(name: &str) -> (PathBuf, String) {
    let path = repo().join("tests/fixtures/graph-docs/api-reference/beta/resources").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

/// The 1-based line of the page's first line that starts with `start` (so that a test names the
/// line of what it edits, wherever an edit of the page moves it).
fn line_of(page: &(PathBuf, String), start: &str) -> usize {
    let found = page.1.lines().position(|line| line.starts_with(start));
    found.map(|i| i + 1).unwrap_or_else(|| panic!("{} has no line starting `{start}`", page.0.display()))
}

/// `text` with `from` replaced by `to`, which must be there.
fn edited(page: &(PathBuf, String), from: &str, to: &str) -> (PathBuf, String) {
    assert!(page.1.contains(from), "{} has no `{from}`", page.0.display());
    (page.0.clone(), page.1.replacen(from, to, 1))
}

fn warnings_about<'a>(imported: &'a import::Imported, page: &str, needle: &str) -> Vec<&'a import::Warning> {
    imported
        .warnings
        .iter()
        .filter(|w| w.file.to_string_lossy().ends_with(page) && w.message.contains(needle))
        .collect()
}

/// Generates in memory from imported files, as `generate --schema` would from the folder.
fn generate(imported: &import::Imported) -> msgraph_codegen::Result<std::collections::BTreeMap<PathBuf, String>> {
    let sources = imported
        .files
        .iter()
        .map(|(name, file)| msgraph_codegen::diagnostic::Source {
            path: name.into(),
            text: serde_json::to_string_pretty(file).unwrap(),
        })
        .collect();
    let loaded = msgraph_codegen::load::parse_all(sources)?;
    Config::new("schema").generate_from(&loaded)?.files()
}

/// Pages about references (`POST …/owners/$ref`, `DELETE …/owners/{id}/$ref`,
/// `GET …/members/$ref`), named `<type>-<verb>-<navigation>` as the Graph docs name them, and a
/// resource page that spells primitives in lower case (`string`, `boolean`, `Edm.int32`).
#[test]
fn reference_operations_and_primitives_in_other_case_are_imported() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph-docs/conventions");
    let imported = import::import(&[fixtures], None).unwrap();
    let team = &imported.files["team.json"].types[0];
    let operation = |name: &str| {
        team.operations.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("{name} in {:?}", team.operations))
    };
    let add = operation("addOwnersRef");
    assert_eq!((add.method.as_str(), add.path.as_str()), ("POST", "/teams/{id}/owners/$ref"));
    let body = add.request_body.as_ref().unwrap();
    assert_eq!(body.properties[0].name, "@odata.id", "a reference body, not the object the text names");
    let remove = operation("removeOwnersRef");
    assert_eq!((remove.method.as_str(), remove.path.as_str()), ("DELETE", "/teams/{id}/owners/{ownersId}/$ref"));
    assert_eq!(operation("listMembersRef").path, "/teams/{id}/members/$ref");
    assert_eq!(operation("listOwners").path, "/teams/{id}/owners");
    assert_eq!(operation("get").path, "/teams/{id}", "the owner's own CRUD names stay free");
    assert!(!imported.warnings.iter().any(|w| w.message.contains("no page documents")), "{:#?}", imported.warnings);

    let types: Vec<(&str, &str)> = team.properties.iter().map(|p| (p.name.as_str(), p.r#type.as_str())).collect();
    for expected in [("id", "String"), ("isArchived", "Boolean"), ("memberCount", "Int32")] {
        assert!(types.contains(&expected), "{expected:?} in {types:?}");
    }
    for (written, line) in [("`string`", 19), ("`boolean`", 21), ("`Edm.int32`", 22)] {
        let found = warnings_about(&imported, "resources/team.md", written);
        assert_eq!(found.len(), 1, "{written}: {:#?}", imported.warnings);
        assert_eq!(found[0].line, line);
    }

    let files = generate(&imported).unwrap();
    let requests = &files[Path::new("src/requests/team.rs")];
    for function in ["fn add_owners_ref(", "fn remove_owners_ref(", "fn list_members_ref(", "fn list_owners("] {
        assert!(requests.contains(function), "{function} in\n{requests}");
    }
    let model = &files[Path::new("src/models/team.rs")];
    assert!(model.contains("pub is_archived: ::core::option::Option<bool>"), "{model}");
}

/// A mangled heading once became a file named `discoverySource enum type].json`.
#[test]
fn a_mangled_heading_is_a_located_warning_never_a_file_name() {
    let page = corpus_resource("intune-enrollment-discoverysource.md");
    let mangled = edited(&page, "# discoverySource enum type", "# discoverySource enum type]");
    let imported = import::import_pages(&[mangled], None).unwrap();
    assert!(
        imported.files.keys().all(|name| !name.contains(' ') && !name.contains(']')),
        "{:?}",
        imported.files.keys()
    );
    let found = warnings_about(&imported, "intune-enrollment-discoverysource.md", "is not an OData identifier");
    assert_eq!(found.len(), 1, "{:#?}", imported.warnings);
    assert_eq!(found[0].line, line_of(&page, "# discoverySource enum type"), "the title's line");
}

#[test]
fn an_enum_page_without_members_is_reported_and_not_written() {
    let page = corpus_resource("intune-enrollment-itunespairingmode.md");
    let rows = ["|disallow|", "|allow|", "|requiresCertificate|"];
    let kept: Vec<&str> = page.1.lines().filter(|line| !rows.iter().any(|row| line.starts_with(row))).collect();
    assert_eq!(kept.len() + 3, page.1.lines().count(), "the three member rows are removed");
    let emptied = (page.0.clone(), kept.join("\n"));
    let imported = import::import_pages(&[emptied], None).unwrap();
    assert!(!imported.files.contains_key("iTunesPairingMode.json"), "{:?}", imported.files.keys());
    let found = warnings_about(&imported, "intune-enrollment-itunespairingmode.md", "documents no members");
    assert_eq!(found.len(), 1, "{:#?}", imported.warnings);
    assert_eq!(found[0].line, line_of(&page, "## Members"), "the Members heading's line");
    generate(&imported).unwrap();
}

#[test]
fn control_characters_in_a_table_are_a_doc_defect() {
    let page = corpus_resource("intune-enrollment-enrollmentprofile.md");
    let dirty =
        edited(&page, "|displayName|String|Name of the profile|", "|displayName|String|Name of\u{7} the profile|");
    let imported = import::import_pages(&[dirty], None).unwrap();
    let found = warnings_about(&imported, "intune-enrollment-enrollmentprofile.md", "control characters (U+0007)");
    assert_eq!(found.len(), 1, "{:#?}", imported.warnings);
    assert_eq!(found[0].line, line_of(&page, "|displayName|"), "the row's line");
    let profile = &imported.files["enrollmentProfile.json"].types[0];
    let display_name = profile.properties.iter().find(|p| p.name == "displayName").unwrap();
    assert_eq!(display_name.description, "Name of the profile");
}

/// What lowering rejects is found by the importer, with lowering's own checks, and reported at the
/// page and line it came from: property names that collide as Rust names, a page that inherits
/// from itself, an inheritance cycle across pages.
#[test]
fn what_generate_would_reject_is_reported_at_its_page() {
    let base = corpus_resource("intune-enrollment-depenrollmentbaseprofile.md");
    let profile = corpus_resource("intune-enrollment-enrollmentprofile.md");
    let rejected = |pages: &[(PathBuf, String)]| {
        let imported = import::import_pages(pages, None).unwrap();
        let rejected: Vec<import::Warning> =
            imported.warnings.iter().filter(|w| w.message.contains("`generate` would reject")).cloned().collect();
        (imported, rejected)
    };

    let colliding = edited(
        &profile,
        "|displayName|String|Name of the profile|",
        "|displayName|String|Name of the profile|\n|DisplayName|String|The same name, spelled again|",
    );
    let (imported, found) = rejected(&[colliding]);
    assert!(!found.is_empty(), "{:#?}", imported.warnings);
    assert!(found.iter().all(|w| w.file.ends_with("intune-enrollment-enrollmentprofile.md")), "{found:#?}");
    let row = line_of(&profile, "|displayName|");
    assert!(
        found.iter().any(|w| w.line == row || w.line == row + 1),
        "at a row of the colliding names (line {row} or {}): {found:#?}",
        row + 1
    );
    assert!(generate(&imported).is_err(), "the warning is about a real rejection");

    let itself = edited(&base, "Inherits from [enrollmentProfile]", "Inherits from [depEnrollmentBaseProfile]");
    let (imported, found) = rejected(&[itself, profile.clone()]);
    let inherits = line_of(&base, "Inherits from [enrollmentProfile]");
    assert!(
        found.iter().any(|w| w.file.ends_with("intune-enrollment-depenrollmentbaseprofile.md") && w.line == inherits),
        "at the \"Inherits from\" line ({inherits}): {:#?}",
        imported.warnings
    );

    let cycle = edited(
        &profile,
        "Namespace: microsoft.graph\n",
        "Namespace: microsoft.graph\n\nInherits from [depEnrollmentBaseProfile](../resources/intune-enrollment-depenrollmentbaseprofile.md)\n",
    );
    let (imported, found) = rejected(&[base, cycle]);
    assert!(
        found.iter().any(|w| w.message.contains("cycle") || w.message.contains("inherit")),
        "{:#?}",
        imported.warnings
    );
    assert!(found.iter().all(|w| w.file.to_string_lossy().contains("api-reference/beta/resources")), "{found:#?}");
}

/// `import PAGES --out NEW_DIR` and then `generate --schema NEW_DIR`, on pages without any
/// operation: the importer writes the service description itself.
#[test]
fn import_into_a_new_folder_then_generate_works_on_its_own() {
    let profile = corpus_resource("intune-enrollment-enrollmentprofile.md");
    let mode = corpus_resource("intune-enrollment-itunespairingmode.md");
    let imported = import::import_pages(&[profile, mode], None).unwrap();
    assert_eq!(imported.files["service.json"].service.as_ref().unwrap().api_version, "beta", "from the pages' folder");
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let generated = Config::new(schema.path()).generate().unwrap().files().unwrap();
    assert!(generated.contains_key(Path::new("src/models/enrollment_profile.rs")), "{:?}", generated.keys());
}

/// `overrides` written to a temporary file, for `import::import`.
fn overrides_file(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

/// Issue 14: adding one property through `"properties"` replaced the whole list, and all 31
/// documented properties of depEnrollmentProfile were dropped silently.
#[test]
fn an_override_adding_one_property_keeps_every_other_property() {
    let plain = import::import(&family_pages(), Some(&overrides())).unwrap();
    let documented = &plain.files["depEnrollmentProfile.json"].types[0].properties;
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(overrides()).unwrap()).unwrap();
    value["types"]["microsoft.graph.depEnrollmentProfile"] = serde_json::json!({
        "why": "a test",
        "properties": [{ "name": "addedByTest", "type": "String", "description": "Added by an override." }]
    });
    let file = overrides_file(&serde_json::to_string_pretty(&value).unwrap());
    let imported = import::import(&family_pages(), Some(file.path())).unwrap();
    let properties = &imported.files["depEnrollmentProfile.json"].types[0].properties;
    assert_eq!(properties.len(), documented.len() + 1);
    assert!(documented.iter().all(|p| properties.contains(p)), "every documented property is kept");
    assert_eq!(properties.last().unwrap().name, "addedByTest");
    assert!(
        imported.overrides.contains(&"microsoft.graph.depEnrollmentProfile: property `addedByTest` added".to_owned()),
        "{:?}",
        imported.overrides
    );
    assert_eq!(imported.warnings.len(), plain.warnings.len(), "{:#?}", imported.warnings);
}

#[test]
fn overrides_replace_and_remove_by_name_and_report_every_change() {
    let plain = import::import(&family_pages(), Some(&overrides())).unwrap();
    let documented = plain.files["depEnrollmentProfile.json"].types[0].clone();
    let first = documented.properties[0].clone();
    let last = documented.properties.last().unwrap().name.clone();
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(overrides()).unwrap()).unwrap();
    value["types"]["microsoft.graph.depEnrollmentProfile"] = serde_json::json!({
        "why": "a test",
        "properties": [{ "name": first.name, "type": first.r#type, "description": "Replaced." }],
        "remove": { "properties": [last] }
    });
    value["types"]["microsoft.graph.iTunesPairingMode"] =
        serde_json::json!({ "why": "changes nothing", "flags": false });
    let file = overrides_file(&serde_json::to_string_pretty(&value).unwrap());
    let imported = import::import(&family_pages(), Some(file.path())).unwrap();
    let properties = &imported.files["depEnrollmentProfile.json"].types[0].properties;
    assert_eq!(properties.len(), documented.properties.len() - 1);
    assert_eq!(properties[0].description, "Replaced.");
    assert_eq!(properties[1..], documented.properties[1..documented.properties.len() - 1]);
    let report = &imported.overrides;
    for change in [format!("property `{}` replaced", first.name), format!("property `{last}` removed")] {
        assert!(report.contains(&format!("microsoft.graph.depEnrollmentProfile: {change}")), "{change}: {report:?}");
    }
    let unchanged: Vec<_> = imported.warnings.iter().filter(|w| w.message.contains("changes nothing")).collect();
    assert_eq!(unchanged.len(), 1, "{:#?}", imported.warnings);
    assert!(unchanged[0].message.contains("microsoft.graph.iTunesPairingMode") && unchanged[0].line > 1);

    value["types"]["microsoft.graph.iTunesPairingMode"] =
        serde_json::json!({ "why": "w", "remove": { "members": ["nope"] } });
    let error = import::import(&family_pages(), Some(overrides_file(&value.to_string()).path())).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("the member `nope`, which `microsoft.graph.iTunesPairingMode` does not have"), "{text}");
}

#[test]
fn a_hostile_or_mistyped_overrides_file_is_a_located_error() {
    let pages = [repo().join("tests/fixtures/seeds")];
    let deep = overrides_file(&"[".repeat(100_000));
    let text = import::import(&pages, Some(deep.path())).unwrap_err().to_string();
    assert!(text.contains("deeper than 64 levels") && text.contains(":1:65"), "{text}");

    let typo =
        overrides_file("{\n  \"types\": {\n    \"microsoft.graph.x\": { \"why\": \"w\", \"propertys\": [] }\n  }\n}\n");
    let text = import::import(&pages, Some(typo.path())).unwrap_err().to_string();
    assert!(text.contains("unknown field `propertys`") && text.contains(":3:"), "{text}");
}

#[test]
fn the_overrides_file_names_its_json_schema() {
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(overrides()).unwrap()).unwrap();
    let expected = format!("./{}", import::overrides::OVERRIDES_SCHEMA_FILE_NAME);
    assert_eq!(value["$schema"].as_str(), Some(expected.as_str()));
}
