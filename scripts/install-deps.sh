#!/usr/bin/env bash
# Installs the Debian packages the build needs, only when they are missing.
# libxml2-dev: the validation stage links libxml2; libssl-dev: the inputs' SHA-256 runs in OpenSSL's
# libcrypto; pkg-config: SwiftPM finds both through libxml-2.0.pc and libcrypto.pc.
set -euo pipefail
missing=()
for pkg in libxml2-dev libssl-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi
command -v swift >/dev/null || { echo "error: the Swift toolchain (swift) is not on PATH" >&2; exit 1; }
