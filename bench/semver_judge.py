#!/usr/bin/env python3
"""Matches the change report's breaking rows with cargo-semver-checks' findings.

    bench/semver_judge.py REPORT.json FEATURE=SEMVER_OUTPUT.txt ...

REPORT.json is `msgraph-codegen diff --workload-features --format json OLD NEW`; each
FEATURE=FILE is what `cargo semver-checks --only-explicit-features --features FEATURE` printed on
the crates generated from OLD and NEW. `bench/semver-judge.sh` runs all of it.

Two claims are checked, and every exception is named:

1. every finding of semver-checks is an item of the old crate that a breaking row names (the
   row's `rust` list): the report misses nothing the independent judge sees;
2. every breaking row that a tested feature compiles has a finding in one of those features,
   unless semver-checks cannot see that kind of change (it compares items by name and kind:
   not field, argument or return types, not const generic arguments, not methods of a generic
   type that another instance still has), or no tested feature compiles its items.

Prints a Markdown table per row and per unmatched finding, then a summary line; exits 1 when a
finding has no row or a row is unexplained.
"""
import json
import re
import sys

# What semver-checks does not see, by the report's check id.
TYPE_CHANGES = {
    "property-type-changed": "semver-checks does not compare field types",
    "property-collection-changed": "semver-checks does not compare field types",
    "enum-flags-changed": "semver-checks does not compare field types (`E` ↔ `Flags<E>`)",
    "call-parameter-type-changed": "semver-checks does not compare field types",
    "call-return-changed": "semver-checks does not compare return types",
    "call-arguments-changed": "semver-checks compares argument counts, not types or order",
    "capability-removed": "the builder's capability argument changes (`Items<T, Allow<false, …>>`); semver-checks does not compare it",
    "root-changed": "semver-checks does not compare return types",
}


def finding_key(description):
    """A finding as the Rust path (or its tail) it names."""
    text = description.replace("msgraph_v1::", "")
    match = re.match(r"(?:variant|enum|struct|function|trait|type|mod|const|static|union|macro) (\S+)", text)
    if match:
        return match.group(1)
    match = re.match(r"field (\w+) of (?:struct|variant) (\S+)", text)
    if match:
        return f"{match.group(2)}::{match.group(1)}"
    match = re.match(r"(\S+?)::(\w+)(?: now takes .*)?$", text)
    if match:
        return f"{match.group(1).split('::')[-1]}::{match.group(2)}"
    return text


def item_keys(path):
    """The tails of a report's Rust path that a finding may name."""
    keys = {path}
    generic = re.match(r"(Items?)<.*>::(\w+)$", path)
    if generic:
        keys.add(f"{generic.group(1)}::{generic.group(2)}")
        return keys
    parts = path.split("::")
    for start in range(1, len(parts)):
        keys.add("::".join(parts[start:]))
    # A field's builder setter and clearing method (the runtime's generic `Builder<T>`).
    if len(parts) >= 3 and parts[-1][:1].islower():
        keys.add(f"Builder::{parts[-1]}")
        keys.add(f"Builder::clear_{parts[-1]}")
    return keys


def parse_semver(text):
    """(lint, description) of every finding in a semver-checks output."""
    findings = []
    lint = None
    in_list = False
    for line in text.splitlines():
        header = re.match(r"--- failure (\S+):", line)
        if header:
            lint, in_list = header.group(1), False
        elif line.startswith("Failed in:"):
            in_list = True
        elif in_list and line.startswith("  ") and line.strip():
            description = re.split(r", previously in file |, in file |, in /", line.strip())[0]
            findings.append((lint, description))
        elif in_list and not line.strip():
            in_list = False
    return findings


def main(argv):
    report = json.load(open(argv[1]))
    runs = {}
    for argument in argv[2:]:
        feature, path = argument.split("=", 1)
        runs[feature] = parse_semver(open(path).read())
    rows = [change for change in report["changes"] if change["level"] == "breaking"]
    tested = set(runs)

    unmatched = []  # findings no row names
    confirmed = {}  # row index -> [(feature, finding)]
    for feature, findings in runs.items():
        for lint, description in findings:
            key = finding_key(description)
            # A row breaks the users of its features (all users when it names none); `full`
            # turns every feature on.
            owners = [
                i
                for i, row in enumerate(rows)
                if (
                    not row.get("features")
                    or feature in row["features"]
                    or (feature == "full" and row["id"] != "feature-narrowed")
                )
                and any(key in item_keys(path) for path in row.get("rust", []))
            ]
            if not owners:
                unmatched.append((feature, lint, description))
            for i in owners:
                confirmed.setdefault(i, []).append((feature, f"{lint}: {description}"))

    print("| breaking row | features it breaks (tested) | semver-checks | verdict |")
    print("|---|---|---|---|")
    unexplained = 0
    counts = {"confirmed": 0, "explained": 0, "not exercised": 0, "unexplained": 0}
    for i, row in enumerate(rows):
        features = row.get("features") or ["every feature"]
        # `full` turns every feature on, so it sees every change but a feature's narrowing.
        widest = set() if row["id"] == "feature-narrowed" else {"full"}
        exercised = tested if not row.get("features") else tested & (set(row["features"]) | widest)
        found = confirmed.get(i, [])
        if found:
            verdict, kind = "confirmed", "confirmed"
        elif not exercised:
            verdict, kind = "not exercised by the tested features", "not exercised"
        elif row["id"] in TYPE_CHANGES:
            verdict, kind = f"explained: {TYPE_CHANGES[row['id']]}", "explained"
        elif row["id"] == "rust-name-changed":
            verdict = "explained: the old name still exists under these features, naming another item (semver-checks compares names)"
            kind = "explained"
        elif all(re.match(r"Items?<", path) for path in row.get("rust", [])) and row.get("rust"):
            verdict = "explained: methods of the generic `Item<T>`/`Items<T>` that another `T` still has (semver-checks compares them by name)"
            kind = "explained"
        else:
            verdict, kind = "**unexplained: no finding**", "unexplained"
            unexplained += 1
        counts[kind] += 1
        message = row["message"] if len(row["message"]) < 160 else row["message"][:160].rsplit(" ", 1)[0] + " …"
        shown = ", ".join(f"`{f}`" + ("" if f in tested or f == "every feature" else "") for f in features[:6])
        if len(features) > 6:
            shown += f", {len(features) - 6} more"
        tested_here = ", ".join(f"`{f}`" for f in sorted(exercised)) or "none"
        findings = "; ".join(sorted({f"{feature}: {finding}" for feature, finding in found})[:3]) or "—"
        if len(found) > 3:
            findings += f"; … ({len(found)} in all)"
        print(f"| `{row['id']}` {message} | {shown} ({tested_here}) | {findings} | {verdict} |")
    if unmatched:
        print()
        print("Findings no breaking row names:")
        print()
        for feature, lint, description in unmatched:
            print(f"- `{feature}`: {lint}: {description}")
    total = sum(len(findings) for findings in runs.values())
    print()
    print(
        f"==> {len(rows)} breaking rows: {counts['confirmed']} confirmed by semver-checks, "
        f"{counts['explained']} explained, {counts['not exercised']} not exercised by the "
        f"{len(tested)} tested features, {counts['unexplained']} unexplained; "
        f"{total} findings, {total - len(unmatched)} named by a breaking row, {len(unmatched)} not"
    )
    return 1 if unmatched or unexplained else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
