# Shared by scripts/: stage timing, the web build, the test PostgreSQL.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# ccache keeps its default cache (~/.cache/ccache); with paths taken relative to the
# checkout, clones of LECS in other folders on one machine share its entries.
export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=1
STAGES=()

# stage NAME BUDGET_MINUTES CMD…: runs CMD, records its minutes against the budget.
stage() {
  local name=$1 budget=$2; shift 2
  local t0=$SECONDS rc=0
  echo "==> $name"
  "$@" || rc=$?
  local secs=$((SECONDS - t0))
  STAGES+=("$(printf '%-10s %5.1f min (budget %s min)%s' "$name" "$(awk "BEGIN{print $secs/60}")" "$budget" \
    "$([ "$secs" -gt $((budget * 60)) ] && echo '  OVER BUDGET')")")
  return $rc
}

print_stages() {
  echo "---- stage times ----"
  printf '%s\n' "${STAGES[@]}"
}

build_web() {
  (cd "$ROOT/web" && npm run build --silent)
}
