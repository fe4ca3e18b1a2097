"""One answer to "is this a CI run?", and the one way a test may give up for a missing part.

CI machines are set up by ``.ci/run`` with every real part the suite uses (PostgreSQL, CUPS,
a Secret Service, zxing-cpp, the fonts), so under CI a missing part is a failure, never a skip.
``CI`` counts as set for any value but the usual spellings of false, so ``CI=true``, ``CI=True``
and ``CI=1`` all mean CI.
"""

from __future__ import annotations

import os
from typing import Any, NoReturn

import pytest

FALSE_SPELLINGS = frozenset({"", "0", "false", "no", "off"})


def in_ci() -> bool:
    """True when the ``CI`` environment variable holds any truthy value."""
    return os.environ.get("CI", "").strip().lower() not in FALSE_SPELLINGS


def missing_part(reason: str) -> NoReturn:
    """Fail under CI (the CI machine has every part), skip with the reason elsewhere."""
    if in_ci():
        pytest.fail(f"required under CI: {reason}")
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Under CI a skipped test is a failed one: nothing the CI machine lacks may pass unseen."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.skipped and in_ci() and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"skipped under CI, where every part the suite uses is installed: {reason}"
        )
