//! Metadata and doc pages in one import: a hand-written CSDL document of the Intune enrollment
//! types (`tests/fixtures/csdl/beta-enrollment.csdl`, with deliberate disagreements listed at its
//! top) imported with the repository's doc pages of those types. One description per type, the
//! metadata's structure with the pages' text, operations and examples; every disagreement
//! reported at its page and line with the metadata element, settled by the rule in docs/metadata.md; and
//! what is written generates a crate that builds and whose example tests pass.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use msgraph_codegen::import::{self, DisagreementKind, Imported, InputKind, Side};
use msgraph_codegen::schema::TypeDescription;
use msgraph_codegen::{Config, Error};

/// Relative (tests run in the package folder), so that warnings name the same file everywhere.
fn metadata() -> PathBuf {
    Path::new("tests/fixtures/csdl/beta-enrollment.csdl").to_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The enrollment pages of the types the fixture defines (and of one it does not,
/// `importedAppleDeviceIdentity`), and the seed pages.
fn pages() -> Vec<PathBuf> {
    let beta = repo().join("tests/fixtures/graph-docs/api-reference/beta");
    let resources = [
        "enrollmentprofile",
        "depenrollmentbaseprofile",
        "depenrollmentprofile",
        "deponboardingsetting",
        "itunespairingmode",
        "deptokentype",
        "managementcertificatewiththumbprint",
        "importedappledeviceidentity",
    ];
    let operations = [
        "depenrollmentprofile-create",
        "depenrollmentprofile-get",
        "depenrollmentprofile-list",
        "depenrollmentprofile-update",
        "depenrollmentprofile-delete",
        "enrollmentprofile-setdefaultprofile",
        "enrollmentprofile-exportmobileconfig",
        "enrollmentprofile-updatedeviceprofileassignment",
        "deponboardingsetting-get",
        "deponboardingsetting-uploaddeptoken",
        "deponboardingsetting-getexpiringvpptokencount",
        "importedappledeviceidentity-get",
    ];
    let page = |folder: &str, name: &str| beta.join(folder).join(format!("intune-enrollment-{name}.md"));
    let mut pages: Vec<PathBuf> = resources.iter().map(|name| page("resources", name)).collect();
    pages.extend(operations.iter().map(|name| page("api", name)));
    pages.push(repo().join("tests/fixtures/seeds"));
    pages
}

fn merged() -> Imported {
    let mut paths = vec![metadata()];
    paths.extend(pages());
    import::import(&paths, None).unwrap()
}

fn described<'a>(imported: &'a Imported, file: &str) -> &'a TypeDescription {
    &imported.files.get(file).unwrap_or_else(|| panic!("no {file}: {:?}", imported.files.keys())).types[0]
}

#[test]
fn one_description_per_metadata_type_enriched_by_the_pages() {
    let imported = merged();
    assert_eq!(imported.input, InputKind::Merged { documents: 1 });
    // Exactly the metadata's types, each once; the page-only type is not written.
    let files: Vec<&str> = imported.files.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        [
            "depEnrollmentBaseProfile.json",
            "depEnrollmentProfile.json",
            "depIOSEnrollmentProfile.json",
            "depMacOSEnrollmentProfile.json",
            "depOnboardingSetting.json",
            "depTokenType.json",
            "deviceManagement.json",
            "enrollmentProfile.json",
            "entity.json",
            "iTunesPairingMode.json",
            "managementCertificateWithThumbprint.json",
            "service.json",
        ]
    );
    let service = imported.files["service.json"].service.as_ref().unwrap();
    assert_eq!((service.api_version.as_str(), service.singletons[0].name.as_str()), ("beta", "deviceManagement"));

    let profile = described(&imported, "depEnrollmentProfile.json");
    assert!(profile.description.starts_with("The depEnrollmentProfile resource represents"), "the page's text");
    assert_eq!(profile.sources[0], "beta-enrollment.csdl");
    assert!(profile.sources[1].ends_with("intune-enrollment-depenrollmentprofile?view=graph-rest-beta"));
    assert_eq!(profile.base_type.as_deref(), Some("enrollmentProfile"));
    let property = |ty: &TypeDescription, name: &str| ty.properties.iter().find(|p| p.name == name).cloned();
    let names: Vec<&str> = profile.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 23, "the metadata's own properties, once each: {names:?}");
    assert!(property(profile, "zoomDisabled").is_none(), "a property only the page has is dropped");
    assert!(property(profile, "id").is_none(), "inherited rows stay on the base type");
    let mode = property(profile, "iTunesPairingMode").unwrap();
    assert_eq!((mode.r#type.as_str(), mode.nullable), ("iTunesPairingMode", false), "the metadata's structure");
    assert_eq!(
        mode.description,
        "Indicates the iTunes pairing mode. Possible values are: `disallow`, `allow`, `requiresCertificate`."
    );
    let certificates = property(profile, "managementCertificates").unwrap();
    assert_eq!((certificates.r#type.as_str(), certificates.collection), ("managementCertificateWithThumbprint", true));

    // The pages' operations, with their examples (each a generated test), on the metadata's type.
    let operations: Vec<(&str, u16, usize)> =
        profile.operations.iter().map(|o| (o.name.as_str(), o.success_status, o.examples.len())).collect();
    assert_eq!(
        operations,
        [
            ("create", 201, 4),
            ("delete", 204, 0),
            ("get", 200, 1),
            ("list", 200, 1),
            ("update", 200, 2),
            ("exportMobileConfig", 200, 1),
            ("setDefaultProfile", 204, 0),
            ("updateDeviceProfileAssignment", 204, 1),
        ]
    );
    let create = &profile.operations[0];
    assert_eq!(create.path, "/deviceManagement/depOnboardingSettings/{depOnboardingSettingId}/enrollmentProfiles");
    assert_eq!(create.permissions.delegated_work, ["DeviceManagementServiceConfig.ReadWrite.All"]);
    assert!(create.source.as_deref().is_some_and(|s| s.contains("intune-enrollment-depenrollmentprofile-create")));
}

/// The text of the pages wherever they describe an item; the metadata's (`Core.Description`,
/// `Core.LongDescription`) where none does, or where the page has only a placeholder.
#[test]
fn the_pages_text_wins_and_the_metadata_text_fills_in() {
    let imported = merged();
    let property = |ty: &TypeDescription, name: &str| ty.properties.iter().find(|p| p.name == name).cloned();
    let base = described(&imported, "enrollmentProfile.json");
    assert_eq!(base.base_type.as_deref(), Some("entity"), "the metadata's base type, though the page names none");
    assert_eq!(property(base, "createdDateTime").unwrap().description, "When the profile was created.");
    assert_eq!(property(base, "displayName").unwrap().description, "Name of the profile");
    let bound = |name: &str| base.bound_operations.iter().find(|o| o.name == name).unwrap().description.clone();
    assert_eq!(bound("setDefaultProfile"), "Sets the default profile (metadata text).", "the page has only an include");
    assert_eq!(bound("exportMobileConfig"), "Exports the mobile configuration");
    let entity = described(&imported, "entity.json");
    assert_eq!(entity.description, "The base of every entity.\n\nEvery entity has a unique, read-only id.");
    assert_eq!(property(entity, "id").unwrap().description, "The unique identifier of the entity.");

    let setting = described(&imported, "depOnboardingSetting.json");
    assert_eq!(
        property(setting, "appleIdentifier").unwrap().description,
        "The Apple ID used to obtain the current token."
    );
    assert_eq!(property(setting, "lastSyncErrorCode").unwrap().r#type, "Int64", "the metadata's type wins");
    assert!(property(setting, "enrollmentProfiles").unwrap().contains_target);
    let members = |file: &str| -> Vec<(String, String)> {
        described(&imported, file).members.iter().map(|m| (m.name.clone(), m.description.clone())).collect()
    };
    assert_eq!(
        members("depTokenType.json"),
        [("none".into(), "Token Type is None".into()), ("dep".into(), "Token Type is Dep.".into())]
    );
    assert_eq!(
        members("iTunesPairingMode.json")[3],
        ("unknownFutureValue".into(), "Evolvable enumeration sentinel value. Do not use.".into())
    );
}

/// The 1-based line of the first line of `file` that contains `text`: expectations name lines
/// found in the inputs, so that an edit elsewhere in a file moves them along.
fn line_containing(file: &Path, text: &str) -> usize {
    let content = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let found = content.lines().position(|line| line.contains(text));
    found.map(|i| i + 1).unwrap_or_else(|| panic!("{} has no line containing `{text}`", file.display()))
}

/// The page a disagreement names (`graph-docs/…`), in the repository's fixtures.
fn page_file(page: &Path) -> PathBuf {
    repo().join("tests/fixtures").join(page)
}

/// The text of line `line` (1-based) of `file`.
fn line_of(file: &Path, line: usize) -> String {
    let content = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    content.lines().nth(line.wrapping_sub(1)).unwrap_or_else(|| panic!("{} has no line {line}", file.display())).into()
}

/// The first name in backquotes in `message`.
fn first_quoted(message: &str) -> &str {
    message.split('`').nth(1).unwrap_or_else(|| panic!("no name in backquotes in `{message}`"))
}

#[test]
fn every_disagreement_is_located_and_settled() {
    let imported = merged();
    let of_kind = |kind: DisagreementKind| -> Vec<&import::Disagreement> {
        imported.disagreements.iter().filter(|d| d.kind == kind).collect()
    };
    // The deliberate disagreements the fixture lists at its top are all reported.
    let dropped: Vec<&str> =
        of_kind(DisagreementKind::PropertyNotInMetadata).iter().map(|d| first_quoted(&d.message)).collect();
    for property in [
        "zoomDisabled",
        "importedAppleDeviceIdentities",
        "defaultVisionOSEnrollmentProfile",
        "defaultTvOSEnrollmentProfile",
    ] {
        assert!(
            dropped.contains(&property),
            "`{property}` is on a page and not in the metadata; reported: {dropped:?}"
        );
    }
    let missing_type: Vec<&Path> =
        of_kind(DisagreementKind::TypeNotInMetadata).iter().map(|d| d.page.as_path()).collect();
    for page in [
        "resources/intune-enrollment-importedappledeviceidentity.md",
        "api/intune-enrollment-importedappledeviceidentity-get.md",
    ] {
        assert!(
            missing_type.iter().any(|p| p.ends_with(page)),
            "`importedAppleDeviceIdentity` is not in the metadata: expected a disagreement at {page}, found {missing_type:?}"
        );
    }
    // What "not in the metadata" says is true of the inputs: the page has the row at that line,
    // and the metadata has no such property.
    let csdl = std::fs::read_to_string(metadata()).unwrap();
    for disagreement in of_kind(DisagreementKind::PropertyNotInMetadata) {
        let name = first_quoted(&disagreement.message);
        let row = line_of(&page_file(&disagreement.page), disagreement.line);
        assert!(
            row.starts_with(&format!("|{name}|")),
            "{}:{} is the row of `{name}`: `{row}`",
            disagreement.page.display(),
            disagreement.line
        );
        assert!(!csdl.contains(&format!(" Name=\"{name}\"")), "the metadata does define `{name}`: {disagreement:?}");
    }
    assert!(
        imported.disagreements.iter().all(|d| d.line > 0 && d.page.starts_with("graph-docs/")),
        "located at pages: {:#?}",
        imported.disagreements
    );
    // Where a disagreement names the metadata's element, the line it names defines that element.
    for disagreement in &imported.disagreements {
        let Some(at) = &disagreement.metadata else { continue };
        let (file, line) = at.rsplit_once(':').unwrap_or_else(|| panic!("no line in `{at}`"));
        let name = disagreement.element.rsplit(['.', '/']).next().unwrap();
        let text = line_of(Path::new(file), line.parse().unwrap());
        assert!(text.contains(&format!("Name=\"{name}\"")), "{at} defines `{name}`: `{text}` ({disagreement:?})");
    }
    let only_page_wins: Vec<(DisagreementKind, &str)> = imported
        .disagreements
        .iter()
        .filter(|d| d.winner == Side::Page)
        .map(|d| (d.kind, d.element.as_str()))
        .collect();
    assert_eq!(
        only_page_wins,
        [(DisagreementKind::PathNotAddressable, "microsoft.graph.depOnboardingSetting")],
        "the metadata wins on structure; only the unbound `getExpiringVppTokenCount` path is kept as the page has it"
    );
    let property_type = of_kind(DisagreementKind::PropertyType);
    let property_type =
        property_type.first().expect("`lastSyncErrorCode` is Int32 on the page and Int64 in the metadata");
    let page = "graph-docs/api-reference/beta/resources/intune-enrollment-deponboardingsetting.md";
    let expected = (page, line_containing(&page_file(Path::new(page)), "|lastSyncErrorCode|"));
    assert_eq!((property_type.page.to_str().unwrap(), property_type.line), expected, "the page's row");
    assert_eq!(property_type.element, "microsoft.graph.depOnboardingSetting/lastSyncErrorCode");
    let at = format!("{}:{}", metadata().display(), line_containing(&metadata(), "Name=\"lastSyncErrorCode\""));
    assert_eq!(property_type.metadata.as_deref(), Some(at.as_str()), "the metadata's element");
    // Each disagreement is a warning too, with the same text.
    for disagreement in &imported.disagreements {
        assert!(imported.warnings.iter().any(|w| w.message == disagreement.message), "{disagreement:?}");
    }
    let table: Vec<String> = imported
        .disagreements
        .iter()
        .map(|d| {
            let at = d.metadata.as_deref().unwrap_or("-");
            format!(
                "{}:{} | {} | {} | {at} | {:?} wins\n  {}",
                d.page.display(),
                d.line,
                d.kind,
                d.element,
                d.winner,
                d.message
            )
        })
        .collect();
    insta::assert_snapshot!("disagreements", table.join("\n"));
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!("warnings", warnings.join("\n\n"));
    // Every page given is read; the totals are in the summary's snapshot.
    let given: usize =
        pages().iter().map(|path| if path.is_dir() { std::fs::read_dir(path).unwrap().count() } else { 1 }).sum();
    assert_eq!(imported.pages, given, "one per page given: {}", imported.summary());
    insta::assert_snapshot!("summary", imported.summary());
}

#[test]
fn the_merged_descriptions_generate_a_crate_whose_examples_round_trip() {
    let imported = merged();
    let schema = tempfile::tempdir().unwrap();
    imported.write_to(schema.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let generated = Config::new(schema.path()).crate_name("merged-enrollment").generate().unwrap();
    generated.write_to(out.path()).unwrap();
    let files = generated.files().unwrap();
    let requests =
        files.keys().find(|path| path.ends_with("dep_enrollment_profile.rs") && path.starts_with("src/requests"));
    let requests = &files[requests.expect("request functions for depEnrollmentProfile")];
    assert!(requests.contains("pub fn create(") && requests.contains("mod examples"), "{requests}");
    let model = &files[Path::new("src/models/dep_onboarding_setting.rs")];
    assert!(model.contains("i64") && !model.contains("imported_apple_device_identities"), "{model}");
    // Every example of the pages is a test of the generated crate.
    common::cargo_in(out.path(), &["test"]);
}

#[test]
fn the_cli_imports_metadata_and_pages_together() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_msgraph-codegen"))
        .arg("import")
        .arg(metadata())
        .args(pages())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the import fails:\n{stderr}");
    // The CLI says what the library imports from the same inputs.
    let library = merged();
    let summary = library.summary();
    assert!(stderr.contains(&summary), "expected the summary `{summary}` in the CLI's output:\n{stderr}");
    let dropped = "the metadata wins: the property is dropped";
    assert!(stderr.contains(dropped), "expected a warning that says `{dropped}` (zoomDisabled) in:\n{stderr}");
    let written = std::fs::read_dir(out.path()).unwrap().count();
    assert_eq!(written, library.files.len(), "one file per metadata type, and the service");
    let strict = Command::new(env!("CARGO_BIN_EXE_msgraph-codegen"))
        .arg("import")
        .arg(metadata())
        .args(pages())
        .args(["--strict", "--out"])
        .arg(out.path().join("strict"))
        .output()
        .unwrap();
    assert!(!strict.status.success(), "disagreements are warnings: --strict fails on them");
}

#[test]
fn bad_metadata_fails_a_merged_import_with_its_location() {
    let broken = tempfile::tempdir().unwrap();
    let path = broken.path().join("beta.csdl");
    std::fs::write(&path, "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n<Schema>\n").unwrap();
    let error = import::import(&[path, repo().join("tests/fixtures/seeds")], None).unwrap_err();
    assert!(matches!(error, Error::Invalid(_)));
    let text = error.to_string();
    assert!(text.contains("beta.csdl:1:1") && text.contains("not well-formed XML"), "{text}");
}

/// Graph's v1.0 metadata with the v1.0 pages of the shared corpus (`fixtures/corpus/`): the pages
/// enrich the metadata's types without adding any, and every disagreement is located at a page.
#[test]
fn graph_v1_metadata_merges_with_the_v1_corpus_pages() {
    let corpus = repo().join("codegen/tests/fixtures/corpus/graph-docs/api-reference/v1.0");
    let v1 = repo().join("tests/fixtures/metadata/v1.0-Prod.csdl");
    let alone = import::import(std::slice::from_ref(&v1), None).unwrap();
    let imported = import::import(&[v1, corpus], None).unwrap();
    assert_eq!(imported.files.len(), alone.files.len(), "no type is added: {}", imported.summary());
    assert_eq!(imported.counts.1, alone.counts.1, "no property is added");
    assert!(imported.counts.2 > 0, "the pages' operations attach: {}", imported.summary());
    assert!(imported.disagreements.iter().all(|d| d.page.starts_with("graph-docs/api-reference/v1.0/")));
    let autopilot = described(&imported, "windowsAutopilotDeviceIdentity.json");
    assert!(autopilot.sources.iter().any(|s| s.contains("view=graph-rest-1.0")), "{:?}", autopilot.sources);
    eprintln!("{}", imported.summary());
}

/// A page's front matter, title and namespace, then `body`.
fn page(title: &str, doc_type: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndoc_type: {doc_type}\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n{body}")
}

/// The disagreements no enrollment page shows: a page that documents an enum as a resource, a
/// collection written as one value, a path that lacks a type cast, pages of another API version.
#[test]
fn kinds_collections_casts_and_versions_are_reported() {
    let csdl = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color"><Member Name="red" Value="0" /></EnumType>
      <EntityType Name="widget">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="tags" Type="Collection(Edm.String)" />
      </EntityType>
      <EntityType Name="specialWidget" BaseType="microsoft.graph.widget">
        <NavigationProperty Name="extras" Type="Collection(microsoft.graph.widget)" ContainsTarget="true" />
      </EntityType>
      <EntityContainer Name="GraphService"><EntitySet Name="widgets" EntityType="microsoft.graph.widget" /></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let table = "## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n";
    let color = page("color resource type", "resourcePageType", &format!("A color.\n\n{table}|id|String|The id.|\n"));
    let widget = page(
        "widget resource type",
        "resourcePageType",
        &format!("A widget.\n\n{table}|id|String|The id.|\n|tags|String|The tags.|\n"),
    );
    let request = "Read the extras.\n\n## HTTP request\n\n```http\nGET /widgets/{widgetId}/extras\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body.\n";
    let get = page("List extras", "apiPageType", request);
    let v1 = Path::new("graph-docs/api-reference/v1.0");
    let pages = [
        (v1.join("resources/test-color.md"), color),
        (v1.join("resources/test-widget.md"), widget),
        (v1.join("api/test-widget-listextras.md"), get),
    ];
    let imported = import::import_merged(&[(PathBuf::from("beta.csdl"), csdl.to_owned())], &pages, None).unwrap();
    let found: Vec<(DisagreementKind, String, usize)> =
        imported.disagreements.iter().map(|d| (d.kind, d.page.display().to_string(), d.line)).collect();
    assert_eq!(
        found,
        [
            (
                DisagreementKind::PathNotAddressable,
                "graph-docs/api-reference/v1.0/api/test-widget-listextras.md".into(),
                14
            ),
            (DisagreementKind::ApiVersion, "graph-docs/api-reference/v1.0/resources/test-color.md".into(), 1),
            (DisagreementKind::TypeKind, "graph-docs/api-reference/v1.0/resources/test-color.md".into(), 6),
            (DisagreementKind::PropertyType, "graph-docs/api-reference/v1.0/resources/test-widget.md".into(), 17),
        ],
        "{:#?}",
        imported.disagreements
    );
    let message = |kind: DisagreementKind| &imported.disagreements.iter().find(|d| d.kind == kind).unwrap().message;
    assert!(
        message(DisagreementKind::PathNotAddressable)
            .contains("the path needs the cast `/microsoft.graph.specialWidget`")
    );
    assert!(message(DisagreementKind::PropertyType).contains("as `String` and the metadata as `String` collection"));
    assert!(message(DisagreementKind::ApiVersion).contains("the metadata wins: the service is `beta`"));
    assert_eq!(imported.files["service.json"].service.as_ref().unwrap().api_version, "beta");
    let color = &imported.files["color.json"].types[0];
    assert_eq!(color.members.len(), 1, "the metadata's enum, untouched by the resource page");
    let widget = &imported.files["widget.json"].types[0];
    assert_eq!((widget.description.as_str(), widget.properties[1].collection), ("A widget.", true));
}
