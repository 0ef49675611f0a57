#!/usr/bin/env bash
# Runs the libFuzzer harnesses built in FUZZ_BUILD_DIR for SECONDS each.
#   tests/fuzz/run-fuzzers.sh FUZZ_BUILD_DIR SECONDS [HARNESS...]
# The seed corpus is made from tests/data and data/sample on every run: single lines for the
# line parser, small whole files (and slices of the seed input) for the reader, slices of the
# CDNOW tables and small tables of each layout for the transaction reader, plus every
# input kept in tests/fuzz/regressions/HARNESS/ (past findings). New corpus entries go to
# FUZZ_BUILD_DIR/corpus/HARNESS, findings to FUZZ_BUILD_DIR/findings/HARNESS. Exits non-zero
# when a harness finds a crash, a leak, a timeout or a broken invariant.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "${1:?fuzz build folder}" && pwd)"
seconds="${2:?seconds per harness}"
shift 2
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_compressed_stream fuzz_event_line fuzz_event_reader fuzz_transaction_reader)

seeds="$build/seeds"
# Lines: every distinct line of the seed input, the challenge sample and the first lines of
# the bundled sample (which holds its deliberately malformed lines near the top).
seed_lines() {
  {
    cat "$root/tests/data/seed/input.txt" "$root/tests/data/seed/challenge-sample-events.txt"
    head -n 400 "$root/data/sample/events.jsonl"
  } | sort -u | split -l 1 -a 4 - "$1/line-"
}
# Files: the challenge sample, slices of the seed input, a one-line array and a laid-out array.
seed_files() {
  cp "$root/tests/data/seed/challenge-sample-events.txt" "$1/challenge"
  split -l 12 -a 3 "$root/tests/data/seed/input.txt" "$1/seed-"
  head -n 3 "$root/tests/data/seed/input.txt" | paste -sd, | sed 's/^/[/; s/$/]/' > "$1/one-line-array"
  { echo '['; head -n 4 "$root/tests/data/seed/input.txt" | sed '$!s/$/,/'; echo ']'; } > "$1/laid-out-array"
}

# Tables: the harness reads its first byte as the choice of columns ('0' none, '2' 1,3,5, '3'
# id,date,amount), the rest as the table: slices of the CDNOW files and one table per layout.
seed_tables() {
  { printf 0; head -n 40 "$root/tests/data/cdnow/CDNOW_master.txt"; } > "$1/master-head"
  { printf 2; head -n 40 "$root/tests/data/cdnow/CDNOW_sample.txt"; } > "$1/sample-head"
  printf '0customer_id,event_time,total_amount\na,2017-01-06T12:45:52Z,1.50 USD\nb,2017-01-07T10:00:00+02:00,0\n' > "$1/csv"
  printf '0Id\tDate\tPrice\r\na\t19970101\t3\r\n"b ""x"""\t1997-01-02\t4.25\r\n' > "$1/tsv"
  printf '3\xef\xbb\xbfid,date,amount\n"a,b",19970101,1\n,19970230,-1\n' > "$1/named"
  printf '1a 19970101 2.50 USD\nb 19971301 1\n' > "$1/blanks"
}

status=0
for harness in "${harnesses[@]}"; do
  rm -rf "${seeds:?}/$harness"
  mkdir -p "$seeds/$harness"
  case "$harness" in
    fuzz_event_line) seed_lines "$seeds/$harness" ;;
    fuzz_transaction_reader) seed_tables "$seeds/$harness" ;;
    *) seed_files "$seeds/$harness" ;;
  esac
  corpus="$build/corpus/$harness"
  findings="$build/findings/$harness"
  mkdir -p "$corpus" "$findings"
  extra=()
  [ -d "$root/tests/fuzz/regressions/$harness" ] && extra+=("$root/tests/fuzz/regressions/$harness")
  max_len=4096
  [ "$harness" = fuzz_event_line ] || max_len=16384
  echo "== $harness: ${seconds}s"
  log="$build/$harness.log"
  # Leaks are checked (the default); -timeout catches a hang on one input.
  if ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1}" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
     "$build/tests/fuzz/$harness" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len="$max_len" \
       -print_final_stats=1 -artifact_prefix="$findings/" \
       "$corpus" "$seeds/$harness" "${extra[@]}" >"$log" 2>&1; then
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|cov:" "$log" | grep -vE "INITED|pulse|NEW|REDUCE" | tail -4 || true
    grep -E "#[0-9]+ +DONE" "$log" | tail -1 || true
  else
    status=1
    echo "$harness FAILED; the input is in $findings/:" >&2
    tail -n 60 "$log" >&2
  fi
done
exit $status
