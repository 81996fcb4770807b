#!/usr/bin/env bash
# Compares msgraph-codegen with typify (cargo-typify 0.8) on all of Microsoft Graph v1.0, side by
# side on this machine:
#   - generation time: `msgraph-codegen import` + `generate` on the CSDL metadata, vs `cargo typify`
#     on the same types given as one JSON Schema (made by the `csdl-to-json-schema` converter);
#   - compile wall time and peak memory (dev profile, debug=0) of the crate each one generates:
#     ours with all features and with one namespace feature alone, typify's whole crate.
#
# Usage: bench/compare-typify.sh [--typify-only] [--generation-only]
#   --typify-only       measure typify's side only (ours is reported as "not measured")
#   --generation-only   measure generation only, not compile time (a minute instead of ten)
# Environment:
#   FAMILY=call_records   the feature measured alone in our crate (a namespace module in snake_case)
#   RUNS=3                generation runs; the median is reported
#   ONE_TYPE=microsoft.graph.callRecords.callRecord.json
#                         the description file changed for the one-type regeneration
#   OURS_SCHEMA=DIR       generate our crate from the description files in DIR instead of importing
#                         the CSDL (to try the script on other descriptions; the table says so)
#   CARGO_TARGET_DIR      where everything goes (default: <repo>/target): the installed tool
#                         (bench-tools/), the work folders (bench-typify/) and the results
#                         (bench-results/typify-comparison.md)
# Needs: cargo, /usr/bin/time (Debian package `time`), and crates.io for the first run.
set -euo pipefail

TYPIFY_VERSION=0.8.0
FAMILY=${FAMILY:-call_records}
RUNS=${RUNS:-3}
ONE_TYPE=${ONE_TYPE:-microsoft.graph.callRecords.callRecord.json}
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

# Runs a command under `/usr/bin/time -v`; prints "<wall s> <peak RSS KiB> <CPU s> <system s>"
# from its "Elapsed (wall clock)", "Maximum resident set size", user and system time lines (all
# kept in <log>.time). The peak is that of the largest process of the tree (for cargo: rustc). The
# command's output goes to the log file given first; a failing command stops the script and shows
# the end of its log.
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
        /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
        /System time \(seconds\)/ { sys = $2 }
        END { if (wall == "" || rss == "") exit 1; print wall, rss, cpu, sys + 0 }
    ' "$log_file.time" || die "cannot read the figures of /usr/bin/time in $log_file.time"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "—"; else printf "%.3f", a / b }'; }
verdict() { # ratio target
    awk -v r="$1" -v t="$2" 'BEGIN { if (r == "—") print "—"; else if (r <= t) print "yes"; else print "**no**" }'
}
memory() { awk -v k="$1" 'BEGIN { if (k >= 1048576) printf "%.2f GiB", k / 1048576; else printf "%.0f MiB", k / 1024 }'; }
seconds() { awk -v s="$1" 'BEGIN { if (s >= 60) printf "%dm%04.1fs", s / 60, s - 60 * int(s / 60); else printf "%.2fs", s }'; }
count() { echo "$1"; }
# "not measured" for an empty figure, else the figure formatted: or_na FIGURE FORMATTER
or_na() { if [[ -n $1 ]]; then "$2" "$1"; else echo "not measured"; fi; }
rust_lines() { find "$1" -name '*.rs' -type f -print0 | xargs -0 cat | wc -l | tr -d ' '; }

# The sources of a crate moved aside while its dependencies build; put back if the script stops.
SOURCES_ASIDE="" BUILD_FIGURES=""
restore_sources() {
    if [[ -n $SOURCES_ASIDE && -d $SOURCES_ASIDE ]]; then
        rm -rf "${SOURCES_ASIDE%.measured}"
        mv "$SOURCES_ASIDE" "${SOURCES_ASIDE%.measured}"
    fi
    SOURCES_ASIDE=""
}
# Output folders of earlier runs are moved here and deleted when the script ends, not before a
# measured run: this machine's ext4 checks every recently deleted inode it passes when it
# allocates one (`recently_deleted` in `find_inode_bit`), so creating 3,850 files seconds after
# deleting 3,850 spends up to 40 % of a generation in the kernel (perf) — a cost of the
# benchmark's own cleanup, not of generating. One run right after a deletion is reported apart.
TRASH=$WORK/trash
discard() {
    if [[ -e $1 ]]; then
        mkdir -p "$TRASH"
        mv "$1" "$(mktemp -d "$TRASH/$(basename "$1").XXXXXX")/"
    fi
}
trap 'restore_sources; rm -rf "$TRASH"' EXIT

# Builds a crate's dependencies (with an empty library in place of its sources), then times the
# build of the crate alone with its real sources, and checks that only the crate was compiled.
# Arguments: crate dir, target dir, label, cargo build arguments. Sets BUILD_FIGURES to what
# `measure` prints (not run in a subshell, so that the EXIT trap can put the sources back).
measure_crate_build() {
    local dir=$1 target=$2 label=$3
    shift 3
    local log_deps=$WORK/$label-deps.log log_build=$WORK/$label-build.log name compiled figures
    name=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$dir/Cargo.toml" | head -n 1)
    [[ -n $name ]] || die "no package name in $dir/Cargo.toml"
    rm -rf "$dir/src.measured"
    mv "$dir/src" "$dir/src.measured"
    SOURCES_ASIDE=$dir/src.measured
    mkdir "$dir/src"
    : > "$dir/src/lib.rs"
    log "$label: building the dependencies of $name (not timed)"
    if ! (cd "$dir" && cargo build --target-dir "$target" "$@") > "$log_deps" 2>&1; then
        restore_sources
        tail -n 30 "$log_deps" >&2
        die "$label: building the dependencies failed (full output: $log_deps)"
    fi
    restore_sources
    # Moved files keep their old modification times: make them newer than the empty library's
    # build, or cargo would take the crate as fresh.
    find "$dir/src" -type f -exec touch {} +
    log "$label: timing \`cargo build${*:+ $*}\` of $name alone"
    figures=$(cd "$dir" && measure "$log_build" cargo build --offline --target-dir "$target" "$@")
    compiled=$(grep -c '^ *Compiling ' "$log_build" || true)
    if [[ $compiled != 1 ]] || ! grep -q "^ *Compiling $name " "$log_build"; then
        die "$label: the timed build compiled $compiled crates, not just $name (see $log_build)"
    fi
    BUILD_FIGURES=$figures
}

# A row of the results table: label, ours, typify (both formatted), ratio, target ratio or "—".
row() {
    local target_text="—" met="—"
    if [[ $5 != "—" ]]; then
        target_text="≤ $5"
        met=$(verdict "$4" "$5")
        if [[ -n ${OURS_SCHEMA:-} ]]; then met="not comparable"; fi
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$target_text" "$met"
}

main() {
    local typify_only=false generation_only=false arg
    for arg in "$@"; do
        case "$arg" in
            --typify-only) typify_only=true ;;
            --generation-only) generation_only=true ;;
            -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
            *) die "unknown argument \`$arg\` (see --help)" ;;
        esac
    done

    # A partial run does not replace the full table.
    if $generation_only; then RESULTS=${RESULTS%.md}-generation.md; fi
    [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (install the Debian package \`time\`: apt-get install time)"
    command -v cargo > /dev/null || die "cargo is not on PATH"
    [[ -f $CSDL ]] || die "the Graph metadata is missing: $CSDL"
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not \`$RUNS\`"
    [[ $FAMILY =~ ^[a-z0-9_]+$ ]] || die "FAMILY must be a feature name in snake_case, not \`$FAMILY\`"
    mkdir -p "$TOOLS" "$WORK" "$(dirname "$RESULTS")"
    local load_at_start
    load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg)

    # --- Tools ---------------------------------------------------------------------------------
    local typify_bin=$TOOLS/bin/cargo-typify
    if [[ -x $typify_bin && $("$typify_bin" typify --version 2> /dev/null || true) == "cargo-typify $TYPIFY_VERSION" ]]; then
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
    local codegen=$TARGET_DIR/release/msgraph-codegen converter=$TARGET_DIR/release/csdl-to-json-schema
    [[ -x $codegen && -x $converter ]] || die "the release binaries are not in $TARGET_DIR/release"

    local run figures wall rss files
    # --- Ours: import and generate ---------------------------------------------------------------
    local ours_crate=$WORK/ours-crate descriptions=$WORK/ours-descriptions
    local ours_import=() ours_generate=() ours_generate_sys=() ours_generate_rss="" ours_regenerate=""
    local ours_one_type="" ours_one_type_sys="" ours_after_delete="" ours_after_delete_sys=""
    if [[ -n ${OURS_SCHEMA:-} ]] && ! $typify_only; then
        [[ -d $OURS_SCHEMA ]] || die "OURS_SCHEMA is not a folder: $OURS_SCHEMA"
        descriptions=$(cd "$OURS_SCHEMA" && pwd)
        log "ours: descriptions from $descriptions (OURS_SCHEMA), not imported from the CSDL"
    elif ! $typify_only; then
        log "ours: \`msgraph-codegen import\` of the CSDL metadata, $RUNS runs"
        for run in $(seq "$RUNS"); do
            discard "$descriptions"
            if ! figures=$(measure "$WORK/ours-import.log" "$codegen" import "$CSDL" --out "$descriptions" 2> /dev/null); then
                tail -n 20 "$WORK/ours-import.log" >&2
                die "\`msgraph-codegen import $CSDL\` failed: our side needs the CSDL importer (full output: $WORK/ours-import.log). Run with --typify-only to measure typify alone."
            fi
            files=$(find "$descriptions" -name '*.json' -type f 2> /dev/null | wc -l)
            if ((files == 0)); then
                tail -n 5 "$WORK/ours-import.log" >&2
                die "\`msgraph-codegen import $CSDL\` wrote no description file into $descriptions: does the importer read CSDL yet? Run with --typify-only to measure typify alone."
            fi
            read -r wall _ <<< "$figures"
            ours_import+=("$wall")
            echo "  run $run: ${wall}s, $files description files" >&2
        done
    fi
    if ! $typify_only; then
        log "ours: \`msgraph-codegen generate\`, $RUNS runs"
        for run in $(seq "$RUNS"); do
            discard "$ours_crate"
            figures=$(measure "$WORK/ours-generate.log" "$codegen" generate --schema "$descriptions" --out "$ours_crate" --crate-name msgraph-v1 --namespace-features)
            read -r wall rss _ sys <<< "$figures"
            [[ -f $ours_crate/Cargo.toml ]] || die "\`msgraph-codegen generate\` wrote no crate (see $WORK/ours-generate.log)"
            ours_generate+=("$wall")
            ours_generate_sys+=("$sys")
            ours_generate_rss=$rss
            echo "  run $run: ${wall}s (system ${sys}s), peak $rss KiB" >&2
        done
        # The same, right after deleting the crate of the run before (see `discard`).
        rm -rf "$ours_crate"
        figures=$(measure "$WORK/ours-generate.log" "$codegen" generate --schema "$descriptions" --out "$ours_crate" --crate-name msgraph-v1 --namespace-features)
        read -r ours_after_delete _ _ ours_after_delete_sys <<< "$figures"
        echo "  right after deleting the previous crate: ${ours_after_delete}s (system ${ours_after_delete_sys}s)" >&2
        # What a maintainer's regeneration costs when little changed: the same crate again, into
        # the folder that holds it (every file unchanged, none written).
        figures=$(measure "$WORK/ours-regenerate.log" "$codegen" generate --schema "$descriptions" --out "$ours_crate" --crate-name msgraph-v1 --namespace-features)
        read -r ours_regenerate _ <<< "$figures"
        grep -q "wrote 0 files" "$WORK/ours-regenerate.log" || die "regenerating unchanged output wrote files (see $WORK/ours-regenerate.log)"
        echo "  again, output unchanged: ${ours_regenerate}s" >&2
        # A maintainer's regeneration after one type changed (a property added to ONE_TYPE): every
        # other type's file is vouched for by the format cache in the crate folder (neither emitted
        # nor formatted: its type key and the hash of its file match).
        local changed=$descriptions/$ONE_TYPE
        [[ -f $changed ]] || die "no description file $changed to change (set ONE_TYPE to a file of $descriptions)"
        cp "$changed" "$WORK/one-type.json.orig"
        sed -i '0,/"properties": \[/s//"properties": [\n        { "name": "benchmarkAddedProperty", "type": "String" },/' "$changed"
        figures=$(measure "$WORK/ours-one-type.log" "$codegen" generate --schema "$descriptions" --out "$ours_crate" --crate-name msgraph-v1 --namespace-features)
        cp "$WORK/one-type.json.orig" "$changed"
        read -r ours_one_type _ _ ours_one_type_sys <<< "$figures"
        grep -q "wrote 1 file, .*(formatted 1," "$WORK/ours-one-type.log" ||
            die "the one-type change did not rewrite and format exactly one file (see $WORK/ours-one-type.log)"
        echo "  after a one-type change: ${ours_one_type}s ($(tail -n 1 "$WORK/ours-one-type.log"))" >&2
        grep -Eq "^$FAMILY *=" "$ours_crate/Cargo.toml" ||
            die "our generated crate has no feature \`$FAMILY\`; set FAMILY to one of: $(sed -n '/^\[features\]/,/^\[/s/^\([a-z0-9_]*\) *=.*/\1/p' "$ours_crate/Cargo.toml" | tr '\n' ' ')"
    fi

    # --- typify: convert and generate ------------------------------------------------------------
    local schema_json=$WORK/graph-v1.0.schema.json typify_rs=$WORK/typify.rs typify_crate=$WORK/typify-crate
    log "converting the CSDL metadata into one JSON Schema"
    "$converter" "$CSDL" "$schema_json" || die "csdl-to-json-schema failed"

    local typify_generate=() typify_generate_rss=""
    log "typify: \`cargo typify\`, $RUNS runs"
    for run in $(seq "$RUNS"); do
        rm -f "$typify_rs"
        figures=$(measure "$WORK/typify-generate.log" cargo typify "$schema_json" --output "$typify_rs")
        read -r wall rss _ <<< "$figures"
        [[ -s $typify_rs ]] || die "cargo typify wrote nothing (see $WORK/typify-generate.log)"
        typify_generate+=("$wall")
        typify_generate_rss=$rss
        echo "  run $run: ${wall}s, peak $rss KiB" >&2
    done

    # typify's output as a crate: serde and serde_json always, and the crates it names for formats
    # and patterns (none with the converter's choices, but a changed schema may bring them).
    local extra_deps=""
    if grep -q '::regress::' "$typify_rs"; then extra_deps+=$'regress = "0.10"\n'; fi
    if grep -q '::chrono::' "$typify_rs"; then extra_deps+=$'chrono = { version = "0.4", features = ["serde"] }\n'; fi
    if grep -q '::uuid::' "$typify_rs"; then extra_deps+=$'uuid = { version = "1", features = ["serde"] }\n'; fi
    rm -rf "$typify_crate"
    mkdir -p "$typify_crate/src"
    cat > "$typify_crate/Cargo.toml" << EOF
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
    cp "$typify_rs" "$typify_crate/src/lib.rs"
    local typify_lines
    typify_lines=$(rust_lines "$typify_crate/src")

    # --- Compile time and peak memory ------------------------------------------------------------
    local t_build="" t_rss="" t_cpu=""
    if ! $generation_only; then
        measure_crate_build "$typify_crate" "$WORK/target-typify" typify
        read -r t_build t_rss t_cpu <<< "$BUILD_FIGURES"
        echo "  typify's crate: ${t_build}s, peak $t_rss KiB, CPU ${t_cpu}s" >&2
    fi

    local ours_lines="" o_all="" o_all_rss="" o_all_cpu="" o_fam="" o_fam_rss="" o_fam_cpu=""
    if ! $typify_only; then
        ours_lines=$(rust_lines "$ours_crate/src")
    fi
    if ! $typify_only && ! $generation_only; then
        measure_crate_build "$ours_crate" "$WORK/target-ours-all" ours-all --all-features
        read -r o_all o_all_rss o_all_cpu <<< "$BUILD_FIGURES"
        echo "  our crate, all features: ${o_all}s, peak $o_all_rss KiB, CPU ${o_all_cpu}s" >&2
        measure_crate_build "$ours_crate" "$WORK/target-ours-$FAMILY" "ours-$FAMILY" \
            --no-default-features --features "$FAMILY"
        read -r o_fam o_fam_rss o_fam_cpu <<< "$BUILD_FIGURES"
        echo "  our crate, $FAMILY alone: ${o_fam}s, peak $o_fam_rss KiB, CPU ${o_fam_cpu}s" >&2
    fi

    # --- Report ----------------------------------------------------------------------------------
    local t_gen o_gen="" o_sys="" o_import="" o_total="" commit
    commit=$(git -C "$REPO" rev-parse --short HEAD 2> /dev/null || echo unknown)
    if [[ -n $(git -C "$REPO" status --porcelain 2> /dev/null) ]]; then commit+=" with uncommitted changes"; fi
    t_gen=$(median "${typify_generate[@]}")
    if ! $typify_only; then
        o_gen=$(median "${ours_generate[@]}")
        o_sys=$(median "${ours_generate_sys[@]}")
        if ((${#ours_import[@]} > 0)); then
            o_import=$(median "${ours_import[@]}")
            o_total=$(awk -v a="$o_import" -v b="$o_gen" 'BEGIN { print a + b }')
        fi
    fi
    {
        echo "# msgraph-codegen vs typify on Microsoft Graph v1.0"
        echo
        echo "Measured by \`bench/compare-typify.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit."
        echo "Input: \`tests/fixtures/metadata/v1.0-Prod.csdl\`; typify gets the same types as one JSON Schema"
        echo "(\`csdl-to-json-schema\`, choices documented in \`bench/src/csdl_json_schema.rs\`)."
        echo "Generation: median wall time of $RUNS runs, each into a new empty folder (earlier outputs are"
        echo "deleted when the script ends; one run right after a deletion is reported apart). Compile: the crate alone (dependencies built before),"
        echo "\`cargo build\`, dev profile with \`CARGO_PROFILE_DEV_DEBUG=0\`; peak = maximum resident set size"
        echo "of the largest process (rustc), from \`/usr/bin/time -v\`; CPU = user + system time."
        echo
        echo "| figure | ours | typify $TYPIFY_VERSION | ours/typify | target | met |"
        echo "|---|---|---|---|---|---|"
        row "generation (ours: \`generate\`; typify: \`cargo typify\`)" "$(or_na "$o_gen" seconds)" "$(seconds "$t_gen")" "$(ratio "$o_gen" "$t_gen")" 0.3
        row "ours: system time of \`generate\` (the file system creating its 3,850 files)" "$(or_na "$o_sys" seconds)" "—" "—" "—"
        row "ours: \`generate\` right after deleting the previous crate (system $(or_na "$ours_after_delete_sys" seconds))" "$(or_na "$ours_after_delete" seconds)" "$(seconds "$t_gen")" "$(ratio "$ours_after_delete" "$t_gen")" "—"
        row "ours: \`generate\` again, output unchanged (no file written)" "$(or_na "$ours_regenerate" seconds)" "$(seconds "$t_gen")" "$(ratio "$ours_regenerate" "$t_gen")" "—"
        row "ours: \`generate\` after a one-type change (\`$ONE_TYPE\` gains a property; format cache)" "$(or_na "$ours_one_type" seconds)" "$(seconds "$t_gen")" "$(ratio "$ours_one_type" "$t_gen")" 0.05
        row "ours: \`import\` of the CSDL (not in the ratio above)" "$(or_na "$o_import" seconds)" "—" "—" "—"
        row "ours: \`import\` + \`generate\`" "$(or_na "$o_total" seconds)" "$(seconds "$t_gen")" "$(ratio "$o_total" "$t_gen")" "—"
        row "peak memory of generation" "$(or_na "$ours_generate_rss" memory)" "$(memory "$typify_generate_rss")" "$(ratio "$ours_generate_rss" "$typify_generate_rss")" "—"
        row "generated Rust lines" "$(or_na "$ours_lines" count)" "$typify_lines" "$(ratio "$ours_lines" "$typify_lines")" "—"
        row "compile wall time, all features" "$(or_na "$o_all" seconds)" "$(or_na "$t_build" seconds)" "$(ratio "$o_all" "$t_build")" 0.5
        row "compile peak memory, all features" "$(or_na "$o_all_rss" memory)" "$(or_na "$t_rss" memory)" "$(ratio "$o_all_rss" "$t_rss")" 0.5
        row "compile CPU time, all features" "$(or_na "$o_all_cpu" seconds)" "$(or_na "$t_cpu" seconds)" "$(ratio "$o_all_cpu" "$t_cpu")" "—"
        row "compile wall time, \`$FAMILY\` alone" "$(or_na "$o_fam" seconds)" "$(or_na "$t_build" seconds)" "$(ratio "$o_fam" "$t_build")" 0.5
        row "compile peak memory, \`$FAMILY\` alone" "$(or_na "$o_fam_rss" memory)" "$(or_na "$t_rss" memory)" "$(ratio "$o_fam_rss" "$t_rss")" 0.5
        row "compile CPU time, \`$FAMILY\` alone" "$(or_na "$o_fam_cpu" seconds)" "$(or_na "$t_cpu" seconds)" "$(ratio "$o_fam_cpu" "$t_cpu")" "—"
        echo
        echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
        echo "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(rustc --version), $(cargo --version)."
        echo "Load average at the start: $load_at_start; at the end: $(cut -d ' ' -f 1-3 /proc/loadavg). Wall times"
        echo "grow with other work on the machine (CPU times much less): compare figures from one run."
        if $typify_only; then
            echo
            echo "Our side was not measured (\`--typify-only\`)."
        elif [[ -n ${OURS_SCHEMA:-} ]]; then
            echo
            echo "**Our crate was generated from \`$OURS_SCHEMA\` (\`OURS_SCHEMA\`), not from the Graph v1.0 CSDL:"
            echo "our figures are not comparable with typify's.**"
        fi
    } > "$RESULTS"

    cat "$RESULTS"
    echo >&2
    echo "written to $RESULTS; work folders in $WORK" >&2
}

main "$@"
