#!/bin/sh
# Runs each fuzz target for SECONDS (default 20) on a copy of its seed corpus.
# Exits non-zero when a target finds a crash (the reproducer is left in build/fuzz/).
set -eu
SECONDS_EACH=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/fuzz"
[ -x "$OUT/fuzz_http_request" ] && [ -x "$OUT/fuzz_json_body" ] || "$ROOT/tests/fuzz/build.sh"
status=0
for t in fuzz_http_request fuzz_json_body; do
  work="$OUT/corpus-$t"
  mkdir -p "$work"
  cp -n "$ROOT/tests/fuzz/corpus/$t/"* "$work/" 2>/dev/null || true
  echo "== $t for ${SECONDS_EACH}s"
  if ! (cd "$OUT" && "./$t" -max_total_time="$SECONDS_EACH" -max_len=20000 -print_final_stats=1 \
        -artifact_prefix="$OUT/$t-" "$work"); then
    echo "!! $t failed" >&2
    status=1
  fi
done
exit $status
