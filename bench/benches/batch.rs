//! JSON batching against the same requests one by one: building a 20-request batch, its
//! `$batch` HTTP request and reading Graph's answer back into the 20 typed results, against the
//! 20 requests' own `to_http` and `parse_response`.
//!
//! ```sh
//! cargo bench -p msgraph-bench --bench batch
//! ```
//!
//! The requests are 20 `GET`s of `depEnrollmentProfile`s (`profiles::get(…).select(…)`), each
//! answered with one item of a page of `msgraph_bench::dep_enrollment_profiles` (`compact` or
//! `realistic`, see `serde_throughput.rs`) with `Content-Type` and `request-id` headers; the
//! batch's answer lists the same sub-responses, in reverse order. Both sides start from the built
//! requests and the answer bytes (copied in the timed part, as a client hands them over), and
//! end with the 20 typed results. The target: the batch costs less than the one-by-one sum plus
//! 10% (what a batch adds, its envelope, is paid once for the 20 requests).
//!
//! After divan's figures, a summary measured with both ways interleaved round by round (so that
//! a noisy machine slows them alike) prints the batch / one-by-one ratio.

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use divan::Bencher;
use msgraph_bench::dep_enrollment_profiles::{self, Payload};
use msgraph_beta::http;
use msgraph_beta::models::DepEnrollmentProfile;
use msgraph_beta::requests::dep_enrollment_profile as profiles;
use msgraph_beta::runtime::{Batch, Cloud, Request};
use serde_json::Value;

/// Requests in the batch: Graph's limit.
const REQUESTS: usize = 20;
/// Rounds of the interleaved summary.
const SUMMARY_ROUNDS: usize = 30;

type Get = Request<DepEnrollmentProfile, profiles::GetQuery>;

/// The requests and their answers, one by one and as a batch.
struct Input {
    requests: Vec<Get>,
    /// Each request's answer body.
    bodies: Vec<Vec<u8>>,
    /// The `$batch` answer with the same bodies.
    batch_body: Vec<u8>,
}

static COMPACT: LazyLock<Input> = LazyLock::new(|| read(Payload::Compact));
static REALISTIC: LazyLock<Input> = LazyLock::new(|| read(Payload::Realistic));

const PAYLOADS: [Payload; 2] = [Payload::Compact, Payload::Realistic];

fn input(payload: Payload) -> &'static Input {
    match payload {
        Payload::Compact => &COMPACT,
        Payload::Realistic => &REALISTIC,
    }
}

fn read(payload: Payload) -> Input {
    let page: Value = serde_json::from_str(&dep_enrollment_profiles::page(payload, 256 * 1024)).unwrap();
    let items = page["value"].as_array().unwrap();
    assert!(items.len() >= REQUESTS, "the page has {} items", items.len());
    let requests: Vec<Get> = items[..REQUESTS]
        .iter()
        .map(|item| profiles::get("6c7f5b0e-3e2a-4c61-9a43-1d2a8f0b7e55", item["id"].as_str().unwrap()))
        .map(|request| request.select(["id", "displayName", "description", "iTunesPairingMode"]))
        .collect();
    let bodies: Vec<Vec<u8>> = items[..REQUESTS].iter().map(|item| serde_json::to_vec(item).unwrap()).collect();
    let responses: Vec<String> = bodies
        .iter()
        .enumerate()
        .rev()
        .map(|(i, body)| {
            format!(
                r#"{{"id":"{}","status":200,"headers":{{"Content-Type":"application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8","request-id":"8d3c-{i}"}},"body":{}}}"#,
                i + 1,
                String::from_utf8_lossy(body)
            )
        })
        .collect();
    let batch_body = format!(r#"{{"responses":[{}]}}"#, responses.join(",")).into_bytes();
    let input = Input { requests, bodies, batch_body };
    check(&input);
    input
}

/// Both ways give the same 20 results.
fn check(input: &Input) {
    assert_eq!(batched(input), one_by_one(input), "the batch reads its answers exactly as the requests alone");
}

fn response(body: &[u8], i: usize) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.to_vec());
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
        ),
    );
    headers.insert("request-id", http::HeaderValue::from_str(&format!("8d3c-{i}")).unwrap());
    response
}

/// The 20 requests sent one by one: each one's HTTP request, then its answer read.
fn one_by_one(input: &Input) -> Vec<DepEnrollmentProfile> {
    let cloud = Cloud::Global;
    input
        .requests
        .iter()
        .zip(&input.bodies)
        .enumerate()
        .map(|(i, (request, body))| {
            black_box(request.to_http(&cloud).unwrap());
            request.parse_response(response(body, i)).unwrap()
        })
        .collect()
}

/// The 20 requests as one batch: the batch, its HTTP request, then its answer read into the 20
/// results.
fn batched(input: &Input) -> Vec<DepEnrollmentProfile> {
    let mut batch = Batch::new();
    let items: Vec<_> = input.requests.iter().map(|request| batch.add(request).unwrap()).collect();
    black_box(batch.to_http(&Cloud::Global).unwrap());
    let mut answers = batch.parse_response(http::Response::new(input.batch_body.clone())).unwrap();
    items.into_iter().map(|item| answers.take(item).unwrap()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let benching = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test" || a == "--list");
    if benching {
        for payload in PAYLOADS {
            let input = input(payload);
            let bytes: usize = input.bodies.iter().map(Vec::len).sum();
            println!("{payload:?}: {REQUESTS} answers of {bytes} bytes in all, {} as a batch", input.batch_body.len());
        }
        println!();
    }
    divan::Divan::default().sample_count(50).config_with_args().main();
    if benching {
        println!("\nInterleaved, {SUMMARY_ROUNDS} rounds (median of each round's time per run):");
        println!("| payload | one by one | batch | batch / one by one |");
        println!("|---|---|---|---|");
        for payload in PAYLOADS {
            summary(payload);
        }
    }
}

#[divan::bench(args = PAYLOADS)]
fn twenty_one_by_one(bencher: Bencher, payload: Payload) {
    let input = input(payload);
    bencher.bench(|| one_by_one(black_box(input)));
}

#[divan::bench(args = PAYLOADS)]
fn twenty_in_a_batch(bencher: Bencher, payload: Payload) {
    let input = input(payload);
    bencher.bench(|| batched(black_box(input)));
}

/// The time per run of `f`, over 100 runs.
fn time(f: impl Fn()) -> Duration {
    let runs = 100;
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed() / runs
}

fn summary(payload: Payload) {
    let input = input(payload);
    let (mut alone, mut batch) = (Vec::new(), Vec::new());
    for _ in 0..SUMMARY_ROUNDS {
        alone.push(time(|| drop(black_box(one_by_one(input)))));
        batch.push(time(|| drop(black_box(batched(input)))));
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (alone, batch) = (median(&mut alone), median(&mut batch));
    println!(
        "| {payload:?} | {:.1} µs | {:.1} µs | {:.3} |",
        alone.as_secs_f64() * 1e6,
        batch.as_secs_f64() * 1e6,
        batch.as_secs_f64() / alone.as_secs_f64()
    );
}

/// Where the time goes: each side's steps alone (their sums are a little less than the whole, which
/// also drops what it made), and serde_json's fastest skip of the batch answer
/// (`IgnoredAny`), against which the batch's own envelope reader compares.
mod steps {
    use super::*;

    #[divan::bench(args = PAYLOADS)]
    fn alone_to_http(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        bencher.bench(|| {
            input.requests.iter().map(|request| request.to_http(&Cloud::Global).unwrap()).collect::<Vec<_>>()
        });
    }

    #[divan::bench(args = PAYLOADS)]
    fn alone_responses(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        bencher.bench(|| input.bodies.iter().enumerate().map(|(i, body)| response(body, i)).collect::<Vec<_>>());
    }

    #[divan::bench(args = PAYLOADS)]
    fn alone_parse(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        bencher
            .with_inputs(|| input.bodies.iter().enumerate().map(|(i, body)| response(body, i)).collect::<Vec<_>>())
            .bench_values(|responses| {
                let requests = input.requests.iter();
                requests
                    .zip(responses)
                    .map(|(request, response)| request.parse_response(response).unwrap())
                    .collect::<Vec<_>>()
            });
    }

    #[divan::bench(args = PAYLOADS)]
    fn batch_build(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        bencher.bench(|| {
            let mut batch = Batch::new();
            let items: Vec<_> = input.requests.iter().map(|request| batch.add(request).unwrap()).collect();
            (batch.to_http(&Cloud::Global).unwrap(), items)
        });
    }

    #[divan::bench(args = PAYLOADS)]
    fn batch_parse(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        let mut batch = Batch::new();
        for request in &input.requests {
            batch.add(request).unwrap();
        }
        bencher.bench(|| batch.parse_response(http::Response::new(input.batch_body.clone())).unwrap());
    }

    #[divan::bench(args = PAYLOADS)]
    fn batch_take(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        bencher
            .with_inputs(|| {
                let mut batch = Batch::new();
                let items: Vec<_> = input.requests.iter().map(|request| batch.add(request).unwrap()).collect();
                (items, batch.parse_response(http::Response::new(input.batch_body.clone())).unwrap())
            })
            .bench_values(|(items, mut answers)| {
                items.into_iter().map(|item| answers.take(item).unwrap()).collect::<Vec<_>>()
            });
    }

    #[divan::bench(args = PAYLOADS)]
    fn serde_ignored_any(bencher: Bencher, payload: Payload) {
        let input = input(payload);
        bencher.bench(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&input.batch_body)).unwrap());
    }
}
