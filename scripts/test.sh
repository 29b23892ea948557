#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, then run every test,
# then the reference check (an independent pandas implementation of docs/metrics/ compared value
# by value with the metrics JSON; scripts/reference-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
# The tests make temporary folders (NSTemporaryDirectory, and Foundation's own TemporaryDirectory.*
# for atomic writes); they all go under one folder of this run, removed when it ends, so repeated
# runs do not fill /tmp.
test_tmp="$(mktemp -d "${TMPDIR:-/tmp}/retention-tests.XXXXXX")"
trap 'rm -rf "$test_tmp"' EXIT
TMPDIR="$test_tmp" swift test --skip-build 2>&1
bash scripts/reference-check.sh .build/debug/retention
# The installed binary runs without the toolchain (scripts/check-install.sh: a separate
# --static-swift-stdlib build, several minutes on 2 cores): run when RETENTION_CHECK_INSTALL=1.
if [ "${RETENTION_CHECK_INSTALL:-0}" = 1 ]; then
    bash scripts/check-install.sh
else
    echo "test.sh: install check skipped (RETENTION_CHECK_INSTALL=1 bash scripts/test.sh runs scripts/check-install.sh)"
fi
