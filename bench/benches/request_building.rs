//! Request building: a `GET` by two keys with `$select`, and a list with `$filter`, `$select`
//! and `$top`, each made into its `http::Request` (`to_http`), with plain keys (GUIDs, as Graph's
//! ids are) and with keys and a filter that need percent-encoding (spaces, `/ ? # % :`, CR/LF,
//! non-ASCII). Percent-encoding the path and the query is what this measures beside building.
//!
//! ```sh
//! cargo bench -p msgraph-bench --bench request_building
//! ```

use std::hint::black_box;

use msgraph_beta::http;
use msgraph_beta::requests::dep_enrollment_profile as profiles;
use msgraph_beta::runtime::Cloud;

fn main() {
    divan::main();
}

const PLAIN: (&str, &str, &str) = (
    "6c7f5b0e-3e2a-4c61-9a43-1d2a8f0b7e55",
    "0b2d4f6a-8c1e-4a3b-9d5f-7e6a1c3b5d7f",
    "displayName eq 'Contoso profile'",
);
const HOSTILE: (&str, &str, &str) = (
    "a b/c?d#e%f:g",
    "Zürich 東京 \r\n ünïcödé",
    "startswith(displayName, 'R&D / Forschung: Zürich #1 ?') and description eq '100% \r\n'",
);

#[divan::bench(args = ["plain", "hostile"])]
fn get_with_select(which: &str) -> http::Request<Vec<u8>> {
    let (a, b, _) = if which == "plain" { PLAIN } else { HOSTILE };
    let request = profiles::get(black_box(a), black_box(b)).select(["id", "displayName", "description"]);
    request.to_http(&Cloud::Global).unwrap()
}

#[divan::bench(args = ["plain", "hostile"])]
fn list_with_filter(which: &str) -> http::Request<Vec<u8>> {
    let (a, _, filter) = if which == "plain" { PLAIN } else { HOSTILE };
    let request = profiles::list(black_box(a)).filter(black_box(filter)).select(["id", "displayName"]).top(50);
    request.to_http(&Cloud::Global).unwrap()
}
