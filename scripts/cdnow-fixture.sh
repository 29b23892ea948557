#!/usr/bin/env bash
# Regenerates the CDNOW reference fixture of the BG/NBD and Gamma-Gamma tests from the CDNOW 1/10
# sample that ships inside the PyPI package `lifetimes`. CI does not run this: the fixture is
# committed. Needs python3 with venv; installs lifetimes (without its dependencies, only the data
# file is read) into a throwaway venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-$(mktemp -d)/venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --no-deps "lifetimes==0.11.3"
data="$("$venv/bin/python" -c 'import os, importlib.util as u; print(os.path.join(os.path.dirname(u.find_spec("lifetimes").origin), "datasets", "CDNOW_sample.txt"))')"
"$venv/bin/python" scripts/cdnow_fixture.py "$data" > Tests/MetricsTests/Fixtures/cdnow-sample-summary.csv
echo "wrote Tests/MetricsTests/Fixtures/cdnow-sample-summary.csv" >&2
