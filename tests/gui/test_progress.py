"""The progress helper: silent for a quick job, a dialog with the reported steps for a slow one."""

from __future__ import annotations

import threading

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.ui.operations import Operations
from counter_app.ui.progress import Progress, Report, run_with_progress


def test_quick_job_never_shows_a_dialog(qtbot: QtBot, ops: Operations) -> None:
    parent = qt_api.QtWidgets.QWidget()
    qtbot.addWidget(parent)
    progress = Progress(parent, "…", delay_ms=500)
    results: list[int] = []
    run_with_progress(ops, progress, lambda _report: 7, results.append, print)
    qtbot.waitUntil(lambda: results == [7])
    qtbot.wait(600)
    assert progress.dialog is None


def test_slow_job_shows_its_steps_then_closes(qtbot: QtBot, ops: Operations) -> None:
    parent = qt_api.QtWidgets.QWidget()
    qtbot.addWidget(parent)
    progress = Progress(parent, "Đang nhập…", delay_ms=50)
    release = threading.Event()
    results: list[str] = []

    def job(report: Report) -> str:
        report(3, 10)
        release.wait(10)
        return "xong"

    with qtbot.waitSignal(progress.dialog_shown):
        run_with_progress(ops, progress, job, results.append, print, database=False)
    assert progress.dialog is not None
    qtbot.waitUntil(lambda: progress.dialog is not None and progress.dialog.value() == 3)
    assert progress.dialog.maximum() == 10
    release.set()
    qtbot.waitUntil(lambda: results == ["xong"])
    assert progress.dialog is None


def test_failed_job_closes_the_dialog_and_reports(qtbot: QtBot, ops: Operations) -> None:
    parent = qt_api.QtWidgets.QWidget()
    qtbot.addWidget(parent)
    progress = Progress(parent, "…", delay_ms=10)
    failures: list[str] = []

    def job(_report: Report) -> None:
        threading.Event().wait(0.2)
        raise RuntimeError("boom")

    run_with_progress(ops, progress, job, print, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert "lỗi ngoài dự kiến" in failures[0]
    assert progress.dialog is None
