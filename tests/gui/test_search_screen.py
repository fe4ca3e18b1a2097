"""The Search screen: folded name, filters, keyboard only, and the toolbar box."""

from __future__ import annotations

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from tests.factories import BIRTH, applicant, request, vn
from tests.gui.conftest import Keyboard

Key = qt_api.QtCore.Qt.Key
Ctrl = qt_api.QtCore.Qt.KeyboardModifier.ControlModifier


def _two_duc(station: Station) -> tuple[str, str]:
    residence = station.receive(request(received_at=vn(2026, 3, 10, 9)), actor="an").code
    birth = station.receive(
        request(BIRTH, received_at=vn(2026, 4, 2, 9)), actor="an", now=vn(2026, 4, 2, 9)
    ).code
    station.receive(request(applicant=applicant(name="Trần Thị Bích")), actor="an")
    return residence, birth


def _cell(window: MainWindow, row: int, column: int) -> str:
    item = window.search_screen.table.item(row, column)
    assert item is not None
    return item.text()


def test_folded_name_and_field_filter_then_enter_opens(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    residence, birth = _two_duc(station)
    screen = window.search_screen
    keyboard.press(Key.Key_5, Ctrl)
    assert window.tabs.currentWidget() is screen
    screen.query_edit.setFocus()
    keyboard.type("nguyen van duc")
    with qtbot.waitSignal(screen.results_shown, timeout=10_000) as shown:
        keyboard.press(Key.Key_Return)
    assert [row.code for row in shown.args[0]] == [birth, residence]
    assert screen.table.hasFocus()
    assert _cell(window, 0, 1) == "Nguyễn Văn Đức"
    assert _cell(window, 0, 5) == "Đã tiếp nhận"
    assert "Đăng ký khai sinh" in _cell(window, 0, 2)
    screen.query_edit.setFocus()
    keyboard.press(Key.Key_Tab)  # state
    keyboard.press(Key.Key_Tab)  # field
    assert screen.field_combo.hasFocus()
    screen.field_combo.setCurrentIndex(screen.field_combo.findData("Cư trú"))
    with qtbot.waitSignal(screen.results_shown, timeout=10_000) as shown:
        keyboard.press(Key.Key_Return)
    assert [row.code for row in shown.args[0]] == [residence]
    with qtbot.waitSignal(window.dossier_opened, timeout=10_000) as opened:
        keyboard.press(Key.Key_Return)  # the table has the focus: open the row
    assert opened.args[0].code == residence


def test_period_and_state_filters_and_a_bad_day(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    _residence, birth = _two_duc(station)
    screen = window.search_screen
    window.tabs.setCurrentWidget(screen)
    screen.from_edit.setText("01/04/2026")
    screen.to_edit.setText("30/04/2026")
    with qtbot.waitSignal(screen.results_shown, timeout=10_000) as shown:
        screen.run_search()  # no text: the filters alone
    assert [row.code for row in shown.args[0]] == [birth]
    screen.from_edit.setText("31/02/2026")
    screen.run_search()
    assert "ngày/tháng/năm" in screen.message_label.text()
    screen.from_edit.clear()
    screen.state_combo.setCurrentIndex(screen.state_combo.findData("returned"))
    screen.query_edit.setText("duc")
    with qtbot.waitSignal(screen.results_shown, timeout=10_000) as shown:
        screen.run_search()
    assert shown.args[0] == []
    assert "Không tìm thấy" in screen.message_label.text()


def test_nothing_to_search_says_what_to_do(window: MainWindow) -> None:
    screen = window.search_screen
    screen.run_search()
    assert "Hãy gõ điều cần tìm" in screen.message_label.text()


def test_toolbar_box_shows_several_matches_on_the_search_screen(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    _two_duc(station)
    keyboard.press(Key.Key_F, Ctrl)
    keyboard.type("nguyen van")
    with qtbot.waitSignal(window.search_screen.results_shown, timeout=10_000):
        keyboard.press(Key.Key_Return)
    assert window.tabs.currentWidget() is window.search_screen
    assert window.search_screen.query_edit.text() == "nguyen van"
    assert window.search_screen.table.rowCount() == 2


def test_double_click_on_a_row_opens_it(window: MainWindow, station: Station, qtbot: QtBot) -> None:
    residence, _birth = _two_duc(station)  # the newest first: Bích, residence, then April's
    screen = window.search_screen
    window.tabs.setCurrentWidget(screen)
    screen.query_edit.setText("001090012345")
    with qtbot.waitSignal(screen.results_shown, timeout=10_000):
        screen.run_search()
    table = screen.table
    rect = table.visualItemRect(table.item(1, 0))
    left = qt_api.QtCore.Qt.MouseButton.LeftButton
    qtbot.mouseClick(table.viewport(), left, pos=rect.center())  # a double click follows a click
    with qtbot.waitSignal(window.dossier_opened, timeout=10_000) as opened:
        qtbot.mouseDClick(table.viewport(), left, pos=rect.center())
    assert opened.args[0].code == residence
