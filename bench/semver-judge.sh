#!/usr/bin/env bash
# An independent judge of the change report: cargo-semver-checks on the crates generated from two
# versions of Graph v1.0's metadata, feature by feature, matched against the report's breaking rows
# (bench/semver_judge.py says how, and what semver-checks cannot see).
#
#   bench/semver-judge.sh [--features a,b,…] [--full] [--step 1|2] [OUT_DIR]   (default OUT_DIR: target/semver-judge)
#
#   --features   the workload features to check each alone (default: users, groups, chats,
#                device_management, and every feature a breaking row names, except `full`)
#   --full       also check `full` (all of v1.0: about 6 minutes and 2.7 GB per step)
#   --step N     only step N: 1 is 2025-10-27 → 2026-06-02, 2 is 2026-06-02 → current
#
# The history is vendored in tests/fixtures/metadata/. Needs cargo-semver-checks
# (`cargo install --locked cargo-semver-checks --version 0.51.0`; `.ci/run` installs it). Exits 1 when a finding
# has no breaking row or a breaking row is unexplained. Figures: bench/BENCHMARKS.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
features_arg="" full=false only_step="" out=$repo/target/semver-judge
while [ $# -gt 0 ]; do
    case "$1" in
        --features) features_arg=$2; shift 2 ;;
        --full) full=true; shift ;;
        --step) only_step=$2; shift 2 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) out=$1; shift ;;
    esac
done
if ! cargo semver-checks --version >/dev/null 2>&1; then
    echo "error: cargo-semver-checks is not installed" >&2
    echo "  = help: cargo install --locked cargo-semver-checks --version 0.51.0" >&2
    exit 2
fi
target_dir=${CARGO_TARGET_DIR:-$repo/target}
mkdir -p "$out"
cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cli="$target_dir/release/msgraph-codegen"

versions=(2025-10-27 2026-06-02 current)
metadata() {
    if [ "$1" = current ]; then
        echo "$repo/tests/fixtures/metadata/v1.0-Prod.csdl"
    else
        local csdl="$out/v1.0-Prod.$1.csdl"
        [ -f "$csdl" ] || gunzip -c "$repo/tests/fixtures/metadata/history/v1.0-Prod.$1.csdl.gz" >"$csdl"
        echo "$csdl"
    fi
}
crate() { # the crate of version $1, generated once
    local dir="$out/crate-$1"
    if [ ! -f "$dir/Cargo.toml" ]; then
        "$cli" import "$(metadata "$1")" --out "$out/schema-$1" >/dev/null 2>&1
        "$cli" generate --schema "$out/schema-$1" --out "$dir" --crate-name msgraph-v1 --workload-features >/dev/null 2>&1
    fi
    echo "$dir"
}

status=0
for step in 1 2; do
    [ -n "$only_step" ] && [ "$only_step" != "$step" ] && continue
    old=${versions[$((step - 1))]} new=${versions[$step]}
    echo "==> step $step: $old → $new"
    old_crate=$(crate "$old") new_crate=$(crate "$new")
    report="$out/step$step.json"
    "$cli" diff --workload-features --format json "$(metadata "$old")" "$(metadata "$new")" >"$report" 2>/dev/null
    if [ -n "$features_arg" ]; then
        features=${features_arg//,/ }
    else
        named=$(python3 -c 'import json,sys; print(" ".join(sorted({f for c in json.load(open(sys.argv[1]))["changes"] if c["level"] == "breaking" for f in c.get("features", [])})))' "$report")
        features="users groups chats device_management $named"
    fi
    # The features both crates declare (read whole: `grep -q` in a pipe would end it early).
    both=$(comm -12 <(sed -n 's/^\([a-z0-9_]*\) = \[.*/\1/p' "$old_crate/Cargo.toml" | sort) \
        <(sed -n 's/^\([a-z0-9_]*\) = \[.*/\1/p' "$new_crate/Cargo.toml" | sort))
    runs=()
    for feature in $(printf '%s\n' $features | sort -u); do
        if [ "$feature" = full ] && ! $full; then continue; fi
        if ! printf '%s\n' "$both" | grep -qx -- "$feature"; then
            echo "  $feature: not a feature of both crates, skipped"
            continue
        fi
        log="$out/step$step-$feature.txt"
        start=$(date +%s)
        CARGO_TARGET_DIR="$out/target" cargo semver-checks --color never \
            --manifest-path "$new_crate/Cargo.toml" --baseline-root "$old_crate" \
            --only-explicit-features --features "$feature" >"$log" 2>&1 || true
        if ! grep -q 'Checked \[' "$log"; then
            echo "error: cargo semver-checks did not run for $feature:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        echo "  $feature: $(sed -n 's/^ *Checked \[[^]]*\] //p' "$log" | head -1), $(( $(date +%s) - start )) s"
        runs+=("$feature=$log")
    done
    python3 "$repo/bench/semver_judge.py" "$report" "${runs[@]}" || status=1
done
exit $status
