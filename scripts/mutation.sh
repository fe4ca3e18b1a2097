#!/usr/bin/env bash
# Mutation testing of the pure rules (counter_app/domain) with mutmut; configuration in setup.cfg
# [mutmut]. Too slow for every CI run (see docs/mutation.md for the figures): run it on demand
# after touching a rule, and weekly from .github/workflows/mutation.yml. mutmut remembers its
# results in ./mutants and re-tests only functions changed since; `--fresh` starts over.
# Exits 1 when the score is below 90 % or a surviving mutant is not explained in docs/mutation.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh server,test,mutation
export QT_QPA_PLATFORM=offscreen
# Each mutant is a pytest session, and each prunes old /tmp/pytest-of-$USER folders: a folder of
# their own keeps them from removing those of a test run going on beside them.
export TMPDIR="${TMPDIR:-/tmp}/counter-mutation"
mkdir -p "$TMPDIR"
if [ "${1:-}" = "--fresh" ]; then
  rm -rf mutants
  shift
fi
# mutmut's exit status says nothing about the score; the report below decides. Its progress
# goes to $MUTATION_LOG when set.
.venv/bin/mutmut run --max-children "${MUTATION_JOBS:-$(nproc)}" "$@" >"${MUTATION_LOG:-/dev/null}" 2>&1 || true
.venv/bin/mutmut results --all true >mutants/results.txt
exec .venv/bin/python scripts/mutation_report.py mutants/results.txt docs/mutation.md
