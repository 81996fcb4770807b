//! Generation time on all of Graph v1.0 (3,820 types imported from the CSDL fixture), per stage,
//! and end to end at 10%, 25%, 50% and 100% of the types, to show how the cost grows.
//!
//! `cargo bench -p msgraph-bench --bench generation`. The figures are in the README.

use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::ItemsCount;
use msgraph_bench::graph_v1;
use msgraph_codegen::Config;
use msgraph_codegen::schema::DescriptionFile;

/// The allocator of the `msgraph-codegen` binary, so that these figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

static GRAPH_V1: LazyLock<Vec<(String, DescriptionFile)>> = LazyLock::new(graph_v1::descriptions);

/// What `msgraph-codegen generate --namespace-features` uses for Graph v1.0.
fn config() -> Config {
    Config::new("schema").crate_name("msgraph-v1").namespace_features(true)
}

/// Load (parse the JSON of every description file), lower, emit and format, end to end.
#[divan::bench(args = [10, 25, 50, 100], sample_count = 3, sample_size = 1)]
fn end_to_end(bencher: Bencher, percent: usize) {
    let subset = graph_v1::subset(&GRAPH_V1, percent);
    let sources = graph_v1::sources(&subset);
    bencher.counter(ItemsCount::new(graph_v1::type_count(&subset))).with_inputs(|| sources.clone()).bench_local_values(
        |sources| {
            let files = graph_v1::load(sources);
            config().generate_from(&files).unwrap().files().unwrap()
        },
    );
}

/// Each stage alone on all of v1.0, its input prepared outside the timing.
mod stage {
    use super::*;

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn load(bencher: Bencher) {
        let sources = graph_v1::sources(&GRAPH_V1);
        bencher.with_inputs(|| sources.clone()).bench_local_values(graph_v1::load);
    }

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn lower(bencher: Bencher) {
        let files = graph_v1::load(graph_v1::sources(&GRAPH_V1));
        bencher.bench_local(|| config().lower(&files).unwrap());
    }

    /// Every type emitted (`Config::emit` leaves the types to `files()`/`write_to`, which skip
    /// those the format cache holds; this is the whole emission, as `files()` does it).
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn emit(bencher: Bencher) {
        let api = config().lower(&graph_v1::load(graph_v1::sources(&GRAPH_V1))).unwrap();
        bencher.bench_local(|| msgraph_codegen::emit::emit(&api).unwrap());
    }

    /// `files()`: emitting the types and formatting every file (no cache).
    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn format(bencher: Bencher) {
        let generated = config().generate_from(&graph_v1::load(graph_v1::sources(&GRAPH_V1))).unwrap();
        bencher.bench_local(|| generated.files().unwrap());
    }
}
