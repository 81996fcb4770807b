#!/usr/bin/env bash
# Generates all of Microsoft Graph v1.0 and checks that the crate compiles cleanly.
#
#   bench/graph-v1-crate.sh [OUT_DIR]        (default: target/graph-v1)
#
# Imports tests/fixtures/metadata/v1.0-Prod.csdl (3,820 types) with the release CLI, merged with
# the extracts of tests/fixtures/docs/ (what the 2021 v1.0 resource pages document, the property
# descriptions of Graph's 2026 TypeScript declarations, msgraph-metadata's 2023 descriptions,
# beta's 2025 declarations and the 2021 beta pages' text, both kept to v1.0's elements, preferred
# in that order; see
# bench/docs-extract.sh; the import's warnings go to OUT_DIR/import.log), generates
# the `msgraph-v1` crate with one cargo feature per namespace, then runs clippy and rustdoc on it
# with every feature and warnings denied, and builds one namespace (`call_records`) alone. Then the
# request-lines check: the real request lines of tests/fixtures/request-lines/v1.0.json become
# tests of the crate (bench's `request-lines` bin); a test that does not compile (a call the
# crate lacks) is named and left out, the others run, and it reports "N of M request lines
# addressed"; a sample of them goes through `runtime::Client` to a local server. Too heavy for `cargo test` (minutes on 2 cores); `.ci/run` runs it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/target/graph-v1}
target_dir=${CARGO_TARGET_DIR:-$repo/target}

echo "==> building the msgraph-codegen CLI (release) and the request-lines translator"
cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cargo build --locked --quiet -p msgraph-bench --bin request-lines --manifest-path "$repo/Cargo.toml"
cli="$target_dir/release/msgraph-codegen"
request_lines="$target_dir/debug/request-lines"
fixture="$repo/tests/fixtures/request-lines/v1.0.json"

echo "==> importing Graph v1.0 metadata with the docs extracts into $out/schema"
rm -rf "$out/schema"
mkdir -p "$out"
(cd "$repo" && "$cli" import tests/fixtures/metadata/v1.0-Prod.csdl tests/fixtures/docs/v1.0-pages.json tests/fixtures/docs/v1.0-declarations.json \
    tests/fixtures/docs/v1.0-descriptions.json tests/fixtures/docs/v1.0-beta-declarations.json tests/fixtures/docs/v1.0-beta-pages.json --out "$out/schema" 2>"$out/import.log") || { cat "$out/import.log"; exit 1; }
grep '^imported ' "$out/import.log"

echo "==> generating $out/crate"
"$cli" generate --schema "$out/schema" --out "$out/crate" --crate-name msgraph-v1 --namespace-features

cd "$out/crate"
# The generated crate is a workspace of its own, with its own target folder.
export CARGO_TARGET_DIR="$out/target" RUSTFLAGS="-D warnings"
echo "==> clippy, every namespace, warnings denied"
cargo clippy --quiet --all-features -- -D warnings
echo "==> rustdoc of every namespace, warnings denied (about a minute)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --all-features --no-deps
# Each type's requests have a page of their own, so the generic builders' pages stay small.
for page in Item Items; do
    size=$(wc -c <"$CARGO_TARGET_DIR/doc/msgraph_v1/runtime/struct.$page.html")
    echo "    runtime::$page's page: $size bytes"
    if [ "$size" -ge 50000 ]; then
        echo "error: the rustdoc page of runtime::$page is $size bytes, over 50 KB: its methods belong on the types' requests (codegen/runtime/src/address.rs)" >&2
        exit 1
    fi
done
echo "==> one namespace alone: call_records"
cargo build --quiet --no-default-features --features call_records
echo "==> Graph v1.0 compiles with -D warnings"

echo "==> request lines of the v1.0 docs through the generated API"
unset RUSTFLAGS # the generated tests are checked for behaviour, not lints
"$request_lines" write "$fixture" "$out/schema" "$out/crate"
messages="$out/request-lines-messages.json"
# rustc reports some errors only once others are gone: leave out the tests that do not compile
# until all the rest do (each round excludes at least one more line, or ends).
excluded=""
for _round in 1 2 3 4 5; do
    cargo test --quiet --all-features --test request_lines --no-run --message-format=json >"$messages" || true
    more=$("$request_lines" compile-errors "$fixture" "$out/crate" <"$messages")
    [ -z "$more" ] && break
    excluded="${excluded:+$excluded,}$more"
    "$request_lines" write "$fixture" "$out/schema" "$out/crate" --exclude "$excluded" >/dev/null
done
results="$out/request-lines-results.txt"
RUST_BACKTRACE=0 cargo test --quiet --all-features --test request_lines -- --test-threads=2 >"$results" 2>&1 || true
# Each failing line: its test's output (the error, or the URL it built against the page's).
awk '/^---- /{show=1} /^failures:$/{show=0} show && !/^note: /' "$results"
read -r lines skipped < <("$request_lines" counts "$fixture")
passed=$(sed -n 's/^test result: .*[^0-9]\([0-9][0-9]*\) passed.*/\1/p' "$results" | tail -1)
echo "==> ${passed:-0} of $lines request lines addressed (and their responses parsed); $skipped more the metadata cannot address"
echo "==> a sample of them through runtime::Client and a local server"
cargo test --quiet --all-features --test request_lines_client
