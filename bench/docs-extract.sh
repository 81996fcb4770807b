#!/usr/bin/env bash
# Makes the extracts the v1.0 crate takes its descriptions from (tests/fixtures/docs/), from the
# pinned commits of their repositories, and checks that an extract imports as its pages do.
#
#   bench/docs-extract.sh [--docs-git DIR] [--metadata-git DIR] [--typings-git DIR]
#                         [--beta-typings-git DIR] [--check]
#
#   --docs-git DIR       a clone (bare or not) of microsoftgraph/microsoft-graph-docs that has
#                        $DOCS_COMMIT; without it, that one commit is fetched from GitHub
#   --metadata-git DIR   the same for microsoftgraph/msgraph-metadata and $METADATA_COMMIT
#   --typings-git DIR    the same for microsoftgraph/msgraph-typescript-typings and $TYPINGS_COMMIT
#   --beta-typings-git DIR  the same for microsoftgraph/msgraph-beta-typescript-typings and
#                        $BETA_TYPINGS_COMMIT
#   --check              write nothing: fail if the committed extracts differ from the ones made
#
# tests/fixtures/docs/v1.0-pages.json: what the 1,239 v1.0 resource pages of the docs repository's
# last snapshot (July 2021; the docs moved to microsoft-graph-docs-contrib) document, as the
# importer reads them (`msgraph-codegen extract`). tests/fixtures/docs/v1.0-descriptions.json:
# the Core.Description annotations of msgraph-metadata's v1.0 metadata "with descriptions" at the
# last commit whose copy of that file the mirror used here holds (May 2023).
# tests/fixtures/docs/v1.0-declarations.json: the property descriptions of Graph's TypeScript
# declarations (microsoft-graph.d.ts, generated from the same metadata with descriptions, January
# 2026), which an import takes before the 2023 ones (extracts are preferred in the order given).
# tests/fixtures/docs/v1.0-beta-declarations.json: the same from beta's declarations (August 2025,
# the newest copy the mirror used here holds), kept only for the elements the v1.0 metadata
# defines (`extract --only-in`): beta's text for what v1.0's sources leave undescribed (so it must
# be made again when the metadata fixture changes). tests/fixtures/docs/v1.0-beta-pages.json: what
# the 2,935 beta resource pages of the same docs snapshot document, as descriptions by element
# (`extract --as-descriptions`: their structure is beta's, not merged) kept to v1.0's elements,
# taken last (mostly the text of types no other source describes). Then, on the whole
# snapshot: the v1.0 metadata imported with the pages and with their extract must give the same
# description files and the same warnings (the extract stands in for the pages exactly), and how
# long each import takes; and, for the types still without a description, why (bench/left-types.py).
# The described share is printed by bench/described.sh.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
DOCS_REPOSITORY=microsoftgraph/microsoft-graph-docs
DOCS_COMMIT=db3ad7292b828f2149fe620c9a6de9f98946b4fd
DOCS_PATH=api-reference/v1.0/resources
DOCS_BETA_PATH=api-reference/beta/resources
METADATA_REPOSITORY=microsoftgraph/msgraph-metadata
METADATA_COMMIT=2cfb1efab2d78bf5954e357976e1e8c3e6f8c345
METADATA_PATH=clean_v10_metadata/cleanMetadataWithDescriptionsv1.0.xml
TYPINGS_REPOSITORY=microsoftgraph/msgraph-typescript-typings
TYPINGS_COMMIT=4a60653b8916cb54cc6ca44b10bdcb272b2457e1
TYPINGS_PATH=microsoft-graph.d.ts
BETA_TYPINGS_REPOSITORY=microsoftgraph/msgraph-beta-typescript-typings
BETA_TYPINGS_COMMIT=1d8ab636a60646254360c19c5fb9b8f5d01506ff
docs_git=""
metadata_git=""
typings_git=""
beta_typings_git=""
check=false
while [ $# -gt 0 ]; do
    case "$1" in
        --docs-git) docs_git=$2; shift 2 ;;
        --metadata-git) metadata_git=$2; shift 2 ;;
        --typings-git) typings_git=$2; shift 2 ;;
        --beta-typings-git) beta_typings_git=$2; shift 2 ;;
        --check) check=true; shift ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
target_dir=${CARGO_TARGET_DIR:-$repo/target}
work=$target_dir/docs-extract
fixtures=$repo/tests/fixtures/docs
metadata=$repo/tests/fixtures/metadata/v1.0-Prod.csdl

# A git directory that has `commit` of `repository`: the one given, or one commit fetched.
git_dir() {
    local given=$1 repository=$2 commit=$3 name=$4
    if [ -n "$given" ]; then
        git -C "$given" rev-parse --git-dir | (cd "$given" && xargs realpath)
        return
    fi
    local dir=$work/git/$name
    if ! git --git-dir="$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
        rm -rf "$dir"
        git init --quiet --bare "$dir"
        git --git-dir="$dir" fetch --quiet --depth 1 "https://github.com/$repository.git" "$commit" >&2
    fi
    echo "$dir"
}

echo "==> building the msgraph-codegen CLI (release)"
cargo build --release --locked --quiet -p msgraph-codegen --manifest-path "$repo/Cargo.toml"
cli=$target_dir/release/msgraph-codegen

echo "==> $DOCS_REPOSITORY at $DOCS_COMMIT: $DOCS_PATH"
docs=$(git_dir "$docs_git" "$DOCS_REPOSITORY" "$DOCS_COMMIT" docs)
rm -rf "$work/graph-docs" && mkdir -p "$work/graph-docs"
# The pages go under a folder named graph-docs/, which is how messages and the extract name them.
git --git-dir="$docs" archive "$DOCS_COMMIT" "$DOCS_PATH" "$DOCS_BETA_PATH" | tar -x -C "$work/graph-docs"
pages=$work/graph-docs/$DOCS_PATH
beta_pages=$work/graph-docs/$DOCS_BETA_PATH
echo "    $(find "$pages" -name '*.md' | wc -l) pages, $(du -sh "$pages" | cut -f1); beta: $(find "$beta_pages" -name '*.md' | wc -l) pages"

echo "==> $METADATA_REPOSITORY at $METADATA_COMMIT: $METADATA_PATH"
meta=$(git_dir "$metadata_git" "$METADATA_REPOSITORY" "$METADATA_COMMIT" metadata)
git --git-dir="$meta" show "$METADATA_COMMIT:$METADATA_PATH" >"$work/v1.0-descriptions.csdl"
echo "    $(du -h "$work/v1.0-descriptions.csdl" | cut -f1)"

echo "==> $TYPINGS_REPOSITORY at $TYPINGS_COMMIT: $TYPINGS_PATH"
typings=$(git_dir "$typings_git" "$TYPINGS_REPOSITORY" "$TYPINGS_COMMIT" typings)
git --git-dir="$typings" show "$TYPINGS_COMMIT:$TYPINGS_PATH" >"$work/microsoft-graph.d.ts"
echo "    $(du -h "$work/microsoft-graph.d.ts" | cut -f1)"

echo "==> $BETA_TYPINGS_REPOSITORY at $BETA_TYPINGS_COMMIT: $TYPINGS_PATH"
beta_typings=$(git_dir "$beta_typings_git" "$BETA_TYPINGS_REPOSITORY" "$BETA_TYPINGS_COMMIT" beta-typings)
mkdir -p "$work/beta"
git --git-dir="$beta_typings" show "$BETA_TYPINGS_COMMIT:$TYPINGS_PATH" >"$work/beta/microsoft-graph.d.ts"
echo "    $(du -h "$work/beta/microsoft-graph.d.ts" | cut -f1)"

timed() {
    /usr/bin/time -f "%e s wall, %U s user + %S s system, %M KiB peak" -o "$work/time.txt" "$@"
    cat "$work/time.txt"
}
echo "==> extracting"
mkdir -p "$work/made"
timed "$cli" extract "$pages" --out "$work/made/v1.0-pages.json" --repository "$DOCS_REPOSITORY" \
    --commit "$DOCS_COMMIT" --source-path "$DOCS_PATH" --license "CC-BY-4.0 (LICENSE of the repository)"
timed "$cli" extract "$work/v1.0-descriptions.csdl" --out "$work/made/v1.0-descriptions.json" \
    --repository "$METADATA_REPOSITORY" --commit "$METADATA_COMMIT" --source-path "$METADATA_PATH" --license MIT
timed "$cli" extract "$work/microsoft-graph.d.ts" --out "$work/made/v1.0-declarations.json" \
    --repository "$TYPINGS_REPOSITORY" --commit "$TYPINGS_COMMIT" --source-path "$TYPINGS_PATH" --license MIT
timed "$cli" extract "$work/beta/microsoft-graph.d.ts" --only-in "$metadata" --out "$work/made/v1.0-beta-declarations.json" \
    --repository "$BETA_TYPINGS_REPOSITORY" --commit "$BETA_TYPINGS_COMMIT" --source-path "$TYPINGS_PATH" --license MIT
timed "$cli" extract "$beta_pages" --as-descriptions --only-in "$metadata" --out "$work/made/v1.0-beta-pages.json" \
    --repository "$DOCS_REPOSITORY" --commit "$DOCS_COMMIT" --source-path "$DOCS_BETA_PATH" \
    --license "CC-BY-4.0 (LICENSE of the repository)"

echo "==> the v1.0 metadata with the pages, and with their extract: the same descriptions and warnings"
rm -rf "$work/alone" "$work/with-pages" "$work/with-extract" "$work/with-both"
# Relative paths, so that messages name the pages and extracts as the committed logs do.
cd "$work"
echo "    metadata alone:                 $(timed "$cli" import "$metadata" --out alone 2>/dev/null)"
echo "    metadata and the 1,239 pages:   $(timed "$cli" import "$metadata" "graph-docs/$DOCS_PATH" --out with-pages 2>with-pages.log)"
echo "    metadata and their extract:     $(timed "$cli" import "$metadata" made/v1.0-pages.json --out with-extract 2>with-extract.log)"
echo "    metadata and all extracts:      $(timed "$cli" import "$metadata" made/v1.0-pages.json made/v1.0-declarations.json made/v1.0-descriptions.json made/v1.0-beta-declarations.json made/v1.0-beta-pages.json --out with-both 2>with-both.log)"
echo "    (each writes 3,821 files; a merged import also checks them through the generator's lowering)"
diff -r with-pages with-extract
diff <(grep -v '^imported \|description files)$' with-pages.log) <(grep -v '^imported \|description files)$' with-extract.log)
echo "    same $(ls with-pages | wc -l) files, same $(grep -c '^warning' with-pages.log) warnings"
cd "$repo"

for name in v1.0-pages.json v1.0-declarations.json v1.0-descriptions.json v1.0-beta-declarations.json v1.0-beta-pages.json; do
    if $check; then
        cmp "$work/made/$name" "$fixtures/$name" || { echo "tests/fixtures/docs/$name is not the extract made now; run bench/docs-extract.sh" >&2; exit 1; }
    else
        mkdir -p "$fixtures" && cp "$work/made/$name" "$fixtures/$name"
    fi
    echo "==> tests/fixtures/docs/$name: $(wc -c <"$fixtures/$name") bytes"
done

echo "==> what the snapshot says about the types the import leaves without a description"
python3 "$repo/bench/left-types.py" "$work/with-both" "$pages"
