#!/usr/bin/env bash
# Memory follows the number of events, not the size of the file (SPEC §8; a benchmark, not a
# test). Two files with the same 3.55 million events are read by clv-etl:
#   base   tests/bench/.work/bench-events.jsonl, the SPEC §8 dataset (~614 MB; generated here
#          when missing, as run-benchmark.sh does)
#   padded the same events, each line with an extra member the reader skips
#          ("note": about 1.3 KB of text), so the file is about 5 GB
# and it prints, for each, the file size, wall time, MB/s and peak RSS (/usr/bin/time). The
# padded file is deleted afterwards unless --keep is given.
#   tests/bench/big-input-bench.sh [--build DIR] [--keep]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${CLV_BUILD_DIR:-$repo/build}"
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$(cd "$2" && pwd)"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
etl="$build/app/clv-etl"
[ -x "$etl" ] || { echo "no $etl: run make build first" >&2; exit 2; }
work="$repo/tests/bench/.work"
mkdir -p "$work"
base="$work/bench-events.jsonl"
padded="$work/bench-events-5gb.jsonl"

if [ ! -s "$base" ]; then
  echo "generating $base ..."
  "$etl" generate --mode realistic --customers 200000 --weeks 26 --max-visits 12 --seed 1 -o "$base" --quiet
fi
if [ ! -s "$padded" ]; then
  echo "writing $padded ..."
  note="$(head -c 1300 /dev/zero | tr '\0' 'n')"
  # Every event line ends with "}": the extra member goes just before it.
  sed "s/}\$/,\"note\":\"$note\"}/" "$base" > "$padded"
fi

measure() { # name file
  local name="$1" file="$2" bytes out
  bytes=$(stat -c %s "$file")
  cat "$file" > /dev/null # both runs start with the file in the page cache where it fits
  out="$(mktemp -d)"
  /usr/bin/time -f "%e %M" -o "$out/time" "$etl" "$file" -o "$out/output" --quiet
  read -r wall rss_kb < "$out/time"
  events=$(python3 -c "import json;print(json.load(open('$out/output/run.json'))['counts']['accepted'])" 2>/dev/null || echo "?")
  printf "%-7s %8.0f MB  %9s events  %6.2f s  %7.0f MB/s  peak RSS %6.0f MiB\n" \
    "$name" "$(echo "$bytes/1000000" | bc -l)" "$events" "$wall" "$(echo "$bytes/1000000/$wall" | bc -l)" \
    "$(echo "$rss_kb/1024" | bc -l)"
  cmp -s "$out/output/output_ltv_final.txt" "$work/.ltv-$name" 2>/dev/null || cp "$out/output/output_ltv_final.txt" "$work/.ltv-$name"
  rm -rf "$out"
}

echo "clv-etl $("$etl" --version | cut -d' ' -f2), $(nproc) cores"
measure base "$base"
measure padded "$padded"
if cmp -s "$work/.ltv-base" "$work/.ltv-padded"; then
  echo "the two ltv tables are identical"
else
  echo "the ltv tables differ" >&2
  exit 1
fi
rm -f "$work/.ltv-base" "$work/.ltv-padded"
[ "$keep" = 1 ] || rm -f "$padded"
