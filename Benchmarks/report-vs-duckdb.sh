#!/usr/bin/env bash
# Whole-report benchmark: `retention report` against DuckDB doing the core aggregation
# (Benchmarks/report/core_duckdb.py) on the same generated order business, run alternately.
#
#   Benchmarks/report-vs-duckdb.sh [ORDERS...]     default: 1000000 10000000
#
# For each size: generates the export set with Benchmarks/report/gen_crm.py (seed 42; customers,
# orders in USD/EUR/GBP, surveys; reused when present), warms the page cache, then runs RUNS
# (default 2) pairs "retention report, then DuckDB" and prints wall, CPU and peak RSS of each run,
# the ratio retention ÷ DuckDB of each pair, and the report's stage timings (RETENTION_TIMINGS=1).
# numpy and duckdb come from PyPI into a venv the script makes (BENCH_VENV, default .build/bench-venv).
# Data and outputs go to BENCH_DIR (default /tmp/retention-report-bench). RETENTION_BIN runs another
# build of `retention` instead of this tree's release build (e.g. a copy kept as a baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${BENCH_VENV:-$PWD/.build/bench-venv}"
DIR="${BENCH_DIR:-/tmp/retention-report-bench}"
RUNS="${RUNS:-2}"
SIZES="${*:-1000000 10000000}"
HERE=Benchmarks/report

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import numpy, duckdb' 2>/dev/null || "$VENV/bin/pip" install -q numpy duckdb
PY="$VENV/bin/python"
if [ -n "${RETENTION_BIN:-}" ]; then
    BIN="$RETENTION_BIN"
else
    swift build -c release --product retention >/dev/null
    BIN="$(swift build -c release --show-bin-path)/retention"
fi
# Side file with one row per customer, when this build has it.
CUSTOMERS_CSV=()
"$BIN" report --help | grep -q -- '--customers-csv' && CUSTOMERS_CSV=(yes)

mkdir -p "$DIR"
for n in $SIZES; do
    data="$DIR/orders-$n"
    out="$DIR/out-$n${BENCH_TAG:+-$BENCH_TAG}"
    mkdir -p "$out"
    if [ ! -s "$data/surveys.csv" ]; then
        echo "generating $n orders into $data" >&2
        "$PY" "$HERE/gen_crm.py" --orders "$n" --out "$data" --seed 42
    fi
    cat "$data"/*.csv > /dev/null   # every run reads from the page cache
    report=("$BIN" report --customers "$data/customers.csv" --orders "$data/orders.csv"
            --surveys "$data/surveys.csv" --currency USD --rate EUR=1.08 --rate GBP=1.27
            --out "$out/report.html" --metrics-json "$out/metrics.json")
    [ ${#CUSTOMERS_CSV[@]} -eq 0 ] || report+=(--customers-csv "$out/customers.csv")
    results="$out/results.jsonl"
    : > "$results"
    for run in $(seq "$RUNS"); do
        RETENTION_TIMINGS=1 "$PY" "$HERE/measure.py" retention -- "${report[@]}" \
            2> "$out/timings-$run.txt" >> "$results" || { cat "$out/timings-$run.txt" >&2; exit 1; }
        "$PY" "$HERE/measure.py" duckdb -- "$PY" "$HERE/core_duckdb.py" "$data" "$out/duckdb.json" >> "$results"
    done
    "$PY" "$HERE/summary.py" "$n" "$data" "$results" "$out"/timings-*.txt
done
