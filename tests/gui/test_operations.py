"""Background operations: one database thread, results on the GUI thread, errors as sentences."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from counter_app.domain.errors import InvalidInput
from counter_app.ui.operations import Operations


def test_database_work_runs_on_one_thread_and_reports_on_the_gui_thread(
    qtbot: QtBot, ops: Operations
) -> None:
    workers: list[int] = []
    delivered: list[int] = []
    for _ in range(5):
        ops.run_db(
            lambda: workers.append(threading.get_ident()) or len(workers),
            lambda _result: delivered.append(threading.get_ident()),
        )
    qtbot.waitUntil(lambda: len(delivered) == 5)
    assert len(set(workers)) == 1
    assert workers[0] != threading.get_ident()
    assert set(delivered) == {threading.get_ident()}
    assert ops.pending == 0


def test_a_counter_error_is_shown_as_its_own_sentence(qtbot: QtBot, ops: Operations) -> None:
    messages: list[str] = []

    def fail() -> None:
        raise InvalidInput("Số định danh không hợp lệ.")

    ops.run_db(fail, on_failure=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == ["Số định danh không hợp lệ."]


def test_an_unexpected_error_is_logged_and_shown_generically(
    qtbot: QtBot, ops: Operations, caplog: pytest.LogCaptureFixture
) -> None:
    messages: list[str] = []

    def fail() -> None:
        raise RuntimeError("disk on fire")

    ops.run_io(fail, on_failure=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert "ngoài dự kiến" in messages[0]
    assert "disk on fire" not in messages[0]
    assert "RuntimeError (message withheld" in caplog.text  # where it failed, not what it said
    assert "disk on fire" not in caplog.text


def test_deferred_database_work_waits_for_its_start_and_keeps_its_order(
    qtbot: QtBot, ops: Operations
) -> None:
    ran: list[int] = []
    io_done: list[bool] = []
    with ops.deferring() as work:
        for number in range(3):
            ops.run_db(lambda n=number: ran.append(n))  # type: ignore[misc]
        ops.run_io(lambda: True, io_done.append)  # input/output is never deferred
    ops.run_db(lambda: ran.append(99))  # asked for after the block: starts at once
    qtbot.waitUntil(lambda: io_done == [True] and ran == [99])
    assert ops.pending == 3
    work.start()
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert ran == [99, 0, 1, 2]


def test_an_answer_for_a_widget_deleted_meanwhile_is_dropped(qtbot: QtBot, ops: Operations) -> None:
    from pytestqt.qt_compat import qt_api

    class Screen(qt_api.QtWidgets.QLabel):  # type: ignore[name-defined,misc]
        def on_read(self, text: str) -> None:
            self.setText(text)  # would raise on a deleted label

        def on_failed(self, message: str) -> None:
            self.setText(message)

    closing, kept = Screen(), Screen()
    gate = threading.Event()
    ops.run_db(lambda: gate.wait(5) and "đã đọc", closing.on_read)
    ops.run_db(lambda: "đã đọc", kept.on_read)
    failures: list[str] = []
    ops.operation_failed.connect(failures.append)

    def fail() -> None:
        raise InvalidInput("Không đọc được.")

    ops.run_db(fail, on_failure=closing.on_failed)
    shiboken6.delete(closing)  # the window closed while the reads ran
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert kept.text() == "đã đọc"
    assert failures == ["Không đọc được."]  # the window's status bar still hears of it
