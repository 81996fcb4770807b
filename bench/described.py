#!/usr/bin/env python3
"""How much of a description set is described: types, properties and enum members with a description.

    bench/described.py LABEL=SCHEMA_DIR [LABEL=SCHEMA_DIR ...]

Each SCHEMA_DIR holds description files (`msgraph-codegen import … --out DIR`). Prints a Markdown
table with one row per set: types, properties and enum members that carry a description (text
that is not only whitespace), as counts and shares. For the last set, the types left without
one, by kind and namespace, and whether a page documents them (a documentation link among their
`sources`) or not; and a few common types in each set. bench/described.sh runs it on the v1.0 imports; it is a report, not a test.
"""
import collections
import json
import pathlib
import sys


def load(schema):
    types = {}
    for path in sorted(pathlib.Path(schema).glob("*.json")):
        for ty in json.loads(path.read_text()).get("types", []):
            types[f"{ty['namespace']}.{ty['name']}"] = ty
    return types


def described(item):
    return bool(item.get("description", "").strip())


def counts(types):
    properties = [p for ty in types.values() for p in ty.get("properties", [])]
    members = [m for ty in types.values() for m in ty.get("members", [])]
    return [
        (sum(map(described, types.values())), len(types)),
        (sum(map(described, properties)), len(properties)),
        (sum(map(described, members)), len(members)),
    ]


def share(done, total):
    return f"{done:,} of {total:,} ({100 * done / total:.2f} %)" if total else "-"


def main(sets):
    print("| input | types described | properties described | enum members described |")
    print("|---|---|---|---|")
    last = None
    everything = {}
    for label, schema in sets:
        last = everything[label] = load(schema)
        row = " | ".join(share(done, total) for done, total in counts(last))
        print(f"| {label} | {row} |")
    labels = " | ".join(label for label, _ in sets)
    print(f"\n| common type: type described?, own properties described | {labels} |")
    print("|---|" + "---|" * len(sets))
    for name in ("user", "group", "message", "event", "driveItem", "team"):
        cells = []
        for ty in (everything[label].get(f"microsoft.graph.{name}") for label, _ in sets):
            own = ty.get("properties", []) if ty else []
            cells.append(f"{'yes' if ty and described(ty) else 'no'}, {sum(map(described, own))} of {len(own)}")
        print(f"| `{name}` | {' | '.join(cells)} |")
    left = [ty for ty in last.values() if not described(ty)]
    paged = lambda ty: any(s.startswith("https://learn.microsoft.com/") for s in ty.get("sources", []))
    print(f"\nTypes without a description in the last set: {len(left):,}")
    print("\n| kind | without a description | of them on a page (page without text) | on no page |")
    print("|---|---|---|---|")
    for kind in ("entity", "complex", "enum"):
        of_kind = [ty for ty in left if ty["kind"] == kind]
        on_page = sum(map(paged, of_kind))
        print(f"| {kind} | {len(of_kind):,} | {on_page:,} | {len(of_kind) - on_page:,} |")
    by_namespace = collections.Counter(ty["namespace"] for ty in left)
    print("\n| namespace | types without a description |")
    print("|---|---|")
    for namespace, count in sorted(by_namespace.items(), key=lambda item: (-item[1], item[0])):
        print(f"| `{namespace}` | {count:,} |")
    properties = [(ty, p) for ty in last.values() for p in ty.get("properties", [])]
    left_properties = [(ty, p) for ty, p in properties if not described(p)]
    on_described = sum(1 for ty, _ in left_properties if described(ty))
    navigation = sum(1 for _, p in left_properties if p.get("navigation"))
    print(
        f"\nProperties without a description in the last set: {len(left_properties):,}"
        f" ({on_described:,} of them on a described type, {navigation:,} navigation properties)"
    )


if __name__ == "__main__":
    if len(sys.argv) < 2 or any("=" not in arg for arg in sys.argv[1:]):
        sys.exit(__doc__)
    main([arg.split("=", 1) for arg in sys.argv[1:]])
