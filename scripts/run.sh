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
program=(.venv/bin/counter-app "${global[@]}" demo "${rest[@]}")
if ! .venv/bin/python -c "from counter_app.secret_store import backend; backend()" >/dev/null 2>&1; then
  # No Secret Service here (a server, WSL, a bare window manager): the demo keeps its store's key
  # in a private gnome-keyring whose file stays beside the demo's data. A counter PC never does:
  # there Counter refuses to start without the desktop's keyring.
  bash scripts/keyring_setup.sh >/dev/null
  keep="${COUNTER_DATA_DIR%/}-keyring"
  echo "run.sh: no Secret Service on this machine; the demo's key is kept in $keep" >&2
  exec .venv/bin/python scripts/with_keyring.py --keep "$keep" "${program[@]}"
fi
exec "${program[@]}"
