"""The due board: late, due-today and due-soon dossiers, coloured, and opened with Enter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.services.due_board import Group
from counter_app.station import Station
from counter_app.ui.due_board import GROUP_COLOURS, DueBoard
from counter_app.ui.operations import Operations
from tests.factories import request, vn
from tests.gui.conftest import Keyboard

NOW = vn(2026, 3, 18, 10)  # Wednesday; RESIDENCE dossiers are due 7 working days on


def _receive(station: Station, day: int, hour: int = 9) -> str:
    at = vn(2026, 3, day, hour)
    return station.receive(request(received_at=at), actor="an", now=at).code


def _cell(board: DueBoard, row: int, column: int) -> str:
    text = board.model.index(row, column).data()
    assert isinstance(text, str)
    return text


@pytest.fixture
def board(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[DueBoard]:
    """The due board, its clock fixed at NOW, not yet shown."""
    widget = DueBoard(station, ops, "an")
    widget.clock = lambda: NOW
    qtbot.addWidget(widget)
    yield widget
    ops.wait(10_000)


def test_groups_colours_and_enter(
    board: DueBoard, station: Station, qtbot: QtBot, keyboard: Keyboard
) -> None:
    late = _receive(station, 4)  # due Fri 13/3 09:00: 3 working days late
    today = _receive(station, 9, 14)  # due Wed 18/3 14:00
    soon = _receive(station, 10)  # due Thu 19/3 09:00
    _receive(station, 13)  # due Tue 24/3: beyond 3 working days
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        board.show()
        board.activateWindow()
    assert board.counts_label.text() == "Quá hạn: 1 — Đến hạn hôm nay: 1 — Sắp đến hạn: 1"
    table, model = board.table, board.model
    assert model.rowCount() == 3
    expected: list[tuple[str, str, Group]] = [
        (late, "Quá hạn 3 ngày", "late"),
        (today, "Đến hạn hôm nay", "today"),
        (soon, "Sắp đến hạn", "soon"),
    ]
    for index, (code, text, group) in enumerate(expected):
        assert _cell(board, index, 1) == code
        assert _cell(board, index, 0) == text
        colour = GROUP_COLOURS[group]
        background = model.index(index, 0).data(qt_api.QtCore.Qt.ItemDataRole.BackgroundRole)
        if colour is None:
            assert background is None
        else:
            assert background.color() == colour
    assert _cell(board, 0, 5) == "09:00 ngày 13/03/2026"

    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(model.index(1, 0))
    with qtbot.waitSignal(board.dossier_requested) as blocker:
        keyboard.press(qt_api.QtCore.Qt.Key.Key_Return)
    assert blocker.args == [today]
    with qtbot.waitSignal(board.dossier_requested) as blocker:
        table.doubleClicked.emit(model.index(2, 1))
    assert blocker.args == [soon]


def test_more_days_and_f5_refresh(
    board: DueBoard, station: Station, qtbot: QtBot, keyboard: Keyboard
) -> None:
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        board.show()
        board.activateWindow()
    assert board.model.rowCount() == 0
    board.table.setFocus()
    qtbot.waitUntil(board.table.hasFocus)
    assert board.counts_label.text() == "Quá hạn: 0 — Đến hạn hôm nay: 0 — Sắp đến hạn: 0"
    later = _receive(station, 13)  # due Tue 24/3 09:00: the 4th working day from Wed 18/3
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        keyboard.press(qt_api.QtCore.Qt.Key.Key_F5)
    assert board.model.rowCount() == 0
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        board.days_spin.setValue(4)
    assert _cell(board, 0, 1) == later
    assert _cell(board, 0, 0) == "Sắp đến hạn"


def test_a_long_backlog_lists_the_first_of_each_group_and_counts_all(
    board: DueBoard, station: Station, qtbot: QtBot
) -> None:
    late = [_receive(station, day) for day in (2, 3, 4)]  # due 11, 12 and 13/3
    board.rows_per_group = 2
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        board.show()
    assert [_cell(board, row, 1) for row in range(board.model.rowCount())] == late[:2]
    assert board.counts_label.text() == "Quá hạn: 3 — Đến hạn hôm nay: 0 — Sắp đến hạn: 0"
    assert "chỉ hiện 2 hồ sơ đầu" in board.message_label.text()


def test_a_dossier_late_since_this_morning_says_so_in_hours_and_names_its_procedure(
    board: DueBoard, station: Station, qtbot: QtBot
) -> None:
    code = _receive(station, 9)  # Mon 9/3 09:00 → due Wed 18/3 09:00: one working hour late
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        board.show()
    assert _cell(board, 0, 1) == code
    assert _cell(board, 0, 0) == "Quá hạn trong ngày (1 giờ)"
    assert _cell(board, 0, 3) == "Đăng ký thường trú (1.004222)"
