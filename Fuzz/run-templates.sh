#!/bin/sh
# Builds the libFuzzer target for the template engine and the JSON readers (ASan + libFuzzer)
# and runs it for N seconds (default 60) on one core, from the seeds in Fuzz/corpus-templates.
#   Fuzz/run-templates.sh [seconds]
# MarkupText and Publishing's JSON reader are built as modules of their own first, then the
# Mustache sources and Fuzz/FuzzTemplates.swift are compiled as one module.
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT="${FUZZ_BUILD:-/tmp/retention-fuzz-templates}"
mkdir -p "$OUT" "$OUT/corpus"
FLAGS="-sanitize=fuzzer,address -parse-as-library -O -g"
swiftc $FLAGS -emit-module -emit-library -static -module-name MarkupText \
    -emit-module-path "$OUT/MarkupText.swiftmodule" Sources/MarkupText/*.swift -o "$OUT/libMarkupText.a"
# Publishing's reader (internal types) as a module of its own, for @testable import.
swiftc $FLAGS -enable-testing -emit-module -emit-library -static -module-name PublishingJSON \
    -emit-module-path "$OUT/PublishingJSON.swiftmodule" Sources/Publishing/JSONValue.swift -o "$OUT/libPublishingJSON.a"
swiftc $FLAGS -module-name TemplateFuzz -I "$OUT" -L "$OUT" -lMarkupText -lPublishingJSON \
    Sources/Mustache/*.swift Fuzz/FuzzTemplates.swift -o "$OUT/fuzz-templates"
cp Fuzz/corpus-templates/* "$OUT/corpus/" 2>/dev/null || true
"$OUT/fuzz-templates" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -print_final_stats=1 "$OUT/corpus"
