//! Deserializes one page kind in a loop, for `perf record`: the serde benchmark's input without
//! divan around it.
//!
//! ```sh
//! cargo build --release -p msgraph-bench --bin serde_profile
//! perf record -g target/release/serde_profile realistic generated 40   # or `plain`, or `both` (the ratio)
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
    // Interleaved, the fastest round of each (deserializing only, the drop is not timed), so that
    // load from elsewhere on the machine affects both alike.
    let mode = args.get(1).map(String::as_str).unwrap_or("both");
    let (mut generated, mut plain) = (f64::MAX, f64::MAX);
    for _ in 0..rounds {
        if mode != "plain" {
            let started = std::time::Instant::now();
            let page: Collection<DepEnrollmentProfile> = serde_json::from_slice(std::hint::black_box(&json)).unwrap();
            generated = generated.min(started.elapsed().as_secs_f64());
            drop(std::hint::black_box(page));
        }
        if mode != "generated" {
            let started = std::time::Instant::now();
            let page: plain::List<plain::DepEnrollmentProfile> =
                serde_json::from_slice(std::hint::black_box(&json)).unwrap();
            plain = plain.min(started.elapsed().as_secs_f64());
            drop(std::hint::black_box(page));
        }
    }
    let rate = |seconds: f64| json.len() as f64 / 1e6 / seconds;
    println!(
        "{payload:?}: generated {:.1} MB/s, plain derive {:.1} MB/s, ratio {:.3} (best of {rounds})",
        rate(generated),
        rate(plain),
        plain / generated
    );
}
