#!/usr/bin/env python3
"""Keeps a block of a doc file equal to what a command prints today.

    bench/docs_block.py DOC NAME write|check TEXT

The block is the text between `<!-- NAME: start -->` and `<!-- NAME: end -->` in DOC. `write`
replaces it with TEXT; `check` exits with 1, naming the command to run, when the block differs
from TEXT. Timings vary from run to run, so a table cell that is only a number of seconds
(`| 1.24 |`, `| 1.2 s |`) is left out of the comparison.
"""
import re
import sys


def without_timings(text):
    return re.sub(r"\| [0-9]+(?:\.[0-9]+)?(?: s)? \|", "| … |", text.strip("\n"))


def main(doc, name, action, printed):
    text = open(doc).read()
    start, end = f"<!-- {name}: start -->\n", f"<!-- {name}: end -->"
    if start not in text or end not in text:
        print(f"{doc}: no block `{start.strip()}` … `{end}`", file=sys.stderr)
        return 2
    before, rest = text.split(start, 1)
    current, after = rest.split(end, 1)
    printed = printed.strip("\n")
    if action == "write":
        open(doc, "w").write(before + start + printed + "\n" + end + after)
        print(f"{doc}: wrote the block of {name}")
        return 0
    if without_timings(current) != without_timings(printed):
        print(f"{doc} does not hold what {name} prints today; run `{name} --write`", file=sys.stderr)
        return 1
    print(f"{doc}: the block of {name} is what it prints today")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[3] not in ("write", "check"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
