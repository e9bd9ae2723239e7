#!/bin/sh
# Runs each fuzz target for SECONDS (default 20) on a copy of its seed corpus.
# Exits non-zero when a target finds a crash (the reproducer is left in build/fuzz/).
# With SUMMARY_FILE, writes "fuzz: N passed, M failed" there (scripts/test counts it).
#   tests/fuzz/run.sh [SECONDS] [SUMMARY_FILE]
set -eu
SECONDS_EACH=${1:-20}
SUMMARY=${2:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/fuzz"
# A target that does not build is a failure the total must count, not a stage that says nothing.
if ! "$ROOT/tests/fuzz/build.sh"; then
  echo "!! the fuzz targets did not build" >&2
  [ -n "$SUMMARY" ] && echo "fuzz: 0 passed, 1 failed" > "$SUMMARY"
  exit 1
fi
passed=0
failed=0
for t in fuzz_http_request fuzz_json_body fuzz_ingest_row; do
  work="$OUT/corpus-$t"
  mkdir -p "$work"
  cp -n "$ROOT/tests/fuzz/corpus/$t/"* "$work/" 2>/dev/null || true
  if (cd "$OUT" && "./$t" -max_total_time="$SECONDS_EACH" -max_len=20000 -print_final_stats=1 \
        -artifact_prefix="$OUT/$t-" "$work" > "$OUT/$t.log" 2>&1); then
    echo "fuzz $t: ${SECONDS_EACH}s clean, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$t.log" | grep -o '[0-9]*$') runs"
    passed=$((passed + 1))
  else
    echo "!! fuzz $t found a crash:" >&2
    tail -40 "$OUT/$t.log" >&2
    failed=$((failed + 1))
  fi
done
[ -n "$SUMMARY" ] && echo "fuzz: $passed passed, $failed failed" > "$SUMMARY"
[ "$failed" -eq 0 ]
