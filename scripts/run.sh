#!/usr/bin/env bash
# Set up what is missing, then start Counter on a demo station in ./demo-data
# (local SQLite store, the bundled catalogue, a few hundred realistic dossiers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export COUNTER_DATA_DIR="${COUNTER_DATA_DIR:-$PWD/demo-data}"
exec .venv/bin/counter-app demo "$@"
