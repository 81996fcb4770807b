//! The request-lines translator against the real v1.0 metadata (imported in memory) and the
//! real fixture: every line the metadata addresses translates, the lines it cannot address are
//! the ones the fixture lists as skipped, and the output for a line of each kind of address is
//! pinned in a snapshot for review.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use msgraph_bench::request_lines::fixture::{self, Fixture};
use msgraph_bench::request_lines::metadata::Metadata;
use msgraph_bench::request_lines::{address, emit, emit_client, translate_all};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn metadata() -> &'static Metadata {
    static METADATA: OnceLock<Metadata> = OnceLock::new();
    METADATA.get_or_init(|| {
        let path = repo().join("tests/fixtures/metadata/v1.0-Prod.csdl");
        let text = std::fs::read_to_string(&path).expect("the v1.0 metadata fixture is readable");
        let imported = msgraph_codegen::import::import_metadata(&[(path, text)], None).expect("v1.0 imports");
        Metadata::from_files(imported.files.into_values()).expect("the import describes the service")
    })
}

fn fixture() -> Fixture {
    fixture::read(&repo().join("tests/fixtures/request-lines/v1.0.json")).expect("the fixture parses")
}

#[test]
fn every_line_translates_and_every_skipped_line_is_unaddressable() {
    let fixture = fixture();
    let translated = translate_all(metadata(), &fixture, |_| true);
    let failed: Vec<String> = translated.failed.iter().map(|(line, reason)| format!("{}: {reason}", line.id)).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    for skipped in &fixture.skipped {
        assert!(address::translate(metadata(), &skipped.line).is_err(), "{} is addressable after all", skipped.line.id);
    }
}

#[test]
fn the_fixture_covers_twenty_workloads() {
    let fixture = fixture();
    let mut workloads: Vec<&str> = fixture.lines.iter().map(|l| l.workload.as_str()).collect();
    workloads.sort_unstable();
    workloads.dedup();
    assert!(workloads.len() >= 20, "{workloads:?}");
    assert!(fixture.lines.len() >= 100);
}

#[test]
fn translations_of_each_kind_of_address() {
    let fixture = fixture();
    let ids = [
        "user-list-3",                               // $filter, $orderby, $count, $top, ConsistencyLevel
        "user-list-2",                               // $count segment
        "user-sendmail-0",                           // bound action with a parameters struct
        "user-reminderview-0",                       // bound function with arguments
        "group-post-members-0",                      // $ref on a non-containment navigation
        "group-delete-members-0",                    // $ref on one member
        "group-list-transitivemembers-3",            // type cast, $search, $orderBy in camelCase
        "directoryobject-getbyids-0",                // action bound to a collection
        "application-get-by-app-id",                 // alternate key
        "reportroot-getoffice365activeuserdetail-0", // function on a singleton, overloaded
        "profilephoto-get-value",                    // $value of a media entity
        "driveitem-get-content-0",                   // Edm.Stream property, redirect followed
        "user-delta-1",                              // delta function with $select
        "driveitem-put-content-0",                   // a drive item by its path, then its content
        "driveitem-createuploadsession-0",           // an action on a drive item by its path
        "site-getbypath-0",                          // a site by its host name and path
        "message-createreply-1",                     // a reply created from MIME (base64 text)
    ];
    let lines: Vec<_> = ids
        .iter()
        .map(|id| fixture.lines.iter().find(|l| l.id == *id).unwrap_or_else(|| panic!("no line {id}")))
        .map(|line| (line, address::translate(metadata(), line).unwrap_or_else(|e| panic!("{}: {e}", line.id))))
        .collect();
    insta::assert_snapshot!(emit::test_file(&lines).expect("the lines emit"));
}

#[test]
fn the_support_file_has_no_tests_of_its_own() {
    let support = emit::support_url_rs();
    assert!(support.contains("pub fn canonical("));
    assert!(!support.contains("#[cfg(test)]") && !support.contains("#[test]"));
}

#[test]
fn the_loopback_sample_translates() {
    let fixture = fixture();
    let translated = translate_all(metadata(), &fixture, |line| emit_client::SAMPLE.contains(&line.id.as_str()));
    assert!(translated.failed.is_empty());
    assert_eq!(translated.addressed.len(), emit_client::SAMPLE.len(), "a sampled id is not in the fixture");
    insta::assert_snapshot!(emit_client::test_file(&translated.addressed).expect("the sample emits"));
}

/// Path-based addressing: every form the docs write becomes `item_by_path` or `by_path`; a path
/// after what no convention addresses by a path is refused.
#[test]
fn drive_items_and_sites_by_path() {
    let template = fixture().lines.into_iter().find(|l| l.id == "driveitem-list-children-0").expect("the line");
    let calls = |method: &str, url: &str| {
        let line = fixture::Line { method: method.into(), url: url.into(), ..template.clone() };
        address::translate(metadata(), &line).map(|plan| {
            let calls: Vec<String> =
                plan.path.iter().map(|call| format!("{}{:?}", call.name, call.args)).collect::<Vec<_>>();
            calls.join(".")
        })
    };
    let by_path = |path: &str| format!("item_by_path[Str({path:?})]");
    assert_eq!(
        calls("GET", "/drives/d1/root:/Folder%20A/sub:/children").unwrap(),
        format!("drives[].by_id[Str(\"d1\")].root[].{}.children[].list[]", by_path("Folder A/sub"))
    );
    assert_eq!(
        calls("PUT", "/drives/d1/items/p1:/FileB.txt:/content").unwrap(),
        format!(
            "drives[].by_id[Str(\"d1\")].items[].by_id[Str(\"p1\")].{}.content[].put[Bytes(\"\"), Str(\"text/plain\")]",
            by_path("FileB.txt")
        )
    );
    assert_eq!(
        calls("GET", "/me/drive/root:/a/b.txt").unwrap(),
        format!("me[].drive[].root[].{}.get[]", by_path("a/b.txt"))
    );
    assert_eq!(
        calls("GET", "/me/drive/root:/a/b.txt:").unwrap(),
        format!("me[].drive[].root[].{}.get[]", by_path("a/b.txt"))
    );
    assert_eq!(
        calls("GET", "/sites/contoso.sharepoint.com:/sites/marketing:/lists").unwrap(),
        "sites[].by_path[Str(\"contoso.sharepoint.com\"), Str(\"sites/marketing\")].lists[].list[]"
    );
    assert!(calls("GET", "/me/drive/root:").is_err());
    let refused = calls("GET", "/users/u1:/a:/messages").unwrap_err();
    assert!(refused.contains("by a path"), "{refused}");
}
