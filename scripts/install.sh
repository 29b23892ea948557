#!/usr/bin/env bash
# Builds `retention` with the Swift runtime and Foundation linked in (--static-swift-stdlib) and
# installs that one file as PREFIX/bin/retention (default PREFIX: /usr/local). The default
# templates are compiled into it, so it runs from anywhere, on a Debian machine without the
# Swift toolchain (it needs only the system's libc, libstdc++ and libxml2: apt-get install libxml2).
#   scripts/install.sh [PREFIX]
# CONFIGURATION=debug builds the debug configuration instead of release (used by the tests);
# SCRATCH_PATH sets the build folder (default .build/static: objects built for
# --static-swift-stdlib must not be mixed with those of a normal build).
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${1:-/usr/local}"
CONFIGURATION="${CONFIGURATION:-release}"
BUILD=(swift build -c "$CONFIGURATION" --product retention --static-swift-stdlib --scratch-path "${SCRATCH_PATH:-.build/static}")
"${BUILD[@]}"
BIN="$("${BUILD[@]}" --show-bin-path)/retention"
mkdir -p "$PREFIX/bin"
# Copy under a temporary name and rename: a running retention is never overwritten in place.
TMP="$PREFIX/bin/.retention.install.$$"
install -m 0755 "$BIN" "$TMP"
mv -f "$TMP" "$PREFIX/bin/retention"
echo "$PREFIX/bin/retention"
