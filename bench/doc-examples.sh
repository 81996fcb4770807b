#!/usr/bin/env bash
# Every Rust example of the README and of docs/*.md runs in the test command: runs the doc tests
# of msgraph-beta and compares, file by file, what ran with the file's Rust blocks.
#
#   bench/doc-examples.sh
#
# generated/src/lib.rs includes each file with a #[cfg(doctest)] struct, so its ```rust blocks
# run as doc tests and its ```rust,no_run blocks compile; its ```rust,ignore blocks (the path
# builders of a crate generated from metadata) are ignored by rustdoc and run by
# codegen/tests/addressing.rs instead, whose `every_rust_example_of_the_documentation_runs`
# also fails on a Rust fence that neither runs. Exits with 1 when a file is not included, a doc
# test fails, or a file's passed and ignored doc tests are not its blocks.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
ran=$(cargo test -p msgraph-beta --doc 2>&1) || { echo "$ran" >&2; exit 1; }
status=0
for file in README.md docs/*.md; do
    struct=$(grep -F -A2 "include_str!(\"../../$file\")" generated/src/lib.rs | sed -n 's/^pub struct \([A-Za-z]*\);/\1/p')
    if [ -z "$struct" ]; then
        echo "$file: not included as doc tests by generated/src/lib.rs" >&2
        status=1
        continue
    fi
    blocks=$(grep -cE '^ *```rust(,no_run)?$' "$file" || true)
    ignore=$(grep -cE '^ *```rust,ignore$' "$file" || true)
    passed=$(grep -cE "^test generated/src/lib.rs - $struct \(line [0-9]+\)( - compile)? \.\.\. ok$" <<<"$ran" || true)
    ignored=$(grep -cE "^test generated/src/lib.rs - $struct \(line [0-9]+\) \.\.\. ignored$" <<<"$ran" || true)
    printf '%-28s %-26s %d of %d blocks passed; %d of %d rust,ignore left to codegen/tests/addressing.rs\n' \
        "$file" "$struct" "$passed" "$blocks" "$ignored" "$ignore"
    if [ "$passed" != "$blocks" ] || [ "$ignored" != "$ignore" ]; then
        echo "$file: the doc tests that ran are not its Rust blocks" >&2
        status=1
    fi
done
exit $status
