"""Fixtures for the print tests: the cups-pdf queue, enabled, stopped or rejecting."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.spooler import OUT_DIR, QUEUE, run_cups, set_queue, unavailable


@pytest.fixture
def cups_queue(qtbot: QtBot) -> str:
    """The cups-pdf queue, enabled and accepting, with its output folder."""
    if shutil.which("lpstat") is None:
        unavailable("lpstat is not installed (no CUPS client)")
    if "scheduler is running" not in run_cups("lpstat", "-r").stdout:
        unavailable("the CUPS scheduler is not running (lpstat -r)")
    if run_cups("lpstat", "-p", QUEUE).returncode != 0:
        unavailable(f"there is no CUPS queue {QUEUE!r} (lpstat -p)")
    if not OUT_DIR.is_dir():
        unavailable(f"the cups-pdf output folder {OUT_DIR} does not exist")
    # an earlier run may have died with the queue stopped or rejecting
    if "disabled" in run_cups("lpstat", "-p", QUEUE).stdout:
        set_queue("cupsenable")
    if "not accepting" in run_cups("lpstat", "-a", QUEUE).stdout:
        set_queue("cupsaccept")
    return QUEUE


@pytest.fixture
def stopped_queue(cups_queue: str) -> Iterator[str]:
    """The queue disabled (cupsdisable), enabled again afterwards."""
    set_queue("cupsdisable")
    try:
        yield cups_queue
    finally:
        set_queue("cupsenable")


@pytest.fixture
def rejecting_queue(cups_queue: str) -> Iterator[str]:
    """The queue refusing new jobs (cupsreject), accepting again afterwards."""
    set_queue("cupsreject")
    try:
        yield cups_queue
    finally:
        set_queue("cupsaccept")
