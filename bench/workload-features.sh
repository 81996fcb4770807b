#!/usr/bin/env bash
# Generates all of Microsoft Graph v1.0 with one cargo feature per workload (entity set or
# singleton, or large containment subtree) and checks features alone with clippy, warnings denied; with --measure, times the build of
# single workloads and a typical app's set against all features, in one run.
#
#   bench/workload-features.sh [--sample N] [--measure] [--schema DIR] [OUT_DIR]   (default: target/graph-v1-workloads)
#
#   --sample N   check N features alone: users, me, groups, drives, then the others in name
#                order (default: all 266 in v1.0; `.ci/run` checks a sample of 6)
#   --schema DIR generate from the description files in DIR instead of importing v1.0 (`.ci/run`
#                checks every feature of the test fixtures' cut of v1.0 this way:
#                `--schema codegen/tests/fixtures/addressing`, 13 features; default OUT_DIR
#                target/workload-features-cut)
#   --measure    then time `cargo build` (dev profile, debug = 0) of the crate alone with `users`,
#                with `users,groups,me,drives`, and with every feature, and print the ratios
#
# Too slow for `cargo test` (266 checks, about 5 minutes); `.ci/run` runs a sample.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sample=0
measure=false
schema=
out=
while [ $# -gt 0 ]; do
    case "$1" in
        --sample) sample=$2; shift 2 ;;
        --measure) measure=true; shift ;;
        --schema) schema=$(cd "$2" && pwd); shift 2 ;;
        *) out=$1; shift ;;
    esac
done
if [ -z "$out" ]; then
    if [ -n "$schema" ]; then out=$repo/target/workload-features-cut; else out=$repo/target/graph-v1-workloads; fi
fi
target_dir=${CARGO_TARGET_DIR:-$repo/target}

echo "==> building the msgraph-codegen CLI (release)"
cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cli="$target_dir/release/msgraph-codegen"
mkdir -p "$out"
if [ -z "$schema" ]; then
    rm -rf "$out/schema"
    # The metadata with the docs extracts, as bench/graph-v1-crate.sh imports it.
    (cd "$repo" && "$cli" import tests/fixtures/metadata/v1.0-Prod.csdl tests/fixtures/docs/v1.0-pages.json tests/fixtures/docs/v1.0-declarations.json \
        tests/fixtures/docs/v1.0-descriptions.json tests/fixtures/docs/v1.0-beta-declarations.json tests/fixtures/docs/v1.0-beta-pages.json --out "$out/schema" 2>"$out/import.log") || { cat "$out/import.log"; exit 1; }
    schema=$out/schema
fi
"$cli" generate --schema "$schema" --out "$out/crate" --crate-name msgraph-v1 --workload-features

cd "$out/crate"
export CARGO_TARGET_DIR="$out/target"
features=$(sed -n 's/^\([a-z0-9_]*\) = \[\] # \/.*/\1/p' Cargo.toml)
ordered=$(printf 'users\nme\ngroups\ndrives\n' | grep -Fx -f <(printf '%s\n' "$features"); printf '%s\n' "$features" | grep -vxE 'users|me|groups|drives')
if [ "$sample" -gt 0 ]; then ordered=$(printf '%s\n' "$ordered" | head -n "$sample"); fi
count=$(printf '%s\n' "$ordered" | wc -l)
echo "==> $count of $(printf '%s\n' "$features" | wc -l) workload features, each alone, warnings denied"
cargo fetch --quiet
for feature in $ordered; do
    types=$(sed -n "s/^$feature = \[\] # [^:]*: \([0-9]*\) types/\1/p" Cargo.toml)
    start=$(date +%s)
    RUSTFLAGS="-D warnings" cargo clippy --quiet --no-default-features --features "$feature" -- -D warnings
    echo "  $feature ($types types): ok in $(( $(date +%s) - start ))s"
done

if $measure; then
    echo "==> compile time and peak memory of the crate alone (dev, debug = 0)"
    export CARGO_PROFILE_DEV_DEBUG=0
    cargo build --quiet --no-default-features --features users # dependencies, not timed
    measure_one() {
        cargo clean --quiet -p msgraph-v1
        /usr/bin/time -f "%e %M" -o "$out/time.txt" cargo build --quiet --no-default-features --features "$1"
        read -r seconds kib <"$out/time.txt"
        echo "$seconds $kib"
    }
    read -r all_s all_k < <(measure_one full)
    for set in users users,groups,me,drives; do
        read -r s k < <(measure_one "$set")
        awk -v set="$set" -v s="$s" -v k="$k" -v as="$all_s" -v ak="$all_k" 'BEGIN {
            printf "  %-22s %7.1f s (%.3f of all) %6.0f MiB (%.3f of all)\n", set, s, s / as, k / 1024, k / ak }'
    done
    awk -v s="$all_s" -v k="$all_k" 'BEGIN { printf "  %-22s %7.1f s             %6.0f MiB\n", "all features", s, k / 1024 }'
fi
