#!/usr/bin/env bash
# CLV Studio benchmark (SPEC §8): clv-etl against the same ETL in DuckDB SQL.
#
#   tests/bench/run-benchmark.sh                      # the SPEC dataset (200k customers, ~600 MB)
#   tests/bench/run-benchmark.sh --customers 20000    # a quick run (~60 MB)
#   tests/bench/run-benchmark.sh --help               # all options
#
# In one run and on the same event file it:
#   1. generates the dataset with `clv-etl generate --mode realistic ...` into the scratch
#      folder tests/bench/.work/ (git-ignored) unless it is already there (or --input FILE);
#   2. installs the npm package @duckdb/node-api into .work/duckdb if missing;
#   3. times `clv-etl FILE --output .work/out-clv --threads 2 --quiet` and
#      `node tests/bench/duckdb-etl.mjs FILE .work/out-duckdb` with /usr/bin/time
#      (wall seconds, peak RSS), best of --repeat N, each run preceded by a read of the
#      file (`cat FILE > /dev/null`) so both start with it in the page cache;
#   4. checks that both wrote the same ltv table (compare-tables.py: multisets of rows,
#      numbers within 1e-9 relative; --compare-all checks all three tables);
#   5. prints wall time, events/s, MB/s and peak RSS per engine, the clv-etl/DuckDB ratios
#      and whether the SPEC targets (wall <= 0.5x, RSS <= 1x) are met; the table is also
#      saved to .work/last-run.txt.
# Exit status: 0 done (tables agree), 1 the ltv tables disagree, 2 usage or setup error
# (no clv-etl, no node/npm/python3, generation failed), 3 an engine failed,
# 4 targets missed with --require-targets.
#
# Heavy steps run one at a time (generation, then each engine run, then the comparison).

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

usage() {
    cat <<EOF
usage: tests/bench/run-benchmark.sh [options]

Times clv-etl against the same ETL in DuckDB (tests/bench/duckdb-etl.sql) on one
generated event file and checks that both compute the same LTV table.

options:
  --build DIR          build folder holding app/clv-etl (default: \$CLV_BUILD_DIR or build/)
  --work DIR           scratch folder (default: \$CLV_BENCH_WORK or tests/bench/.work/)
  --input FILE         benchmark this event file instead of generating one
  --customers N        dataset: customers (default 200000)
  --weeks N            dataset: weeks (default 26)
  --max-visits N       dataset: max visits per customer (default 12)
  --seed N             dataset: random seed (default 1)
  --regenerate         generate the dataset again even if it exists
  --repeat N           time each engine N times, keep the best wall time (default 1)
  --threads N          clv-etl --threads (default 2); DuckDB keeps its default
  --duckdb-only        time DuckDB alone (no clv-etl needed; no comparison)
  --compare-all        also compare output_t1.txt and output_ltv_specs.txt
  --require-targets    exit 4 when a SPEC §8 target is missed
  -h, --help           this help

The dataset file is <work>/bench-events.jsonl for the default options, otherwise
<work>/bench-events-c<customers>-w<weeks>-v<max-visits>-s<seed>.jsonl.
Relative paths given as options are taken from the current directory. Exit status: 0 done, 1 the ltv
tables disagree, 2 usage or setup error, 3 an engine failed, 4 targets missed
(with --require-targets).
EOF
}

die() { echo "run-benchmark: $*" >&2; exit 2; }
note() { echo "== $*" >&2; }

# Defaults are relative to the repository root; paths given by flag or environment
# variable are relative to the current directory.
cwd_path() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
build_dir="$(cwd_path "${CLV_BUILD_DIR:-$repo/build}")"
work_dir="$(cwd_path "${CLV_BENCH_WORK:-$repo/tests/bench/.work}")"
input=""
customers=200000 weeks=26 max_visits=12 seed=1
regenerate=0 repeat=1 threads=2 duckdb_only=0 compare_all=0 require_targets=0

need_value() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (see --help)"; }
need_count() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive integer, got '$2'"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --build) need_value "$@"; build_dir="$(cwd_path "$2")"; shift 2 ;;
        --work) need_value "$@"; work_dir="$(cwd_path "$2")"; shift 2 ;;
        --input) need_value "$@"; input="$(cwd_path "$2")"; shift 2 ;;
        --customers) need_value "$@"; need_count "$1" "$2"; customers="$2"; shift 2 ;;
        --weeks) need_value "$@"; need_count "$1" "$2"; weeks="$2"; shift 2 ;;
        --max-visits) need_value "$@"; need_count "$1" "$2"; max_visits="$2"; shift 2 ;;
        --seed) need_value "$@"; [[ "$2" =~ ^[0-9]+$ ]] || die "--seed needs a number"; seed="$2"; shift 2 ;;
        --regenerate) regenerate=1; shift ;;
        --repeat) need_value "$@"; need_count "$1" "$2"; repeat="$2"; shift 2 ;;
        --threads) need_value "$@"; need_count "$1" "$2"; threads="$2"; shift 2 ;;
        --duckdb-only) duckdb_only=1; shift ;;
        --compare-all) compare_all=1; shift ;;
        --require-targets) require_targets=1; shift ;;
        *) echo "run-benchmark: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

clv="$build_dir/app/clv-etl"

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
command -v node >/dev/null || die "node is missing (needed for DuckDB's @duckdb/node-api)"
command -v python3 >/dev/null || die "python3 is missing (needed by compare-tables.py)"
if [[ $duckdb_only -eq 0 && ! -x "$clv" ]]; then
    die "clv-etl not found at $clv — build it first (cmake --build $build_dir --target clv-etl),
  point --build (or CLV_BUILD_DIR) at your build folder, or use --duckdb-only"
fi
mkdir -p "$work_dir"

# ---- 1. the dataset -----------------------------------------------------------------
if [[ -n "$input" ]]; then
    events="$input"
    [[ -f "$events" ]] || die "$events: no such file"
else
    if [[ "$customers/$weeks/$max_visits/$seed" == "200000/26/12/1" ]]; then
        events="$work_dir/bench-events.jsonl"
    else
        events="$work_dir/bench-events-c$customers-w$weeks-v$max_visits-s$seed.jsonl"
    fi
    if [[ $regenerate -eq 1 || ! -s "$events" ]]; then
        [[ -x "$clv" ]] || die "cannot generate the dataset: clv-etl not found at $clv (or pass --input FILE)"
        note "generating $events"
        tmp="$events.partial"
        rm -f "$tmp"
        if ! "$clv" generate --mode realistic --customers "$customers" --weeks "$weeks" \
                --max-visits "$max_visits" --seed "$seed" -o "$tmp"; then
            rm -f "$tmp"
            die "clv-etl generate failed (is the generate subcommand built?)"
        fi
        [[ -s "$tmp" ]] || die "clv-etl generate wrote nothing to $tmp"
        mv -f "$tmp" "$events"
    fi
fi
bytes=$(stat -c %s "$events")
lines=$(wc -l < "$events")
note "events file: $events ($lines lines, $bytes bytes)"

# ---- 2. DuckDB ----------------------------------------------------------------------
duckdb_dir="$work_dir/duckdb"
if [[ ! -f "$duckdb_dir/node_modules/@duckdb/node-api/package.json" ]]; then
    command -v npm >/dev/null || die "npm is missing (needed to install @duckdb/node-api)"
    note "installing @duckdb/node-api into $duckdb_dir"
    mkdir -p "$duckdb_dir"
    npm install --prefix "$duckdb_dir" --no-audit --no-fund @duckdb/node-api >&2 \
        || die "npm install @duckdb/node-api failed"
fi
export CLV_BENCH_DUCKDB_DIR="$duckdb_dir"
duckdb_version=$(cd "$work_dir" && node -e '
    const r = require("module").createRequire(process.argv[1] + "/package.json");
    console.log(r("@duckdb/node-api").version());' "$duckdb_dir" 2>/dev/null || echo "?")

# ---- 3. timing ----------------------------------------------------------------------
# time_engine NAME OUTDIR CMD...: best wall time of $repeat runs into best_wall/max_rss.
time_engine() {
    local name="$1" out="$2"; shift 2
    local tf="$work_dir/time-$name.txt" log="$work_dir/log-$name.txt" i wall rss
    best_wall="" max_rss=0
    for ((i = 1; i <= repeat; ++i)); do
        rm -rf "$out"
        cat "$events" > /dev/null          # warm-up read: the file is in the page cache
        note "$name: run $i/$repeat"
        if ! (cd "$work_dir" && /usr/bin/time -f '%e %M' -o "$tf" "$@") > "$log" 2>&1; then
            echo "run-benchmark: $name failed; its output ($log):" >&2
            tail -n 20 "$log" >&2
            exit 3
        fi
        read -r wall rss < <(tail -n 1 "$tf")
        note "$name: ${wall} s, peak RSS ${rss} KB"
        if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall="$wall"
        fi
        if (( rss > max_rss )); then max_rss="$rss"; fi
    done
    return 0
}

out_clv="$work_dir/out-clv"
out_duck="$work_dir/out-duckdb"
declare -A wall rss
if [[ $duckdb_only -eq 0 ]]; then
    clv_version=$("$clv" --version 2>/dev/null | head -n 1 || true)
    time_engine clv-etl "$out_clv" "$clv" "$events" --output "$out_clv" --threads "$threads" --quiet
    wall[clv]="$best_wall" rss[clv]="$max_rss"
fi
time_engine duckdb "$out_duck" node "$here/duckdb-etl.mjs" "$events" "$out_duck"
wall[duck]="$best_wall" rss[duck]="$max_rss"

# ---- 4. agreement -------------------------------------------------------------------
agree="not checked (--duckdb-only)"
status=0
if [[ $duckdb_only -eq 0 ]]; then
    tables=(--table output_ltv_final.txt)
    if [[ $compare_all -eq 1 ]]; then tables=(); fi
    note "comparing tables"
    if python3 "$here/compare-tables.py" "${tables[@]}" "$out_duck" "$out_clv" >&2; then
        agree="yes"
    else
        agree="NO — see the differences above"
        status=1
    fi
fi

# ---- 5. report ----------------------------------------------------------------------
report="$work_dir/last-run.txt"
{
    echo
    echo "CLV Studio benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, git $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "file: $events"
    awk -v l="$lines" -v b="$bytes" 'BEGIN { printf "      %d events (lines), %.1f MB\n", l, b / 1e6 }'
    echo "wall: best of $repeat run(s), each preceded by a warm-up read of the file; peak RSS: highest of the runs"
    echo "MB = 10^6 bytes; RSS in MiB"
    if [[ $duckdb_only -eq 0 ]]; then echo "clv-etl: ${clv_version:-?} (--threads $threads)"; fi
    echo "DuckDB:  $duckdb_version via @duckdb/node-api (default settings)"
    echo
    printf '%-10s %10s %14s %10s %14s\n' engine "wall s" "events/s" "MB/s" "peak RSS MiB"
    row() {
        awk -v n="$1" -v w="$2" -v r="$3" -v l="$lines" -v b="$bytes" 'BEGIN {
            ws = (w > 0 ? w : 0.01)
            printf "%-10s %10.2f %14.0f %10.1f %14.1f\n", n, w, l / ws, b / 1e6 / ws, r / 1024 }'
    }
    if [[ $duckdb_only -eq 0 ]]; then row clv-etl "${wall[clv]}" "${rss[clv]}"; fi
    row DuckDB "${wall[duck]}" "${rss[duck]}"
    echo
    if [[ $duckdb_only -eq 0 ]]; then
        awk -v cw="${wall[clv]}" -v dw="${wall[duck]}" -v cr="${rss[clv]}" -v dr="${rss[duck]}" 'BEGIN {
            wr = (dw > 0 ? cw / dw : 0); rr = (dr > 0 ? cr / dr : 0)
            printf "clv-etl / DuckDB wall: %.3f   target <= 0.5  %s\n", wr, (wr <= 0.5 ? "met" : "NOT met")
            printf "clv-etl / DuckDB RSS:  %.3f   target <= 1.0  %s\n", rr, (rr <= 1.0 ? "met" : "NOT met")
        }'
    fi
    echo "ltv tables agree: $agree"
} | tee "$report"

if [[ $status -eq 0 && $require_targets -eq 1 && $duckdb_only -eq 0 ]]; then
    if ! awk -v cw="${wall[clv]}" -v dw="${wall[duck]}" -v cr="${rss[clv]}" -v dr="${rss[duck]}" \
            'BEGIN { exit !(cw <= 0.5 * dw && cr <= dr) }'; then
        status=4
    fi
fi
exit $status
