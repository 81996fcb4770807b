//! Extracts (`msgraph-codegen extract`): what pages document, and another metadata document's
//! descriptions, in one file that an import reads in place of the pages. Importing metadata with
//! an extract of pages gives what importing it with the pages gives; an extract's descriptions
//! describe only what nothing else describes; the committed v1.0 extracts read.

use std::path::{Path, PathBuf};
use std::process::Command;

use msgraph_codegen::import::extract::{DocsExtract, ExtractSource};
use msgraph_codegen::import::{self, DisagreementKind, Imported, Side};
use msgraph_codegen::schema::TypeDescription;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: PathBuf) -> (PathBuf, String) {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

/// The enrollment metadata of `import_merged.rs`, relative so that messages name it the same.
fn metadata() -> Vec<(PathBuf, String)> {
    let (_, text) = read(repo().join("codegen/tests/fixtures/csdl/beta-enrollment.csdl"));
    vec![(PathBuf::from("tests/fixtures/csdl/beta-enrollment.csdl"), text)]
}

/// The repository's enrollment resource and enum pages (extracts hold no operations).
fn resource_pages() -> Vec<(PathBuf, String)> {
    let folder = repo().join("tests/fixtures/graph-docs/api-reference/beta/resources");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    pages.sort();
    pages.into_iter().map(read).collect()
}

fn source() -> ExtractSource {
    ExtractSource {
        repository: "microsoftgraph/microsoft-graph-docs".into(),
        commit: "0000000".into(),
        paths: vec!["api-reference/beta/resources".into()],
        license: "CC-BY-4.0".into(),
    }
}

fn described<'a>(imported: &'a Imported, file: &str) -> &'a TypeDescription {
    &imported.files.get(file).unwrap_or_else(|| panic!("no {file}: {:?}", imported.files.keys())).types[0]
}

#[test]
fn metadata_with_an_extract_of_pages_imports_as_metadata_with_the_pages() {
    let pages = resource_pages();
    let mut extract = DocsExtract::new(source());
    let counts = extract.add_pages(&pages);
    assert_eq!((counts.pages, counts.operations), (pages.len(), 0));
    // Written and read back, as the committed extracts are.
    let extract = DocsExtract::parse(Path::new("pages.json"), &extract.to_json()).unwrap();
    let direct = import::import_merged(&metadata(), &pages, None).unwrap();
    let extracted = import::import_inputs(&metadata(), &[], &[(PathBuf::from("pages.json"), extract)], None).unwrap();
    assert_eq!(extracted.files, direct.files, "the same descriptions");
    assert_eq!(extracted.warnings, direct.warnings, "the same defects and disagreements, at the same pages and lines");
    assert_eq!(extracted.disagreements, direct.disagreements);
    assert!(!direct.disagreements.is_empty());
    assert_eq!(extracted.pages, direct.pages);
    assert!(extracted.summary().contains("extract pages.json: 24 pages"), "{}", extracted.summary());
}

/// Another document's descriptions, by element: used only where neither a page nor the
/// metadata describes the item; one of an element the metadata lacks is a located disagreement.
#[test]
fn an_extracts_descriptions_describe_only_what_nothing_else_does() {
    let other = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="depTokenType">
        <Annotation Term="Org.OData.Core.V1.Description" String="The type of a DEP token (older text)." />
        <Member Name="dep" Value="1"><Annotation Term="Org.OData.Core.V1.Description" String="Older text of dep." /></Member>
        <Member Name="shared" Value="2"><Annotation Term="Org.OData.Core.V1.Description" String="A member since removed." /></Member>
      </EnumType>
      <EntityType Name="entity">
        <Property Name="id" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="Older text of id." /></Property>
      </EntityType>
      <EntityType Name="depOnboardingSetting">
        <Property Name="tokenName" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="Older text of tokenName." /></Property>
        <Property Name="retired" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="A property since removed." /></Property>
      </EntityType>
      <EntityType Name="deviceManagement">
        <NavigationProperty Name="depOnboardingSettings" Type="Collection(microsoft.graph.depOnboardingSetting)"><Annotation Term="Org.OData.Core.V1.Description" String="The DEP onboarding settings." /></NavigationProperty>
      </EntityType>
      <ComplexType Name="gone"><Annotation Term="Org.OData.Core.V1.Description" String="A type since removed." /></ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let mut extract = DocsExtract::new(source());
    let added = extract.add_metadata_descriptions(&[(PathBuf::from("older.csdl"), other.into())]).unwrap();
    assert_eq!(added, 8);
    let path = PathBuf::from("descriptions.json");
    let layout = extract.to_json();
    let pages = resource_pages();
    let imported = import::import_inputs(&metadata(), &pages, &[(path.clone(), extract)], None).unwrap();

    let text = |ty: &str, name: &str| {
        let ty = described(&imported, &format!("{ty}.json"));
        ty.properties.iter().find(|p| p.name == name).unwrap().description.clone()
    };
    assert_eq!(
        text("deviceManagement", "depOnboardingSettings"),
        "The DEP onboarding settings.",
        "on no page: filled in"
    );
    assert_eq!(text("depOnboardingSetting", "tokenName"), "Friendly Name for Dep Token", "the page's text stays");
    let entity = described(&imported, "entity.json");
    assert_eq!(entity.properties[0].description, "The unique identifier of the entity.", "the metadata's own stays");
    let token = described(&imported, "depTokenType.json");
    assert_eq!(
        token.description, "The type of a DEP token (older text).",
        "the page has no summary, the metadata none"
    );
    assert_eq!(token.members[1].description, "Token Type is Dep.", "the page's member text stays");

    let found: Vec<(DisagreementKind, &str, usize)> = imported
        .disagreements
        .iter()
        .filter(|d| d.page == path)
        .map(|d| (d.kind, d.element.as_str(), d.line))
        .collect();
    let line =
        |element: &str| layout.lines().position(|l| l.trim_start().starts_with(&format!("\"{element}\""))).unwrap() + 1;
    assert_eq!(
        found,
        [
            (
                DisagreementKind::PropertyNotInMetadata,
                "microsoft.graph.depOnboardingSetting",
                line("microsoft.graph.depOnboardingSetting/retired")
            ),
            (
                DisagreementKind::MemberNotInMetadata,
                "microsoft.graph.depTokenType",
                line("microsoft.graph.depTokenType/shared")
            ),
            (DisagreementKind::TypeNotInMetadata, "microsoft.graph.gone", line("microsoft.graph.gone")),
        ]
    );
    assert!(imported.disagreements.iter().filter(|d| d.page == path).all(|d| d.winner == Side::Metadata));
    let summary = imported.summary();
    assert!(
        summary.contains("extract descriptions.json: 0 pages, 8 descriptions (2 used, 3 of items already described, 3 of elements the metadata does not define)"),
        "{summary}"
    );
}

/// Runs `msgraph-codegen extract INPUT ARGS… --out OUT` with a made-up source: whether it
/// succeeded, and its standard error.
fn extract_cli(input: &Path, args: &[&str], out: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_msgraph-codegen"))
        .arg("extract")
        .arg(input)
        .args(["--repository", "r", "--commit", "c", "--license", "l"])
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// `msgraph-codegen extract` writes what `import` then reads; an extract made by hand badly is a
/// located error.
#[test]
fn the_cli_extracts_and_imports_extracts() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("enrollment.json");
    let folder = repo().join("tests/fixtures/graph-docs/api-reference/beta/resources");
    let (success, stderr) = extract_cli(&folder, &["--source-path", "api-reference/beta/resources"], &file);
    assert!(success && stderr.contains("extracted 24 pages (24 types"), "{stderr}");
    let import = Command::new(env!("CARGO_BIN_EXE_msgraph-codegen"))
        .arg("import")
        .arg(repo().join("codegen/tests/fixtures/csdl/beta-enrollment.csdl"))
        .arg(&file)
        .arg("--out")
        .arg(out.path().join("schema"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(import.status.success() && stderr.contains("and 24 pages") && stderr.contains("disagreements"), "{stderr}");

    std::fs::write(&file, "{\"format\": 1,\n \"source\": 3}").unwrap();
    let error = import::import(&[file], None).unwrap_err().to_string();
    assert!(error.contains("enrollment.json:2:") && error.contains("the extract is not valid"), "{error}");
}

/// The extracts the v1.0 crate is generated from (`bench/docs-extract.sh` makes them) are of
/// this format and name their source.
#[test]
fn the_committed_v1_extracts_read() {
    for name in [
        "v1.0-pages.json",
        "v1.0-declarations.json",
        "v1.0-descriptions.json",
        "v1.0-beta-declarations.json",
        "v1.0-beta-pages.json",
    ] {
        let path = repo().join("tests/fixtures/docs").join(name);
        let extract = DocsExtract::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(extract.source.commit.len(), 40, "{name}: a pinned commit");
        assert!(!extract.pages.is_empty() || !extract.descriptions.is_empty(), "{name}");
        assert_eq!(extract.to_json(), std::fs::read_to_string(&path).unwrap(), "{name}: laid out as written");
    }
}

/// The beta extracts hold only what the v1.0 metadata fixture defines (`extract --only-in`): after
/// the fixture changes, `bench/docs-extract.sh` must make them again, or this fails.
#[test]
fn the_beta_extracts_describe_only_v1_elements() {
    let metadata = repo().join("tests/fixtures/metadata/v1.0-Prod.csdl");
    let text = std::fs::read_to_string(&metadata).unwrap();
    for name in ["v1.0-beta-declarations.json", "v1.0-beta-pages.json"] {
        let mut extract = DocsExtract::read(&repo().join("tests/fixtures/docs").join(name)).unwrap();
        let held = extract.descriptions.len();
        assert!(held > 8_000, "{name}: {held} descriptions");
        let dropped = extract.retain_defined_in(&metadata, &text).unwrap();
        assert_eq!(
            dropped, 0,
            "{name}: {dropped} of its {held} descriptions are of elements the fixture does not define; run bench/docs-extract.sh"
        );
    }
}

/// Graph's TypeScript declarations become an extract's property descriptions, which an import
/// gives to what nothing else describes; an element the metadata lacks is a located
/// disagreement, and a declarations file given to `import` itself is refused with what to do.
#[test]
fn typescript_declarations_describe_properties_through_an_extract() {
    let out = tempfile::tempdir().unwrap();
    let declarations = out.path().join("microsoft-graph.d.ts");
    std::fs::write(
        &declarations,
        "export type NullableOption<T> = T | null;\n\
         export interface DepEnrollmentProfile extends EnrollmentProfile {\n\
         \x20   // Indicates if this is the default profile.\n\
         \x20   isDefault?: boolean;\n\
         \x20   /**\n\
         \x20    * Support department information, wrapped\n\
         \x20    * over two lines.\n\
         \x20    */\n\
         \x20   supportDepartment?: NullableOption<string>;\n\
         \x20   // Gone from the metadata.\n\
         \x20   retiredSetting?: string;\n\
         }\n",
    )
    .unwrap();
    let file = out.path().join("declarations.json");
    let (success, stderr) = extract_cli(&declarations, &[], &file);
    assert!(
        success && stderr.contains("3 descriptions of the 3 properties of 1 TypeScript declarations files"),
        "{stderr}"
    );

    let csdl = repo().join("codegen/tests/fixtures/csdl/beta-enrollment.csdl");
    let imported = import::import(&[csdl.clone(), file.clone()], None).unwrap();
    let profile = imported
        .files
        .values()
        .flat_map(|file| &file.types)
        .find(|ty| ty.name == "depEnrollmentProfile")
        .expect("the profile is imported");
    let description = |name: &str| profile.properties.iter().find(|p| p.name == name).unwrap().description.clone();
    assert_eq!(description("isDefault"), "Indicates if this is the default profile.");
    assert_eq!(description("supportDepartment"), "Support department information, wrapped over two lines.");
    let missing: Vec<_> =
        imported.disagreements.iter().filter(|d| d.kind == DisagreementKind::PropertyNotInMetadata).collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].message.contains("`microsoft.graph.depEnrollmentProfile/retiredSetting`"), "{:?}", missing[0]);

    // `--only-in` keeps what the metadata defines, for text read from another version.
    let filtered = out.path().join("filtered.json");
    let (success, stderr) = extract_cli(&declarations, &["--only-in", csdl.to_str().unwrap()], &filtered);
    assert!(success && stderr.contains("(kept 2: 1 describe elements"), "{stderr}");
    let kept = DocsExtract::read(&filtered).unwrap();
    assert_eq!(
        kept.descriptions.keys().collect::<Vec<_>>(),
        ["microsoft.graph.depEnrollmentProfile/isDefault", "microsoft.graph.depEnrollmentProfile/supportDepartment"]
    );
    // Extracts are preferred in the order given, whatever their paths.
    let mut first = kept.clone();
    first.descriptions.insert("microsoft.graph.depEnrollmentProfile/isDefault".into(), "From the first.".into());
    let first_path = out.path().join("z-first.json");
    first.write_to(&first_path).unwrap();
    for (order, expected) in [
        ([first_path.clone(), file.clone()], "From the first."),
        ([file.clone(), first_path.clone()], "Indicates if this is the default profile."),
    ] {
        let imported = import::import(&[csdl.clone(), order[0].clone(), order[1].clone()], None).unwrap();
        let profile =
            imported.files.values().flat_map(|file| &file.types).find(|ty| ty.name == "depEnrollmentProfile").unwrap();
        let is_default = profile.properties.iter().find(|p| p.name == "isDefault").unwrap();
        assert_eq!(is_default.description, expected, "{order:?}");
    }

    let error = import::import(&[csdl, declarations], None).unwrap_err().to_string();
    assert!(
        error.contains("microsoft-graph.d.ts")
            && error.contains("TypeScript declarations")
            && error.contains("msgraph-codegen extract"),
        "{error}"
    );
}
