//! The async client's transport over real HTTP against a server on 127.0.0.1: throttling with
//! retries, bounded retries, paging, refused next links, timeouts, token refresh, delta rounds
//! and raw requests. The requests
//! are built with the runtime alone (what generated request functions do); the tests of the
//! generated operations on the wire are in the repository's `tests/tests/client.rs`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use msgraph_runtime::{
    Client, Cloud, Collection, Error, PathBuilder, RawRequest, RemovedReason, Request, RetryPolicy, StaticToken,
    SupportsTop, TokenSource, decode_empty, decode_json, token_fn,
};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const COLLECTION: &str = "/beta/things";

/// The query options of the test's list request.
enum ListOptions {}
impl SupportsTop for ListOptions {}

fn list() -> Request<Collection<Value>, ListOptions> {
    Request::new(http::Method::GET, PathBuilder::new().literal("/things"), "beta", 200, decode_json)
}

fn get(id: &str) -> Request<Value> {
    Request::new(
        http::Method::GET,
        PathBuilder::new().literal("/things/").param("thingId", id),
        "beta",
        200,
        decode_json,
    )
}

fn delete(id: &str) -> Request<()> {
    Request::new(
        http::Method::DELETE,
        PathBuilder::new().literal("/things/").param("thingId", id),
        "beta",
        204,
        decode_empty,
    )
}

fn client(server: &MockServer) -> Client {
    Client::builder(Cloud::custom(&server.uri()).unwrap(), StaticToken::new("token-1"))
        .retry(RetryPolicy::new(3, Duration::from_millis(10), Duration::from_secs(2)))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// A mock for one request: method, path, and the headers every request carries.
fn expect(http_method: &str, request_path: &str) -> wiremock::MockBuilder {
    Mock::given(method(http_method))
        .and(path(request_path))
        .and(header("authorization", "Bearer token-1"))
        .and(header("accept", "application/json"))
}

#[tokio::test]
async fn throttled_requests_are_retried_honouring_retry_after() {
    let server = MockServer::start().await;
    let item = format!("{COLLECTION}/thing-2");
    expect("GET", &item)
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({"error": {"code": "TooManyRequests", "message": "slow down"}})),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    expect("GET", &item)
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    expect("GET", &item).respond_with(ResponseTemplate::new(504)).up_to_n_times(1).expect(1).mount(&server).await;
    expect("GET", &item)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "thing-2"})))
        .expect(1)
        .mount(&server)
        .await;

    let started = std::time::Instant::now();
    let thing = client(&server).send(&get("thing-2")).await.unwrap();
    assert_eq!(thing, json!({"id": "thing-2"}));
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");
}

#[tokio::test]
async fn retries_are_bounded() {
    let server = MockServer::start().await;
    expect("DELETE", &format!("{COLLECTION}/thing-2"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(json!({"error": {"code": "ServiceUnavailable", "message": "try later"}})),
        )
        .expect(4)
        .mount(&server)
        .await;
    let error = client(&server).send(&delete("thing-2")).await.unwrap_err();
    assert_eq!(error.graph().map(|g| g.code.as_str()), Some("ServiceUnavailable"));

    let patient = MockServer::start().await;
    expect("DELETE", &format!("{COLLECTION}/thing-2"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .expect(1)
        .mount(&patient)
        .await;
    let error = client(&patient).send(&delete("thing-2")).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "an hour-long Retry-After ends the retries");
}

#[tokio::test]
async fn lists_follow_next_links() {
    let server = MockServer::start().await;
    let next = format!("{}{COLLECTION}?$top=2&$skiptoken=page2", server.uri());
    expect("GET", COLLECTION)
        .and(query_param("$skiptoken", "page2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [{"id": "3"}]})))
        .expect(1)
        .mount(&server)
        .await;
    expect("GET", COLLECTION)
        .and(query_param("$top", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"value": [{"id": "1"}, {"id": "2"}], "@odata.nextLink": next})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let all = client(&server).send_all_pages(&list().top(2)).await.unwrap();
    assert_eq!(all, [json!({"id": "1"}), json!({"id": "2"}), json!({"id": "3"})]);
}

#[tokio::test]
async fn next_links_to_other_hosts_and_loops_are_refused() {
    let server = MockServer::start().await;
    expect("GET", COLLECTION)
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"value": [], "@odata.nextLink": "http://127.0.0.2:9/steal-the-token"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).send_all_pages(&list()).await.unwrap_err();
    assert!(
        matches!(error, Error::InvalidRequest(ref why) if why.contains("no credentials go to another host")),
        "{error}"
    );

    let looping = MockServer::start().await;
    let same = format!("{}{COLLECTION}?$skiptoken=again", looping.uri());
    expect("GET", COLLECTION)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"value": [{"id": "1"}], "@odata.nextLink": same})),
        )
        .expect(2)
        .mount(&looping)
        .await;
    let error = client(&looping).send_all_pages(&list()).await.unwrap_err();
    assert!(error.to_string().contains("repeats"), "{error}");
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    expect("GET", COLLECTION)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = Client::builder(Cloud::custom(&server.uri()).unwrap(), StaticToken::new("token-1"))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = client.send(&list()).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
}

#[tokio::test]
async fn refreshed_tokens_are_asked_for_every_attempt() {
    let server = MockServer::start().await;
    let item = format!("{COLLECTION}/thing-2");
    Mock::given(method("GET"))
        .and(path(item.as_str()))
        .and(header("authorization", "Bearer token-1"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(item.as_str()))
        .and(header("authorization", "Bearer token-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "thing-2"})))
        .expect(1)
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let source = token_fn(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok::<_, std::io::Error>(format!("token-{n}")) }
    });
    let client = Client::builder(Cloud::custom(&server.uri()).unwrap(), source).build().unwrap();
    client.send(&get("thing-2")).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    let failing = token_fn(|| async { Err::<String, _>(std::io::Error::other("no credentials")) });
    let client = Client::builder(Cloud::custom(&server.uri()).unwrap(), failing).build().unwrap();
    let error = client.send(&get("thing-2")).await.unwrap_err();
    assert!(matches!(error, Error::Token(_)), "{error:?}");
}

/// An `async fn` passed by name, as a token source.
async fn access_token() -> Result<String, std::env::VarError> {
    Ok("token-1".to_owned())
}

#[tokio::test]
async fn token_functions_return_a_string_or_a_result_and_own_what_they_use() {
    let server = MockServer::start().await;
    expect("GET", &format!("{COLLECTION}/thing-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "thing-1"})))
        .expect(3)
        .mount(&server)
        .await;
    let cloud = Cloud::custom(&server.uri()).unwrap();
    // A plain `String`, from a cache shared with an `Arc`.
    let cache = Arc::new(String::from("token-1"));
    let shared = token_fn(move || {
        let cache = Arc::clone(&cache);
        async move { cache.to_string() }
    });
    // A `Result` with any error type, and an `async fn` by name.
    let fallible = token_fn(|| async { Ok::<_, String>("token-1".to_owned()) });
    for source in [Box::new(shared) as Box<dyn TokenSource>, Box::new(fallible), Box::new(token_fn(access_token))] {
        let client = Client::builder(cloud.clone(), BoxedSource(source)).build().unwrap();
        assert_eq!(client.send(&get("thing-1")).await.unwrap(), json!({"id": "thing-1"}));
    }
    let refused = token_fn(|| async { Err::<String, _>("no credentials".to_owned()) });
    let error = Client::builder(cloud, refused).build().unwrap().send(&get("thing-1")).await.unwrap_err();
    assert_eq!(error.to_string(), "could not get an access token: no credentials");
}

/// A boxed token source, to try several kinds in one loop.
struct BoxedSource(Box<dyn TokenSource>);

impl TokenSource for BoxedSource {
    fn token(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, msgraph_runtime::BoxError>> + Send + '_>>
    {
        self.0.token()
    }
}

/// A model as the generator emits it (one documented property), so that a delta round's
/// `@removed` annotations land in its kept properties.
#[derive(Debug, Default, PartialEq)]
struct Thing {
    id: Option<String>,
    additional_properties: msgraph_runtime::AdditionalProperties,
}

impl msgraph_runtime::Object for Thing {
    const QUALIFIED_NAME: &'static str = "test.thing";
    type Field = ();

    fn field(key: &[u8]) -> Option<()> {
        (key == b"id").then_some(())
    }

    fn read_field<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        (): (),
        map: &mut A,
    ) -> Result<Option<&'static str>, A::Error> {
        msgraph_runtime::read_field(map, &mut self.id, "id")
    }

    fn additional_properties_mut(&mut self) -> &mut msgraph_runtime::AdditionalProperties {
        &mut self.additional_properties
    }
}

impl<'de> serde::Deserialize<'de> for Thing {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        msgraph_runtime::deserialize_object(deserializer)
    }
}

fn delta() -> Request<Collection<Thing>, ListOptions> {
    Request::new(http::Method::GET, PathBuilder::new().literal("/things").function("delta"), "beta", 200, decode_json)
}

/// A page of a delta round, answered once for a `$skiptoken` or `$deltatoken`.
async fn delta_page(server: &MockServer, token: Option<(&str, &str)>, page: Value) {
    let mut mock = expect("GET", "/beta/things/delta");
    if let Some((name, value)) = token {
        mock = mock.and(query_param(name, value));
    }
    mock.respond_with(ResponseTemplate::new(200).set_body_json(page)).expect(1).mount(server).await;
}

#[tokio::test]
async fn delta_rounds_follow_next_links_to_the_delta_link_and_resume_from_it() {
    let server = MockServer::start().await;
    let link = |query: &str| format!("{}/beta/things/delta?{query}", server.uri());
    delta_page(
        &server,
        Some(("$skiptoken", "p3")),
        json!({"value": [{"id": "4", "@removed": {"reason": "changed"}}],
        "@odata.deltaLink": link("$deltatoken=d1")}),
    )
    .await;
    delta_page(
        &server,
        Some(("$skiptoken", "p2")),
        json!({"value": [{"id": "3"}], "@odata.nextLink": link("$skiptoken=p3")}),
    )
    .await;
    delta_page(
        &server,
        Some(("$deltatoken", "d1")),
        json!({"value": [{"id": "5"}], "@odata.deltaLink": link("$deltatoken=d2")}),
    )
    .await;
    delta_page(
        &server,
        None,
        json!({"value": [{"id": "1"}, {"id": "2", "@removed": {"reason": "deleted"}}],
        "@odata.nextLink": link("$skiptoken=p2")}),
    )
    .await;

    let client = client(&server);
    let first = client.send_delta(&delta()).await.unwrap();
    let ids: Vec<&str> = first.items.iter().map(|thing| thing.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    let removed: Vec<Option<RemovedReason>> = first
        .items
        .iter()
        .map(|thing| thing.additional_properties.removed().and_then(|removed| removed.reason))
        .collect();
    assert_eq!(removed, [None, Some(RemovedReason::Deleted), None, Some(RemovedReason::Changed)]);
    assert_eq!(first.delta_link, link("$deltatoken=d1"));

    // The link is plain text to keep between runs; the next round starts from it.
    let saved = first.delta_link.clone();
    let next = client.send_delta(&delta().from_link(&saved)).await.unwrap();
    assert_eq!(next.items, [Thing { id: Some("5".into()), ..Thing::default() }]);
    assert_eq!(next.delta_link, link("$deltatoken=d2"));
    assert_eq!(next.next_round(&delta()).url(client.cloud()).unwrap(), link("$deltatoken=d2"));
}

#[tokio::test]
async fn delta_rounds_refuse_other_hosts_and_requests_that_are_not_delta_queries() {
    let server = MockServer::start().await;
    delta_page(
        &server,
        None,
        json!({"value": [], "@odata.deltaLink": "https://evil.example/beta/things/delta?$deltatoken=x"}),
    )
    .await;
    let error = client(&server).send_delta(&delta()).await.unwrap_err();
    assert!(error.to_string().contains("no credentials go to another host"), "{error}");
    let error = client(&server).send_delta(&delta().from_link("http://127.0.0.2:9/steal")).await.unwrap_err();
    assert!(error.to_string().contains("no credentials go to another host"), "{error}");

    let plain = MockServer::start().await;
    expect("GET", COLLECTION)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&plain)
        .await;
    let error = client(&plain).send_delta(&list()).await.unwrap_err();
    assert!(error.to_string().contains("has no @odata.deltaLink: is it a delta query?"), "{error}");
}

#[tokio::test]
async fn raw_requests_are_sent_like_generated_ones() {
    let server = MockServer::start().await;
    let photo = [0xFF, 0xD8, 0xFF, 0xE0];
    Mock::given(method("GET"))
        .and(path("/beta/me/photo/48x48/$value"))
        .and(header("authorization", "Bearer token-1"))
        .and(header("accept", "*/*"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(photo.to_vec(), "image/jpeg"))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", "/beta/things/t1/act")
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", "/beta/things/t1/act")
        .and(wiremock::matchers::body_json(json!({"mode": "fast"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1", "acted": true})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error": {"code": "itemNotFound", "message": "no such thing"}})),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    let bytes =
        client.send(&RawRequest::new(http::Method::GET, "beta", "/me/photo/48x48/$value").bytes()).await.unwrap();
    assert_eq!(bytes, photo);
    let act = RawRequest::from_segments(http::Method::POST, "beta", ["things", "t1", "act"])
        .json_body(&json!({"mode": "fast"}));
    let thing: Thing = client.send(&act.json()).await.unwrap();
    assert_eq!(thing.id.as_deref(), Some("t1"), "a model type the caller names, after a retry");
    assert_eq!(thing.additional_properties.get("acted").map(|raw| raw.get()), Some("true"));

    let hostile = RawRequest::from_segments(http::Method::GET, "beta", ["users", "a/../b?c#d", "é ü"]).json::<Value>();
    let error = client.send(&hostile).await.unwrap_err();
    assert_eq!(error.graph().unwrap().code, "itemNotFound", "a typed Graph error");
    let received = server.received_requests().await.unwrap();
    let last = received.last().unwrap();
    assert_eq!(last.url.path(), "/beta/users/a%2F..%2Fb%3Fc%23d/%C3%A9%20%C3%BC", "each segment stays one segment");
    assert!(last.url.query().is_none());
    let dots = RawRequest::new(http::Method::GET, "beta", "/users/../admin").json::<Value>();
    assert!(matches!(client.send(&dots).await, Err(Error::InvalidRequest(ref why)) if why.contains("dot segment")));
    assert_eq!(server.received_requests().await.unwrap().len(), received.len(), "nothing was sent");
}
