"""scripts/mutation_report.py: the score counts killed and timed-out mutants as caught, leaves an
explained (equivalent) survivor out of the total, and fails below 90 % or on a survivor nobody
explained — a mutant not yet checked included (docs/mutation.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "scripts" / "mutation_report.py"
D = "counter_app.domain"


def _report(tmp_path: Path, results: dict[str, str], explained: list[str]) -> tuple[int, str]:
    results_file = tmp_path / "results.txt"
    results_file.write_text(
        "".join(f"    {name}: {status}\n" for name, status in results.items()), encoding="utf-8"
    )
    doc = tmp_path / "mutation.md"
    rows = "".join(f"| `{name}` | changes nothing |\n" for name in explained)
    doc.write_text("| mutant | why |\n|---|---|\n" + rows, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(results_file), str(doc)],
        capture_output=True,
        text=True,
        check=False,
    )
    return run.returncode, run.stdout


def _mutants(module: str, statuses: list[str]) -> dict[str, str]:
    return {f"{D}.{module}.x_f__mutmut_{i}": s for i, s in enumerate(statuses, start=1)}


def test_nine_caught_of_ten_with_the_survivor_explained_passes(tmp_path: Path) -> None:
    results = _mutants("codes", ["killed"] * 8 + ["timeout", "survived"])
    code, out = _report(tmp_path, results, [f"{D}.codes.x_f__mutmut_10"])
    assert code == 0
    assert "score: 9/9 = 100.0%" in out
    assert "  codes: 9/9\n" in out


def test_an_unexplained_survivor_fails_even_above_the_threshold(tmp_path: Path) -> None:
    results = _mutants("codes", ["killed"] * 19 + ["survived"])
    code, out = _report(tmp_path, results, [])
    assert code == 1
    assert "score: 19/20 = 95.0%" in out
    assert f"unexplained survivor: {D}.codes.x_f__mutmut_20 (survived)" in out


def test_below_90_percent_fails_and_each_module_shows_what_is_left(tmp_path: Path) -> None:
    results = {
        **_mutants("codes", ["killed"] * 8 + ["survived", "survived"]),
        **_mutants("lifecycle", ["killed", "not checked"]),
    }
    explained = [f"{D}.codes.x_f__mutmut_9", f"{D}.codes.x_f__mutmut_10"]
    code, out = _report(tmp_path, results, explained)
    assert code == 1
    assert "score: 9/10 = 90.0%" in out  # 12 mutants, 2 explained
    assert "  lifecycle: 1/2  (not checked: 1)\n" in out
    assert f"unexplained survivor: {D}.lifecycle.x_f__mutmut_2 (not checked)" in out


def test_a_stale_explanation_is_named(tmp_path: Path) -> None:
    results = _mutants("codes", ["killed"] * 10)
    code, out = _report(tmp_path, results, [f"{D}.codes.x_f__mutmut_3"])
    assert code == 0
    assert (
        f"stale explanation in {tmp_path / 'mutation.md'}: {D}.codes.x_f__mutmut_3 is killed" in out
    )
