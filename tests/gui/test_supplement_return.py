"""A guided dossier back with its supplement continues at Reception to an accepted dossier."""

from __future__ import annotations

import json

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.domain.checklist import HandedDocument
from counter_app.domain.lifecycle import State
from counter_app.station import Station
from counter_app.ui import print_jobs, print_offer
from counter_app.ui.main_window import MainWindow
from counter_app.ui.print_dispatch import PrintOutcome
from tests.conftest import store_connection
from tests.factories import request
from tests.gui.conftest import Keyboard
from tests.printing.reading import text

Key = qt_api.QtCore.Qt.Key
Checked = qt_api.QtCore.Qt.CheckState.Checked


def _guided(station: Station) -> str:
    """A residence dossier guided at the counter: only the first document handed."""
    entry = next(e for e in station.catalogue() if e.spec.code == "1.004222")
    first = entry.spec.documents[0]
    handed = [HandedDocument(first.key, first.name, first.form, first.count)]
    receipt = station.receive(request(documents=handed), actor="an")
    assert receipt.state is State.PENDING_SUPPLEMENT
    return receipt.code


@pytest.fixture
def pdfs(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every form Reception prints, built for real and kept as PDF instead of spooled."""
    made: list[bytes] = []

    def keep(pdf: bytes, **_options: object) -> PrintOutcome:
        made.append(pdf)
        return PrintOutcome(ok=True, printer="pdf", error=None, pages=1)

    monkeypatch.setattr(print_jobs, "print_pdf", keep)
    monkeypatch.setattr(print_offer, "print_form", print_jobs.print_form)
    return made


def _printed_kinds(station: Station) -> list[str]:
    with store_connection(station.store.path) as connection:
        rows = connection.execute("SELECT payload FROM events WHERE type = 'printed'").fetchall()
    return [json.loads(row[0])["kind"] for row in rows]


def test_scanned_guided_dossier_continues_to_accepted_with_a_slip(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot, pdfs: list[bytes]
) -> None:
    code = _guided(station)
    screen = window.reception
    with qtbot.waitSignal(screen.guided_opened):
        keyboard.scan(code)
    assert window.tabs.currentWidget() is screen
    assert screen.name_edit.text() == "Nguyễn Văn Đức" and not screen.name_edit.isEnabled()
    assert screen.dob_edit.text() == "17/05/1990"
    assert screen.procedure_edit.text().startswith("1.004222")
    first = screen.checklist.item(0, 0)
    assert first is not None and first.checkState() == Checked
    assert not first.flags() & qt_api.QtCore.Qt.ItemFlag.ItemIsUserCheckable  # stays ticked
    keyboard.press(Key.Key_Return)  # nothing new ticked yet
    assert "vẫn còn thiếu" in screen.message_label.text()
    assert station.dossier(code).state is State.PENDING_SUPPLEMENT
    keyboard.press(Key.Key_F6)  # a second supplement request is not allowed
    assert "một lần" in screen.message_label.text()
    keyboard.press(Key.Key_F4)
    with qtbot.waitSignal(screen.dossier_saved) as saved:
        keyboard.press(Key.Key_Return)
    assert saved.args[0] == code
    facts = station.dossier(code)
    assert facts.state is State.RECEIVED and facts.due_at is not None
    entry = next(e for e in station.catalogue() if e.spec.code == "1.004222")
    first = entry.spec.documents[0].key
    expected = [first] + [d.key for d in entry.spec.documents if d.mandatory and d.key != first]
    assert [d["key"] for d in facts.documents] == expected  # each document recorded once
    assert "hẹn trả" in screen.result_label.text() and code in screen.result_label.text()
    assert screen.name_edit.isEnabled() and screen.guided is None
    qtbot.waitUntil(lambda: len(pdfs) == 1)
    slip = text(pdfs[0])
    assert code in slip and "Nguyễn Văn Đức" in slip
    qtbot.waitUntil(lambda: _printed_kinds(station) == ["slip"])
    assert station.verify().ok


def test_typed_code_in_the_toolbar_also_continues_it(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    code = _guided(station)
    window.tabs.setCurrentWidget(window.due_board)
    keyboard.press(Key.Key_F, qt_api.QtCore.Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.reception.guided_opened):
        keyboard.type(code)
        keyboard.press(Key.Key_Return)
    assert window.tabs.currentWidget() is window.reception
    keyboard.press(Key.Key_Escape)  # backs out: the form is free again, the dossier untouched
    assert window.reception.guided is None and window.reception.name_edit.text() == ""
    assert station.dossier(code).state is State.PENDING_SUPPLEMENT


def test_an_accepted_dossier_still_opens_in_the_dossier_screen(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot
) -> None:
    code = station.receive(request(), actor="an").code
    with qtbot.waitSignal(window.dossier_opened):
        keyboard.scan(code)
    assert window.tabs.currentWidget() is window.dossier_view
    assert window.reception.guided is None


def test_documents_the_officer_asked_for_are_taken_and_the_clock_runs_again(
    window: MainWindow, station: Station, keyboard: Keyboard, qtbot: QtBot, pdfs: list[bytes]
) -> None:
    from counter_app.domain.lifecycle import EventType
    from counter_app.services.step_types import StepInput

    code = station.receive(request(), actor="an").code
    entry = next(e for e in station.catalogue() if e.spec.code == "1.004222")
    asked = entry.spec.documents[1]
    station.step(
        code,
        EventType.SUPPLEMENT_REQUESTED,
        StepInput(missing_keys=[asked.key], reason="Bản sao chưa rõ"),
        actor="an",
    )
    screen = window.reception
    with qtbot.waitSignal(screen.guided_opened):
        keyboard.scan(code)
    rows = [screen.checklist.item(r, 0) for r in range(screen.checklist.rowCount())]
    tickable = [
        r
        for r, item in enumerate(rows)
        if item is not None and item.flags() & qt_api.QtCore.Qt.ItemFlag.ItemIsUserCheckable
    ]
    assert tickable == [1]  # only what the officer asked for
    keyboard.press(Key.Key_Return)
    assert asked.name in screen.message_label.text()
    assert station.dossier(code).state is State.SUPPLEMENT_REQUESTED
    rows[1].setCheckState(Checked)  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.dossier_saved):
        keyboard.press(Key.Key_Return)
    facts = station.dossier(code)
    assert facts.state is not State.SUPPLEMENT_REQUESTED and facts.paused_at is None
    assert facts.documents[-1]["key"] == asked.key
    qtbot.waitUntil(lambda: len(pdfs) == 1)
    assert code in text(pdfs[0])


def test_the_due_board_still_opens_a_waiting_dossier_in_the_dossier_screen(
    window: MainWindow, station: Station, qtbot: QtBot
) -> None:
    code = _guided(station)
    with qtbot.waitSignal(window.dossier_opened):
        window.due_board.dossier_requested.emit(code)
    assert window.tabs.currentWidget() is window.dossier_view
    assert window.reception.guided is None
