//! The generated operations sent by the async client over real HTTP against a server on 127.0.0.1
//! that plays Graph: the server checks method, path, query, headers and body of every operation;
//! the tests cover success, Graph errors and the encoding of path parameters and query options.
//! The client's transport (retries, paging, timeouts, token refresh) is tested in the runtime
//! crate, `codegen/runtime/tests/client.rs`.

use std::time::Duration;

use msgraph_beta::models::{DepEnrollmentProfile, ITunesPairingMode};
use msgraph_beta::requests::dep_enrollment_profile::{self as profiles, UpdateDeviceProfileAssignmentBody};
use msgraph_beta::runtime::{Client, Cloud, Error, RetryPolicy, StaticToken};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const COLLECTION: &str = "/beta/deviceManagement/depOnboardingSettings/setting-1/enrollmentProfiles";

fn client(server: &MockServer) -> Client {
    Client::builder(Cloud::custom(&server.uri()).unwrap(), StaticToken::new("token-1"))
        .retry(RetryPolicy::new(3, Duration::from_millis(10), Duration::from_secs(2)))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// A mock for one request: method, path, the headers every request carries, and no more than
/// `times` calls (checked when the server is dropped).
fn expect(http_method: &str, request_path: &str) -> wiremock::MockBuilder {
    Mock::given(method(http_method))
        .and(path(request_path))
        .and(header("authorization", "Bearer token-1"))
        .and(header("accept", "application/json"))
}

/// Requests with a body must say it is JSON; those without must not claim a body.
fn no_content_type(request: &Request) -> bool {
    !request.headers.contains_key("content-type") && request.body.is_empty()
}

// Long on purpose: one mock per documented operation, then each sent and checked.
#[tokio::test]
async fn every_operation_goes_over_the_wire_as_documented() {
    let server = MockServer::start().await;
    let item = format!("{COLLECTION}/profile-2");
    let profile_json = json!({"@odata.type": "#microsoft.graph.depEnrollmentProfile", "id": "profile-2", "displayName": "Lab iPads", "iTunesPairingMode": "allow"});

    expect("GET", COLLECTION)
        .and(query_param("$top", "5"))
        .and(query_param("$filter", "isDefault eq true"))
        .and(no_content_type)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [profile_json]})))
        .expect(1)
        .mount(&server)
        .await;
    expect("GET", &item)
        .and(query_param("$select", "id,displayName"))
        .and(no_content_type)
        .respond_with(ResponseTemplate::new(200).set_body_json(&profile_json))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", COLLECTION)
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"displayName": "Lab iPads", "iTunesPairingMode": "allow"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(&profile_json))
        .expect(1)
        .mount(&server)
        .await;
    expect("PATCH", &item)
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"displayName": "Renamed", "supportPhoneNumber": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "profile-2", "displayName": "Renamed"})))
        .expect(1)
        .mount(&server)
        .await;
    expect("DELETE", &item)
        .and(no_content_type)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", &format!("{item}/setDefaultProfile"))
        .and(no_content_type)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", &format!("{item}/updateDeviceProfileAssignment"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"deviceIds": ["device-a", "device-b"]})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    expect("GET", &format!("{item}/exportMobileConfig"))
        .and(no_content_type)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": "<plist/>"})))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let page = client.send(&profiles::list("setting-1").top(5).filter("isDefault eq true")).await.unwrap();
    assert_eq!(page.value.len(), 1);
    assert_eq!(page.value[0].i_tunes_pairing_mode, Some(ITunesPairingMode::Allow));
    let fetched = client.send(&profiles::get("setting-1", "profile-2").select(["id", "displayName"])).await.unwrap();
    assert_eq!(fetched.display_name.as_deref(), Some("Lab iPads"));
    let new = DepEnrollmentProfile::builder()
        .display_name("Lab iPads")
        .i_tunes_pairing_mode(ITunesPairingMode::Allow)
        .build();
    let created = client.send(&profiles::create("setting-1", &new)).await.unwrap().into_body().unwrap();
    assert_eq!(created.id.as_deref(), Some("profile-2"));
    let patch = DepEnrollmentProfile::builder().display_name("Renamed").clear_support_phone_number().build();
    let updated = client.send(&profiles::update("setting-1", "profile-2", &patch)).await.unwrap().into_body().unwrap();
    assert_eq!(updated.display_name.as_deref(), Some("Renamed"));
    client.send(&profiles::delete("setting-1", "profile-2")).await.unwrap();
    client.send(&profiles::set_default_profile("setting-1", "profile-2")).await.unwrap();
    let devices = UpdateDeviceProfileAssignmentBody::builder().device_ids(["device-a", "device-b"]).build();
    client.send(&profiles::update_device_profile_assignment("setting-1", "profile-2", &devices)).await.unwrap();
    let exported = client.send(&profiles::export_mobile_config("setting-1", "profile-2")).await.unwrap();
    assert_eq!(exported.value.as_deref(), Some("<plist/>"));
}

#[tokio::test]
async fn graph_errors_are_typed() {
    let server = MockServer::start().await;
    expect("GET", &format!("{COLLECTION}/missing"))
        .respond_with(ResponseTemplate::new(404).insert_header("request-id", "header-id").set_body_json(json!({
            "error": {"code": "ResourceNotFound", "message": "No profile 'missing'", "innerError": {"request-id": "req-1", "date": "2026-11-23T10:00:00", "innerError": {"code": "nested"}}}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).send(&profiles::get("setting-1", "missing")).await.unwrap_err();
    let graph = error.graph().unwrap_or_else(|| panic!("expected a Graph error, got {error:?}"));
    assert_eq!((graph.status.as_u16(), graph.code.as_str()), (404, "ResourceNotFound"));
    assert_eq!(graph.message, "No profile 'missing'");
    assert_eq!(graph.request_id.as_deref(), Some("req-1"));
    assert_eq!(graph.inner_error.as_ref().unwrap().inner_error.as_ref().unwrap().code.as_deref(), Some("nested"));
}

#[tokio::test]
async fn path_parameters_are_encoded_on_the_wire() {
    let server = MockServer::start().await;
    expect("GET", &format!("{COLLECTION}/a%2F..%2Fb%3Fc%23d"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "a/../b?c#d"})))
        .expect(1)
        .mount(&server)
        .await;
    // Anything else (a normalized `..`, a cut-off query) would reach this catch-all instead.
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(418)).expect(0).mount(&server).await;
    let profile = client(&server).send(&profiles::get("setting-1", "a/../b?c#d")).await.unwrap();
    assert_eq!(profile.id.as_deref(), Some("a/../b?c#d"));
}

#[tokio::test]
async fn hostile_values_are_encoded_on_the_wire() {
    let server = MockServer::start().await;
    expect("GET", &format!("{COLLECTION}/100%25%20sure%20%C3%A9%2F%3F"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "x"})))
        .expect(1)
        .mount(&server)
        .await;
    // The server decodes the query: the values arrive exactly as given, not split at `&` or `#`.
    expect("GET", COLLECTION)
        .and(query_param("$filter", "displayName eq 'a&b=c #d+e %41 é'"))
        .and(query_param("$search", "\"x y\""))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(418)).expect(0).mount(&server).await;

    let client = client(&server);
    client.send(&profiles::get("setting-1", "100% sure é/?")).await.unwrap();
    client
        .send(&profiles::list("setting-1").filter("displayName eq 'a&b=c #d+e %41 é'").search("\"x y\""))
        .await
        .unwrap();
    // A header value with CR/LF is refused before anything is sent (the catch-all sees nothing).
    let smuggled = profiles::list("setting-1").header("ConsistencyLevel", "eventual\r\nX-Injected: 1");
    assert!(matches!(client.send(&smuggled).await, Err(Error::InvalidRequest(_))));
    let dots = profiles::get("setting-1", "..");
    assert!(matches!(client.send(&dots).await, Err(Error::InvalidRequest(_))));
}
