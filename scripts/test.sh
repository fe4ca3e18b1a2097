#!/usr/bin/env bash
# Set up what is missing, then run the whole test suite (Qt offscreen, tests in random order).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh server,test
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest -q "$@"
