#!/usr/bin/env python3
"""How much of Graph a description set makes addressable, and what it costs in generated code.

    bench/addressable.py SCHEMA_DIR [CRATE_DIR]

SCHEMA_DIR holds description files with a service (`msgraph-codegen import …csdl --out DIR`);
CRATE_DIR, if given, is the crate generated from it, whose lines are counted. Prints:

- the generated path-builder methods by kind (entry points, navigations, streams, alternate keys,
  bound actions and functions; inherited ones counted on every type that has them), and the
  generic methods every builder has;
- the request paths from the service root by depth (a navigation, a key or a cast is one step),
  and the operations addressable on them (list/create/count on a collection, get/update/delete on
  an entity, the bound operations, stream get/put), which grow combinatorially with depth while
  the generated code does not grow at all;
- with CRATE_DIR, the lines of the generated crate and of its path-builder impls.

Mirrors what lowering generates (`codegen/src/lower/addressing.rs`); it is a report, not a test.
"""
import json
import pathlib
import sys

MAX_DEPTH = 6


def load(schema):
    types, service = {}, None
    for path in sorted(pathlib.Path(schema).glob("*.json")):
        description = json.loads(path.read_text())
        service = description.get("service") or service
        for ty in description.get("types", []):
            types[f"{ty['namespace']}.{ty['name']}"] = ty
    return types, service


def qualify(name, namespace, types):
    for candidate in (name, f"{namespace}.{name}", f"microsoft.graph.{name}"):
        if candidate in types:
            return candidate
    return None


def chain(qualified, types):
    while qualified:
        yield qualified
        ty = types[qualified]
        qualified = qualify(ty["baseType"], ty["namespace"], types) if ty.get("baseType") else None


def summary(qualified, types):
    """Navigations, streams, bound operations (entity, collection) of a type, inherited included."""
    navigations, streams, has_stream, on_item, on_items, hidden = [], 0, False, 0, 0, set()
    for ty_name in chain(qualified, types):
        ty = types[ty_name]
        has_stream |= ty.get("hasStream", False)
        for prop in ty.get("properties", []):
            if prop.get("navigation"):
                target = qualify(prop["type"], ty["namespace"], types)
                if target and types[target]["kind"] == "entity":
                    navigations.append((target, prop.get("collection", False)))
            elif prop["type"].removeprefix("Edm.") == "Stream":
                streams += 1
        own = set()
        for op in ty.get("boundOperations", []):
            key = (op["bindsTo"], op["name"])
            if key in hidden:
                continue
            own.add(key)
            if op["bindsTo"] == "collection":
                on_items += 1
            else:
                on_item += 1
        hidden |= own
    return navigations, streams + has_stream, on_item, on_items


def main(schema, crate=None):
    types, service = load(schema)
    entities = [q for q, t in types.items() if t["kind"] == "entity"]
    summaries = {q: summary(q, types) for q in entities}
    roots = [(r["type"], False) for r in service["entitySets"]] + [(r["type"], True) for r in service["singletons"]]
    print(f"entity types: {len(entities)}; entry points: {len(roots)}")
    totals = {"navigations": 0, "streams": 0, "bound on Item": 0, "bound on Items": 0}
    for q in entities:
        navigations, streams, on_item, on_items = summaries[q]
        totals["navigations"] += len(navigations)
        totals["streams"] += streams
        totals["bound on Item"] += on_item
        totals["bound on Items"] += on_items
    alternate = sum(len(types[q].get("alternateKeys", [])) for q in entities)
    # Path-based addressing (a documented convention, not metadata): `item_by_path` on `Item<T>`,
    # `by_path` on `Items<T>`, of the type itself (as alternate keys).
    by_path = sum(len(types[q].get("pathAddressing", [])) for q in entities)
    print(
        "generated methods: " + ", ".join(f"{n} {k}" for k, n in totals.items())
        + f", {alternate} alternate keys, {by_path} by path"
    )
    # Paths by depth: (type, is collection) states; counts of paths reaching each state.
    frontier = {}
    for ty, single in roots:
        frontier[(ty, not single)] = frontier.get((ty, not single), 0) + 1
    cumulative_paths = cumulative_operations = 0
    for depth in range(1, MAX_DEPTH + 1):
        paths = sum(frontier.values())
        operations = 0
        following = {}
        for (ty, collection), count in frontier.items():
            navigations, streams, on_item, on_items = summaries[ty]
            if collection:
                operations += count * (3 + on_items)
                following[(ty, False)] = following.get((ty, False), 0) + count
            else:
                operations += count * (3 + on_item + 2 * streams)
                for target, many in navigations:
                    following[(target, many)] = following.get((target, many), 0) + count
        cumulative_paths += paths
        cumulative_operations += operations
        print(f"depth {depth}: {paths} paths, {operations} operations; up to here {cumulative_paths} paths, {cumulative_operations} operations")
        frontier = following
    if crate:
        total = impl_lines = 0
        for path in pathlib.Path(crate, "src").rglob("*.rs"):
            lines = path.read_text().splitlines()
            total += len(lines)
            inside = False
            for line, following in zip(lines, lines[1:] + [""]):
                # The builder impls: `impl<` then `    const UPDATE…` or `    const CREATE…`.
                if line == "impl<" and following.strip().startswith("const "):
                    inside = True
                if inside:
                    impl_lines += 1
                    inside = line != "}"
        print(f"generated crate: {total} lines, of which {impl_lines} in path-builder impls")


if __name__ == "__main__":
    main(*sys.argv[1:])
