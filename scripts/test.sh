#!/usr/bin/env bash
# Set up what is missing, then run the whole test suite (Qt offscreen, tests in random order).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh server,test
# The real parts the tests use: a print spooler (CUPS + cups-pdf), PostgreSQL, a Secret Service
# for the keyring, and Chromium with axe-core for the lookup page. Installing them needs root or
# sudo; without either, those tests say why and are skipped (under CI=true they fail instead).
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
if [ -z "$as_root" ] || sudo -n true 2>/dev/null; then
  bash scripts/cups_setup.sh >/dev/null
  bash scripts/keyring_setup.sh >/dev/null
  bash scripts/browser_setup.sh >/dev/null
  if [ -z "${COUNTER_TEST_DATABASE_URL:-}" ]; then
    COUNTER_TEST_DATABASE_URL="$($as_root bash scripts/postgres_setup.sh | tail -n 1)"
    export COUNTER_TEST_DATABASE_URL
  fi
else
  echo "test.sh: neither root nor sudo: the printer, PostgreSQL, keyring and browser tests are skipped" >&2
fi
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest -q "$@"
