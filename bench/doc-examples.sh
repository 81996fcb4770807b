#!/usr/bin/env bash
# Every Rust example of the README and of docs/*.md runs in the test command: counts the
# examples of each file and compares them with what the test command runs.
#
#   bench/doc-examples.sh
#
# ```rust and ```rust,no_run blocks are doc tests of msgraph-beta (generated/src/lib.rs includes
# each file with a #[cfg(doctest)] struct), listed here with `cargo test -p msgraph-beta --doc --
# --list`; ```rust,ignore blocks (the path builders of a crate generated from metadata) are run
# by codegen/tests/addressing.rs, which also fails on any Rust fence that neither runs. Exits
# with 1 when a file's doc tests are not its ```rust and ```rust,no_run blocks.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
listed=$(cargo test -q -p msgraph-beta --doc -- --list 2>/dev/null)
status=0
for file in README.md docs/*.md; do
    struct=$(sed -n "/include_str!(\"..\/..\/${file//\//\\/}\")/,/pub struct/p" generated/src/lib.rs | sed -n 's/^pub struct \([A-Za-z]*\);/\1/p')
    blocks=$(grep -cE '^ *```rust(,no_run)?$' "$file" || true)
    ignored=$(grep -cE '^```rust,ignore$' "$file" || true)
    if [ -z "$struct" ]; then
        echo "$file: not included as doc tests by generated/src/lib.rs" >&2
        status=1
        continue
    fi
    tests=$(grep -cE "^generated/src/lib.rs - $struct \(line [0-9]+\)" <<<"$listed" || true)
    printf '%-28s %2d doc tests of %2d blocks (%s), %d rust,ignore for codegen/tests/addressing.rs\n' \
        "$file" "$tests" "$blocks" "$struct" "$ignored"
    if [ "$tests" != "$blocks" ]; then
        echo "$file: $blocks Rust blocks but $tests doc tests" >&2
        status=1
    fi
done
exit $status
