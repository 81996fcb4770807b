#!/usr/bin/env bash
# The change report on Graph v1.0's real history: prints the table docs/change-report.md shows
# (the counts per level and per check of each step, and every breaking row), from the metadata
# versions vendored in tests/fixtures/metadata/ (history/*.csdl.gz and the current v1.0-Prod.csdl).
#
#   bench/change-history.sh [--no-features] [--write | --check]
#
# Each step is `msgraph-codegen diff --workload-features OLD NEW` (release build; `--no-features`
# leaves the features out), timed. docs/change-report.md holds what it prints between its
# `bench/change-history.sh` markers: `--write` puts it there, `--check` fails when the docs differ
# from what it prints today (`.ci/run` checks; the seconds are left out of the comparison).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
flags=(--workload-features) action=print
for argument in "$@"; do
    case "$argument" in
        --no-features) flags=() ;;
        --write) action=write ;;
        --check) action=check ;;
        *) echo "usage: bench/change-history.sh [--no-features] [--write | --check]" >&2; exit 2 ;;
    esac
done
if [ "$action" != print ]; then
    features=()
    [ ${#flags[@]} -eq 0 ] && features=(--no-features)
    printed=$("$0" "${features[@]}")
    exec python3 "$repo/bench/docs_block.py" "$repo/docs/change-report.md" bench/change-history.sh "$action" "$printed"
fi
target_dir=${CARGO_TARGET_DIR:-$repo/target}
work="$target_dir/change-history"
mkdir -p "$work"

cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cli="$target_dir/release/msgraph-codegen"
for gz in "$repo"/tests/fixtures/metadata/history/*.csdl.gz; do
    csdl="$work/$(basename "$gz" .gz)"
    [ -f "$csdl" ] || gunzip -c "$gz" >"$csdl"
done
versions=("$work/v1.0-Prod.2025-10-27.csdl" "$work/v1.0-Prod.2026-06-02.csdl" "$repo/tests/fixtures/metadata/v1.0-Prod.csdl")
names=("2025-10-27" "2026-06-02" "2026-08-20 (current)")

echo "| step | breaking | warning | additive | documentation | seconds |"
echo "|---|---|---|---|---|---|"
for step in 0 1; do
    old=${versions[$step]} new=${versions[$((step + 1))]}
    start=$(date +%s.%N)
    "$cli" diff "${flags[@]}" --format json "$old" "$new" >"$work/step$step.json" 2>"$work/step$step.err"
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    python3 - "$work/step$step.json" "${names[$step]} → ${names[$((step + 1))]}" "$seconds" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
s = report["summary"]
print(f"| {sys.argv[2]} | {s['breaking']} | {s['warning']} | {s['additive']} | {s['documentation']} | {float(sys.argv[3]):.2f} |")
EOF
done
for step in 0 1; do
    echo
    echo "${names[$step]} → ${names[$((step + 1))]}, by check:"
    echo
    python3 - "$work/step$step.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
levels = {c["id"]: c["level"] for c in report["changes"]}
print(", ".join(f"`{check}` {count}" for check, count in report["checks"].items()))
breaking = [c for c in report["changes"] if c["level"] == "breaking"]
if breaking:
    print()
    print("Breaking:")
    print()
for change in breaking:
    message = change["message"]
    if len(message) > 300:
        message = message[:300].rsplit(" ", 1)[0] + " …"
    who = f" (features: {', '.join(change['features'])})" if change.get("features") else ""
    print(f"- `{change['id']}` {message}{who}")
EOF
done
