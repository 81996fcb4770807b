#!/usr/bin/env bash
# Compares msgraph-codegen with typify (cargo-typify 0.8) on all of Microsoft Graph v1.0, side by
# side on this machine:
#   - generation time: `msgraph-codegen import` + `generate` on the CSDL metadata, vs `cargo typify`
#     on the same types given as one JSON Schema (made by the `csdl-to-json-schema` converter);
#   - compile wall time and peak memory (dev profile, debug=0) of the crate each one generates:
#     ours with all features and with one namespace feature alone, typify's whole crate.
#
# Usage: bench/compare-typify.sh [--typify-only]
#   --typify-only   measure typify's side only (ours is reported as "not measured")
# Environment:
#   FAMILY=call_records   the feature measured alone in our crate (a namespace module in snake_case)
#   RUNS=3                generation runs; the median is reported
#   CARGO_TARGET_DIR      where everything goes (default: <repo>/target): the installed tool
#                         (bench-tools/), the work folders (bench-typify/) and the results
#                         (bench-results/typify-comparison.md)
# Needs: cargo, /usr/bin/time (Debian package `time`), and crates.io for the first run.
set -euo pipefail

TYPIFY_VERSION=0.8.0
FAMILY=${FAMILY:-call_records}
RUNS=${RUNS:-3}
TYPIFY_ONLY=false
for arg in "$@"; do
    case "$arg" in
        --typify-only) TYPIFY_ONLY=true ;;
        -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument \`$arg\` (see --help)" >&2; exit 2 ;;
    esac
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
TOOLS=$TARGET_DIR/bench-tools
WORK=$TARGET_DIR/bench-typify
RESULTS=$TARGET_DIR/bench-results/typify-comparison.md
CSDL=$REPO/tests/fixtures/metadata/v1.0-Prod.csdl
# Both sides are compiled with the dev profile without debug info, as in the earlier measurement.
export CARGO_PROFILE_DEV_DEBUG=0

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (install the Debian package \`time\`: apt-get install time)"
command -v cargo > /dev/null || die "cargo is not on PATH"
[[ -f $CSDL ]] || die "the Graph metadata is missing: $CSDL"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not \`$RUNS\`"
[[ $FAMILY =~ ^[a-z0-9_]+$ ]] || die "FAMILY must be a feature name in snake_case, not \`$FAMILY\`"
mkdir -p "$TOOLS" "$WORK" "$(dirname "$RESULTS")"

# Runs a command under `/usr/bin/time -v`; prints "<wall seconds> <peak RSS in KiB>" from its
# "Elapsed (wall clock)" and "Maximum resident set size" lines, which are kept in <log>.time. The
# command's own output goes to the log file given first; a failing command stops the script and
# shows the end of its log.
measure() {
    local log_file=$1
    shift
    if ! /usr/bin/time -v -o "$log_file.time" "$@" > "$log_file" 2>&1; then
        tail -n 30 "$log_file" >&2
        die "\`$*\` failed (full output: $log_file)"
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
        /Maximum resident set size/ { rss = $2 }
        END { if (wall == "" || rss == "") exit 1; print wall, rss }
    ' "$log_file.time" || die "cannot read the figures of /usr/bin/time in $log_file.time"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "—"; else printf "%.3f", a / b }'; }
verdict() { # ratio target
    awk -v r="$1" -v t="$2" 'BEGIN { if (r == "—") print "—"; else if (r <= t) print "yes"; else print "**no**" }'
}
kib_to_gib() { awk -v k="$1" 'BEGIN { printf "%.2f GiB", k / 1048576 }'; }
seconds() { awk -v s="$1" 'BEGIN { if (s >= 60) printf "%dm%04.1fs", s / 60, s - 60 * int(s / 60); else printf "%.2fs", s }'; }
rust_lines() { find "$1" -name '*.rs' -type f -print0 | xargs -0 cat | wc -l | tr -d ' '; }

# Builds a crate's dependencies (with an empty library in place of its sources), then times the
# build of the crate alone with its real sources. Arguments: crate dir, target dir, label, cargo
# build arguments. Prints "<wall seconds> <peak RSS in KiB>"; the peak is that of the largest
# process, rustc compiling the crate.
measure_crate_build() {
    local dir=$1 target=$2 label=$3
    shift 3
    local aside=$dir/src.measured log_deps=$WORK/$label-deps.log log_build=$WORK/$label-build.log
    local name compiled
    name=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$dir/Cargo.toml" | head -n 1)
    [[ -n $name ]] || die "no package name in $dir/Cargo.toml"
    rm -rf "$aside"
    mv "$dir/src" "$aside"
    mkdir "$dir/src"
    : > "$dir/src/lib.rs"
    log "$label: building the dependencies of $name (not timed)"
    if ! (cd "$dir" && cargo build --target-dir "$target" "$@") > "$log_deps" 2>&1; then
        rm -rf "$dir/src" && mv "$aside" "$dir/src"
        tail -n 30 "$log_deps" >&2
        die "$label: building the dependencies failed (full output: $log_deps)"
    fi
    rm -rf "$dir/src"
    mv "$aside" "$dir/src"
    # Moved files keep their old modification times: make them newer than the empty library's
    # build, or cargo would take the crate as fresh.
    find "$dir/src" -type f -exec touch {} +
    log "$label: timing \`cargo build $*\` of $name alone"
    local figures
    figures=$(cd "$dir" && measure "$log_build" cargo build --offline --target-dir "$target" "$@")
    compiled=$(grep -c '^ *Compiling ' "$log_build" || true)
    if [[ $compiled != 1 ]] || ! grep -q "^ *Compiling $name " "$log_build"; then
        die "$label: the timed build compiled $compiled crates, not just $name (see $log_build)"
    fi
    echo "$figures"
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

TYPIFY_BIN=$TOOLS/bin/cargo-typify
if [[ -x $TYPIFY_BIN ]] && [[ $("$TYPIFY_BIN" --version 2>/dev/null || true) == "cargo-typify $TYPIFY_VERSION"* ]]; then
    log "cargo-typify $TYPIFY_VERSION is installed in $TOOLS"
else
    log "installing cargo-typify $TYPIFY_VERSION into $TOOLS (once; a few minutes)"
    cargo install --locked cargo-typify --version "$TYPIFY_VERSION" --root "$TOOLS" \
        --target-dir "$TOOLS/build" --force ||
        die "cargo install of cargo-typify $TYPIFY_VERSION failed (is crates.io reachable?)"
fi
export PATH=$TOOLS/bin:$PATH

log "building msgraph-codegen and csdl-to-json-schema (release)"
(cd "$REPO" && cargo build --release -p msgraph-codegen && cargo build --release -p msgraph-bench --bin csdl-to-json-schema) ||
    die "building the tools failed"
CODEGEN=$TARGET_DIR/release/msgraph-codegen
CONVERTER=$TARGET_DIR/release/csdl-to-json-schema
[[ -x $CODEGEN && -x $CONVERTER ]] || die "the release binaries are not in $TARGET_DIR/release"

# ---------------------------------------------------------------------------------------------
# Ours: import and generate
# ---------------------------------------------------------------------------------------------

OURS_CRATE=$WORK/ours-crate
OURS_IMPORT=() OURS_GENERATE=() OURS_GENERATE_RSS=""
if ! $TYPIFY_ONLY; then
    log "ours: \`msgraph-codegen import\` of the CSDL metadata, $RUNS runs"
    for run in $(seq "$RUNS"); do
        rm -rf "$WORK/ours-descriptions"
        if ! figures=$( (measure "$WORK/ours-import.log" "$CODEGEN" import "$CSDL" --out "$WORK/ours-descriptions") 2> /dev/null); then
            tail -n 20 "$WORK/ours-import.log" >&2
            die "\`msgraph-codegen import $CSDL\` failed: the CSDL importer is needed for our side (full output: $WORK/ours-import.log). Run with --typify-only to measure typify alone."
        fi
        count=$(find "$WORK/ours-descriptions" -name '*.json' -type f 2> /dev/null | wc -l)
        ((count > 0)) || die "\`msgraph-codegen import $CSDL\` wrote no description file into $WORK/ours-descriptions: does the importer read CSDL yet? Run with --typify-only to measure typify alone."
        OURS_IMPORT+=("${figures%% *}")
        echo "  run $run: ${figures%% *}s, $count description files" >&2
    done

    log "ours: \`msgraph-codegen generate\`, $RUNS runs"
    for run in $(seq "$RUNS"); do
        rm -rf "$OURS_CRATE"
        figures=$(measure "$WORK/ours-generate.log" "$CODEGEN" generate --schema "$WORK/ours-descriptions" --out "$OURS_CRATE")
        OURS_GENERATE+=("${figures%% *}")
        OURS_GENERATE_RSS=${figures##* }
        echo "  run $run: ${figures%% *}s, peak ${OURS_GENERATE_RSS} KiB" >&2
    done
    grep -Eq "^$FAMILY *=" "$OURS_CRATE/Cargo.toml" ||
        die "our generated crate has no feature \`$FAMILY\` (set FAMILY to one of: $(sed -n '/^\[features\]/,/^\[/s/^\([a-z0-9_]*\) *=.*/\1/p' "$OURS_CRATE/Cargo.toml" | tr '\n' ' '))"
fi

# ---------------------------------------------------------------------------------------------
# typify: convert, generate
# ---------------------------------------------------------------------------------------------

SCHEMA_JSON=$WORK/graph-v1.0.schema.json
log "converting the CSDL metadata into one JSON Schema"
"$CONVERTER" "$CSDL" "$SCHEMA_JSON" || die "csdl-to-json-schema failed"

TYPIFY_CRATE=$WORK/typify-crate
TYPIFY_GENERATE=() TYPIFY_GENERATE_RSS=""
log "typify: \`cargo typify\`, $RUNS runs"
mkdir -p "$TYPIFY_CRATE/src"
for run in $(seq "$RUNS"); do
    rm -f "$WORK/typify.rs"
    figures=$(measure "$WORK/typify-generate.log" cargo typify "$SCHEMA_JSON" --output "$WORK/typify.rs")
    [[ -s $WORK/typify.rs ]] || die "cargo typify wrote nothing (see $WORK/typify-generate.log)"
    TYPIFY_GENERATE+=("${figures%% *}")
    TYPIFY_GENERATE_RSS=${figures##* }
    echo "  run $run: ${figures%% *}s, peak ${TYPIFY_GENERATE_RSS} KiB" >&2
done

# typify's output as a crate: serde and serde_json always, and the crates it names for formats and
# patterns (none with the converter's choices, but a changed schema may bring them).
extra_deps=""
grep -q '::regress::' "$WORK/typify.rs" && extra_deps+=$'regress = "0.10"\n'
grep -q '::chrono::' "$WORK/typify.rs" && extra_deps+=$'chrono = { version = "0.4", features = ["serde"] }\n'
grep -q '::uuid::' "$WORK/typify.rs" && extra_deps+=$'uuid = { version = "1", features = ["serde"] }\n'
rm -rf "$TYPIFY_CRATE/src"
mkdir -p "$TYPIFY_CRATE/src"
cat > "$TYPIFY_CRATE/Cargo.toml" << EOF
# The output of cargo-typify $TYPIFY_VERSION on the Graph v1.0 JSON Schema (bench/compare-typify.sh).
[package]
name = "graph-v1-typify"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
$extra_deps
[workspace]
EOF
cp "$WORK/typify.rs" "$TYPIFY_CRATE/src/lib.rs"
TYPIFY_LINES=$(rust_lines "$TYPIFY_CRATE/src")

# ---------------------------------------------------------------------------------------------
# Compile time and peak memory
# ---------------------------------------------------------------------------------------------

TYPIFY_BUILD=$(measure_crate_build "$TYPIFY_CRATE" "$WORK/target-typify" typify)
echo "  typify's crate: ${TYPIFY_BUILD% *}s, peak ${TYPIFY_BUILD#* } KiB" >&2

OURS_LINES="" OURS_BUILD_ALL="" OURS_BUILD_FAMILY=""
if ! $TYPIFY_ONLY; then
    OURS_LINES=$(rust_lines "$OURS_CRATE/src")
    OURS_BUILD_ALL=$(measure_crate_build "$OURS_CRATE" "$WORK/target-ours-all" ours-all --all-features)
    echo "  our crate, all features: ${OURS_BUILD_ALL% *}s, peak ${OURS_BUILD_ALL#* } KiB" >&2
    OURS_BUILD_FAMILY=$(measure_crate_build "$OURS_CRATE" "$WORK/target-ours-$FAMILY" "ours-$FAMILY" \
        --no-default-features --features "$FAMILY")
    echo "  our crate, $FAMILY alone: ${OURS_BUILD_FAMILY% *}s, peak ${OURS_BUILD_FAMILY#* } KiB" >&2
fi

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

t_gen=$(median "${TYPIFY_GENERATE[@]}")
t_build=${TYPIFY_BUILD% *} t_rss=${TYPIFY_BUILD#* }
o_gen="" o_import="" o_total="" o_all="" o_all_rss="" o_fam="" o_fam_rss=""
if ! $TYPIFY_ONLY; then
    o_gen=$(median "${OURS_GENERATE[@]}")
    o_import=$(median "${OURS_IMPORT[@]}")
    o_all=${OURS_BUILD_ALL% *} o_all_rss=${OURS_BUILD_ALL#* }
    o_fam=${OURS_BUILD_FAMILY% *} o_fam_rss=${OURS_BUILD_FAMILY#* }
    o_total=$(awk -v a="$o_import" -v b="$o_gen" 'BEGIN { print a + b }')
fi
or_na() { if [[ -n $1 ]]; then "${@:2}" "$1"; else echo "not measured"; fi; }
show_s() { seconds "$1"; }
show_gib() { kib_to_gib "$1"; }
show_n() { echo "$1"; }

row() { # label, ours (formatted), typify (formatted), ratio, target
    local target_text=$5 met="—"
    [[ $5 != "—" ]] && met=$(verdict "$4" "$5") && target_text="≤ $5"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$target_text" "$met"
}

gen_ratio=$(ratio "$o_gen" "$t_gen")
{
    echo "# msgraph-codegen vs typify on Microsoft Graph v1.0"
    echo
    echo "Measured by \`bench/compare-typify.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO" rev-parse --short HEAD 2> /dev/null || echo unknown)."
    echo "Input: \`tests/fixtures/metadata/v1.0-Prod.csdl\`; typify gets the same types as one JSON Schema"
    echo "(\`csdl-to-json-schema\`, choices documented in \`bench/src/csdl_json_schema.rs\`)."
    echo "Generation: median wall time of $RUNS runs. Compile: the crate alone (dependencies built before),"
    echo "\`cargo build\`, dev profile with \`CARGO_PROFILE_DEV_DEBUG=0\`; peak = maximum resident set size"
    echo "of the largest process (rustc), from \`/usr/bin/time -v\`."
    echo
    echo "| figure | ours | typify $TYPIFY_VERSION | ours/typify | target | met |"
    echo "|---|---|---|---|---|---|"
    row "generation (ours: \`generate\`; typify: \`cargo typify\`)" "$(or_na "$o_gen" show_s)" "$(seconds "$t_gen")" "$gen_ratio" 0.1
    row "ours: \`import\` of the CSDL (not in the ratio)" "$(or_na "$o_import" show_s)" "—" "—" "—"
    row "ours: \`import\` + \`generate\`" "$(or_na "$o_total" show_s)" "$(seconds "$t_gen")" "$(ratio "$o_total" "$t_gen")" "—"
    row "peak memory of generation" "$(or_na "$OURS_GENERATE_RSS" show_gib)" "$(kib_to_gib "$TYPIFY_GENERATE_RSS")" "$(ratio "$OURS_GENERATE_RSS" "$TYPIFY_GENERATE_RSS")" "—"
    row "generated Rust lines" "$(or_na "$OURS_LINES" show_n)" "$TYPIFY_LINES" "$(ratio "$OURS_LINES" "$TYPIFY_LINES")" "—"
    row "compile wall time, all features" "$(or_na "$o_all" show_s)" "$(seconds "$t_build")" "$(ratio "$o_all" "$t_build")" 0.5
    row "compile peak memory, all features" "$(or_na "$o_all_rss" show_gib)" "$(kib_to_gib "$t_rss")" "$(ratio "$o_all_rss" "$t_rss")" 0.5
    row "compile wall time, \`$FAMILY\` alone" "$(or_na "$o_fam" show_s)" "$(seconds "$t_build")" "$(ratio "$o_fam" "$t_build")" 0.5
    row "compile peak memory, \`$FAMILY\` alone" "$(or_na "$o_fam_rss" show_gib)" "$(kib_to_gib "$t_rss")" "$(ratio "$o_fam_rss" "$t_rss")" 0.5
    echo
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
    echo "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(rustc --version), $(cargo --version)."
    echo "Timings depend on what else runs on the machine; compare figures from one run."
    if $TYPIFY_ONLY; then
        echo
        echo "Our side was not measured (\`--typify-only\`)."
    fi
} > "$RESULTS"

cat "$RESULTS"
echo >&2
echo "written to $RESULTS; work folders in $WORK" >&2
