"""Screens built on first use: only Reception before the window shows, the others when opened."""

from __future__ import annotations

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.i18n import _
from counter_app.ui.main_window import SCREENS, MainWindow
from tests.gui.conftest import Keyboard

Key = qt_api.QtCore.Qt.Key
Ctrl = qt_api.QtCore.Qt.KeyboardModifier.ControlModifier


def test_only_reception_is_built_when_the_window_opens(window: MainWindow) -> None:
    assert list(window.screens.built) == ["reception"]
    assert "due" in window.screens and "nothing" not in window.screens  # asking builds nothing
    assert list(window.screens.built) == ["reception"]
    assert window.tabs.count() == len(SCREENS)


def test_a_tab_opened_by_its_shortcut_builds_its_screen_in_place(
    window: MainWindow, keyboard: Keyboard
) -> None:
    keyboard.press(Key.Key_4, Ctrl)
    assert "due" in window.screens.built
    board = window.screens["due"]
    assert window.tabs.currentWidget() is board
    assert window.tabs.indexOf(board) == window.screens.index("due")
    assert window.tabs.tabText(window.screens.index("due")) == "Hạn giải quyết (Ctrl+4)"


def test_a_screen_built_later_is_wired_and_told_the_role(window: MainWindow) -> None:
    view = window.dossier_view  # built on first access, not shown
    assert window.tabs.currentWidget() is window.reception
    assert view.role == "clerk"
    window.search_screen.dossier_requested.emit("000.00.22.H56-250101-0001")  # wired when built
    assert window.tabs.currentWidget() is view


def test_an_unknown_screen_is_a_key_error(window: MainWindow) -> None:
    with pytest.raises(KeyError):
        window.screens["nothing"]


def test_no_tab_hides_behind_the_arrows_on_a_narrow_window(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show()
    bar = window.tabs.tabBar()
    window.resize(1093, 600)  # 1366 pixels at 125 %
    qtbot.waitUntil(lambda: bar.tabText(0) == "Tiếp nhận")
    assert [bar.tabText(i) for i in range(bar.count())] == [_(spec.title) for spec in SCREENS]
    last = bar.tabRect(bar.count() - 1)
    assert last.right() < bar.width()  # the last tab whole, no scroll arrows needed
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: bar.tabText(0) == "Tiếp nhận (Ctrl+1)")
    assert bar.tabText(7) == "Thống kê (Ctrl+8)"
