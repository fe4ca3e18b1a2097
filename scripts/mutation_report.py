"""The mutation score of counter_app/domain and the survivors nobody explained.

Reads ``mutmut results --all true`` (one ``name: status`` line per mutant) and docs/mutation.md,
whose survivor table lists each mutant that cannot be killed because it is equivalent (it
changes nothing a caller can observe), with the reason. Killed and timed-out mutants count as
caught; an explained survivor leaves the total. Exit 1 below ``THRESHOLD`` or when a survivor is
not explained; stale explanations (the mutant is caught now, or no longer exists) are listed.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

THRESHOLD = 0.90
CAUGHT = {"killed", "timeout"}
RESULT_LINE = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+?)\s*$")
EXPLAINED_ROW = re.compile(r"^\|\s*`(?P<name>[\w.]+__mutmut_\d+)`\s*\|")


def read_results(text: str) -> dict[str, str]:
    """Mutant name → status."""
    return {
        match["name"]: match["status"]
        for match in map(RESULT_LINE.match, text.splitlines())
        if match is not None
    }


def read_explained(text: str) -> set[str]:
    """The mutants docs/mutation.md explains as equivalent."""
    return {m["name"] for m in map(EXPLAINED_ROW.match, text.splitlines()) if m is not None}


def module_of(name: str) -> str:
    """``counter_app.domain.codes.x_parse_code__mutmut_3`` → ``codes``."""
    return name.split(".")[2]


def per_module(results: dict[str, str], explained: set[str]) -> list[str]:
    """One line per module: caught / counted (explained survivors left out), and what is left."""
    lines = []
    for module in sorted({module_of(name) for name in results}):
        names = [name for name in results if module_of(name) == module]
        caught = sum(results[name] in CAUGHT for name in names)
        counted = len([name for name in names if results[name] in CAUGHT or name not in explained])
        left = Counter(results[n] for n in names if results[n] not in CAUGHT and n not in explained)
        rest = "  ".join(f"{status}: {count}" for status, count in sorted(left.items()))
        lines.append(f"  {module}: {caught}/{counted}" + (f"  ({rest})" if rest else ""))
    return lines


def main(results_path: str, explained_path: str) -> int:
    results = read_results(Path(results_path).read_text(encoding="utf-8"))
    explained = read_explained(Path(explained_path).read_text(encoding="utf-8"))
    statuses = Counter(results.values())
    survivors = {name for name, status in results.items() if status not in CAUGHT}
    counted = len(results) - len(survivors & explained)
    caught = sum(statuses[status] for status in CAUGHT)
    score = caught / counted if counted else 0.0
    print(
        f"mutants: {len(results)}  " + "  ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
    )
    print(f"explained as equivalent: {len(survivors & explained)}")
    print(f"score: {caught}/{counted} = {score:.1%} (threshold {THRESHOLD:.0%})")
    print("per module, caught/counted:", *per_module(results, explained), sep="\n")
    unexplained = sorted(survivors - explained)
    for name in unexplained:
        print(f"unexplained survivor: {name} ({results[name]})")
    for name in sorted(explained - survivors):
        print(f"stale explanation in {explained_path}: {name} is {results.get(name, 'gone')}")
    return 0 if score >= THRESHOLD and not unexplained else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
