#!/usr/bin/env bash
# How much of Graph v1.0 the generated crate documents, before and after the docs extracts.
#
#   bench/described.sh [OUT_DIR]        (default: target/described)
#
# Imports tests/fixtures/metadata/v1.0-Prod.csdl alone (the metadata's own Core.Description
# annotations), then with the extract of the 2021 v1.0 resource pages, then with that and the
# extract of msgraph-metadata's 2023 descriptions, then with those and the extract of Graph's
# January 2026 TypeScript declarations, then with those and beta's (August 2025), then with all
# those and what the 2021 beta resource pages describe (both kept to v1.0's elements)
# (tests/fixtures/docs/, made by bench/docs-extract.sh), as
# bench/graph-v1-crate.sh does; prints each import's summary (its
# disagreements by kind), its time, and bench/described.py's table of the types, properties and
# members described. Needs only a clone: no docs repository, no network.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/target/described}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
# Relative to the repository, so that messages name them as the README does.
metadata=tests/fixtures/metadata/v1.0-Prod.csdl
pages=tests/fixtures/docs/v1.0-pages.json
descriptions=tests/fixtures/docs/v1.0-descriptions.json
declarations=tests/fixtures/docs/v1.0-declarations.json
beta=tests/fixtures/docs/v1.0-beta-declarations.json
beta_pages=tests/fixtures/docs/v1.0-beta-pages.json

cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cli=$target_dir/release/msgraph-codegen
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$repo"
import() {
    local name=$1
    shift
    rm -rf "${out:?}/$name"
    /usr/bin/time -f "%e s wall, %U s user, %S s system, %M KiB peak" -o "$out/$name.time" \
        "$cli" import "$@" --out "$out/$name" 2>"$out/$name.log"
    echo "==> $name: $(grep '^imported ' "$out/$name.log")"
    echo "    $(cat "$out/$name.time") (import and write)"
}
import metadata "$metadata"
import pages "$metadata" "$pages"
import pages+descriptions "$metadata" "$pages" "$descriptions"
import declarations "$metadata" "$pages" "$declarations" "$descriptions"
import beta-declarations "$metadata" "$pages" "$declarations" "$descriptions" "$beta"
import all "$metadata" "$pages" "$declarations" "$descriptions" "$beta" "$beta_pages"
echo "    extracts: $(wc -c <"$pages") + $(wc -c <"$declarations") + $(wc -c <"$descriptions") + $(wc -c <"$beta") + $(wc -c <"$beta_pages") bytes"
types=$(jq '[.descriptions | keys[] | select(contains("/") | not)] | length' "$descriptions")
items=$(jq '[.descriptions | keys[] | select(contains("/"))] | length' "$descriptions")
echo "    the descriptions extract describes $types types and $items properties and members"
echo "    the declarations extract describes $(jq '.descriptions | length' "$declarations") properties, beta's $(jq '.descriptions | length' "$beta") of v1.0's"
log=$out/pages+descriptions.log
echo "==> some disagreements in detail (of the pages)"
echo "    base type: $(grep -c '^warning: the page names no base type' "$log") pages name none"
echo "    property type: $(grep -c 'as `String` and the metadata as `[a-z]' "$log") pages write \`String\` for an enum or structured type, $(grep -c 'as `Double` and the metadata as `Single`' "$log") \`Double\` for \`Single\`"
echo "    member not in the metadata: $(grep -c '^warning: the page lists `[^`]*` among the possible values' "$log") from \"Possible values\" lists"
echo
python3 "$repo/bench/described.py" "metadata alone=$out/metadata" "+ 2021 v1.0 pages=$out/pages" \
    "+ 2023 metadata descriptions=$out/pages+descriptions" "+ 2026 TypeScript declarations=$out/declarations" \
    "+ 2025 beta TypeScript declarations=$out/beta-declarations" "+ 2021 beta pages=$out/all"
