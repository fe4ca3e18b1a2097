"""Under CI nothing is skipped: every way a test could give up goes through ``tests/ci.py``."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.ci import in_ci

TESTS = Path(__file__).resolve().parent
SKIPPING = {"skip", "skipif", "importorskip", "xfail", "skipTest"}


def _skip_sites(path: Path) -> list[str]:
    """``file:line name`` for each call or mark that skips, in one test module."""
    sites = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in SKIPPING:
            sites.append(f"{path.relative_to(TESTS.parent)}:{node.lineno} {node.attr}")
    return sites


def test_no_test_module_skips_except_through_the_ci_helper() -> None:
    sites = [
        site
        for path in sorted(TESTS.rglob("*.py"))
        if path != TESTS / "ci.py" and path != Path(__file__)
        for site in _skip_sites(path)
    ]
    assert sites == [], "skip through tests.ci.missing_part, which fails under CI"


def test_no_test_module_reads_the_ci_variable_itself() -> None:
    readers = [
        str(path.relative_to(TESTS.parent))
        for path in sorted(TESTS.rglob("*.py"))
        if path not in (TESTS / "ci.py", Path(__file__))
        and ('"CI"' in path.read_text(encoding="utf-8") or "'CI'" in path.read_text("utf-8"))
    ]
    assert readers == [], "ask tests.ci.in_ci() instead"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("True", True),
        ("1", True),
        ("yes", True),
        ("github", True),
        ("", False),
        ("0", False),
        ("false", False),
        ("False", False),
        ("no", False),
    ],
)
def test_any_truthy_ci_value_means_ci(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_an_unset_ci_variable_is_not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert in_ci() is False


def _run_skipping_suite(tmp_path: Path, ci_value: str) -> subprocess.CompletedProcess[str]:
    """pytest, with this suite's CI rule, on a module that skips one test outright."""
    module = tmp_path / "test_skipping.py"
    module.write_text(
        textwrap.dedent(
            """
            import pytest

            def test_gives_up() -> None:
                pytest.skip("a part is missing")

            def test_passes() -> None:
                assert True
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "CI": ci_value}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.ci",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(module),
        ],
        capture_output=True,
        text=True,
        cwd=TESTS.parent,
        env=env,
        check=False,
        timeout=120,
    )


def test_a_skip_fails_the_run_under_ci(tmp_path: Path) -> None:
    result = _run_skipping_suite(tmp_path, "1")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed" in result.stdout
    assert "skipped under CI" in result.stdout


def test_a_skip_stays_a_skip_outside_ci(tmp_path: Path) -> None:
    result = _run_skipping_suite(tmp_path, "false")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
