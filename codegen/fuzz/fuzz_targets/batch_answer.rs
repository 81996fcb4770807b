//! Arbitrary bytes as Graph's answer to a JSON batch: `Batch::parse_response` reads the envelope
//! and the successful bodies in one pass (each by its request's own parser, which says where the
//! body ends), and `BatchResponses::take` reads the rest. Neither may panic, whatever the bytes
//! (not JSON, bodies cut off or nested deep, ids and statuses in any order or repeated), and
//! each request gets its result or a typed error.
#![no_main]

use http::{Method, StatusCode};
use libfuzzer_sys::fuzz_target;
use msgraph_runtime::{
    Batch, Outcome, PathBuilder, Request, decode_bytes, decode_count, decode_empty, decode_json, decode_outcome,
    decode_value,
};

/// A typed result with a required field, as the generated models of actions' results have.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Named {
    name: String,
    size: Option<u64>,
}

fn request<T>(segment: &str, decode: msgraph_runtime::Decode<T>) -> Request<T> {
    Request::new(Method::GET, PathBuilder::new().segment(segment), "v1.0", 200, decode)
}

fuzz_target!(|data: &[u8]| {
    // The ids are "1" to "7", in this order.
    let mut batch = Batch::new();
    let value = batch.add(&request::<serde_json::Value>("value", decode_json)).unwrap();
    let named = batch.add(&request::<Named>("named", decode_json)).unwrap();
    let outcome = batch.add(&request::<Outcome<serde_json::Value>>("outcome", decode_outcome)).unwrap();
    let bytes = batch.add(&request::<Vec<u8>>("bytes", decode_bytes)).unwrap();
    let count = batch.add(&request::<i64>("count", decode_count)).unwrap();
    let flag = batch.add(&request::<bool>("flag", decode_value)).unwrap();
    let empty = batch.add(&request::<()>("empty", decode_empty)).unwrap();
    let mut answer = http::Response::new(data.to_vec());
    *answer.status_mut() = StatusCode::OK;
    let Ok(mut answers) = batch.parse_response(answer) else { return };
    let _ = answers.status(&value);
    let _ = batch.retry(&answers);
    let _ = answers.take(value);
    let _ = answers.take(named);
    let _ = answers.take(outcome);
    let _ = answers.take(bytes);
    let _ = answers.take(count);
    let _ = answers.take(flag);
    let _ = answers.take(empty);
});
