//! JSON batching without a network: the `$batch` request a batch becomes, Graph's limits checked
//! before anything is sent, the answer read back into each request's own typed result (exactly
//! what `Request::parse_response` gives alone), what is sent again after throttling, and the split
//! of a large set into batches that keep dependency chains whole.

use http::{Method, StatusCode};
use msgraph_runtime::{
    Batch, BatchOptions, Cloud, Collection, Error, Outcome, PathBuilder, RawRequest, Request, SupportsTop,
    decode_bytes, decode_count, decode_empty, decode_json, decode_outcome, decode_value,
};
use serde_json::{Value, json};

enum ListOptions {}
impl SupportsTop for ListOptions {}

fn messages() -> Request<Collection<Value>, ListOptions> {
    Request::new(Method::GET, PathBuilder::new().segment("me").segment("messages"), "v1.0", 200, decode_json)
}

fn get(id: &str) -> Request<Value> {
    Request::new(Method::GET, PathBuilder::new().segment("users").key("id", id), "v1.0", 200, decode_json)
}

fn create(body: &Value) -> Request<Outcome<Value>> {
    Request::new(Method::POST, PathBuilder::new().segment("users"), "v1.0", 201, decode_outcome).json_body(body)
}

fn delete(id: &str) -> Request<()> {
    Request::new(Method::DELETE, PathBuilder::new().segment("users").key("id", id), "v1.0", 204, decode_empty)
}

fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

fn answer(body: Value) -> http::Response<Vec<u8>> {
    http::Response::new(body.to_string().into_bytes())
}

#[test]
fn a_batch_is_one_post_with_each_request_relative_to_the_version() {
    let cloud = Cloud::custom("http://127.0.0.1:9/proxy").unwrap();
    let list = messages().top(2);
    let mut batch = Batch::new();
    let first = batch.add(&list).unwrap();
    let user =
        batch.add_with(&get("a/b?c").header("ConsistencyLevel", "eventual"), BatchOptions::new().id("user")).unwrap();
    let created = batch
        .add_with(&create(&json!({"displayName": "A"})), BatchOptions::new().after(&first).depends_on("user"))
        .unwrap();
    let mime = RawRequest::new(Method::POST, "v1.0", "/me/sendMail")
        .bytes_body(b"From: a\r\n\r\nhi\xFF".to_vec(), "text/plain");
    let sent = batch.add(&mime.no_content()).unwrap();
    let page: Collection<Value> = serde_json::from_value(
        json!({"value": [], "@odata.nextLink": "http://127.0.0.1:9/proxy/v1.0/me/messages?$skiptoken=x%20y"}),
    )
    .unwrap();
    let next = batch.add(&list.next_page(&page).unwrap()).unwrap();
    assert_eq!((first.id(), user.id(), created.id(), sent.id(), next.id()), ("1", "user", "3", "4", "5"));
    assert_eq!(batch.ids().collect::<Vec<_>>(), ["1", "user", "3", "4", "5"]);

    let http = batch.to_http(&cloud).unwrap();
    assert_eq!(
        (http.method(), http.uri().to_string()),
        (&Method::POST, "http://127.0.0.1:9/proxy/v1.0/$batch".to_owned())
    );
    assert_eq!(http.headers()["content-type"], "application/json");
    let alone = get("a/b?c").url(&cloud).unwrap();
    assert_eq!(
        alone, "http://127.0.0.1:9/proxy/v1.0/users/a%2Fb%3Fc",
        "the sub-request URL is Request::url's, less the base"
    );
    assert_eq!(
        body_json(&http),
        json!({"requests": [
            {"id": "1", "method": "GET", "url": "/me/messages?$top=2"},
            {"id": "user", "method": "GET", "url": "/users/a%2Fb%3Fc", "headers": {"Consistencylevel": "eventual"}},
            {"id": "3", "method": "POST", "url": "/users", "headers": {"Content-Type": "application/json"},
             "body": {"displayName": "A"}, "dependsOn": ["1", "user"]},
            {"id": "4", "method": "POST", "url": "/me/sendMail", "headers": {"Content-Type": "text/plain"},
             "body": "RnJvbTogYQ0KDQpoaf8="},
            {"id": "5", "method": "GET", "url": "/me/messages?$skiptoken=x%20y"}
        ]})
    );
}

#[test]
fn limits_are_errors_before_anything_is_sent() {
    let invalid = |result: Result<http::Request<Vec<u8>>, Error>| match result {
        Err(Error::InvalidRequest(why)) => why,
        other => panic!("expected an invalid batch, got {other:?}"),
    };
    let mut full = Batch::new();
    for n in 0..21 {
        full.add(&get(&n.to_string())).unwrap();
    }
    assert!(invalid(full.to_http(&Cloud::Global)).contains("21 requests and Graph takes at most 20"));
    assert!(invalid(Batch::new().to_http(&Cloud::Global)).contains("empty"));

    let mut batch = Batch::new();
    batch.add_with(&get("x"), BatchOptions::new().id("a").depends_on("c")).unwrap();
    let error = batch.add_with(&get("y"), BatchOptions::new().id("a")).unwrap_err();
    assert!(error.to_string().contains("batch request `a`: another request of the batch has this id"), "{error}");
    assert!(batch.add_with(&get("y"), BatchOptions::new().id("")).is_err());
    batch.add_with(&get("y"), BatchOptions::new().id("b").depends_on("a")).unwrap();
    assert!(invalid(batch.to_http(&Cloud::Global)).contains("`a` depends on `c`, which is not a request of the batch"));
    batch.add_with(&get("z"), BatchOptions::new().id("c").depends_on("b")).unwrap();
    assert_eq!(
        invalid(batch.to_http(&Cloud::Global)),
        "the batch's dependencies form a cycle (`a` depends on `c` depends on `b` depends on `a`), so no request of it could run first"
    );
    assert!(batch.chunks().is_err(), "a cycle cannot be split either");
    let mut own = Batch::new();
    own.add_with(&get("x"), BatchOptions::new().id("self").depends_on("self")).unwrap();
    assert!(invalid(own.to_http(&Cloud::Global)).contains("cycle (`self` depends on `self`)"));

    let mut mixed = Batch::new();
    mixed.add(&get("x")).unwrap();
    let beta = RawRequest::new(Method::GET, "beta", "/me").json::<Value>();
    let error = mixed.add(&beta).unwrap_err().to_string();
    assert!(error.contains("API version `beta` and the batch's other requests for `v1.0`"), "{error}");
    let error = mixed.add(&get("")).unwrap_err().to_string();
    assert!(error.contains("batch request `2`: invalid request: the path parameter `id` is empty"), "{error}");
    assert!(mixed.add(&get("x").header("X-Bad", "a\nb")).is_err(), "header checks hold in a batch");
    assert_eq!(mixed.len(), 1, "a refused request is not added");

    let page = |link: &str| -> Collection<Value> {
        serde_json::from_value(json!({"value": [], "@odata.nextLink": link})).unwrap()
    };
    let mut foreign = Batch::new();
    foreign.add(&messages().next_page(&page("https://evil.example/v1.0/me/messages?x")).unwrap()).unwrap();
    assert!(invalid(foreign.to_http(&Cloud::Global)).contains("no credentials go to another host"));
    let mut other_version = Batch::new();
    other_version.add(&messages().next_page(&page("https://graph.microsoft.com/beta/me/messages?x")).unwrap()).unwrap();
    assert!(invalid(other_version.to_http(&Cloud::Global)).contains("is not below https://graph.microsoft.com/v1.0"));
    let mut not_json = Batch::new();
    let lying = RawRequest::new(Method::POST, "v1.0", "/me").bytes_body(b"{nope".to_vec(), "application/json");
    assert!(not_json.add(&lying.no_content()).unwrap_err().to_string().contains("is not JSON"));
}

#[test]
fn answers_in_any_order_read_exactly_as_alone() {
    let count: Request<i64> =
        Request::new(Method::GET, PathBuilder::new().segment("users").segment("$count"), "v1.0", 200, decode_count);
    let photo = RawRequest::new(Method::GET, "v1.0", "/me/photo/$value").bytes();
    let mut batch = Batch::new();
    let user = batch.add(&get("u1")).unwrap();
    let missing = batch.add(&get("nobody")).unwrap();
    let gone = batch.add(&delete("u2")).unwrap();
    let created = batch.add(&create(&json!({}))).unwrap();
    let counted = batch.add(&count).unwrap();
    let image = batch.add(&photo).unwrap();
    let broken = batch.add(&get("u3")).unwrap();
    let unanswered = batch.add(&get("u4")).unwrap();
    let error_body = json!({"error": {"code": "Request_ResourceNotFound", "message": "no such user"}});
    let answers = json!({"responses": [
        {"id": "6", "status": 200, "headers": {"Content-Type": "image/jpeg"}, "body": "/9j/4AAQ"},
        {"id": "3", "status": 204},
        {"id": "2", "status": 404, "headers": {"Content-Type": "application/json", "request-id": "r-2"}, "body": error_body},
        {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "u1", "extra": [1]}},
        {"id": "4", "status": 202, "headers": {"Location": "https://graph.microsoft.com/v1.0/operations/9"}},
        {"id": "5", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "NDI="},
        {"id": "7", "status": 200, "headers": {"Content-Type": "image/png"}, "body": "not base64!"},
        {"id": "unknown", "status": 200, "body": {}}
    ]});
    let mut responses = batch.parse_response(answer(answers)).unwrap();
    assert_eq!(responses.status(&missing), Some(StatusCode::NOT_FOUND));
    assert_eq!(responses.take(user).unwrap(), json!({"id": "u1", "extra": [1]}));
    let alone = get("nobody").parse_response(
        http::Response::builder()
            .status(404)
            .header("request-id", "r-2")
            .body(error_body.to_string().into_bytes())
            .unwrap(),
    );
    let batched = responses.take(missing);
    assert_eq!(format!("{batched:?}"), format!("{alone:?}"), "the same typed error as alone");
    assert_eq!(batched.unwrap_err().graph().unwrap().request_id.as_deref(), Some("r-2"));
    responses.take(gone).unwrap();
    assert_eq!(
        responses.take(created).unwrap(),
        Outcome::Accepted { location: Some("https://graph.microsoft.com/v1.0/operations/9".into()) }
    );
    assert_eq!(responses.take(counted).unwrap(), 42, "a text/plain body comes base64");
    assert_eq!(responses.take(image).unwrap(), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]);
    assert!(matches!(responses.take(broken), Err(Error::Decode { .. })));
    let error = responses.take(unanswered).unwrap_err();
    assert!(matches!(error, Error::Batch(ref why) if why.contains("no response for request `8`")), "{error}");

    let mut other = Batch::new();
    let stranger = other.add(&get("u1")).unwrap();
    assert!(matches!(responses.take(stranger), Err(Error::Batch(_))), "an item of another batch is not answered here");
}

/// A typed result with a required field, as generated models of actions' results have.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Named {
    name: String,
}

/// Graph writes each sub-response's id, status and headers before its body, which is then read
/// by the request's parser as the envelope is (one pass over the bytes). Whatever the order and
/// whatever the body, each result is what the request's own answer gives alone.
#[test]
fn bodies_read_with_the_envelope_give_what_alone_gives() {
    let named = |segment: &str| -> Request<Named> {
        Request::new(Method::GET, PathBuilder::new().segment(segment), "v1.0", 200, decode_json)
    };
    let flag: Request<bool> = Request::new(Method::GET, PathBuilder::new().segment("flag"), "v1.0", 200, decode_value);
    let download: Request<Vec<u8>> = Request::new(
        Method::GET,
        PathBuilder::new().segment("file.json").segment("content"),
        "v1.0",
        200,
        decode_bytes,
    );
    let mut batch = Batch::new();
    let first = batch.add(&named("a")).unwrap();
    let body_first = batch.add(&named("b")).unwrap();
    let status_after = batch.add(&named("c")).unwrap();
    let wrong_type = batch.add(&named("d")).unwrap();
    let file = batch.add(&download).unwrap();
    let created = batch.add(&create(&json!({}))).unwrap();
    let wrapped = batch.add(&flag).unwrap();
    let nested = batch.add(&get("u1")).unwrap();
    let text = br#"{"responses": [
        {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"name": "a", "x": "}"}},
        {"body": {"name": "b"}, "id": "2", "status": 200},
        {"id": "3", "status": 200, "body": {"name": "c"}, "status": 404},
        {"id": "4", "status": 200, "headers": {}, "body": {"name": 5}},
        {"id": "5", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"a": [1, 2]} },
        {"id": "6", "status": 201, "headers": {"content-type": "application/json"}, "body": {"id": "new"}},
        {"id": "7", "status": 200, "body": {"@odata.context": "x", "value": true}},
        {"id": "8", "status": 200, "body":
            [{"deep": [[{"}": "]"}]], "s": "\"\\"}, 1, "two"] , "after": null}
    ]}"#;
    let mut answers = batch.parse_response(http::Response::new(text.to_vec())).unwrap();
    let alone = |request: Request<Named>, status: u16, body: &str| {
        request.parse_response(http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap())
    };
    assert_eq!(answers.take(first).unwrap(), Named { name: "a".into() });
    assert_eq!(answers.take(body_first).unwrap(), Named { name: "b".into() });
    let (batched, alone_404) = (answers.take(status_after), alone(named("c"), 404, r#"{"name": "c"}"#));
    assert_eq!(format!("{batched:?}"), format!("{alone_404:?}"), "the status written last counts");
    let (batched, alone_decode) = (answers.take(wrong_type), alone(named("d"), 200, r#"{"name": 5}"#));
    assert!(matches!(batched, Err(Error::Decode { .. })), "{batched:?}");
    assert_eq!(format!("{batched:?}"), format!("{alone_decode:?}"), "the same error, with the body alone");
    assert_eq!(answers.take(file).unwrap(), br#"{"a": [1, 2]}"#, "a download gets the body's text");
    assert_eq!(answers.take(created).unwrap(), Outcome::Body(json!({"id": "new"})));
    assert!(answers.take(wrapped).unwrap());
    assert_eq!(answers.take(nested).unwrap(), json!([{"deep": [[{"}": "]"}]], "s": "\"\\"}, 1, "two"]));
}

/// How many times `counted` read a body.
static READS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// `decode_json`, counting its calls.
fn counted(answer: &msgraph_runtime::Answer<'_>) -> Result<Value, serde_json::Error> {
    READS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    decode_json(answer)
}

/// A successful body written after its id and status is read once, while the answer is read;
/// one written before them is read when its result is taken. Each way, once.
#[test]
fn each_body_is_read_once() {
    use std::sync::atomic::Ordering::SeqCst;
    let read = |text: &str| {
        READS.store(0, SeqCst);
        let mut batch = Batch::new();
        let request: Request<Value> = Request::new(Method::GET, PathBuilder::new().segment("a"), "v1.0", 200, counted);
        let item = batch.add(&request).unwrap();
        let mut answers = batch.parse_response(http::Response::new(text.as_bytes().to_vec())).unwrap();
        let when_parsed = READS.load(SeqCst);
        assert_eq!(answers.take(item).unwrap(), json!({"v": 1}));
        (when_parsed, READS.load(SeqCst))
    };
    assert_eq!(read(r#"{"responses": [{"id": "1", "status": 200, "body": {"v": 1}}]}"#), (1, 1), "Graph's order");
    assert_eq!(read(r#"{"responses": [{"body": {"v": 1}, "id": "1", "status": 200}]}"#), (0, 1), "body first");
}

#[test]
fn failed_calls_and_dependencies() {
    let mut batch = Batch::new();
    let first = batch.add(&create(&json!({}))).unwrap();
    let second = batch.add_with(&get("x"), BatchOptions::new().after(&first)).unwrap();
    let third = batch.add_with(&delete("x"), BatchOptions::new().after(&second)).unwrap();
    let failed = json!({"error": {"code": "FailedDependency", "message": "dependency failed"}});
    let mut responses = batch
        .parse_response(answer(json!({"responses": [
            {"id": "3", "status": 424, "body": failed},
            {"id": "1", "status": 409, "body": {"error": {"code": "conflict", "message": "exists"}}},
            {"id": "2", "status": 424, "body": failed}
        ]})))
        .unwrap();
    assert_eq!(responses.take(first).unwrap_err().graph().unwrap().code, "conflict");
    let error = responses.take(second).unwrap_err();
    assert_eq!(error.to_string(), "batch request `2` was not run: it depends on `1`, which failed with 409 Conflict");
    assert_eq!(error.status(), Some(StatusCode::FAILED_DEPENDENCY));
    assert!(matches!(responses.take(third), Err(Error::DependencyFailed { ref dependency, .. }) if dependency == "2"));

    let refused = http::Response::builder()
        .status(400)
        .body(br#"{"error": {"code": "BadRequest", "message": "Invalid batch payload format."}}"#.to_vec())
        .unwrap();
    assert_eq!(batch.parse_response(refused).unwrap_err().graph().unwrap().code, "BadRequest");
    assert!(matches!(batch.parse_response(http::Response::new(b"<html>".to_vec())), Err(Error::Decode { .. })));
}

#[test]
fn throttled_requests_and_their_dependents_are_sent_again() {
    let mut batch = Batch::new();
    let ok = batch.add_with(&get("ok"), BatchOptions::new().id("ok")).unwrap();
    batch.add_with(&get("t"), BatchOptions::new().id("throttled")).unwrap();
    batch.add_with(&get("d"), BatchOptions::new().id("dependent").depends_on("throttled")).unwrap();
    batch.add_with(&get("a"), BatchOptions::new().id("after-ok").depends_on("ok")).unwrap();
    batch.add_with(&get("f"), BatchOptions::new().id("failed")).unwrap();
    batch.add_with(&get("n"), BatchOptions::new().id("never").depends_on("failed").depends_on("throttled")).unwrap();
    batch.add_with(&get("u"), BatchOptions::new().id("unavailable")).unwrap();
    let responses = batch
        .parse_response(answer(json!({"responses": [
            {"id": "ok", "status": 200, "body": {}},
            {"id": "throttled", "status": 429, "headers": {"Retry-After": 3}},
            {"id": "dependent", "status": 424},
            {"id": "after-ok", "status": 429, "headers": {"Retry-After": "1"}},
            {"id": "failed", "status": 404},
            {"id": "never", "status": 424},
            {"id": "unavailable", "status": 503}
        ]})))
        .unwrap();
    let again = batch.retry(&responses).unwrap();
    assert_eq!(again.ids().collect::<Vec<_>>(), ["throttled", "dependent", "after-ok", "unavailable"]);
    assert_eq!(
        body_json(&again.to_http(&Cloud::Global).unwrap())["requests"],
        json!([
            {"id": "throttled", "method": "GET", "url": "/users/t"},
            {"id": "dependent", "method": "GET", "url": "/users/d", "dependsOn": ["throttled"]},
            {"id": "after-ok", "method": "GET", "url": "/users/a"},
            {"id": "unavailable", "method": "GET", "url": "/users/u"}
        ]),
        "a dependency that succeeded is left out of dependsOn"
    );
    let mut responses = responses;
    responses.take(ok).unwrap();
    let calm = batch.parse_response(answer(json!({"responses": [{"id": "ok", "status": 200, "body": {}}]}))).unwrap();
    assert!(batch.retry(&calm).is_none(), "nothing throttled (and what has no answer is not sent again)");
}

#[test]
fn large_sets_split_into_batches_that_keep_chains_whole() {
    let mut batch = Batch::new();
    let mut items = Vec::new();
    for n in 0..18 {
        items.push(batch.add(&get(&format!("u{n}"))).unwrap());
    }
    // A chain of three that does not fit in the first batch's last two places, which the next
    // requests take.
    let head = batch.add_with(&get("h"), BatchOptions::new().id("head")).unwrap();
    batch.add_with(&get("m"), BatchOptions::new().id("middle").after(&head)).unwrap();
    batch.add_with(&get("t"), BatchOptions::new().id("tail").depends_on("middle")).unwrap();
    for n in 18..40 {
        items.push(batch.add(&get(&format!("u{n}"))).unwrap());
    }
    let chunks = batch.chunks().unwrap();
    let sizes: Vec<usize> = chunks.iter().map(Batch::len).collect();
    assert_eq!(sizes, [20, 20, 3]);
    assert_eq!(chunks[0].ids().skip(17).collect::<Vec<_>>(), ["18", "22", "23"]);
    assert_eq!(chunks[1].ids().take(4).collect::<Vec<_>>(), ["head", "middle", "tail", "24"]);
    assert!(chunks.iter().all(|chunk| chunk.to_http(&Cloud::Global).is_ok()));

    // The answers of every part are merged and taken with the large batch's items.
    let mut all = msgraph_runtime::BatchResponses::new();
    for chunk in &chunks {
        let responses: Vec<Value> =
            chunk.ids().map(|id| json!({"id": id, "status": 200, "body": {"id": id}})).collect();
        all.merge(chunk.parse_response(answer(json!({"responses": responses}))).unwrap());
    }
    assert_eq!(all.take(items.remove(0)).unwrap(), json!({"id": "1"}));
    assert_eq!(all.take(items.pop().unwrap()).unwrap(), json!({"id": "43"}));

    let mut chain = Batch::new();
    let mut previous = chain.add(&get("0")).unwrap();
    for n in 1..21 {
        previous = chain.add_with(&get(&n.to_string()), BatchOptions::new().after(&previous)).unwrap();
    }
    let error = chain.chunks().unwrap_err().to_string();
    assert!(error.contains("21 requests (1, 2, 3,") && error.contains("a dependency cannot cross calls"), "{error}");
}
