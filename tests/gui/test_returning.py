"""Reception and a returning applicant: details offered, the counter's last procedure first,
a duplicate shown one key away; and a failed print offered again right there."""

from __future__ import annotations

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.printing.model import FormKind
from counter_app.station import Station
from counter_app.ui import print_offer
from counter_app.ui.main_window import MainWindow
from counter_app.ui.print_dispatch import PrintOutcome
from counter_app.ui.print_jobs import PrintRequest
from tests.factories import BIRTH, RESIDENCE, applicant, request
from tests.gui.conftest import Keyboard

Key = qt_api.QtCore.Qt.Key
CERTIFY = "2.000815"
QR = (
    "001090012345|123456789|NGUYỄN VĂN ĐỨC|17051990|Nam|"
    "Số 12 Lê Lai, Quảng Hưng, Thanh Hóa|01032022"
)


def _earlier(station: Station, window: MainWindow, qtbot: QtBot) -> str:
    """The applicant's open dossier of CERTIFY, then a neighbour's RESIDENCE (the latest)."""
    earlier = station.receive(request(CERTIFY, applicant=applicant(phone="0987654321")), actor="an")
    neighbour = applicant(id_number="038190054321", name="Lê Thị Bình", phone=None)
    station.receive(request(RESIDENCE, applicant=neighbour), actor="an")
    window.reception.reload_catalogue()
    qtbot.waitUntil(lambda: window.reception.picker.recent[:2] == [RESIDENCE, CERTIFY])
    return earlier.code


def test_a_scanned_returning_applicant_gets_the_phone_and_the_cursor_goes_to_the_procedure(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    _earlier(station, window, qtbot)
    screen = window.reception
    keyboard.scan(QR)
    qtbot.waitUntil(screen.procedure_edit.hasFocus)
    assert screen.phone_edit.text() == "0987654321"
    assert screen.address_edit.text() == "Số 12 Lê Lai, Quảng Hưng, Thanh Hóa"  # the card's
    assert "điện thoại" in screen.history_label.text()
    assert screen.procedure_list.isVisible()
    assert screen.procedure_list.item(0).text().startswith(RESIDENCE)  # the counter's last
    keyboard.press(Key.Key_Return)
    assert screen.picker.entry is not None and screen.picker.entry.spec.code == RESIDENCE
    assert not screen.duplicate.isVisible()


def test_a_typed_number_fills_what_is_empty_and_leaves_the_cursor_to_the_typist(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    _earlier(station, window, qtbot)
    screen = window.reception
    keyboard.type("Nguyễn Văn Đức")
    keyboard.press(Key.Key_Tab)
    keyboard.type("001090012345")
    qtbot.waitUntil(lambda: screen.phone_edit.text() == "0987654321")
    assert screen.id_edit.hasFocus()
    assert screen.dob_edit.text() == "17/05/1990"
    assert screen.sex_combo.currentIndex() == 0  # an arrow key would change a filled box
    keyboard.press(Key.Key_Tab)
    keyboard.type("17/05/1990")  # the offered text is selected: typing replaces it
    assert screen.dob_edit.text() == "17/05/1990"


def test_an_open_dossier_of_the_same_procedure_is_one_key_away(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    earlier = _earlier(station, window, qtbot)
    screen = window.reception
    keyboard.scan(QR)
    qtbot.waitUntil(screen.procedure_edit.hasFocus)
    keyboard.type("chung thuc ban sao")
    keyboard.press(Key.Key_Return)
    assert screen.duplicate.isVisible()
    text = screen.duplicate.label.text()
    assert text.startswith(f"Công dân này đang có hồ sơ {earlier}") and "chưa trả kết quả" in text
    with qtbot.waitSignal(window.dossier_opened) as opened:
        keyboard.press(Key.Key_F7)
    assert opened.args[0].code == earlier
    window.tabs.setCurrentWidget(screen)  # back at Reception: the clerk decides
    screen.procedure_edit.setFocus()
    screen.procedure_edit.selectAll()
    keyboard.type("khai sinh")
    keyboard.press(Key.Key_Return)
    assert screen.picker.entry is not None and screen.picker.entry.spec.code == BIRTH
    assert not screen.duplicate.isVisible()  # another procedure: nothing open of it


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> list[PrintRequest]:
    """The first print fails (the printer is off), the next ones succeed."""
    jobs: list[PrintRequest] = []

    def attempt(_station: Station, request: PrintRequest, *, actor: str) -> PrintOutcome:
        jobs.append(request)
        if len(jobs) == 1:
            return PrintOutcome(False, "MayIn", "máy in “MayIn” đang tạm dừng hoặc báo lỗi", 0)
        return PrintOutcome(True, "MayIn", None, 1)

    monkeypatch.setattr(print_offer, "print_form", attempt)
    return jobs


def test_a_failed_slip_is_said_once_and_printed_again_with_f5(
    window: MainWindow,
    station: Station,
    keyboard: Keyboard,
    qtbot: QtBot,
    failing: list[PrintRequest],
) -> None:
    screen = window.reception
    keyboard.scan(QR)
    keyboard.type("0912345678")
    screen.procedure_edit.setFocus()
    keyboard.type("thuong tru")
    keyboard.press(Key.Key_Return)
    keyboard.press(Key.Key_F4)
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        keyboard.press(Key.Key_Return)
    code = saved.args[0]
    qtbot.waitUntil(screen.print_offer.isVisible)
    said = screen.print_offer.label.text()
    assert said.startswith(f"Chưa in được giấy tiếp nhận của hồ sơ {code}: máy in “MayIn”")
    assert said.endswith("Hồ sơ đã được lưu.") and said.count("lưu") == 1
    keyboard.press(Key.Key_F5)
    qtbot.waitUntil(lambda: not screen.print_offer.isVisible())
    assert failing == [PrintRequest(FormKind.SLIP, code)] * 2
