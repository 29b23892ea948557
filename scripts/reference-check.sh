#!/usr/bin/env bash
# The reference check (issue 10): an independent pandas implementation of docs/metrics/
# (scripts/reference/reference.py) recomputes the metrics JSON of
#   1. the sample set (`retention sample`, a subscription business) as of two dates, and
#   2. a generated order business with a CRM customer file (~100 k orders, ../shared/bench/gen_crm.py,
#      seed 42, single currency) as of three dates,
# and compares value by value: integers and money exactly, doubles within 1e-12 relative.
# Prints one `reference check: PASS|FAIL …` line per run and exits 1 on any failure.
# The venv (pandas from PyPI) is cached under .build/reference-venv, the data under .build/reference.
# Usage: scripts/reference-check.sh [path/to/retention]   (default: .build/debug/retention)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
retention="${1:-$root/.build/debug/retention}"
[ -x "$retention" ] || { echo "reference check: FAIL: $retention not built (run swift build first)"; exit 1; }
venv="$root/.build/reference-venv"
work="$root/.build/reference"
pandas_version="3.1.1"

if ! command -v python3 >/dev/null || ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  echo "reference check: installing python3-venv" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 python3-venv >&2
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pandas, sys; sys.exit(pandas.__version__ != '$pandas_version')" 2>/dev/null; then
  echo "reference check: installing pandas $pandas_version into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pandas==$pandas_version" >&2
fi
py="$venv/bin/python"
mkdir -p "$work"
status=0

run() {  # label input-dir as-of
  local label="$1" input="$2" asof="$3"
  local json="$work/$label-$asof.metrics.json"
  if ! "$retention" report --input "$input" --as-of "$asof" --out "$work/$label-$asof.html" \
      --metrics-json "$json" >/dev/null 2>"$work/$label-$asof.stderr"; then
    echo "reference check: FAIL $label as of $asof: retention report failed:"
    head -5 "$work/$label-$asof.stderr"
    status=1
    return
  fi
  "$py" scripts/reference/reference.py --input "$input" --metrics "$json" --as-of "$asof" --label "$label" || status=1
}

# 1. The sample set (subscriptions, invoices, surveys, tickets), as of its last day and as of a
#    day in mid-month (with later records in the files that must change nothing).
rm -rf "$work/sample"
"$retention" sample --out "$work/sample" >/dev/null
run sample "$work/sample" 2026-11-20
run sample "$work/sample" 2026-06-10

# 2. An order business with a CRM customer file, from the shared benchmark generator.
gen=""
for candidate in "$root/../shared/bench/gen_crm.py" /work/shared/bench/gen_crm.py; do
  [ -f "$candidate" ] && { gen="$candidate"; break; }
done
if [ -z "$gen" ]; then
  echo "reference check: SKIPPED the 100 k-order set: shared/bench/gen_crm.py is not beside this clone"
else
  orders="$work/orders-100k"
  if [ ! -f "$orders/.complete" ]; then
    rm -rf "$orders" "$orders-raw"
    "$py" "$gen" --orders 100000 --out "$orders-raw" --seed 42 >/dev/null
    mkdir -p "$orders"
    # One currency (the generator mixes USD, EUR and GBP): drop the currency column, as its README says.
    cut -d, -f1-4 "$orders-raw/orders.csv" > "$orders/orders.csv"
    cp "$orders-raw/customers.csv" "$orders-raw/surveys.csv" "$orders/"
    rm -rf "$orders-raw"
    touch "$orders/.complete"
  fi
  for asof in 2023-06-30 2024-06-15 2024-12-31; do
    run orders-100k "$orders" "$asof"
  done
fi

if [ "$status" -ne 0 ]; then
  echo "reference check: FAILED (see the lines above)"
else
  echo "reference check: all runs passed"
fi
exit "$status"
