"""Qt's classes loaded ahead during the login: the throwaway filter and animation go away."""

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


def test_loading_ahead_leaves_no_filter_nor_animation_behind(qtbot: QtBot) -> None:
    before = len(_leftovers())
    qt_types.load_ahead()
    assert len(_leftovers()) == before + 2  # running: the filter and the animation
    qtbot.waitUntil(lambda: len(_leftovers()) == before, timeout=5_000)
