"""Login, first run and the idle lock."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.services.user_types import Role, UserInfo
from counter_app.services.users import authenticate
from counter_app.station import Station
from counter_app.ui.login import LoginDialog
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from tests.gui.conftest import PASSWORD

Key = qt_api.QtCore.Qt.Key


def _dialog(qtbot: QtBot, station: Station, ops: Operations) -> LoginDialog:
    dialog = LoginDialog(station, ops)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.mode_decided):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: qt_api.QtWidgets.QApplication.focusWidget() is not None)
    return dialog


def test_wrong_password_is_refused(
    qtbot: QtBot, station: Station, ops: Operations, clerk: UserInfo, keyboard
) -> None:
    dialog = _dialog(qtbot, station, ops)
    assert not dialog.first_run
    keyboard.type("an")
    keyboard.press(Key.Key_Tab)
    keyboard.type("sai-mat-khau")
    keyboard.press(Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message_label.text() != "")
    assert "không đúng" in dialog.message_label.text()
    assert dialog.user is None and dialog.isVisible()
    assert dialog.password_edit.text() == ""


def test_right_password_logs_in(
    qtbot: QtBot, station: Station, ops: Operations, clerk: UserInfo, keyboard
) -> None:
    dialog = _dialog(qtbot, station, ops)
    keyboard.type("an")
    keyboard.press(Key.Key_Tab)
    keyboard.type(PASSWORD)
    with qtbot.waitSignal(dialog.logged_in):
        keyboard.press(Key.Key_Return)
    assert dialog.user is not None and dialog.user.username == "an"
    assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_first_run_creates_agency_and_admin(qtbot: QtBot, tmp_path: Path) -> None:
    station = Station(tmp_path)
    ops = Operations()
    try:
        dialog = _dialog(qtbot, station, ops)
        assert dialog.first_run
        values = {
            "agency_code": "000.17.22.H56",
            "agency_name": "UBND phường Quảng Hưng",
            "place_name": "Quảng Hưng",
            "full_name": "Quản Trị",
            "username": "admin",
            "password": "quan-tri-123",
        }
        for key, text in values.items():
            dialog.setup_edits[key].setText(text)
        dialog.repeat_edit.setText("khac-han")
        dialog.submit()
        assert "không khớp" in dialog.message_label.text()
        dialog.repeat_edit.setText("quan-tri-123")
        with qtbot.waitSignal(dialog.logged_in, timeout=20_000):
            dialog.submit()
        assert dialog.user is not None and dialog.user.role is Role.ADMIN
        ops.wait()
        assert station.identity is not None
        assert station.catalogue()
        with station.store.read() as db:
            assert authenticate(db, username="admin", password="quan-tri-123").role is Role.ADMIN
    finally:
        ops.wait()
        station.close()


def test_idle_lock_asks_for_the_login_again(window: MainWindow, qtbot: QtBot, keyboard) -> None:
    qtbot.waitUntil(lambda: window.idle_timer.interval() == 10 * 60_000)  # the setting
    window.idle_timer.setInterval(100)
    window.idle_timer.start()
    window.reception.name_edit.setText("Nguyễn Văn Đức")
    with qtbot.waitSignal(window.locked_changed, timeout=5000):
        pass
    assert window.locked and not window.tabs.isVisible()
    dialog = window.lock_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.username_edit.hasFocus)
    keyboard.scan("001090012345|123456789|NGUYỄN VĂN ĐỨC|17051990|Nam|Hà Nội|01032022")
    assert window.reception.id_edit.text() == ""  # no scan reaches a locked window
    keyboard.type("an")
    keyboard.press(Key.Key_Tab)
    keyboard.type(PASSWORD)
    with qtbot.waitSignal(window.locked_changed):
        keyboard.press(Key.Key_Return)
    assert not window.locked and window.tabs.isVisible()
    assert window.reception.name_edit.text() == "Nguyễn Văn Đức"  # nothing was lost


def test_f10_locks_and_menus_show_shortcuts(window: MainWindow, keyboard) -> None:
    tips = {a.toolTip() for a in window.actions_by_method.values()}
    assert "Tiếp nhận mới (F2)" in tips and "Tìm hồ sơ (Ctrl+F)" in tips
    keyboard.press(Key.Key_F10)
    assert window.locked
