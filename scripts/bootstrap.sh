#!/usr/bin/env bash
# First command of the README: install what is missing, build in release mode, write the sample
# CRM export set and render the sample report. Prints where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product retention 2>&1 | tail -n 3 >&2
bin=.build/release/retention
"$bin" sample --out Output/sample-data >&2
report=$("$bin" report --input Output/sample-data --out Output/retention-report.html --metrics-json Output/retention-report.metrics.json)
echo "$report"
