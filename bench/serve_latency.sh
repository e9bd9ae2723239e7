#!/usr/bin/env bash
# Shared by the dashboard benchmarks (bench/indicators, bench/cockpit): serves the cached database
# DIR (bench/acts_db.sh) with BIN on a free port, sends REQ requests as USER spread over the given
# paths from one kept-alive connection, and prints "p50 p95 p99 max" in ms.
#   bench/serve_latency.sh DIR BIN REQ USER PATH...
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$1 BIN=$2 REQ=$3 USER_NAME=$4
shift 4
PORT=$((48000 + RANDOM % 1000))
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; }
trap cleanup EXIT
"$BIN" serve --config "$DIR/lecs.toml" --db "sqlite://$DIR/lecs.db" --listen "127.0.0.1:$PORT" >"$DIR/server.log" 2>&1 &
SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.05; done
python3 "$ROOT/bench/lecs_client.py" latency "http://127.0.0.1:$PORT" "$USER_NAME" "$REQ" "$@"
