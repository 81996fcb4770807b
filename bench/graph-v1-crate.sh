#!/usr/bin/env bash
# Generates all of Microsoft Graph v1.0 and checks that the crate compiles cleanly.
#
#   bench/graph-v1-crate.sh [OUT_DIR]        (default: target/graph-v1)
#
# Imports tests/fixtures/metadata/v1.0-Prod.csdl (3,820 types) with the release CLI, generates
# the `msgraph-v1` crate with one cargo feature per namespace, then runs clippy on it with every
# feature and warnings denied, and builds one namespace (`call_records`) alone. Too heavy for
# `cargo test` (minutes on 2 cores); `.ci/run` runs it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/target/graph-v1}
target_dir=${CARGO_TARGET_DIR:-$repo/target}

echo "==> building the msgraph-codegen CLI (release)"
cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cli="$target_dir/release/msgraph-codegen"

echo "==> importing Graph v1.0 metadata into $out/schema"
rm -rf "$out/schema"
"$cli" import "$repo/tests/fixtures/metadata/v1.0-Prod.csdl" --out "$out/schema"

echo "==> generating $out/crate"
"$cli" generate --schema "$out/schema" --out "$out/crate" --crate-name msgraph-v1 --namespace-features

cd "$out/crate"
# The generated crate is a workspace of its own, with its own target folder.
export CARGO_TARGET_DIR="$out/target" RUSTFLAGS="-D warnings"
echo "==> clippy, every namespace, warnings denied"
cargo clippy --quiet --all-features -- -D warnings
echo "==> one namespace alone: call_records"
cargo build --quiet --no-default-features --features call_records
echo "==> Graph v1.0 compiles with -D warnings"
