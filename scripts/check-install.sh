#!/usr/bin/env bash
# Issue 13, item 21: the installed binary runs alone. Installs into a temporary PREFIX with
# scripts/install.sh, checks that `ldd` lists no Swift library, then runs it with an empty
# environment (no LD_LIBRARY_PATH, no RETENTION_TEMPLATES) from a folder outside the checkout
# (holding a decoy ./Templates) and validates what it writes.
#   scripts/check-install.sh        (CONFIGURATION=debug|release, default release; the build goes
#                                    to .build/static, or SCRATCH_PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BIN="$(bash scripts/install.sh "$WORK/prefix" | tail -n 1)"
fail() { echo "check-install: FAILED: $*" >&2; exit 1; }

if ldd "$BIN" | grep -Ei 'swift|Foundation|dispatch|BlocksRuntime'; then fail "ldd lists Swift runtime libraries"; fi
echo "check-install: ldd lists no Swift library:"
ldd "$BIN" | sed 's/^/  /'

mkdir -p "$WORK/elsewhere/Templates"
echo '<p>decoy</p>' > "$WORK/elsewhere/Templates/report.mustache"
cd "$WORK/elsewhere"
run() { env -i LD_LIBRARY_PATH= PATH=/usr/bin:/bin HOME="$WORK" "$BIN" "$@"; }
run --version
run sample --out "$WORK/in" > /dev/null
run report --input "$WORK/in" --out "$WORK/out/report.html" --as-of 2026-11-20 --publish "$WORK/archive" > /dev/null 2>&1 \
    || fail "report did not run"
grep -q 'decoy' "$WORK/out/report.html" && fail "./Templates overrode the built-in templates"
run validate "$WORK/out/report.html" "$WORK/archive/index.html" "$WORK/archive/2026-W47/index.html" || fail "validate"
run templates export "$WORK/exported" > /dev/null
for file in "$OLDPWD"/Templates/*.mustache; do
    cmp -s "$file" "$WORK/exported/$(basename "$file")" || fail "exported $(basename "$file") differs from Templates/"
done
echo "check-install: OK ($BIN runs alone: report, validate, templates export)"
