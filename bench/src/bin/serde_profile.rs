//! Deserializes one page kind in a loop, for `perf record`: the serde benchmark's input without
//! divan around it. With `both`, the generated model and the plain derive alternate round by
//! round, each round timed by the thread's CPU time (time spent waiting for a core on a loaded
//! machine is not counted), and it prints the best and the median round of each and their ratio.
//!
//! ```sh
//! cargo build --release -p msgraph-bench --bin serde_profile
//! perf record -g target/release/serde_profile realistic generated 40   # or `plain`, or `both` (the ratio)
//! target/release/serde_profile realistic both 40 serialize             # serializing instead
//! ```

use msgraph_bench::dep_enrollment_profiles::{Payload, page};
use msgraph_bench::plain;
use msgraph_beta::models::DepEnrollmentProfile;
use msgraph_beta::runtime::Collection;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let payload = match args.first().map(String::as_str) {
        Some("compact") => Payload::Compact,
        _ => Payload::Realistic,
    };
    let rounds: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(40);
    let json = page(payload, 16 * 1024 * 1024).into_bytes();
    // Interleaved, so that load from elsewhere on the machine affects both alike; the time is the
    // thread's CPU time (deserializing only, the drop is not timed), which does not count the
    // time the thread waited for a core.
    let mode = args.get(1).map(String::as_str).unwrap_or("both");
    let (mut generated, mut plain) = (Vec::new(), Vec::new());
    if args.get(3).map(String::as_str) == Some("serialize") {
        // Serializing the page read once, into a buffer that keeps its capacity; the rate is per
        // byte of the page read, as in the divan benchmark.
        let model: Collection<DepEnrollmentProfile> = serde_json::from_slice(&json).unwrap();
        let derived: plain::List<plain::DepEnrollmentProfile> = serde_json::from_slice(&json).unwrap();
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
        return report(payload, "serialize", rounds, json.len(), &mut generated, &mut plain);
    }
    for _ in 0..rounds {
        if mode != "plain" {
            let started = cpu_time();
            let page: Collection<DepEnrollmentProfile> = serde_json::from_slice(std::hint::black_box(&json)).unwrap();
            generated.push(cpu_time() - started);
            drop(std::hint::black_box(page));
        }
        if mode != "generated" {
            let started = cpu_time();
            let page: plain::List<plain::DepEnrollmentProfile> =
                serde_json::from_slice(std::hint::black_box(&json)).unwrap();
            plain.push(cpu_time() - started);
            drop(std::hint::black_box(page));
        }
    }
    report(payload, "deserialize", rounds, json.len(), &mut generated, &mut plain);
}

/// Prints the best and the median round of each side, in MB/s of the page, and their ratio.
fn report(payload: Payload, what: &str, rounds: usize, bytes: usize, generated: &mut [f64], plain: &mut [f64]) {
    let rate = |seconds: f64| bytes as f64 / 1e6 / seconds;
    for (name, pick) in [("best", best as fn(&mut [f64]) -> f64), ("median", median)] {
        let (generated, plain) = (pick(generated), pick(plain));
        println!(
            "{payload:?} {what}, {name} of {rounds}: generated {:.1} MB/s, plain derive {:.1} MB/s, ratio {:.3}",
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
