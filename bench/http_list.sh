#!/usr/bin/env bash
# Budget (ARCHITECTURE §Budgets): an authenticated list endpoint (20 rows, SQLite)
# under wrk with 64 connections, wrk and server pinned to different cores, must
# reach ≥ 0.4× nginx (1 worker) serving the same bytes as a static file in the
# same run, with p99 ≤ 25 ms. Also /healthz, start-to-ready time and idle RSS.
# Prints one line per figure. Needs a release build (scripts/bench builds it).
#   bench/http_list.sh [BIN] [SECONDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/release/lecs}
DUR=${2:-10}
WORK=$(mktemp -d /tmp/lecs-bench.XXXXXX)
PORT=$((46000 + RANDOM % 1000))
NPORT=$((PORT + 1))
cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The per-IP limit (200/s by default) would answer most of wrk's requests with 429 from
# one address: the bench measures the endpoint, so it lifts the limit; any non-2xx fails it.
cat > "$WORK/lecs.toml" <<TOML
[server]
worker_threads = 2
per_ip_rate = 1000000000
per_ip_burst = 1000000000
[security]
key_file = "$WORK/keys/lecs.keys"
checkpoint_dir = "$WORK/audit"
TOML
DB="sqlite://$WORK/lecs.db"
"$BIN" seed-demo --config "$WORK/lecs.toml" --db "$DB" >/dev/null
"$BIN" migrate --config "$WORK/lecs.toml" --db "$DB" >/dev/null

# Start to ready, on a migrated database: from exec to the first 200 of /readyz.
t0=$(date +%s%N)
taskset -c 0 "$BIN" serve --config "$WORK/lecs.toml" --db "$DB" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.005; done
t1=$(date +%s%N)
echo "start_to_ready_ms: $(( (t1 - t0) / 1000000 ))  (budget ≤ 300)"
sleep 1
echo "idle_rss_mb: $(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$SERVER/status)  (budget ≤ 40)"

login=$(curl -s -D "$WORK/h" -H 'content-type: application/json' \
  -d '{"username":"city.sup1","password":"Xingtai#2026demo"}' "http://127.0.0.1:$PORT/api/v1/auth/login")
cookie=$(grep -io 'lecs_session=[^;]*' "$WORK/h" | head -1)
[ -n "$cookie" ] || { echo "login failed: $login" >&2; exit 1; }
URL="http://127.0.0.1:$PORT/api/v1/orgs?page=1&size=20"
curl -sf -H "cookie: $cookie" "$URL" > "$WORK/list.json"
rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$WORK/list.json")
bytes=$(stat -c %s "$WORK/list.json")
echo "list_rows: $rows  bytes: $bytes"

# nginx, one worker, serving the same bytes as a static file.
mkdir -p "$WORK/www" && cp "$WORK/list.json" "$WORK/www/list.json"
# nginx workers run as www-data: they must be able to read the file.
chmod 755 "$WORK" "$WORK/www" && chmod 644 "$WORK/www/list.json"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$NPORT; root $WORK/www; }
}
NGINX
taskset -c 0 nginx -c "$WORK/nginx.conf" -p "$WORK" 2>/dev/null
sleep 0.3

wrk_run() {  # prints "req/s p99_ms"; exits non-zero when any answer was not 2xx
  taskset -c 1 wrk -t1 -c64 -d"${DUR}s" --latency "$@" 2>&1 | awk '
    /Non-2xx or 3xx responses/ {bad=$NF}
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {if (bad > 0) {print "wrk: " bad " non-2xx answers" > "/dev/stderr"; exit 1}; printf "%.0f %.2f\n", rps, p99}'
}
out=$(wrk_run "http://127.0.0.1:$NPORT/list.json") && read -r n_rps n_p99 <<<"$out"
out=$(wrk_run "http://127.0.0.1:$PORT/healthz") && read -r h_rps h_p99 <<<"$out"
out=$(wrk_run -H "cookie: $cookie" "$URL") && read -r l_rps l_p99 <<<"$out"
echo "nginx_static_same_bytes: ${n_rps} req/s  p99 ${n_p99} ms"
echo "healthz: ${h_rps} req/s  p99 ${h_p99} ms"
echo "list_orgs_20_rows_sqlite: ${l_rps} req/s  p99 ${l_p99} ms  (budget ≥ 0.4× nginx, p99 ≤ 25 ms)"
awk -v l="$l_rps" -v n="$n_rps" 'BEGIN {printf "ratio_list_to_nginx: %.2f\n", l/n}'
