"""Role rules: what a clerk may not open is disabled and says why; an admin opens everything."""

from __future__ import annotations

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from tests.gui.conftest import Keyboard

Key = qt_api.QtCore.Qt.Key
Ctrl = qt_api.QtCore.Qt.KeyboardModifier.ControlModifier


def _tab(window: MainWindow, key: str) -> int:
    return window.tabs.indexOf(window.screens[key])


def test_a_clerk_cannot_open_settings_nor_import(
    window: MainWindow, keyboard: Keyboard, qtbot: QtBot
) -> None:
    settings = _tab(window, "settings")
    assert not window.tabs.isTabEnabled(settings)
    assert window.tabs.tabToolTip(settings) == "Chỉ quản trị viên được thay đổi cài đặt."
    keyboard.press(Key.Key_7, Ctrl)
    assert window.tabs.currentWidget() is window.reception
    assert "quản trị viên" in window.statusBar().currentMessage()
    catalogue = window.screens["catalogue"]
    keyboard.press(Key.Key_6, Ctrl)  # everyone may browse the catalogue
    assert window.tabs.currentWidget() is catalogue
    assert not catalogue.pages.isTabEnabled(1)  # type: ignore[attr-defined]
    assert window.dossier_view.role == "clerk"
    action = window.actions_by_method["open_catalogue_import"]
    assert not action.isEnabled()
    assert (
        action.toolTip() == "Nhập danh mục thủ tục (Ctrl+I) — Chỉ quản trị viên được nhập danh mục."
    )
    assert not window.actions_by_method["open_settings"].isEnabled()
    keyboard.press(Key.Key_F, Ctrl | qt_api.QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentWidget() is window.search_screen
    assert window.search_screen.query_edit.hasFocus()


def test_an_admin_opens_everything(
    qtbot: QtBot, station: Station, ops: Operations, printed: object
) -> None:
    admin = station.create_user(
        username="qt", full_name="Quản Trị", role="admin", password="mat-khau-1"
    )
    main = MainWindow(station, ops, admin)
    qtbot.addWidget(main)
    assert all(main.tabs.isTabEnabled(i) for i in range(main.tabs.count()))
    catalogue = main.screens["catalogue"]
    assert catalogue.pages.isTabEnabled(1)  # type: ignore[attr-defined]
    assert main.actions_by_method["open_settings"].toolTip() == "Cài đặt (Ctrl+,)"
    main.actions_by_method["open_catalogue_import"].trigger()
    assert main.tabs.currentWidget() is catalogue
    assert catalogue.pages.currentWidget() is catalogue.importer  # type: ignore[attr-defined]
    main.actions_by_method["open_settings"].trigger()
    assert main.tabs.currentWidget() is main.screens["settings"]
    main.close()


def test_a_leader_signs_apologies_but_not_settings(
    qtbot: QtBot, station: Station, ops: Operations, printed: object
) -> None:
    leader = station.create_user(
        username="ld", full_name="Lãnh Đạo", role="leader", password="mat-khau-1"
    )
    main = MainWindow(station, ops, leader)
    qtbot.addWidget(main)
    assert not main.tabs.isTabEnabled(_tab(main, "settings"))
    assert main.dossier_view.role == "leader"
    main.close()
