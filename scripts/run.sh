#!/usr/bin/env bash
# Set up what is missing, then start Counter on a demo station in ./demo-data
# (local SQLite store, the bundled catalogue, a few hundred realistic dossiers).
# Global options (--lang en, --data-dir DIR, --actor NAME) and demo's own (--dossiers N,
# --no-window) may be given in any order: scripts/run.sh --lang en
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export COUNTER_DATA_DIR="${COUNTER_DATA_DIR:-$PWD/demo-data}"
global=()
rest=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --lang | --data-dir | --actor) global+=("$1" "${2:-}"); shift $(( $# > 1 ? 2 : 1 )) ;;
    --lang=* | --data-dir=* | --actor=* | --version) global+=("$1"); shift ;;
    *) rest+=("$1"); shift ;;
  esac
done
exec .venv/bin/counter-app "${global[@]}" demo "${rest[@]}"
