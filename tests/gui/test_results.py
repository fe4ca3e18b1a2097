"""The Results counter: a resolved dossier returned by typing or scanning its code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from counter_app.domain.lifecycle import EventType, State
from counter_app.printing.model import FormKind
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_app.ui import print_offer
from counter_app.ui.operations import Operations
from counter_app.ui.print_dispatch import PrintOutcome
from counter_app.ui.print_jobs import PrintRequest
from counter_app.ui.results import ResultsScreen
from tests.factories import request
from tests.gui.conftest import Keyboard


@pytest.fixture
def receipts(monkeypatch: pytest.MonkeyPatch) -> list[PrintRequest]:
    """Print requests of the Results screen, recorded instead of printed."""
    jobs: list[PrintRequest] = []

    def record(_station: Station, req: PrintRequest, *, actor: str) -> PrintOutcome:
        jobs.append(req)
        return PrintOutcome(ok=True, printer="test", error=None, pages=1)

    monkeypatch.setattr(print_offer, "print_form", record)
    return jobs


@pytest.fixture
def screen(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[ResultsScreen]:
    """The Results screen, shown, cursor in the code box."""
    widget = ResultsScreen(station, ops, "an")
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    widget.code_edit.setFocus()
    qtbot.waitUntil(widget.code_edit.hasFocus)
    yield widget
    ops.wait(10_000)


def _resolved(station: Station) -> str:
    code = station.receive(request(), actor="an").code
    station.step(code, EventType.TRANSFERRED, StepInput(to="Công an phường"), actor="an")
    station.step(code, EventType.PROCESSING_STARTED, StepInput(), actor="an")
    station.step(code, EventType.RESOLVED, StepInput(result="Đã đăng ký"), actor="an")
    return code


def test_resolved_dossier_is_returned_with_fee_and_rating(
    screen: ResultsScreen,
    station: Station,
    keyboard: Keyboard,
    qtbot: QtBot,
    receipts: list[PrintRequest],
) -> None:
    code = _resolved(station)
    with qtbot.waitSignal(screen.dossier_loaded):
        keyboard.scan(code)
    assert screen.return_box.isVisible()
    assert screen.info_labels["state"].text() == "Đã có kết quả"
    assert screen.fee_edit.hasFocus()
    keyboard.type("20.000")
    screen.rating_buttons["very_satisfied"].click()
    with qtbot.waitSignal(screen.dossier_returned):
        screen.return_button.click()
    facts = station.dossier(code)
    assert facts.state is State.RETURNED
    assert facts.fee_paid == 20_000
    assert facts.rating == "very_satisfied"
    assert code in screen.result_label.text()
    qtbot.waitUntil(lambda: len(receipts) == 1)
    assert receipts[0] == PrintRequest(FormKind.RECEIPT, code)


def test_typed_code_and_authorised_receiver(
    screen: ResultsScreen,
    station: Station,
    keyboard: Keyboard,
    qtbot: QtBot,
    receipts: list[PrintRequest],
) -> None:
    code = _resolved(station)
    keyboard.type(code)
    with qtbot.waitSignal(screen.dossier_loaded):
        screen.code_edit.returnPressed.emit()
    screen.authorised_check.setChecked(True)
    screen.fee_edit.setText("0")
    screen.return_button.click()  # no receiver name yet
    assert "nhận thay" in screen.message_label.text()
    assert station.dossier(code).state is State.RESOLVED
    screen.receiver_name_edit.setText("Trần Văn Bình")
    screen.receiver_id_edit.setText("001090054321")
    with qtbot.waitSignal(screen.dossier_returned):
        screen.return_button.click()
    assert station.dossier(code).state is State.RETURNED


def test_invalid_fee_saves_nothing(
    screen: ResultsScreen, station: Station, qtbot: QtBot, receipts: list[PrintRequest]
) -> None:
    code = _resolved(station)
    with qtbot.waitSignal(screen.dossier_loaded):
        screen.open_code(code)
    screen.fee_edit.setText("-5000")
    screen.return_button.click()
    assert "phí" in screen.message_label.text()
    assert station.dossier(code).state is State.RESOLVED
    assert receipts == []


def test_dossier_not_yet_resolved_cannot_be_returned(
    screen: ResultsScreen,
    station: Station,
    keyboard: Keyboard,
    qtbot: QtBot,
    receipts: list[PrintRequest],
) -> None:
    code = station.receive(request(), actor="an").code
    with qtbot.waitSignal(screen.dossier_loaded):
        keyboard.scan(code)
    assert "Chưa thể trả kết quả" in screen.message_label.text()
    assert "Đã tiếp nhận" in screen.message_label.text()
    assert not screen.return_box.isVisible()
    screen.return_result()
    assert station.dossier(code).state is State.RECEIVED
    assert receipts == []


def test_unknown_and_malformed_codes_are_reported(
    screen: ResultsScreen, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(screen.message_shown, check_params_cb=lambda m: "Không tìm" in m):
        keyboard.scan("000.17.22.H56-260101-9999")
    assert "Không tìm thấy hồ sơ" in screen.message_label.text()
    assert not screen.return_box.isVisible()
    screen.open_code("XYZ")
    assert "không đúng định dạng" in screen.message_label.text()
