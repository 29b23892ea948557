#!/bin/sh
# Builds the libFuzzer target for the CSV reader and value parsers (ASan + libFuzzer) and runs
# it for N seconds (default 60) on one core, from the seed corpus in Fuzz/corpus.
#   Fuzz/run.sh [seconds]
# Model is built as its own module first (Ingest imports it), then the Ingest sources and
# Fuzz/FuzzEntry.swift are compiled as one module so the entry point sees internal types.
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT="${FUZZ_BUILD:-/tmp/retention-fuzz}"
mkdir -p "$OUT" "$OUT/corpus"
FLAGS="-sanitize=fuzzer,address -parse-as-library -O -g"
swiftc $FLAGS -emit-module -emit-library -static -module-name Model \
    -emit-module-path "$OUT/Model.swiftmodule" Sources/Model/*.swift -o "$OUT/libModel.a"
swiftc $FLAGS -module-name IngestFuzz -I "$OUT" -L "$OUT" -lModel \
    $(find Sources/Ingest -name '*.swift' | sort) Fuzz/FuzzEntry.swift -o "$OUT/fuzz-ingest"
cp Fuzz/corpus/* "$OUT/corpus/" 2>/dev/null || true
"$OUT/fuzz-ingest" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -print_final_stats=1 "$OUT/corpus"
