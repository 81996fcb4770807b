//! Deserialize and serialize throughput of the generated models on a large list response, against
//! a plain `#[derive]` struct (no unknown-property retention), `serde_json::Value`, and (for
//! deserializing) `serde::de::IgnoredAny`, which only parses.
//!
//! Two pages of `depEnrollmentProfile`s (see `msgraph_bench::dep_enrollment_profiles`): `compact`,
//! five unknown properties per item, and `realistic`, twelve per item, nested objects and arrays
//! among them and a long escaped text, most of each item's bytes, as newer Graph versions send.
//!
//! ```sh
//! cargo bench -p msgraph-bench --bench serde_throughput
//! ```
//!
//! Throughput is in MB (10^6 bytes) of the *input* document per second for every kind, reading and
//! writing alike, so that the figures compare the time each kind takes for the same page. The plain
//! struct writes less (it dropped the unknown properties), so the summary also shows how much each
//! kind wrote and at what rate. Deserializing reads from a byte slice, as the generated requests do
//! (`serde_json::from_slice`), and does not include dropping the value (divan drops outputs after
//! timing them); the summary also shows deserializing and dropping together. Serializing writes the
//! value deserialized before into a reused `Vec<u8>`.
//!
//! Before measuring, the benchmark checks that the generated model round-trips the page losslessly
//! and that the plain struct drops exactly the unknown properties. After divan's figures it prints
//! a summary table measured with the kinds interleaved round by round (so that a noisy machine
//! slows them alike), with the generated/plain ratios.

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use divan::Bencher;
use divan::counter::BytesCount;
use msgraph_bench::dep_enrollment_profiles::{self, Payload};
use msgraph_bench::plain;
use msgraph_beta::models::DepEnrollmentProfile;
use msgraph_beta::runtime::Collection;
use serde::de::IgnoredAny;
use serde_json::Value;

/// The size of the page: at least this many bytes.
const MIN_BYTES: usize = 16 * 1024 * 1024;
/// Rounds of the interleaved summary.
const SUMMARY_ROUNDS: usize = 25;

type Generated = Collection<DepEnrollmentProfile>;
type Plain = plain::List<plain::DepEnrollmentProfile>;

/// The page, and its value deserialized as each kind (the input of the serialize benchmarks).
struct Input {
    payload: Payload,
    json: Vec<u8>,
    items: usize,
    generated: Generated,
    plain: Plain,
    value: Value,
}

static COMPACT: LazyLock<Input> = LazyLock::new(|| read(Payload::Compact));
static REALISTIC: LazyLock<Input> = LazyLock::new(|| read(Payload::Realistic));

/// The pages, as divan arguments.
const PAYLOADS: [Payload; 2] = [Payload::Compact, Payload::Realistic];

fn input(payload: Payload) -> &'static Input {
    match payload {
        Payload::Compact => &COMPACT,
        Payload::Realistic => &REALISTIC,
    }
}

fn read(payload: Payload) -> Input {
    let json = dep_enrollment_profiles::page(payload, MIN_BYTES).into_bytes();
    let generated: Generated = serde_json::from_slice(&json).expect("the generated model reads the page");
    let plain: Plain = serde_json::from_slice(&json).expect("the plain struct reads the page");
    let value: Value = serde_json::from_slice(&json).expect("the page is JSON");
    let input = Input { payload, items: generated.value.len(), json, generated, plain, value };
    check(&input);
    input
}

/// What makes the comparison meaningful: the generated model keeps everything, the plain struct
/// reads every documented property and drops exactly the unknown ones.
fn check(input: &Input) {
    for item in &input.generated.value {
        let kept: Vec<&str> = item.additional_properties.iter().map(|(name, _)| name).collect();
        assert_eq!(
            kept,
            input.payload.unknown_properties(),
            "the generated model keeps the unknown properties, in order"
        );
    }
    let written = serde_json::to_vec(&input.generated).unwrap();
    let round_trip: Value = serde_json::from_slice(&written).unwrap();
    assert!(round_trip == input.value, "the generated model round-trips the page losslessly");

    let mut documented_only = input.value.clone();
    for item in documented_only["value"].as_array_mut().unwrap() {
        for &name in input.payload.unknown_properties() {
            item.as_object_mut().unwrap().remove(name).expect("every item has the unknown properties");
        }
    }
    let plain_written: Value = serde_json::from_slice(&serde_json::to_vec(&input.plain).unwrap()).unwrap();
    assert!(plain_written != input.value, "the plain struct drops the unknown properties");
    assert!(plain_written == documented_only, "the plain struct keeps every documented property");
    assert_eq!(input.plain.value.len(), input.items);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let benching = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test" || a == "--list");
    if benching {
        for payload in PAYLOADS {
            let input = input(payload);
            println!(
                "{payload:?}: {:.1} MB, {} depEnrollmentProfile items with {} unknown properties each",
                mb(input.json.len()),
                input.items,
                payload.unknown_properties().len()
            );
        }
        println!();
    }
    divan::Divan::default().sample_count(20).config_with_args().main();
    if benching {
        for payload in PAYLOADS {
            summary(input(payload));
        }
    }
}

fn bytes(payload: Payload) -> BytesCount {
    BytesCount::new(input(payload).json.len())
}

mod deserialize {
    use super::*;

    #[divan::bench(args = PAYLOADS)]
    fn generated(bencher: Bencher, payload: Payload) {
        let json = &input(payload).json;
        bencher.counter(bytes(payload)).bench(|| serde_json::from_slice::<Generated>(black_box(json)).unwrap());
    }

    #[divan::bench(args = PAYLOADS)]
    fn plain_derive(bencher: Bencher, payload: Payload) {
        let json = &input(payload).json;
        bencher.counter(bytes(payload)).bench(|| serde_json::from_slice::<Plain>(black_box(json)).unwrap());
    }

    #[divan::bench(args = PAYLOADS)]
    fn json_value(bencher: Bencher, payload: Payload) {
        let json = &input(payload).json;
        bencher.counter(bytes(payload)).bench(|| serde_json::from_slice::<Value>(black_box(json)).unwrap());
    }

    #[divan::bench(args = PAYLOADS)]
    fn ignored_any(bencher: Bencher, payload: Payload) {
        let json = &input(payload).json;
        bencher.counter(bytes(payload)).bench(|| serde_json::from_slice::<IgnoredAny>(black_box(json)).unwrap());
    }
}

mod serialize {
    use super::*;

    fn bench<T: serde::Serialize>(bencher: Bencher, payload: Payload, value: &T) {
        let mut buffer = Vec::with_capacity(input(payload).json.len() * 2);
        bencher.counter(bytes(payload)).bench_local(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(value)).unwrap();
            black_box(buffer.len())
        });
    }

    #[divan::bench(args = PAYLOADS)]
    fn generated(bencher: Bencher, payload: Payload) {
        bench(bencher, payload, &input(payload).generated);
    }

    #[divan::bench(args = PAYLOADS)]
    fn plain_derive(bencher: Bencher, payload: Payload) {
        bench(bencher, payload, &input(payload).plain);
    }

    #[divan::bench(args = PAYLOADS)]
    fn json_value(bencher: Bencher, payload: Payload) {
        bench(bencher, payload, &input(payload).value);
    }
}

/// One timed run, and then how long dropping its result takes.
fn time<T>(run: impl FnOnce() -> T) -> (Duration, Duration) {
    let start = Instant::now();
    let result = black_box(run());
    let ran = start.elapsed();
    let start = Instant::now();
    drop(result);
    (ran, start.elapsed())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The kinds run one after another within each round, and each kind's median over the rounds is
/// reported, so that load from elsewhere on the machine affects all of them alike.
fn summary(input: &Input) {
    let json = input.json.as_slice();
    let mut buffer = Vec::with_capacity(json.len() * 2);
    let mut written = [0; 3];
    let mut de = [const { Vec::new() }; 4];
    let mut de_drop = [const { Vec::new() }; 4];
    let mut ser = [const { Vec::new() }; 3];
    for _ in 0..SUMMARY_ROUNDS {
        let runs = [
            time(|| serde_json::from_slice::<Generated>(black_box(json)).unwrap()),
            time(|| serde_json::from_slice::<Plain>(black_box(json)).unwrap()),
            time(|| serde_json::from_slice::<Value>(black_box(json)).unwrap()),
            time(|| serde_json::from_slice::<IgnoredAny>(black_box(json)).unwrap()),
        ];
        for (i, (ran, dropped)) in runs.into_iter().enumerate() {
            de[i].push(ran);
            de_drop[i].push(ran + dropped);
        }
        let values: [&dyn erased::Serialize; 3] = [&input.generated, &input.plain, &input.value];
        for (i, value) in values.into_iter().enumerate() {
            ser[i].push(
                time(|| {
                    buffer.clear();
                    black_box(value).write(&mut buffer);
                })
                .0,
            );
            written[i] = buffer.len();
        }
    }
    let rate = |bytes: usize, times: &[Duration], pick: Pick| mb(bytes) / pick(times.to_vec()).as_secs_f64();
    let cell = |times: Option<&Vec<Duration>>| match times {
        Some(times) => format!(
            "{:>8.1} {:>10}",
            rate(json.len(), times, median),
            format!("({:.1})", rate(json.len(), times, best))
        ),
        None => format!("{:>19}", "-"),
    };
    println!(
        "\nsummary, {:?} page: {SUMMARY_ROUNDS} interleaved rounds; MB/s of the {:.1} MB input, median (best round)",
        input.payload,
        mb(json.len())
    );
    println!(
        "{:<32} {:>19} {:>19} {:>19}   {:>18}",
        "", "deserialize", "deserialize + drop", "serialize", "written: MB, MB/s"
    );
    let names = [
        "generated (unknowns kept)",
        "plain derive (unknowns dropped)",
        "serde_json::Value",
        "IgnoredAny (parse only)",
    ];
    for (i, name) in names.iter().enumerate() {
        let output = match ser.get(i) {
            Some(times) => format!("{:>7.1} {:>10.1}", mb(written[i]), rate(written[i], times, median)),
            None => String::new(),
        };
        println!("{name:<32} {} {} {}   {output:>18}", cell(de.get(i)), cell(de_drop.get(i)), cell(ser.get(i)));
    }
    let ratio = |times: &[Vec<Duration>], pick: Pick| rate(1, &times[0], pick) / rate(1, &times[1], pick);
    let cell = |times: &[Vec<Duration>]| {
        format!("{:>7.2}x {:>10}", ratio(times, median), format!("({:.2}x)", ratio(times, best)))
    };
    println!("{:<32} {} {} {}", "ratio generated / plain derive", cell(&de), cell(&de_drop), cell(&ser));
}

type Pick = fn(Vec<Duration>) -> Duration;

fn best(times: Vec<Duration>) -> Duration {
    times.into_iter().min().unwrap_or_default()
}

/// Serializing through `&dyn` so that one closure writes every kind (the call is not in the
/// measured serializer's inner loop, only once per document).
mod erased {
    pub trait Serialize {
        fn write(&self, buffer: &mut Vec<u8>);
    }

    impl<T: serde::Serialize> Serialize for T {
        fn write(&self, buffer: &mut Vec<u8>) {
            serde_json::to_writer(buffer, self).unwrap();
        }
    }
}
