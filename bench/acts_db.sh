#!/usr/bin/env bash
# A SQLite demo database holding N generated acts (bench/gen_acts piped into `lecs import acts -`),
# for bench/indicators and bench/reevaluate. Built once per N and binary and kept in
# $LECS_BENCH_CACHE (default ${TMPDIR:-/tmp}/lecs-bench-cache): 10 M acts take minutes to ingest.
# Prints the directory (lecs.db and lecs.toml); the build's own figures go to stderr.
#   bench/acts_db.sh N BIN GEN
set -euo pipefail
N=$1
BIN=$2
GEN=$3
CACHE=${LECS_BENCH_CACHE:-${TMPDIR:-/tmp}/lecs-bench-cache}
DIR="$CACHE/acts-$N"
STAMP="$N $(stat -c %Y "$BIN") $(stat -c %Y "$GEN")"
if [ -f "$DIR/done" ] && [ "$(cat "$DIR/done")" = "$STAMP" ]; then
  echo "$DIR"
  exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR"
cat > "$DIR/lecs.toml" <<TOML
[server]
worker_threads = 2
per_ip_rate = 1000000000
per_ip_burst = 1000000000
[security]
key_file = "$DIR/keys/lecs.keys"
checkpoint_dir = "$DIR/audit"
[storage]
attachments_dir = "$DIR/attachments"
TOML
DB="sqlite://$DIR/lecs.db"
"$BIN" seed-demo --config "$DIR/lecs.toml" --db "$DB" >/dev/null
sqlite3 -separator $'\t' "$DIR/lecs.db" "
  SELECT o.uscc, o.region_code, group_concat(c.number, ';')
  FROM organizations o JOIN certificates c ON c.org_id = o.id
  WHERE o.uscc IS NOT NULL AND o.status = 'active' AND c.kind = 'enforcement'
    AND c.issued_on <= '2025-01-01' AND c.expires_on >= '2026-12-31'
    AND NOT EXISTS (SELECT 1 FROM certificate_events e
                    WHERE e.certificate_id = c.id AND e.event IN ('suspended', 'revoked'))
  GROUP BY o.id HAVING count(*) >= 2" > "$DIR/agencies.tsv"
"$GEN" --agencies "$DIR/agencies.tsv" --n 0 --catalog-out "$DIR/catalog.csv" 2>/dev/null
"$BIN" catalog load "$DIR/catalog.csv" --config "$DIR/lecs.toml" --db "$DB" >/dev/null
t0=$(date +%s.%N)
"$GEN" --agencies "$DIR/agencies.tsv" --n "$N" --format ndjson --out - 2>/dev/null |
  "$BIN" import acts - --today 2026-11-27 --config "$DIR/lecs.toml" --db "$DB" >"$DIR/import.out" 2>"$DIR/import.err"
t1=$(date +%s.%N)
echo "acts_db: $N acts ingested in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f s (%.0f acts/s)", b-a, '"$N"'/(b-a)}'); $(du -m "$DIR/lecs.db" | cut -f1) MB; $(tail -1 "$DIR/import.out")" >&2
echo "$STAMP" > "$DIR/done"
echo "$DIR"
