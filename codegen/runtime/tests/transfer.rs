//! JSON batches and large-file uploads over real HTTP against servers on 127.0.0.1: a throttled
//! sub-request sent again alone after its `Retry-After`, dependency chains kept and reported,
//! batches of any size split by 20; an upload in chunks of 320 KiB that resumes where the
//! session says after a failed chunk, without ever sending the token to the upload host.

use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::Method;
use msgraph_runtime::{
    Batch, BatchOptions, ChunkedUpload, Client, Cloud, Error, Outcome, PathBuilder, RetryPolicy, StaticToken,
    UPLOAD_CHUNK_UNIT, UploadProgress, decode_empty, decode_json, decode_outcome,
};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

fn get(id: &str) -> msgraph_runtime::Request<Value> {
    msgraph_runtime::Request::new(
        Method::GET,
        PathBuilder::new().segment("users").key("id", id),
        "v1.0",
        200,
        decode_json,
    )
}

fn client(cloud: Cloud) -> Client {
    Client::builder(cloud, StaticToken::new("token-1"))
        .retry(RetryPolicy::new(3, Duration::from_millis(10), Duration::from_secs(5)))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// A mock of `POST /v1.0/$batch` answering `responses` once.
async fn batch_answer(server: &MockServer, responses: Value) {
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .and(header("authorization", "Bearer token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "responses": responses })))
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
}

/// The `requests` of each `$batch` call the server received.
async fn sent_batches(server: &MockServer) -> Vec<Value> {
    let received = server.received_requests().await.unwrap();
    received.iter().map(|request| request.body_json::<Value>().unwrap()["requests"].clone()).collect()
}

#[tokio::test]
async fn a_throttled_sub_request_is_sent_again_alone_after_its_retry_after() {
    let server = MockServer::start().await;
    batch_answer(
        &server,
        json!([
            {"id": "profile", "status": 429, "headers": {"Retry-After": "1", "Content-Type": "application/json"},
             "body": {"error": {"code": "TooManyRequests", "message": "slow down"}}},
            {"id": "1", "status": 201, "headers": {"Content-Type": "application/json"}, "body": {"id": "new"}},
            {"id": "2", "status": 200, "body": {"id": "new", "read": true}},
            {"id": "3", "status": 204}
        ]),
    )
    .await;
    batch_answer(&server, json!([{"id": "profile", "status": 200, "body": {"id": "me"}}])).await;

    let mut batch = Batch::new();
    let create: msgraph_runtime::Request<Outcome<Value>> =
        msgraph_runtime::Request::new(Method::POST, PathBuilder::new().segment("users"), "v1.0", 201, decode_outcome)
            .json_body(&json!({"displayName": "New"}));
    let delete: msgraph_runtime::Request<()> = msgraph_runtime::Request::new(
        Method::DELETE,
        PathBuilder::new().segment("users").key("id", "new"),
        "v1.0",
        204,
        decode_empty,
    );
    let created = batch.add(&create).unwrap();
    let read = batch.add_with(&get("new"), BatchOptions::new().after(&created)).unwrap();
    let deleted = batch.add_with(&delete, BatchOptions::new().after(&read)).unwrap();
    let profile = batch.add_with(&get("me"), BatchOptions::new().id("profile")).unwrap();

    let started = Instant::now();
    let mut answers = client(Cloud::custom(&server.uri()).unwrap()).send_batch(&batch).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");
    assert_eq!(answers.take(created).unwrap().into_body(), Some(json!({"id": "new"})));
    assert_eq!(answers.take(read).unwrap(), json!({"id": "new", "read": true}));
    answers.take(deleted).unwrap();
    assert_eq!(answers.take(profile).unwrap(), json!({"id": "me"}));

    let sent = sent_batches(&server).await;
    assert_eq!(
        sent[0][0],
        json!({"id": "1", "method": "POST", "url": "/users",
        "headers": {"Content-Type": "application/json"}, "body": {"displayName": "New"}})
    );
    assert_eq!(sent[0][1]["dependsOn"], json!(["1"]));
    assert_eq!(sent[0][2]["dependsOn"], json!(["2"]));
    assert_eq!(sent[0].as_array().unwrap().len(), 4);
    assert_eq!(
        sent[1],
        json!([{"id": "profile", "method": "GET", "url": "/users/me"}]),
        "only the throttled request, alone"
    );
}

#[tokio::test]
async fn dependents_go_with_a_throttled_request_and_fail_with_a_failed_one() {
    let server = MockServer::start().await;
    batch_answer(
        &server,
        json!([
            {"id": "1", "status": 200, "body": {"id": "a"}},
            {"id": "2", "status": 503, "headers": {"Retry-After": "0"}},
            {"id": "3", "status": 424, "body": {"error": {"code": "FailedDependency", "message": "2 failed"}}},
            {"id": "4", "status": 404, "body": {"error": {"code": "Request_ResourceNotFound", "message": "no"}}},
            {"id": "5", "status": 424, "body": {"error": {"code": "FailedDependency", "message": "4 failed"}}}
        ]),
    )
    .await;
    batch_answer(
        &server,
        json!([{"id": "3", "status": 200, "body": {"id": "c"}}, {"id": "2", "status": 200, "body": {"id": "b"}}]),
    )
    .await;
    let mut batch = Batch::new();
    let a = batch.add(&get("a")).unwrap();
    let b = batch.add_with(&get("b"), BatchOptions::new().after(&a)).unwrap();
    let c = batch.add_with(&get("c"), BatchOptions::new().after(&b)).unwrap();
    let d = batch.add(&get("d")).unwrap();
    let e = batch.add_with(&get("e"), BatchOptions::new().after(&d)).unwrap();
    let mut answers = client(Cloud::custom(&server.uri()).unwrap()).send_batch(&batch).await.unwrap();
    assert_eq!(
        [answers.take(a).unwrap(), answers.take(b).unwrap(), answers.take(c).unwrap()],
        [json!({"id": "a"}), json!({"id": "b"}), json!({"id": "c"})]
    );
    assert_eq!(answers.take(d).unwrap_err().graph().unwrap().code, "Request_ResourceNotFound");
    let error = answers.take(e).unwrap_err();
    assert_eq!(error.to_string(), "batch request `5` was not run: it depends on `4`, which failed with 404 Not Found");
    assert_eq!(
        sent_batches(&server).await[1],
        json!([{"id": "2", "method": "GET", "url": "/users/b"}, {"id": "3", "method": "GET", "url": "/users/c", "dependsOn": ["2"]}]),
        "the dependent goes with it; the dependency that succeeded is left out of dependsOn"
    );
}

#[tokio::test]
async fn retries_of_a_batch_are_bounded_and_large_sets_go_in_batches_of_20() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"responses": [{"id": "1", "status": 429}]})))
        .expect(4)
        .mount(&server)
        .await;
    let mut batch = Batch::new();
    let item = batch.add(&get("x")).unwrap();
    let mut answers = client(Cloud::custom(&server.uri()).unwrap()).send_batch(&batch).await.unwrap();
    assert_eq!(answers.take(item).unwrap_err().status().map(|s| s.as_u16()), Some(429), "3 retries, then Graph's 429");

    let many = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(|request: &Received| {
            let requests: Value = request.body_json::<Value>().unwrap()["requests"].clone();
            let responses: Vec<Value> = requests
                .as_array()
                .unwrap()
                .iter()
                .map(|sub| json!({"id": sub["id"], "status": 200, "body": {"url": sub["url"]}}))
                .rev()
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
        })
        .expect(3)
        .mount(&many)
        .await;
    let mut large = Batch::new();
    let items: Vec<_> = (0..45).map(|n| large.add(&get(&format!("user {n}"))).unwrap()).collect();
    let client = client(Cloud::custom(&many.uri()).unwrap());
    let error = client.send_batch(&large).await.unwrap_err();
    assert!(error.to_string().contains("45 requests and Graph takes at most 20"), "{error}");
    let mut answers = client.send_batches(&large).await.unwrap();
    for (n, item) in items.into_iter().enumerate() {
        assert_eq!(answers.take(item).unwrap(), json!({"url": format!("/users/user%20{n}")}));
    }
    let sizes: Vec<usize> =
        sent_batches(&many).await.iter().map(|requests| requests.as_array().unwrap().len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
}

/// An upload session on its own host: it keeps the bytes it takes, fails one chunk once (and
/// then says it lost the chunk before it too), and answers status requests with what it has.
#[derive(Default)]
struct Session {
    received: Vec<u8>,
    failed_once: bool,
}

fn session_server(total: usize, session: Arc<Mutex<Session>>) -> impl Fn(&Received) -> ResponseTemplate + Send + Sync {
    move |request: &Received| {
        let mut session = session.lock().unwrap();
        if request.method == Method::GET {
            return ResponseTemplate::new(200).set_body_json(json!({
                "expirationDateTime": "2030-01-01T00:00:00Z",
                "nextExpectedRanges": [format!("{}-", session.received.len())]
            }));
        }
        let range = request.headers["content-range"].to_str().unwrap().to_owned();
        let (span, size) = range.strip_prefix("bytes ").unwrap().split_once('/').unwrap();
        let (start, end) = span.split_once('-').unwrap();
        let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
        assert_eq!(size.parse::<usize>().unwrap(), total);
        assert_eq!(request.body.len(), end - start + 1, "Content-Range matches the body");
        assert_eq!(request.headers["content-length"].to_str().unwrap(), request.body.len().to_string());
        assert_eq!(start, session.received.len(), "each chunk starts where the session is");
        if start == 2 * UPLOAD_CHUNK_UNIT as usize && !session.failed_once {
            session.failed_once = true;
            session.received.truncate(UPLOAD_CHUNK_UNIT as usize);
            return ResponseTemplate::new(500);
        }
        session.received.extend_from_slice(&request.body);
        if end + 1 == total {
            ResponseTemplate::new(201).set_body_json(json!({"id": "item-1", "name": "big.bin", "size": total}))
        } else {
            ResponseTemplate::new(202).set_body_json(json!({"nextExpectedRanges": [format!("{}-", end + 1)]}))
        }
    }
}

#[derive(Debug, serde::Deserialize, PartialEq)]
struct DriveItem {
    id: String,
    name: String,
    size: u64,
}

#[tokio::test]
async fn uploads_resume_where_the_session_says_and_never_send_the_token() {
    let total = 3 * UPLOAD_CHUNK_UNIT as usize + UPLOAD_CHUNK_UNIT as usize / 2;
    let data: Vec<u8> = (0..total).map(|n| (n % 251) as u8).collect();
    let upload_host = MockServer::start().await;
    let session = Arc::new(Mutex::new(Session::default()));
    Mock::given(path("/upload/session-1"))
        .respond_with(session_server(total, Arc::clone(&session)))
        .mount(&upload_host)
        .await;
    // The client's cloud is another server, which is never called.
    let graph = MockServer::start().await;
    let client = client(Cloud::custom(&graph.uri()).unwrap());

    let url = format!("{}/upload/session-1?tempauth=abc", upload_host.uri());
    let upload =
        ChunkedUpload::<DriveItem>::new(&url, total as u64).unwrap().with_chunk_size(UPLOAD_CHUNK_UNIT).unwrap();
    let mut seen = Vec::new();
    let item = client.upload(upload, &data, |progress: UploadProgress| seen.push(progress.uploaded)).await.unwrap();
    assert_eq!(item, DriveItem { id: "item-1".into(), name: "big.bin".into(), size: total as u64 });
    assert!(session.lock().unwrap().received == data, "the session has every byte, in order");
    let unit = UPLOAD_CHUNK_UNIT;
    assert_eq!(seen, [unit, 2 * unit, unit, 2 * unit, 3 * unit, total as u64], "resumed where the session said");

    let received = upload_host.received_requests().await.unwrap();
    let methods: Vec<&str> = received.iter().map(|request| request.method.as_str()).collect();
    assert_eq!(methods, ["PUT", "PUT", "PUT", "GET", "PUT", "PUT", "PUT"]);
    assert!(
        received.iter().all(|request| !request.headers.contains_key("authorization")),
        "no token to the upload host"
    );
    assert!(graph.received_requests().await.unwrap().is_empty());

    // From a reader, in one chunk of 4 × 320 KiB: the reader is read from where the session is.
    let session = Arc::new(Mutex::new(Session { failed_once: true, ..Session::default() }));
    let other = MockServer::start().await;
    Mock::given(path("/upload/session-1"))
        .respond_with(session_server(total, Arc::clone(&session)))
        .mount(&other)
        .await;
    let upload = ChunkedUpload::<DriveItem>::new(&format!("{}/upload/session-1", other.uri()), total as u64).unwrap();
    let item = client.upload_from(upload, Cursor::new(&data), |_| {}).await.unwrap();
    assert_eq!(item.size, total as u64);
    assert!(session.lock().unwrap().received == data);
    let short =
        ChunkedUpload::<DriveItem>::new(&format!("{}/upload/session-1", other.uri()), total as u64 + 1).unwrap();
    let error = client.upload_from(short, Cursor::new(&data), |_| {}).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)) && error.to_string().contains("ended at byte"), "{error}");
    let wrong = ChunkedUpload::<DriveItem>::new(&format!("{}/upload/session-1", other.uri()), 7).unwrap();
    assert!(client.upload(wrong, &data, |_| {}).await.unwrap_err().to_string().contains("7 bytes"));
}

#[tokio::test]
async fn an_expired_session_ends_the_upload_with_its_error() {
    let upload_host = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(503)).expect(1).mount(&upload_host).await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"error": {"code": "itemNotFound", "message": "expired"}})),
        )
        .expect(1)
        .mount(&upload_host)
        .await;
    let upload = ChunkedUpload::<Value>::new(&format!("{}/s", upload_host.uri()), 10).unwrap();
    let error = client(Cloud::Global).upload(upload, &[0; 10], |_| {}).await.unwrap_err();
    assert_eq!(error.graph().unwrap().code, "itemNotFound");
}
