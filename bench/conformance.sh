#!/usr/bin/env bash
# The v1.0 API reference as a conformance suite: every request line of the API pages (the
# documented syntax and every example) through the crate generated from the v1.0 metadata.
#
#   bench/conformance.sh --git DOCS_GIT_DIR [--commit SHA]   all pages of a clone or mirror of
#                                                            microsoftgraph/microsoft-graph-docs
#   bench/conformance.sh --docs DIR                          all pages of a folder (api-reference/v1.0/api)
#   bench/conformance.sh --sample                            the slice in tests/fixtures/conformance (CI)
#   options: --out DIR (default target/graph-v1, shared with bench/graph-v1-crate.sh), --report FILE
#
# Steps: extract the request lines from the pages (bench's `conformance extract`, through the
# importer's page reader); import tests/fixtures/metadata/v1.0-Prod.csdl (with the docs' extracts
# in tests/fixtures/docs, as graph-v1-crate.sh does) and generate the
# `msgraph-v1` crate (--namespace-features, as graph-v1-crate.sh does: an up-to-date crate is
# not rewritten, so its build is reused); write one test per addressed line into the crate
# (tests/conformance.rs: one file, one test binary); leave out the tests that do not compile and
# name them; run the rest, each recording what it observed; judge every line and write the
# report. The full run writes bench/conformance-report.md (commit it: a newer docs snapshot then
# shows what changed in its diff); --sample compares its summary with
# tests/fixtures/conformance/summary.txt. Fails on any generator defect.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$repo/target/graph-v1
commit=db3ad7292b828f2149fe620c9a6de9f98946b4fd # the docs repository's last commit (2021-07-16)
mode="" docs="" git_dir="" report=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sample) mode=sample ;;
        --docs) mode=docs docs=$2; shift ;;
        --git) mode=git git_dir=$2; shift ;;
        --commit) commit=$2; shift ;;
        --out) out=$2; shift ;;
        --report) report=$2; shift ;;
        *) sed -n '2,20p' "$0" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$mode" ] || { sed -n '2,20p' "$0" >&2; exit 2; }
target_dir=${CARGO_TARGET_DIR:-$repo/target}
work="$out/conformance"
mkdir -p "$work"
started=$(date +%s)

echo "==> building the msgraph-codegen CLI (release) and the conformance tool"
cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cargo build --locked --quiet -p msgraph-bench --bin conformance --manifest-path "$repo/Cargo.toml"
cli="$target_dir/release/msgraph-codegen"
tool="$target_dir/debug/conformance"

link_base=""
case "$mode" in
    sample)
        pages="$repo/tests/fixtures/conformance/api"
        source="tests/fixtures/conformance (a slice of microsoftgraph/microsoft-graph-docs@${commit:0:7})"
        link_base="https://github.com/microsoftgraph/microsoft-graph-docs/blob/$commit/api-reference/v1.0/api/"
        report=${report:-$work/report.md}
        ;;
    docs)
        pages=$docs
        source=$docs
        report=${report:-$work/report.md}
        ;;
    git)
        pages="$work/pages"
        rm -rf "$pages" && mkdir -p "$pages"
        git --git-dir "$git_dir" archive "$commit" api-reference/v1.0/api | tar -x -C "$pages"
        pages="$pages/api-reference/v1.0/api"
        source="microsoftgraph/microsoft-graph-docs@${commit:0:7}"
        link_base="https://github.com/microsoftgraph/microsoft-graph-docs/blob/$commit/api-reference/v1.0/api/"
        report=${report:-$repo/bench/conformance-report.md}
        ;;
esac

case "$report" in /*) ;; *) report="$PWD/$report" ;; esac

echo "==> request lines of $source"
"$tool" extract "$pages" --source "$source" --out "$work/corpus.json"

echo "==> Graph v1.0 from its metadata: $out/crate"
# As bench/graph-v1-crate.sh imports it (with the docs' extracts), so that the crate it built is
# the same and its build is reused.
(cd "$repo" && "$cli" import tests/fixtures/metadata/v1.0-Prod.csdl tests/fixtures/docs/v1.0-pages.json tests/fixtures/docs/v1.0-declarations.json \
    tests/fixtures/docs/v1.0-descriptions.json tests/fixtures/docs/v1.0-beta-declarations.json tests/fixtures/docs/v1.0-beta-pages.json --out "$out/schema" >/dev/null 2>"$work/import.log") ||
    { cat "$work/import.log" >&2; exit 1; }
"$cli" generate --schema "$out/schema" --out "$out/crate" --crate-name msgraph-v1 --namespace-features

echo "==> one test per addressed line, compiled once"
cd "$out/crate"
export CARGO_TARGET_DIR="$out/target"
"$tool" write "$work/corpus.json" "$out/schema" "$out/crate"
messages="$work/messages.json" not_compiled="$work/not-compiled.txt"
: >"$not_compiled"
# rustc reports some errors only once others are gone: leave out the tests that do not compile
# until all the rest do (each round excludes at least one more line, or ends).
excluded=""
for _round in 1 2 3 4 5; do
    cargo test --quiet --all-features --test conformance --no-run --message-format=json >"$messages" || true
    more=$("$tool" compile-errors "$work/corpus.json" "$out/crate" <"$messages" 2>>"$not_compiled")
    [ -z "$more" ] && break
    excluded="${excluded:+$excluded,}$more"
    "$tool" write "$work/corpus.json" "$out/schema" "$out/crate" --exclude "$excluded" >/dev/null
done
echo "$(wc -l <"$not_compiled") tests do not compile (named in the report)"

echo "==> running them"
records="$work/records.jsonl"
rm -f "$records"
CONFORMANCE_RECORDS="$records" RUST_BACKTRACE=0 cargo test --quiet --all-features --test conformance -- --test-threads=2 \
    >"$work/run.log" 2>&1 || { tail -n 30 "$work/run.log" >&2; exit 1; }

echo "==> the verdict"
summary=$("$tool" report "$work/corpus.json" "$out/schema" "$records" --not-compiled "$not_compiled" --out "$report" \
    --verdicts "$work/verdicts.jsonl" \
    --link-base "$link_base" --metadata "tests/fixtures/metadata/v1.0-Prod.csdl" \
    --command "bench/conformance.sh --$mode" --deny-generator-defects yes) || status=$?
echo "$summary"
echo "report: $report ($(($(date +%s) - started)) s)"
if [ "$mode" = sample ]; then
    expected=$(cat "$repo/tests/fixtures/conformance/summary.txt" 2>/dev/null || echo "(no summary.txt)")
    if [ "$summary" != "$expected" ]; then
        echo "the sample's summary changed; if that is right, write it to tests/fixtures/conformance/summary.txt" >&2
        echo "expected: $expected" >&2
        exit 1
    fi
fi
exit "${status:-0}"
