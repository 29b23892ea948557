#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build 2>&1
