#!/usr/bin/env python3
"""What the docs snapshot says about the types an import left without a description.

    bench/left-types.py SCHEMA_DIR PAGES_DIR

SCHEMA_DIR holds description files (the v1.0 metadata imported with the docs extracts);
PAGES_DIR the resource pages the extract was made from. Each type without a description falls in
the first of these that holds:

- its page has no text (a placeholder such as "Not yet documented", or no summary);
- an enum listed on an enum-values page (`### x values` with a member table, as enums.md writes
  every enum without a page of its own): members, no text about the type;
- named on other pages only (a property's type, a link): no page of its own;
- not on any page of the snapshot: added to Graph after it, or renamed since.

bench/docs-extract.sh runs it; it is a report, not a test.
"""
import collections
import json
import pathlib
import re
import sys


def main(schema, pages):
    texts = {path.name: path.read_text(errors="replace") for path in pathlib.Path(pages).rglob("*.md")}
    listed = set()
    for text in texts.values():
        listed.update(name.lower() for name in re.findall(r"^#{2,4} *(\w+) values\s*$", text, re.MULTILINE))
    words = set()
    for text in texts.values():
        words.update(word.lower() for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    left = collections.Counter()
    for path in sorted(pathlib.Path(schema).glob("*.json")):
        for ty in json.loads(path.read_text()).get("types", []):
            if ty.get("description", "").strip():
                continue
            name = ty["name"].lower()
            if any(s.startswith("https://learn.microsoft.com/") for s in ty.get("sources", [])):
                reason = "its page has no text"
            elif ty["kind"] == "enum" and name in listed:
                reason = "an enum listed on an enum-values page (members only)"
            elif name in words:
                reason = "named on other pages only"
            else:
                reason = "on no page of the snapshot (added or renamed since)"
            left[(reason, ty["kind"])] += 1
    reasons = sorted({reason for reason, _ in left})
    print("| type left without a description | entity | complex | enum | all |")
    print("|---|---|---|---|---|")
    for reason in reasons:
        counts = [left[(reason, kind)] for kind in ("entity", "complex", "enum")]
        print(f"| {reason} | {' | '.join(f'{c:,}' for c in counts)} | {sum(counts):,} |")
    totals = [sum(left[(reason, kind)] for reason in reasons) for kind in ("entity", "complex", "enum")]
    print(f"| all | {' | '.join(f'{c:,}' for c in totals)} | {sum(totals):,} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
