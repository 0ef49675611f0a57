#!/usr/bin/env bash
# The SPEC §8 benchmark file (tests/bench/.work/bench-events.jsonl, generated when missing)
# run four ways, each checked byte for byte against the single run's tables:
#   single     clv-etl FILE
#   8 parts    clv-etl partition --partitions 8, then --from-partition for each part in turn,
#              then merge (each process timed; peak RSS per process)
#   max-memory clv-etl --max-memory 256M FILE
#   dask       clv-cluster --local-workers 2 --partitions 8 (needs python3-distributed;
#              peak RSS: the largest clv-etl process, from the tasks' own measurement)
# Prints wall seconds and peak RSS (MiB, /usr/bin/time) for each.
#   tests/bench/partition-bench.sh [--build DIR]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${CLV_BUILD_DIR:-$repo/build}"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
etl="$build/app/clv-etl"
[ -x "$etl" ] || { echo "no $etl: run make build first" >&2; exit 2; }
work="$repo/tests/bench/.work"
mkdir -p "$work"
base="$work/bench-events.jsonl"
if [ ! -s "$base" ]; then
  echo "generating $base ..."
  "$etl" generate --mode realistic --customers 200000 --weeks 26 --max-visits 12 --seed 1 -o "$base" --quiet
fi
out="$work/partition-bench"
rm -rf "$out"
mkdir -p "$out"

# Runs a command under /usr/bin/time; prints "SECONDS KIB".
measure() {
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null
  cat "$out/time.txt"
}
same() {
  for f in output_t1.txt output_ltv_specs.txt output_ltv_final.txt output.txt rejected.csv; do
    cmp -s "$out/single/$f" "$1/$f" || { echo "  $f DIFFERS"; return 1; }
  done
  echo "  tables byte-identical to the single run"
}
report() { awk -v name="$1" '{ printf "%-12s %8.2f s  %6.0f MiB peak RSS\n", name, $1, $2 / 1024 }'; }

measure "$etl" --top 10 --quiet "$base" -o "$out/single" | report single

read -r s m < <(measure "$etl" partition --top 10 --quiet --partitions 8 "$base" -o "$out/parts")
total=$s; peak=$m
echo "$s $m" | report "  partition"
for k in 0 1 2 3 4 5 6 7; do
  read -r s m < <(measure "$etl" --from-partition "$out/parts/part-$k" --quiet)
  total=$(echo "$total + $s" | bc); [ "$m" -gt "$peak" ] && peak=$m
done
echo "$s $m" | report "  part-7"
read -r s m < <(measure "$etl" merge "$out/parts" -o "$out/merged" --quiet)
echo "$s $m" | report "  merge"
total=$(echo "$total + $s" | bc); [ "$m" -gt "$peak" ] && peak=$m
echo "$total $peak" | report "8 parts"
same "$out/merged"

measure "$etl" --max-memory 256M --top 10 --quiet "$base" -o "$out/bounded" | report "max-mem 256M"
same "$out/bounded"

if /usr/bin/python3 -c "import distributed" 2>/dev/null; then
  measure /usr/bin/python3 "$repo/app/clv-cluster" --local-workers 2 --partitions 8 --clv-etl "$etl" --quiet \
    --top 10 "$base" -o "$out/dask" | report "dask (driver)"
  same "$out/dask"
else
  echo "dask: python3-distributed is not installed; skipped"
fi
