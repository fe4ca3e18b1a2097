"""The Reception screen driven end to end by keyboard and scanner."""

from __future__ import annotations

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.domain.lifecycle import State
from counter_app.printing.model import FormKind
from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from counter_app.ui.print_jobs import PrintRequest
from tests.conftest import store_connection

Key = qt_api.QtCore.Qt.Key
Ctrl = qt_api.QtCore.Qt.KeyboardModifier.ControlModifier
QR = (
    "001090012345|123456789|NGUYỄN VĂN ĐỨC|17051990|Nam|"
    "Số 12 Lê Lai, Quảng Hưng, Thanh Hóa|01032022"
)


def _dossiers(station: Station) -> int:
    with store_connection(station.store.path) as connection:
        return int(connection.execute("SELECT count(*) FROM dossiers").fetchone()[0])


def _applicant_by_keyboard(keyboard, id_number: str = "001090012345") -> None:  # type: ignore[no-untyped-def]
    keyboard.type("Nguyễn Văn Đức")
    keyboard.press(Key.Key_Tab)
    keyboard.type(id_number)
    keyboard.press(Key.Key_Tab)
    keyboard.type("17/05/1990")
    keyboard.press(Key.Key_Tab)
    keyboard.press(Key.Key_Down)  # Nam
    keyboard.press(Key.Key_Tab)
    keyboard.type("Số 12 Lê Lai")
    keyboard.press(Key.Key_Tab)
    keyboard.type("0912345678")
    keyboard.press(Key.Key_Tab)
    keyboard.press(Key.Key_Tab)  # no e-mail


def _procedure(keyboard, query: str = "thuong tru") -> None:  # type: ignore[no-untyped-def]
    keyboard.type(query)
    keyboard.press(Key.Key_Return)  # picks the first match, cursor to the checklist


def test_whole_reception_by_keyboard(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    keyboard.press(Key.Key_F2)
    _applicant_by_keyboard(keyboard)
    _procedure(keyboard)
    assert screen.procedure_edit.text().startswith("1.004222")
    qtbot.waitUntil(lambda: "Ngày hẹn trả" in screen.due_label.text())
    keyboard.press(Key.Key_F4)  # every mandatory document handed over
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        keyboard.press(Key.Key_Return)
    code = saved.args[0]
    facts = station.dossier(code)
    assert facts.state is State.RECEIVED
    assert facts.applicant["name"] == "Nguyễn Văn Đức"
    assert facts.applicant["phone"] == "0912345678"
    assert code in screen.result_label.text()
    assert "hẹn trả" in screen.result_label.text()
    assert screen.name_edit.text() == "" and screen.name_edit.hasFocus()
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert printed[0] == PrintRequest(FormKind.SLIP, code)
    print(f"keystrokes for a typed reception: {keyboard.count}")
    assert keyboard.count == 80  # 66 characters typed, 14 special keys


def test_scanner_burst_fills_the_applicant(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    keyboard.scan(QR)
    assert screen.name_edit.text() == "NGUYỄN VĂN ĐỨC"
    assert screen.id_edit.text() == "001090012345"
    assert screen.dob_edit.text() == "17/05/1990"
    assert screen.sex_combo.currentText() == "Nam"
    assert screen.address_edit.text().startswith("Số 12 Lê Lai")
    assert screen.phone_edit.hasFocus()
    keyboard.press(Key.Key_Tab)
    keyboard.press(Key.Key_Tab)
    _procedure(keyboard)
    keyboard.press(Key.Key_F4)
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        keyboard.press(Key.Key_Return, Ctrl)
    facts = station.dossier(saved.args[0])
    assert facts.applicant["id_number"] == "001090012345"
    assert facts.state is State.RECEIVED
    assert keyboard.count == 15  # the scan itself costs no keystroke


def test_enter_on_a_focused_button_does_what_the_button_says(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot
) -> None:
    screen = window.reception
    keyboard.scan(QR)
    screen.procedure_edit.setFocus()
    _procedure(keyboard)
    keyboard.press(Key.Key_F4)
    screen.buttons["refuse"].setFocus()
    keyboard.press(Key.Key_Return)
    assert screen.refusal_dialog is not None
    assert _dossiers(station) == 0


def test_incomplete_dossier_saves_a_supplement_request(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    keyboard.scan(QR)
    screen.procedure_edit.setFocus()
    _procedure(keyboard)
    keyboard.press(Key.Key_Space)  # only the first document handed over
    keyboard.press(Key.Key_Return)  # accepting an incomplete dossier is refused
    assert "còn thiếu" in screen.message_label.text()
    assert _dossiers(station) == 0
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        keyboard.press(Key.Key_F6)
    facts = station.dossier(saved.args[0])
    assert facts.state is State.PENDING_SUPPLEMENT
    assert "bổ sung" in screen.result_label.text()
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert printed[0].kind is FormKind.SUPPLEMENT


def test_refusal_with_reasons(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    keyboard.scan(QR)
    screen.procedure_edit.setFocus()
    _procedure(keyboard)
    keyboard.press(Key.Key_F8)
    dialog = screen.refusal_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.reason_edit.hasFocus)
    keyboard.type("Không thuộc thẩm quyền")
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        keyboard.press(Key.Key_Return, Ctrl)
    assert station.dossier(saved.args[0]).state is State.REFUSED
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert printed[0].kind is FormKind.REFUSAL


def test_invalid_id_number_is_shown_and_nothing_saved(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    _applicant_by_keyboard(keyboard, id_number="12345")
    _procedure(keyboard)
    keyboard.press(Key.Key_F4)
    keyboard.press(Key.Key_Return)
    qtbot.wait(100)
    assert "định danh" in screen.message_label.text()
    assert screen.id_edit.hasFocus()
    assert screen.name_edit.text() == "Nguyễn Văn Đức"  # nothing typed is lost
    assert _dossiers(station) == 0
    assert printed == []


def test_malformed_scan_says_so_and_changes_nothing(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot
) -> None:
    screen = window.reception
    keyboard.type("Trần Bình")
    keyboard.scan("XYZ-NOT-A-CODE-123")
    assert "Mã quét không hợp lệ" in screen.message_label.text()
    assert screen.name_edit.text() == "Trần Bình"
    assert screen.id_edit.text() == ""
    assert _dossiers(station) == 0


def test_bad_qr_is_refused_without_touching_the_form(window: MainWindow, keyboard) -> None:  # type: ignore[no-untyped-def]
    screen = window.reception
    keyboard.scan("001090012345|123456789|NGUYỄN VĂN ĐỨC|31021990|Nam|Hà Nội|01032022")
    message = screen.message_label.text()
    assert "Mã QR không đúng định dạng thẻ căn cước" in message
    assert "31021990 không phải ngày có thật" in message  # 31 February
    assert screen.name_edit.text() == ""


def test_scanning_a_slip_code_opens_its_dossier(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot
) -> None:
    from tests.factories import request

    code = station.receive(request(), actor="an").code
    with qtbot.waitSignal(window.dossier_opened) as opened:
        keyboard.scan(code)
    assert opened.args[0].code == code
    assert window.reception.name_edit.text() == ""


def test_person_typing_fast_text_ending_in_enter_is_not_a_scan(
    window: MainWindow, keyboard, qtbot: QtBot
) -> None:
    screen = window.reception
    screen.procedure_edit.setFocus()
    _procedure(keyboard, "khai sinh")
    assert screen.procedure_edit.text().startswith("1.001193")
    assert "Mã quét" not in screen.message_label.text()


def test_scanning_a_slip_at_the_results_counter_opens_it_there(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot
) -> None:
    from tests.factories import request

    code = station.receive(request(), actor="an").code
    window.tabs.setCurrentWidget(window.results)
    with qtbot.waitSignal(window.results.dossier_loaded) as loaded:
        keyboard.scan(code)
    assert loaded.args[0].code == code
    assert window.tabs.currentWidget() is window.results


def _digitised_mark(station: Station, code: str) -> object:
    import json

    with store_connection(station.store.path) as connection:
        payload = connection.execute(
            "SELECT e.payload FROM events e JOIN dossiers d ON d.id = e.dossier_id "
            "WHERE d.code = ? AND e.type = 'received'",
            (code,),
        ).fetchone()[0]
    return json.loads(payload)["dossier"].get("digitised")


def test_the_clerk_records_whether_the_papers_were_digitised(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    marks = []
    for tick in (True, False):
        keyboard.press(Key.Key_F2)
        _applicant_by_keyboard(keyboard)
        _procedure(keyboard)
        qtbot.waitUntil(lambda: "Ngày hẹn trả" in screen.due_label.text())
        keyboard.press(Key.Key_F4)
        if tick:
            keyboard.press(Key.Key_Tab)  # past the checklist to the extra documents
            keyboard.press(Key.Key_Tab)
            assert screen.digitised_box.hasFocus()
            keyboard.press(Key.Key_Space)
            qtbot.waitUntil(screen.digitised_box.isChecked)  # held a moment by the scan filter
        with qtbot.waitSignal(screen.dossier_saved) as saved:
            keyboard.press(Key.Key_Return, Ctrl)
        marks.append(_digitised_mark(station, saved.args[0]))
        assert not screen.digitised_box.isChecked()  # the next citizen starts unmarked
    assert marks == [True, False]


def test_an_unverified_limit_is_marked_quietly_and_a_missing_one_is_told(
    window: MainWindow,
    keyboard,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    """1.004884 ships with a 5-day limit nobody verified: a quiet mark, the appointment shown.
    1.000419 ships with 0 days that stand for no value: no appointment, the clerk is told."""
    screen = window.reception
    keyboard.press(Key.Key_F2)
    _applicant_by_keyboard(keyboard)
    _procedure(keyboard, "1.004884")
    qtbot.waitUntil(lambda: "Ngày hẹn trả" in screen.due_label.text())
    assert screen.time_mark.isVisibleTo(screen)
    assert screen.time_mark.text() == "Thời hạn của thủ tục này chưa xác minh"
    screen.procedure_edit.setFocus()
    screen.procedure_edit.selectAll()
    _procedure(keyboard, "1.000419")
    qtbot.waitUntil(lambda: "chưa có thời hạn giải quyết" in screen.message_label.text())
    assert screen.due_label.text() == ""


def test_the_clerk_obtains_an_identity_paper_from_vneid_instead_of_taking_it(
    window: MainWindow, station: Station, keyboard, qtbot: QtBot, printed: list[PrintRequest]
) -> None:
    screen = window.reception
    keyboard.scan(QR)
    screen.procedure_edit.setFocus()
    _procedure(keyboard, "khai sinh")
    assert screen.procedure_edit.text().startswith("1.001193")
    combos = {row: screen.checklist.cellWidget(row, 5) for row in range(5)}
    assert [row for row, combo in combos.items() if combo is not None] == [4]  # d5 only
    combo = combos[4]
    assert [combo.itemText(i) for i in range(combo.count())] == [  # type: ignore[union-attr]
        "—",
        "Khai thác dữ liệu: Cơ sở dữ liệu quốc gia về dân cư",
        "Xác thực qua VNeID",
    ]
    for row in (0, 1):  # the declaration and the birth certificate on paper
        screen.checklist.item(row, 0).setCheckState(qt_api.QtCore.Qt.CheckState.Checked)  # type: ignore[union-attr]
    combo.setCurrentIndex(2)  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        screen.accept_dossier()
    facts = station.dossier(saved.args[0])
    assert facts.state is State.RECEIVED
    assert {"key": "d5", "form": "du_lieu_dien_tu", "source": "vneid"}.items() <= dict(
        facts.documents[-1]
    ).items()
