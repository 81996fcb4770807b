//! Deserializes one page kind in a loop, for `perf record`: the serde benchmark's input without
//! divan around it. With `both`, the generated model and the plain derive alternate round by
//! round, each round timed by the thread's CPU time (time spent waiting for a core on a loaded
//! machine is not counted), and it prints the best and the median round of each and their ratio.
//!
//! ```sh
//! cargo build --release -p msgraph-bench --bin serde_profile
//! # serde_profile [compact|realistic] [generated|plain|both] [ROUNDS] [from-slice|from-str|serialize] [PAGE_KIB]
//! perf record -g target/release/serde_profile realistic generated 40   # or `plain`, or `both` (the ratio)
//! target/release/serde_profile realistic both 40 serialize             # serializing instead
//! target/release/serde_profile realistic both 2000 from-str 512        # a 512 KiB page, read from a `&str`
//! ```
//!
//! `from-slice` (the default) reads the page with `serde_json::from_slice`, as the generated
//! requests do; `from-str` with `serde_json::from_str`, where serde_json checks no UTF-8 (the
//! text is a `str` already), so the plain derive gains more from it than a model that copies
//! what it keeps. The page is 16 MiB unless `PAGE_KIB` says otherwise.

use msgraph_bench::dep_enrollment_profiles::{Payload, page};
use msgraph_bench::plain;
use msgraph_beta::models::DepEnrollmentProfile;
use msgraph_beta::runtime::Collection;

type Generated = Collection<DepEnrollmentProfile>;
type Plain = plain::List<plain::DepEnrollmentProfile>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let payload = match args.first().map(String::as_str) {
        Some("compact") => Payload::Compact,
        _ => Payload::Realistic,
    };
    let rounds: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(40);
    let kib: usize = args.get(4).and_then(|n| n.parse().ok()).unwrap_or(16 * 1024);
    let json = page(payload, kib * 1024);
    // Interleaved, so that load from elsewhere on the machine affects both alike; the time is the
    // thread's CPU time (deserializing only, the drop is not timed), which does not count the
    // time the thread waited for a core.
    let mode = args.get(1).map(String::as_str).unwrap_or("both");
    let (mut generated, mut plain) = (Vec::new(), Vec::new());
    let what = args.get(3).map(String::as_str).unwrap_or("from-slice");
    if what == "serialize" {
        // Serializing the page read once, into a buffer that keeps its capacity; the rate is per
        // byte of the page read, as in the divan benchmark.
        let model: Generated = serde_json::from_str(&json).unwrap();
        let derived: Plain = serde_json::from_str(&json).unwrap();
        let items = derived.value.len();
        let mut out = Vec::with_capacity(2 * json.len());
        for _ in 0..rounds {
            out.clear();
            let started = cpu_time();
            serde_json::to_writer(&mut out, std::hint::black_box(&model)).unwrap();
            generated.push(cpu_time() - started);
            out.clear();
            let started = cpu_time();
            serde_json::to_writer(&mut out, std::hint::black_box(&derived)).unwrap();
            plain.push(cpu_time() - started);
        }
        let page = Page { payload, bytes: json.len(), items };
        return report(&page, "serialize", rounds, &mut generated, &mut plain);
    }
    let from_str = match what {
        "from-str" => true,
        "from-slice" => false,
        other => {
            eprintln!("serde_profile: unknown mode {other:?}; use from-slice, from-str or serialize");
            std::process::exit(2);
        }
    };
    let items = serde_json::from_str::<Plain>(&json).map_or(0, |page| page.value.len());
    for _ in 0..rounds {
        if mode != "plain" {
            let (seconds, page) = time_read::<Generated>(&json, from_str);
            generated.push(seconds);
            drop(std::hint::black_box(page));
        }
        if mode != "generated" {
            let (seconds, page) = time_read::<Plain>(&json, from_str);
            plain.push(seconds);
            drop(std::hint::black_box(page));
        }
    }
    report(&Page { payload, bytes: json.len(), items }, what, rounds, &mut generated, &mut plain);
}

/// What was read: the kind of page, its size and its number of items.
#[derive(Clone, Copy)]
struct Page {
    payload: Payload,
    bytes: usize,
    items: usize,
}

/// Reads `json` as `T` (from its bytes or as a `str`) and the CPU time that took; the value is
/// returned so that its drop is not timed.
fn time_read<T: serde::de::DeserializeOwned>(json: &str, from_str: bool) -> (f64, T) {
    let started = cpu_time();
    let value = if from_str {
        serde_json::from_str(std::hint::black_box(json))
    } else {
        serde_json::from_slice(std::hint::black_box(json.as_bytes()))
    };
    let seconds = cpu_time() - started;
    (seconds, value.expect("the page reads"))
}

/// Prints the best and the median round of each side, in MB/s of the page, and their ratio.
fn report(page: &Page, what: &str, rounds: usize, generated: &mut [f64], plain: &mut [f64]) {
    let Page { payload, bytes, items } = *page;
    let rate = |seconds: f64| bytes as f64 / 1e6 / seconds;
    let kib = bytes / 1024;
    for (name, pick) in [("best", best as fn(&mut [f64]) -> f64), ("median", median)] {
        let (generated, plain) = (pick(generated), pick(plain));
        println!(
            "{payload:?} {what} ({kib} KiB, {items} items), {name} of {rounds}: generated {:.1} MB/s, plain derive {:.1} MB/s, ratio {:.3}",
            rate(generated),
            rate(plain),
            plain / generated
        );
    }
}

/// The calling thread's CPU time in seconds (wall time where that clock is not available).
fn cpu_time() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec for the duration of the call.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0 {
        now.tv_sec as f64 + now.tv_nsec as f64 * 1e-9
    } else {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64()
    }
}

fn best(times: &mut [f64]) -> f64 {
    times.iter().copied().fold(f64::MAX, f64::min)
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::MAX)
}
