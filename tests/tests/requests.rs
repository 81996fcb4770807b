//! The generated request functions, sans-IO: every documented operation becomes the documented
//! `http::Request`, and responses become typed results or typed errors.

use msgraph_beta::models::{DepEnrollmentProfile, ITunesPairingMode};
use msgraph_beta::requests::dep_enrollment_profile::{self as profiles, UpdateDeviceProfileAssignmentBody};
use msgraph_beta::runtime::{Cloud, Collection, Error, Outcome};
use serde_json::{Value, json};

const SETTING: &str = "setting-1";
const PROFILE: &str = "profile-2";
const BASE: &str =
    "https://graph.microsoft.com/beta/deviceManagement/depOnboardingSettings/setting-1/enrollmentProfiles";

fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).expect("the body is JSON")
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

/// Checks a request's method, URL and content headers.
fn assert_request(request: &http::Request<Vec<u8>>, method: &str, url: &str, has_body: bool) {
    assert_eq!(request.method(), method);
    assert_eq!(request.uri().to_string(), url);
    assert_eq!(request.headers()["accept"], "application/json");
    assert_eq!(request.headers().get("content-type").is_some(), has_body, "Content-Type only with a body");
    assert_eq!(!request.body().is_empty(), has_body);
    assert!(request.headers().get("authorization").is_none(), "authorization is the sender's business");
}

#[test]
fn every_operation_builds_its_documented_request() {
    let cloud = Cloud::Global;
    let profile = DepEnrollmentProfile::builder().display_name("Lab iPads").build();

    assert_request(&profiles::list(SETTING).to_http(&cloud).unwrap(), "GET", BASE, false);
    assert_request(
        &profiles::get(SETTING, PROFILE).to_http(&cloud).unwrap(),
        "GET",
        &format!("{BASE}/{PROFILE}"),
        false,
    );

    let create = profiles::create(SETTING, &profile).to_http(&cloud).unwrap();
    assert_request(&create, "POST", BASE, true);
    assert_eq!(body_json(&create), json!({"displayName": "Lab iPads"}));

    let update = profiles::update(SETTING, PROFILE, &profile).to_http(&cloud).unwrap();
    assert_request(&update, "PATCH", &format!("{BASE}/{PROFILE}"), true);
    assert_eq!(body_json(&update), json!({"displayName": "Lab iPads"}));

    assert_request(
        &profiles::delete(SETTING, PROFILE).to_http(&cloud).unwrap(),
        "DELETE",
        &format!("{BASE}/{PROFILE}"),
        false,
    );
    assert_request(
        &profiles::set_default_profile(SETTING, PROFILE).to_http(&cloud).unwrap(),
        "POST",
        &format!("{BASE}/{PROFILE}/setDefaultProfile"),
        false,
    );

    let assignment = UpdateDeviceProfileAssignmentBody::builder().device_ids(["device-a", "device-b"]).build();
    let assign = profiles::update_device_profile_assignment(SETTING, PROFILE, &assignment).to_http(&cloud).unwrap();
    assert_request(&assign, "POST", &format!("{BASE}/{PROFILE}/updateDeviceProfileAssignment"), true);
    assert_eq!(body_json(&assign), json!({"deviceIds": ["device-a", "device-b"]}));

    assert_request(
        &profiles::export_mobile_config(SETTING, PROFILE).to_http(&cloud).unwrap(),
        "GET",
        &format!("{BASE}/{PROFILE}/exportMobileConfig"),
        false,
    );
}

#[test]
fn success_statuses_are_the_documented_ones() {
    let profile = DepEnrollmentProfile::default();
    let statuses = [
        profiles::list(SETTING).success_status(),
        profiles::get(SETTING, PROFILE).success_status(),
        profiles::create(SETTING, &profile).success_status(),
        profiles::update(SETTING, PROFILE, &profile).success_status(),
        profiles::delete(SETTING, PROFILE).success_status(),
        profiles::set_default_profile(SETTING, PROFILE).success_status(),
        profiles::update_device_profile_assignment(SETTING, PROFILE, &UpdateDeviceProfileAssignmentBody::default())
            .success_status(),
        profiles::export_mobile_config(SETTING, PROFILE).success_status(),
    ];
    assert_eq!(statuses.map(|s| s.as_u16()), [200, 200, 201, 200, 204, 204, 204, 200]);
}

#[test]
fn path_parameters_cannot_change_the_route() {
    let url = profiles::get(SETTING, "a/../b?c#d").url(&Cloud::Global).unwrap();
    assert_eq!(url, format!("{BASE}/a%2F..%2Fb%3Fc%23d"));
    let url = profiles::delete("s", "x y/é%2F").url(&Cloud::Global).unwrap();
    assert_eq!(
        url,
        "https://graph.microsoft.com/beta/deviceManagement/depOnboardingSettings/s/enrollmentProfiles/x%20y%2F%C3%A9%252F"
    );
    // `..` cannot be a segment at all: URL parsers remove it even percent-encoded.
    for dots in [".", ".."] {
        let error = profiles::delete(dots, PROFILE).to_http(&Cloud::Global).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(ref why) if why.contains("dot segment")), "{error}");
    }
    let http = profiles::get(SETTING, "a/../b?c#d").to_http(&Cloud::Global).unwrap();
    assert_eq!(
        http.uri().path(),
        "/beta/deviceManagement/depOnboardingSettings/setting-1/enrollmentProfiles/a%2F..%2Fb%3Fc%23d"
    );
    assert_eq!(http.uri().query(), None);
    // An empty id would turn `get` into `list`: refused.
    let error = profiles::get(SETTING, "").to_http(&Cloud::Global).unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(ref why) if why.contains("enrollmentProfileId")), "{error}");
}

#[test]
fn query_options_are_encoded() {
    let request = profiles::list(SETTING)
        .select(["id", "displayName"])
        .filter("displayName eq 'Lab & Co #1'")
        .order_by(["displayName desc"])
        .top(10)
        .skip(20)
        .count(true)
        .search("\"displayName:Lab\"")
        .expand(["assignments"]);
    let url = request.url(&Cloud::Global).unwrap();
    assert_eq!(
        url,
        format!(
            "{BASE}?$select=id,displayName&$filter=displayName%20eq%20'Lab%20%26%20Co%20%231'&$orderby=displayName%20desc&$top=10&$skip=20&$count=true&$search=%22displayName:Lab%22&$expand=assignments"
        )
    );
    let get = profiles::get(SETTING, PROFILE).select(["id"]).expand(["x"]);
    assert_eq!(get.url(&Cloud::Global).unwrap(), format!("{BASE}/{PROFILE}?$select=id&$expand=x"));
    // `profiles::get(..).filter(..)` does not compile: get documents only $select and $expand.
}

#[test]
fn national_clouds_and_custom_base_urls() {
    let cases = [
        (Cloud::Global, "https://graph.microsoft.com"),
        (Cloud::UsGovL4, "https://graph.microsoft.us"),
        (Cloud::UsGovL5Dod, "https://dod-graph.microsoft.us"),
        (Cloud::China, "https://microsoftgraph.chinacloudapi.cn"),
        (Cloud::custom("http://127.0.0.1:9000/").unwrap(), "http://127.0.0.1:9000"),
    ];
    for (cloud, base) in cases {
        let url = profiles::get(SETTING, PROFILE).url(&cloud).unwrap();
        assert_eq!(
            url,
            format!(
                "{base}/{}/deviceManagement/depOnboardingSettings/{SETTING}/enrollmentProfiles/{PROFILE}",
                msgraph_beta::requests::API_VERSION
            )
        );
    }
    assert_eq!(msgraph_beta::requests::API_VERSION, "beta", "the version comes from schema/service.json");
}

#[test]
fn headers_cannot_smuggle_lines() {
    let error = profiles::list(SETTING)
        .header("ConsistencyLevel", "eventual\r\nX-Evil: 1")
        .to_http(&Cloud::Global)
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    let error = profiles::list(SETTING).header("X-Test", "a\nb").to_http(&Cloud::Global).unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    let ok = profiles::list(SETTING).header("ConsistencyLevel", "eventual").to_http(&Cloud::Global).unwrap();
    assert_eq!(ok.headers()["consistencylevel"], "eventual");
}

#[test]
fn patch_bodies_tell_cleared_from_untouched() {
    let patch = DepEnrollmentProfile::builder()
        .display_name("Renamed")
        .clear_support_phone_number()
        .clear_management_certificates()
        .build();
    let request = profiles::update(SETTING, PROFILE, &patch).to_http(&Cloud::Global).unwrap();
    assert_eq!(
        body_json(&request),
        json!({"displayName": "Renamed", "supportPhoneNumber": null, "managementCertificates": null}),
        "cleared properties are null, untouched ones absent"
    );
    // Setting a property after clearing it sends the value, not null.
    let reset = DepEnrollmentProfile::builder().clear_support_department().support_department("IT").build();
    assert_eq!(serde_json::to_value(&reset).unwrap(), json!({"supportDepartment": "IT"}));
}

#[test]
fn get_results_become_update_bodies_without_loss() {
    let fetched: DepEnrollmentProfile = profiles::get(SETTING, PROFILE)
        .parse_response(response(
            200,
            r##"{"@odata.type": "#microsoft.graph.depEnrollmentProfile", "id": "p", "displayName": "Old", "iTunesPairingMode": "allow", "futureSetting": {"level": 3}, "supportPhoneNumber": "555"}"##,
        ))
        .unwrap();
    let edited = fetched.into_builder().display_name("New").clear_support_phone_number().build();
    let body = body_json(&profiles::update(SETTING, PROFILE, &edited).to_http(&Cloud::Global).unwrap());
    assert_eq!(
        body,
        json!({
            "@odata.type": "#microsoft.graph.depEnrollmentProfile",
            "id": "p",
            "displayName": "New",
            "iTunesPairingMode": "allow",
            "futureSetting": {"level": 3},
            "supportPhoneNumber": null
        })
    );
}

#[test]
fn responses_become_typed_results() {
    let page: Collection<DepEnrollmentProfile> = profiles::list(SETTING)
        .parse_response(response(
            200,
            r#"{"@odata.context": "ctx", "value": [{"id": "1", "iTunesPairingMode": "disallow"}], "@odata.nextLink": "https://graph.microsoft.com/beta/next?$skiptoken=1"}"#,
        ))
        .unwrap();
    assert_eq!(page.value[0].i_tunes_pairing_mode, Some(ITunesPairingMode::Disallow));
    let next = profiles::list(SETTING).next_page(&page).unwrap();
    assert_eq!(next.url(&Cloud::Global).unwrap(), "https://graph.microsoft.com/beta/next?$skiptoken=1");

    let created = profiles::create(SETTING, &DepEnrollmentProfile::default())
        .parse_response(response(201, r#"{"id": "new"}"#))
        .unwrap();
    assert_eq!(created.into_body().and_then(|profile| profile.id).as_deref(), Some("new"));
    profiles::delete(SETTING, PROFILE).parse_response(response(204, "")).unwrap();
    profiles::set_default_profile(SETTING, PROFILE).parse_response(response(204, "")).unwrap();
    let exported = profiles::export_mobile_config(SETTING, PROFILE)
        .parse_response(response(200, r#"{"@odata.context": "ctx", "value": "Export Mobile Config value"}"#))
        .unwrap();
    assert_eq!(exported.value.as_deref(), Some("Export Mobile Config value"));
}

#[test]
fn errors_keep_status_code_message_and_request_id() {
    let body = r#"{"error": {"code": "Forbidden", "message": "Insufficient privileges", "innerError": {"request-id": "req-9", "date": "2026-11-23T10:00:00", "client-request-id": "client-1"}}}"#;
    let error = profiles::get(SETTING, PROFILE).parse_response(response(403, body)).unwrap_err();
    let graph = error.graph().expect("a Graph error");
    assert_eq!(graph.status, 403);
    assert_eq!(graph.code, "Forbidden");
    assert_eq!(graph.message, "Insufficient privileges");
    assert_eq!(graph.request_id.as_deref(), Some("req-9"));
    assert_eq!(graph.client_request_id.as_deref(), Some("client-1"));

    let error = profiles::get(SETTING, PROFILE).parse_response(response(500, "upstream exploded")).unwrap_err();
    match error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status, 500);
            assert_eq!(body, b"upstream exploded");
        }
        other => panic!("{other:?}"),
    }
    // Any 2xx is success: a create documented as 201 that answers 200, 204 or 202 is not an error.
    let create = profiles::create(SETTING, &DepEnrollmentProfile::default());
    assert_eq!(
        create.parse_response(response(200, r#"{"id": "p"}"#)).unwrap().into_body().unwrap().id.as_deref(),
        Some("p")
    );
    assert_eq!(create.parse_response(response(204, "")).unwrap(), Outcome::NoContent);
    assert_eq!(create.parse_response(response(202, "")).unwrap(), Outcome::Accepted { location: None });
    let error = profiles::get(SETTING, PROFILE).parse_response(response(200, r#"{"isDefault": "yes"}"#)).unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");
}
