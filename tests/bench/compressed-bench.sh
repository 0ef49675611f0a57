#!/usr/bin/env bash
# Compressed inputs: clv-etl on the benchmark file as it is, gzipped and zstd-compressed.
#
#   tests/bench/compressed-bench.sh                       # the SPEC dataset (.work/bench-events.jsonl)
#   tests/bench/compressed-bench.sh --input FILE          # another event file
#   tests/bench/compressed-bench.sh --repeat 3            # best wall time of 3 runs each
#
# It compresses the file once into the scratch folder (`gzip -c`, `zstd -c`; kept for later
# runs while newer than the file), then times `clv-etl FILE --threads 2 --quiet` on each of
# the three with /usr/bin/time (wall seconds, peak RSS; each run after a read of its file so
# that all start from the page cache), checks that the compressed runs wrote the same output
# files byte for byte as the plain run (run.json aside: it holds timings), and prints wall
# time, peak RSS and the ratio to the plain run.
# Exit status: 0 done, 1 outputs differ, 2 usage or setup error, 3 a run failed.

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cwd_path() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
build_dir="$(cwd_path "${CLV_BUILD_DIR:-$repo/build}")"
work_dir="$(cwd_path "${CLV_BENCH_WORK:-$repo/tests/bench/.work}")"
input="$work_dir/bench-events.jsonl"
threads=2
repeat=1

die() { echo "compressed-bench: $*" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --build) [[ $# -ge 2 ]] || die "--build needs a folder"; build_dir="$(cwd_path "$2")"; shift 2 ;;
        --work) [[ $# -ge 2 ]] || die "--work needs a folder"; work_dir="$(cwd_path "$2")"; shift 2 ;;
        --input) [[ $# -ge 2 ]] || die "--input needs a file"; input="$(cwd_path "$2")"; shift 2 ;;
        --repeat) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a positive integer"; repeat="$2"; shift 2 ;;
        --threads) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--threads needs a positive integer"; threads="$2"; shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

clv="$build_dir/app/clv-etl"
[[ -x "$clv" ]] || die "clv-etl not found at $clv (build it, or point --build at your build folder)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
command -v gzip >/dev/null || die "gzip is missing"
command -v zstd >/dev/null || die "zstd is missing (Debian package 'zstd')"
[[ -s "$input" ]] || die "$input: no such file (run tests/bench/run-benchmark.sh once to generate it, or pass --input)"
mkdir -p "$work_dir"

name="$(basename "$input")"
gz="$work_dir/$name.gz"
zst="$work_dir/$name.zst"
# Default levels, as analysts' logs are usually packed.
[[ -s "$gz" && "$gz" -nt "$input" ]] || { echo "== gzip $name" >&2; gzip -c "$input" > "$gz.part" && mv "$gz.part" "$gz"; }
[[ -s "$zst" && "$zst" -nt "$input" ]] || { echo "== zstd $name" >&2; zstd -q -c "$input" > "$zst.part" && mv "$zst.part" "$zst"; }

# Times one run; prints "wall_seconds peak_rss_kb".
run() {
    local file="$1" out="$2"
    cat "$file" > /dev/null
    rm -rf "$out"
    /usr/bin/time -f '%e %M' -o "$work_dir/time.txt" "$clv" "$file" --output "$out" --threads "$threads" --quiet \
        || { echo "compressed-bench: clv-etl failed on $file" >&2; exit 3; }
    cat "$work_dir/time.txt"
}

declare -A wall rss size
status=0
for kind in plain gzip zstd; do
    case $kind in plain) file="$input" ;; gzip) file="$gz" ;; zstd) file="$zst" ;; esac
    echo "== clv-etl on the $kind file" >&2
    for ((i = 0; i < repeat; ++i)); do
        read -r w r < <(run "$file" "$work_dir/out-$kind")
        if [[ $i -eq 0 ]] || awk -v a="$w" -v b="${wall[$kind]}" 'BEGIN { exit !(a < b) }'; then
            wall[$kind]=$w rss[$kind]=$r
        fi
    done
    size[$kind]=$(stat -c %s "$file")
    if [[ $kind != plain ]]; then
        for f in "$work_dir/out-plain"/*; do
            base="$(basename "$f")"
            [[ $base == run.json ]] && continue
            cmp -s "$f" "$work_dir/out-$kind/$base" || { echo "compressed-bench: $kind: $base differs from the plain run's" >&2; status=1; }
        done
    fi
done

{
    printf 'clv-etl --threads %s, best of %s, on %s (%s event file)\n' "$threads" "$repeat" "$name" "$(numfmt --to=iec-i "${size[plain]}")B"
    printf '%-6s %10s %9s %9s %13s\n' input size wall ratio "peak RSS"
    for kind in plain gzip zstd; do
        printf '%-6s %9sB %8.2fs %8.2fx %9d MiB\n' "$kind" "$(numfmt --to=iec-i "${size[$kind]}")" "${wall[$kind]}" \
            "$(awk -v a="${wall[$kind]}" -v b="${wall[plain]}" 'BEGIN { printf "%.2f", a / b }')" $(( ${rss[$kind]} / 1024 ))
    done
    [[ $status -eq 0 ]] && echo "outputs: byte-identical to the plain run's (run.json aside)" || echo "outputs: DIFFER"
} | tee "$work_dir/compressed-last-run.txt"
exit $status
