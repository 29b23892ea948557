#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, then run every test,
# then the reference check (an independent pandas implementation of docs/metrics/ compared value
# by value with the metrics JSON; scripts/reference-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build 2>&1
bash scripts/reference-check.sh .build/debug/retention
