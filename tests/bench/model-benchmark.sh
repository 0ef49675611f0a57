#!/usr/bin/env bash
# Benchmark of the predictive models (SPEC §10): `clv-etl model` end to end.
#
#   tests/bench/model-benchmark.sh                 # 200,000 simulated customers, best of 3
#   tests/bench/model-benchmark.sh --events FILE   # also the same models from an event file
#
# 1. Generates a transaction table with `clv-etl generate --mode btyd` (CDNOW-like BG/NBD and
#    Gamma-Gamma parameters, 78 weeks from 2024-01-07) into tests/bench/.work/ unless it is
#    there already.
# 2. Times `clv-etl model --transactions --calibration-end 2024-10-05 (39 weeks)
#    --holdout-end 2025-07-05 (78 weeks) --models bgnbd,pnbd,gg` with /usr/bin/time: wall
#    seconds and peak RSS, best of --repeat N, each run after a read of the file so that it
#    starts in the page cache. The time covers reading, the summary, the three fits, the
#    predictions for every customer, the holdout comparison and writing the files.
# 3. With --events FILE (e.g. the 3.5-million-event file of run-benchmark.sh), the same
#    models from web events, calibration ending on the data's last purchase day.
# Prints the figures and the fitted BG/NBD parameters; exit status 0, 2 on a setup error,
# 3 when clv-etl fails. Not part of `make test`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${CLV_BUILD_DIR:-$repo/build}"
work="${CLV_BENCH_WORK:-$here/.work}"
customers=200000
repeat=3
seed=1
events=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --customers) customers="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --events) events="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "model-benchmark.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
etl="$build/app/clv-etl"
[ -x "$etl" ] || { echo "model-benchmark.sh: no $etl: build first (make build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "model-benchmark.sh: /usr/bin/time is missing (apt install time)" >&2; exit 2; }
mkdir -p "$work"

table="$work/btyd-c$customers-s$seed.csv"
if [ ! -s "$table" ]; then
    echo "Generating $customers customers into $table ..."
    "$etl" generate --mode btyd --customers "$customers" --weeks 78 --seed "$seed" \
        --r 0.243 --alpha 4.414 --a 0.793 --b 2.426 --p 6.25 --q 3.74 --gamma 15.44 -o "$table" >/dev/null
fi

# time_model LABEL INPUT ARGS...: best wall time and its peak RSS over $repeat runs.
time_model() {
    local label="$1" input="$2"
    shift 2
    local best="" rss="" out="$work/model-out"
    for _ in $(seq "$repeat"); do
        cat "$input" >/dev/null
        if ! /usr/bin/time -f "%e %M" -o "$work/model-time.txt" "$etl" model "$@" "$input" -o "$out" --quiet; then
            echo "model-benchmark.sh: clv-etl model failed on $input" >&2
            exit 3
        fi
        read -r wall kb <"$work/model-time.txt"
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best="$wall"; rss="$kb"; fi
    done
    local rows
    rows=$(($(wc -l <"$out/customer_predictions.csv") - 1))
    printf '%-34s %8s s wall %8.0f MiB peak RSS %9d customers\n' "$label" "$best" "$(awk "BEGIN{print $rss/1024}")" "$rows"
    python3 - "$out/model_fit.json" <<'PY'
import json, sys
fit = json.load(open(sys.argv[1]))
for name, m in fit["models"].items():
    if m.get("converged"):
        params = ", ".join(f"{k} = {v:.4f}" for k, v in m["params"].items())
        print(f"    {name:7s} {params}  (log L {m['log_likelihood']:.1f}, {m['iterations']} evaluations)")
    else:
        print(f"    {name:7s} not fitted: {m.get('problem')}")
PY
}

echo "clv-etl model, best of $repeat, $(nproc) cores:"
time_model "btyd $customers customers" "$table" --transactions --calibration-end 2024-10-05 \
    --holdout-end 2025-07-05 --models bgnbd,pnbd,gg
if [ -n "$events" ]; then
    time_model "events $(basename "$events")" "$events" --models bgnbd,pnbd,gg
fi
