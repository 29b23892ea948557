#!/usr/bin/env bash
# Developer script (not part of the tests): renders the sample report, then takes screenshots
# with headless Chromium at phone and desktop widths and prints it to PDF, so a person can look
# at what a reader sees. Needs Debian's chromium (installed here when missing) and poppler-utils
# for PNG pages of the PDF.
#   bash scripts/screenshots.sh [REPORT.html]   → Output/screenshots/{phone,desktop}.png, report.pdf, page-*.png
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils
fi
report=${1:-}
if [ -z "$report" ]; then
  swift build -c release --product retention >&2
  .build/release/retention sample --out Output/sample-data >/dev/null
  report=$(.build/release/retention report --input Output/sample-data --out Output/retention-report.html)
fi
out=Output/screenshots
mkdir -p "$out"
url="file://$(realpath "$report")"
chrome=(chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --disable-dev-shm-usage)
"${chrome[@]}" --window-size=390,16000 --screenshot="$out/phone.png" "$url" 2>/dev/null
"${chrome[@]}" --window-size=1280,14000 --screenshot="$out/desktop.png" "$url" 2>/dev/null
"${chrome[@]}" --force-dark-mode --blink-settings=preferredColorScheme=0 --window-size=1280,2400 --screenshot="$out/desktop-dark.png" "$url" 2>/dev/null || true
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" 2>/dev/null
if command -v pdftoppm >/dev/null; then
  rm -f "$out"/page-*.png
  pdftoppm -png -r 50 "$out/report.pdf" "$out/page"
fi
ls -l "$out"
