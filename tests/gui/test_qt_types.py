"""Qt's classes loaded ahead: the throwaway filter and animation go away, then the work starts."""

from __future__ import annotations

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.ui import qt_types


def _leftovers() -> list[object]:
    app = qt_api.QtWidgets.QApplication.instance()
    return [
        *app.findChildren(qt_api.QtCore.QVariantAnimation),
        *app.findChildren(qt_types._PassThrough),
    ]


def test_loading_ahead_leaves_nothing_behind_and_then_calls_back(qtbot: QtBot) -> None:
    before = len(_leftovers())
    called: list[bool] = []
    qt_types.load_ahead(lambda: called.append(True))
    assert len(_leftovers()) == before + 2 and called == []  # running: filter and animation
    qtbot.waitUntil(lambda: called == [True] and len(_leftovers()) == before, timeout=5_000)
