#!/usr/bin/env bash
# Shows that a refactoring leaves the generated code byte-identical: builds the CLI at REV (in a
# temporary git worktree) and at the working tree, generates the same crates with both — the
# vendored crate from schema/, the hostile-names fixture, and all of Graph v1.0 with namespace
# features — and diffs the two trees.
#
#   bench/compare-output.sh [--compile] REV [OUT_DIR]      (default OUT_DIR: target/compare-output)
#
# Exit status 0 and "identical" when every file matches; otherwise the diff and status 1.
# With --compile, when the trees differ, it also compares what the two v1.0 crates cost to compile:
# `cargo check --all-features` of each (dev profile, no debug info, no incremental state), the
# dependencies built once beforehand, alternating old, new, old, new in one run; it prints each
# run's wall time, CPU time and peak memory.
set -euo pipefail
compile=false
if [ "${1:-}" = --compile ]; then compile=true; shift; fi
rev=${1:?usage: bench/compare-output.sh [--compile] REV [OUT_DIR]}
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$repo/target/compare-output}
rm -rf "$out" && mkdir -p "$out"

echo "==> building the CLI at $rev and at the working tree (release)"
git -C "$repo" worktree add --detach --force "$out/base-src" "$rev" >/dev/null
trap 'git -C "$repo" worktree remove --force "$out/base-src" >/dev/null 2>&1 || true' EXIT
CARGO_TARGET_DIR="$repo/target/compare-output-base" \
    cargo build --release --quiet -p msgraph-codegen --manifest-path "$out/base-src/Cargo.toml"
cargo build --release --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
old="$repo/target/compare-output-base/release/msgraph-codegen"
new="${CARGO_TARGET_DIR:-$repo/target}/release/msgraph-codegen"

mkdir -p "$out/hostile-schema" && cp "$repo/codegen/tests/fixtures/hostile/hostile.json" "$out/hostile-schema/"
"$old" import "$repo/tests/fixtures/metadata/v1.0-Prod.csdl" --out "$out/v1-schema" >/dev/null 2>&1
for side in old new; do
    cli=$old; [ "$side" = new ] && cli=$new
    echo "==> generating with the $side CLI"
    "$cli" generate --schema "$repo/schema" --out "$out/$side/vendored" >/dev/null
    "$cli" generate --schema "$out/hostile-schema" --out "$out/$side/hostile" >/dev/null
    "$cli" generate --schema "$out/v1-schema" --out "$out/$side/v1" --crate-name msgraph-v1 --namespace-features >/dev/null
done
if diff -r -x .msgraph-codegen-cache "$out/old" "$out/new"; then
    echo "identical: $(find "$out/new" -name '*.rs' | wc -l) generated .rs files"
    exit 0
fi
if $compile; then
    echo "==> compile cost of all of v1.0, old and new (cargo check --all-features, dependencies built first)"
    export CARGO_TARGET_DIR="$out/compile-target" CARGO_PROFILE_DEV_DEBUG=0 CARGO_INCREMENTAL=0
    (cd "$out/old/v1" && cargo check --quiet --all-features)
    for side in old new old new; do
        (cd "$out/$side/v1" && cargo clean --quiet -p msgraph-v1 &&
            /usr/bin/time -f "    $side: %e s wall, %U+%S s CPU, %M KiB peak" cargo check --quiet --all-features)
    done
    rm -rf "$out/compile-target"
fi
exit 1
