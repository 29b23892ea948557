#!/bin/sh
# Ingest benchmark: generates orders files of 1M and 10M rows (deterministic) and measures
# OrderStream on one and two cores, and the full DatasetLoader, in a release build.
#   Benchmarks/run.sh [rows...]        default: 1000000 10000000
# Data goes to ${BENCH_DIR:-/tmp/retention-bench}; files are reused when present.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product retention-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)/retention-bench"
DIR="${BENCH_DIR:-/tmp/retention-bench}"
mkdir -p "$DIR"
ROWS="${*:-1000000 10000000}"
for n in $ROWS; do
    f="$DIR/invoices-$n.csv"
    [ -s "$f" ] || "$BIN" generate "$f" "$n" 50000
    cat "$f" > /dev/null   # warm the page cache so every run reads from memory
    "$BIN" stream "$f" 1
    "$BIN" stream "$f" 2
    "$BIN" load "$f"
done
