//! Metadata merged with pages written the way the 2021 snapshot of the Graph docs writes them
//! (`microsoftgraph/microsoft-graph-docs`, `api-reference/v1.0/resources/`): titles that are
//! prose and a resource block that names the type, "Inherits from" at the end of the summary or
//! only in the resource block, `collection(string)` type cells, resource pages with an API page's
//! front matter, and types documented on several pages. Small inline pages shaped like the real
//! ones; `bench/docs-extract.sh` runs the whole snapshot.

use std::path::{Path, PathBuf};

use msgraph_codegen::import::{self, DisagreementKind, Imported};
use msgraph_codegen::schema::TypeDescription;

const CSDL: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="application" BaseType="graph.directoryObject">
        <Property Name="displayName" Type="Edm.String" />
      </EntityType>
      <EntityType Name="workbookChart" BaseType="graph.entity">
        <Property Name="height" Type="Edm.Double" />
      </EntityType>
      <EntityType Name="section" BaseType="graph.entity">
        <Property Name="label" Type="Edm.String" />
      </EntityType>
      <EntityType Name="onenoteSection" BaseType="graph.entity">
        <Property Name="isDefault" Type="Edm.Boolean" />
      </EntityType>
      <ComplexType Name="audio">
        <Property Name="album" Type="Edm.String" />
        <Property Name="tags" Type="Collection(Edm.String)" />
      </ComplexType>
      <EntityType Name="fido2AuthenticationMethod" BaseType="graph.entity">
        <Property Name="model" Type="Edm.String" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.directoryObject">
        <Property Name="aboutMe" Type="Edm.String" />
        <Property Name="deviceEnrollmentLimit" Type="Edm.Int32" />
        <Property Name="city" Type="Edm.String" />
        <Property Name="addedLater" Type="Edm.String" />
      </EntityType>
      <EntityContainer Name="GraphService"><EntitySet Name="users" EntityType="graph.user" /></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

/// A resource page as the 2021 snapshot writes them: front matter, title, namespace, summary,
/// a property table and, when `block` is given, a resource block with that annotation.
fn page(title: &str, doc_type: &str, summary: &str, rows: &[(&str, &str, &str)], block: Option<&str>) -> String {
    let rows: String = rows.iter().map(|(name, ty, text)| format!("| {name} | {ty} | {text} |\n")).collect();
    let block = block.map_or_else(String::new, |annotation| {
        format!("\n## JSON representation\n\n<!--{annotation}-->\n\n```json\n{{}}\n```\n")
    });
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: {doc_type}\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n{summary}\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}{block}"
    )
}

fn resources() -> PathBuf {
    Path::new("graph-docs/api-reference/v1.0/resources").to_owned()
}

fn import(pages: Vec<(&str, String)>) -> Imported {
    let pages: Vec<(PathBuf, String)> = pages.into_iter().map(|(name, text)| (resources().join(name), text)).collect();
    import::import_merged(&[(PathBuf::from("v1.0-test.csdl"), CSDL.to_owned())], &pages, None).unwrap()
}

fn described<'a>(imported: &'a Imported, file: &str) -> &'a TypeDescription {
    &imported.files.get(file).unwrap_or_else(|| panic!("no {file}: {:?}", imported.files.keys())).types[0]
}

fn property<'a>(ty: &'a TypeDescription, name: &str) -> &'a str {
    &ty.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}")).description
}

fn kinds(imported: &Imported) -> Vec<(DisagreementKind, String)> {
    imported.disagreements.iter().map(|d| (d.kind, d.element.clone())).collect()
}

fn warned(imported: &Imported, file: &str, text: &str) -> bool {
    imported.warnings.iter().any(|w| w.file.ends_with(file) && w.message.contains(text))
}

/// Excel's pages are titled `Chart`, OneNote's `section` (another type of that name exists),
/// drive facets `Audio facet`: the resource block's `@odata.type` names the type.
#[test]
fn the_resource_block_names_the_type_a_prose_title_does_not() {
    let block = |ty: &str| format!(r#"{{ "blockType": "resource", "@odata.type": "microsoft.graph.{ty}" }}"#);
    let imported = import(vec![
        (
            "chart.md",
            page(
                "Chart resource type",
                "resourcePageType",
                "Represents a chart object in a workbook.",
                &[("height", "Double", "The height.")],
                Some(&block("workbookChart")),
            ),
        ),
        (
            "section.md",
            page(
                "section resource type",
                "resourcePageType",
                "A section in a OneNote notebook.",
                &[("isDefault", "Boolean", "Whether it is the default.")],
                Some(&block("onenoteSection")),
            ),
        ),
        (
            "audio.md",
            page(
                "Audio facet",
                "resourcePageType",
                "The Audio resource groups audio-related properties.",
                &[("album", "string", "The album.")],
                Some(&block("audio")),
            ),
        ),
    ]);
    let chart = described(&imported, "workbookChart.json");
    assert_eq!(
        (chart.description.as_str(), property(chart, "height")),
        ("Represents a chart object in a workbook.", "The height.")
    );
    assert_eq!(described(&imported, "onenoteSection.json").description, "A section in a OneNote notebook.");
    assert_eq!(described(&imported, "section.json").description, "", "the other `section` is not the page's");
    assert_eq!(property(described(&imported, "audio.json"), "album"), "The album.");
    let not_in_metadata: Vec<_> =
        imported.disagreements.iter().filter(|d| d.kind == DisagreementKind::TypeNotInMetadata).collect();
    assert!(not_in_metadata.is_empty(), "{not_in_metadata:#?}");
    assert!(warned(
        &imported,
        "chart.md",
        "the title `Chart resource type` does not name the type of the page's resource block, `microsoft.graph.workbookChart`"
    ));
    assert!(warned(&imported, "audio.md", "the title `Audio facet` does not name the type"));
}

/// "Inherits from" ends the summary on many pages, and some name the base type only in the
/// resource block: neither is a base type the page does not name.
#[test]
fn base_types_from_the_end_of_the_summary_and_from_the_resource_block() {
    let imported = import(vec![
        (
            "application.md",
            page(
                "application resource type",
                "resourcePageType",
                "Represents an application. Inherits from [directoryObject](directoryobject.md).",
                &[("displayName", "String", "The name.")],
                None,
            ),
        ),
        (
            "workbookchart.md",
            page(
                "workbookChart resource type",
                "resourcePageType",
                "A chart.",
                &[("height", "Double", "The height.")],
                Some(
                    r#"{ "blockType": "resource", "baseType": "microsoft.graph.entity", "@odata.type": "microsoft.graph.workbookChart" }"#,
                ),
            ),
        ),
        (
            "onenotesection.md",
            page(
                "onenoteSection resource type",
                "resourcePageType",
                "A section.",
                &[("isDefault", "Boolean", "Default.")],
                None,
            ),
        ),
    ]);
    let base_types: Vec<String> = imported
        .disagreements
        .iter()
        .filter(|d| d.kind == DisagreementKind::BaseType)
        .map(|d| d.element.clone())
        .collect();
    assert_eq!(base_types, ["microsoft.graph.onenoteSection"], "only the page that names none");
    assert_eq!(
        described(&imported, "application.json").description,
        "Represents an application. Inherits from [directoryObject](directoryobject.md)."
    );
}

/// `collection(string)` is a collection of strings (the page's lower case is a doc defect), not
/// a type named `collection(string)` that differs from the metadata's.
#[test]
fn odata_collection_type_cells_are_collections() {
    let imported = import(vec![(
        "audio.md",
        page(
            "audio resource type",
            "resourcePageType",
            "Audio.",
            &[("album", "String", "The album."), ("tags", "collection(string)", "The tags.")],
            None,
        ),
    )]);
    assert!(
        !kinds(&imported).iter().any(|(kind, _)| *kind == DisagreementKind::PropertyType),
        "{:#?}",
        imported.disagreements
    );
    assert_eq!(property(described(&imported, "audio.json"), "tags"), "The tags.");
    assert!(warned(&imported, "audio.md", "the type of `tags` is written `string`"));
}

/// `fido2AuthenticationMethod` and six other resource pages carry `doc_type: apiPageType`.
#[test]
fn a_resource_page_with_an_api_pages_front_matter_is_a_resource_page() {
    let imported = import(vec![(
        "fido2authenticationmethod.md",
        page(
            "fido2AuthenticationMethod resource type",
            "apiPageType",
            "A FIDO2 security key.",
            &[("model", "String", "The model.")],
            None,
        ),
    )]);
    let method = described(&imported, "fido2AuthenticationMethod.json");
    assert_eq!((method.description.as_str(), property(method, "model")), ("A FIDO2 security key.", "The model."));
    assert!(warned(&imported, "fido2authenticationmethod.md", "the front matter says `doc_type: apiPageType`"));
}

/// `user` is documented by `user.md` and by Intune pages that list the properties Intune adds:
/// every page enriches it, the type's own page first, and a property is "not on the page" only
/// when no page lists it.
#[test]
fn every_page_of_a_type_enriches_it_its_own_page_first() {
    let intune = page(
        "user resource type",
        "resourcePageType",
        "Intune's view of a user.",
        &[
            ("aboutMe", "String", "Intune's text."),
            ("deviceEnrollmentLimit", "Int32", "The limit on the maximum number of devices."),
        ],
        None,
    );
    let own = page(
        "user resource type",
        "resourcePageType",
        "Represents an Azure AD user account. Inherits from [directoryObject](directoryobject.md).",
        &[("aboutMe", "String", "A freeform text entry field."), ("city", "String", "The city.")],
        None,
    );
    let imported = import(vec![("intune-devices-user.md", intune), ("user.md", own)]);
    let user = described(&imported, "user.json");
    assert_eq!(
        user.description,
        "Represents an Azure AD user account. Inherits from [directoryObject](directoryobject.md)."
    );
    assert_eq!(property(user, "aboutMe"), "A freeform text entry field.", "the type's own page first");
    assert_eq!(property(user, "deviceEnrollmentLimit"), "The limit on the maximum number of devices.");
    assert_eq!(property(user, "city"), "The city.");
    assert_eq!(
        kinds(&imported),
        [(DisagreementKind::PropertyNotOnPage, "microsoft.graph.user/addedLater".to_owned())],
        "once, for the property no page lists"
    );
    let sources: Vec<&str> = user.sources.iter().map(String::as_str).collect();
    assert_eq!(
        sources[1..],
        [
            "https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0",
            "https://learn.microsoft.com/graph/api/resources/intune-devices-user?view=graph-rest-1.0"
        ]
    );
    assert!(warned(
        &imported,
        "intune-devices-user.md",
        "is also documented by graph-docs/api-reference/v1.0/resources/user.md; both pages' text is used"
    ));
}

/// `print.md` and 33 more pages put an include first (most of them before the summary);
/// `contract.md` writes the summary on the namespace's line (no blank line between): both
/// summaries are the type's text.
#[test]
fn a_summary_after_an_include_or_on_the_namespaces_line_is_the_types_text() {
    let include = "[!INCLUDE [cloudprinting-pricing-disclaimer](../../includes/cloudprinting-pricing-disclaimer.md)]\n\nWhen accompanied by a Universal Print subscription, the Print feature enables management of printers.";
    let print = page("audio resource type", "resourcePageType", include, &[("album", "String", "The album.")], None);
    let contract = page("fido2AuthenticationMethod resource type", "resourcePageType", "", &[], None).replace(
        "Namespace: microsoft.graph\n\n",
        "Namespace: microsoft.graph\nRepresents an existing partnership.\n\n",
    );
    let imported = import(vec![("print.md", print), ("contract.md", contract)]);
    assert_eq!(
        described(&imported, "audio.json").description,
        "When accompanied by a Universal Print subscription, the Print feature enables management of printers."
    );
    assert_eq!(
        described(&imported, "fido2AuthenticationMethod.json").description,
        "Represents an existing partnership."
    );
}
