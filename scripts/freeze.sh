#!/usr/bin/env bash
# Build the station's frozen program: dist/counter-app/counter-app (one folder, PyInstaller).
# The wheel is built from this checkout and installed in a virtual environment of its own
# (build/freeze/venv: Counter, its dependencies and PyInstaller, nothing else), which then runs
# packaging/counter-app.spec. Check the result with: python3 scripts/smoke.py dist/counter-app/counter-app
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >/dev/null   # system libraries and Python's venv module
python=python3
if command -v python3.11 >/dev/null 2>&1; then python=python3.11; fi
venv=build/freeze/venv
pyinstaller_version="6.22.3"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q build "pyinstaller==$pyinstaller_version"
fi
# setuptools copies the modules into build/lib and never removes one the checkout no longer has
# (a renamed migration would ship twice and give Alembic two heads): start from nothing
rm -rf build/freeze/wheel build/lib build/bdist.*
"$venv/bin/python" -m build -q --wheel --outdir build/freeze/wheel . >/dev/null
# the dependencies once; Counter itself every time, even when the version did not change, with
# nothing left of the previous build's modules
"$venv/bin/python" -m pip install -q build/freeze/wheel/counter_app-*.whl
"$venv/bin/python" -m pip uninstall -q -y counter-app
rm -rf "$venv"/lib/python3*/site-packages/counter_app "$venv"/lib/python3*/site-packages/counter_resources
"$venv/bin/python" -m pip install -q --no-deps build/freeze/wheel/counter_app-*.whl
rm -rf dist/counter-app
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/freeze/work \
  packaging/counter-app.spec
echo "frozen: dist/counter-app/counter-app ($(du -sh dist/counter-app | cut -f1))"
