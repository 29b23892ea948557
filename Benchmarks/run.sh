#!/bin/sh
# Ingest benchmark: generates orders files of 1M and 10M rows (deterministic, ~49 bytes a
# row, 50 000 customers) and measures, in a release build:
#   stream-min x1/x2  OrderStream decoding customer id, date and amount; consumer sums only
#   stream x1/x2      the same with a per-customer (hashed bucket) consumer
#   load              DatasetLoader: SHA-256 (second thread), id dedupe, materialised orders
#   sha256            our SHA-256 alone
#   cohorts           ingest + cohort aggregation: two streaming passes (OrderStream → TwoPassOrderCohorts)
#   load-dir          (with RETENTION set) DatasetLoader over a whole `retention sample` set
# Each line prints MB/s, rows/s, wall and CPU time (getrusage) and peak RSS (ru_maxrss).
#   Benchmarks/run.sh [rows...]        default: 1000000 10000000
# Data goes to ${BENCH_DIR:-/tmp/retention-bench}; files are reused when present.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product retention-bench 2>/dev/null >/dev/null
BIN="$(swift build -c release --show-bin-path 2>/dev/null)/retention-bench"
DIR="${BENCH_DIR:-/tmp/retention-bench}"
mkdir -p "$DIR"
ROWS="${*:-1000000 10000000}"
for n in $ROWS; do
    f="$DIR/invoices-$n.csv"
    [ -s "$f" ] || "$BIN" generate "$f" "$n" 50000
    cat "$f" > /dev/null   # warm the page cache so every run reads from memory
    "$BIN" stream-min "$f" 1
    "$BIN" stream-min "$f" 2
    "$BIN" stream "$f" 1
    "$BIN" stream "$f" 2
    "$BIN" load "$f"
    "$BIN" sha256 "$f"
    "$BIN" cohorts "$f"
done
# Realistic data: `retention sample` with 1.4 M customers over 24 months writes 9.94 M invoices.
if [ -z "${*:-}" ]; then
    swift build -c release --product retention 2>/dev/null >/dev/null
    d="$DIR/sample-1400000"
    [ -s "$d/invoices.csv" ] || "$(dirname "$BIN")/retention" sample --customers 1400000 --months 24 --out "$d" >/dev/null
    cat "$d/invoices.csv" > /dev/null
    "$BIN" stream-min "$d/invoices.csv" 1
    "$BIN" stream-min "$d/invoices.csv" 2
    "$BIN" cohorts "$d/invoices.csv" 2026-11-20
fi
# The memory target: 10 M orders from 500 000 customers, ingest + cohort aggregation.
if [ -z "${*:-}" ]; then
    f="$DIR/invoices-10000000-500k.csv"
    [ -s "$f" ] || "$BIN" generate "$f" 10000000 500000
    cat "$f" > /dev/null
    "$BIN" stream "$f" 1
    "$BIN" cohorts "$f"
fi
# A whole export set from `retention sample` (when RETENTION points at the binary):
#   RETENTION=.build/release/retention SAMPLE_CUSTOMERS=200000 Benchmarks/run.sh
if [ -n "${RETENTION:-}" ]; then
    n="${SAMPLE_CUSTOMERS:-200000}"
    d="$DIR/sample-$n"
    [ -s "$d/customers.csv" ] || "$RETENTION" sample --customers "$n" --out "$d" >/dev/null
    cat "$d"/*.csv > /dev/null
    "$BIN" load-dir "$d"
fi
