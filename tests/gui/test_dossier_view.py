"""The Dossier view: facts, timeline, the steps allowed now, reprints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.lifecycle import EventType, State
from counter_app.printing.model import FormKind
from counter_app.station import Station
from counter_app.ui import dossier_view
from counter_app.ui.dossier_view import DossierView, StepDialog
from counter_app.ui.operations import Operations
from counter_app.ui.print_dispatch import PrintOutcome
from counter_app.ui.print_jobs import PrintRequest
from tests.factories import allow_pauses, request, vn

W = qt_api.QtWidgets


@pytest.fixture
def reprints(monkeypatch: pytest.MonkeyPatch) -> list[PrintRequest]:
    """Print requests of the view, recorded instead of printed."""
    jobs: list[PrintRequest] = []

    def record(_station: Station, req: PrintRequest, *, actor: str) -> PrintOutcome:
        jobs.append(req)
        return PrintOutcome(ok=True, printer="test", error=None, pages=1)

    monkeypatch.setattr(dossier_view, "print_form", record)
    return jobs


def _view(qtbot: QtBot, station: Station, ops: Operations, role: str = "clerk") -> DossierView:
    view = DossierView(station, ops, "an", role=role)
    qtbot.addWidget(view)
    view.show()
    return view


@pytest.fixture
def view(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[DossierView]:
    """A clerk's Dossier view."""
    yield _view(qtbot, station, ops)
    ops.wait(10_000)


def _open(view: DossierView, qtbot: QtBot, code: str) -> None:
    with qtbot.waitSignal(view.page_loaded):
        view.open_code(code)


def _dialog(view: DossierView, event: EventType) -> StepDialog:
    view.step_buttons[event].click()
    dialog = view.step_dialog
    assert dialog is not None
    return dialog


def _offered(view: DossierView) -> set[EventType]:
    return {event for event, button in view.step_buttons.items() if not button.isHidden()}


def test_transfer_then_resolve_by_buttons(
    view: DossierView, station: Station, qtbot: QtBot
) -> None:
    code = station.receive(request(), actor="an").code
    _open(view, qtbot, code)
    assert code in view.facts_label.text()
    assert "Đã tiếp nhận" in view.facts_label.text()
    assert view.documents.rowCount() == len(station.dossier(code).documents) > 0
    dialog = _dialog(view, EventType.TRANSFERRED)
    to = dialog.fields["to"]
    assert isinstance(to, W.QLineEdit)
    to.setText("Công an phường")
    with qtbot.waitSignal(view.page_loaded):
        dialog.accept()
    assert station.dossier(code).state is State.TRANSFERRED
    assert "Đã chuyển xử lý" in view.facts_label.text()
    dialog = _dialog(view, EventType.RESOLVED)
    result = dialog.fields["result"]
    assert isinstance(result, W.QLineEdit)
    result.setText("Đã đăng ký thường trú")
    with qtbot.waitSignal(view.page_loaded):
        dialog.accept()
    assert station.dossier(code).state is State.RESOLVED
    assert EventType.TRANSFERRED not in _offered(view)
    assert EventType.RETURNED not in view.step_buttons


def test_timeline_lists_the_events(view: DossierView, station: Station, qtbot: QtBot) -> None:
    from counter_app.services.step_types import StepInput

    at = vn(2026, 3, 10, 9)
    code = station.receive(request(received_at=at), actor="an", now=at).code
    station.step(code, EventType.TRANSFERRED, StepInput(to="Công an"), actor="binh")
    _open(view, qtbot, code)
    assert view.timeline.rowCount() == 2
    labels = [view.timeline.item(row, 1).text() for row in range(2)]  # type: ignore[union-attr]
    assert labels == ["Tiếp nhận hồ sơ", "Chuyển xử lý"]
    assert view.timeline.item(1, 3).text() == "binh"  # type: ignore[union-attr]
    # the receipt entered the register book of 2026; the slot-1 station's block starts at 100,001
    assert view.timeline.item(0, 2).text() == "Sổ 2026: 100001"  # type: ignore[union-attr]
    assert view.timeline.item(1, 2).text() == ""  # type: ignore[union-attr]


def test_the_timeline_shows_the_number_a_document_was_issued_with(
    view: DossierView, station: Station, qtbot: QtBot
) -> None:
    refused = station.refuse(request(), reasons="Không thuộc thẩm quyền.", actor="an")
    _open(view, qtbot, refused.code)
    assert view.timeline.item(0, 2).text() == refused.number == "10001/TC"  # type: ignore[union-attr]


def test_forbidden_steps_are_not_offered(view: DossierView, station: Station, qtbot: QtBot) -> None:
    code = station.receive(request(), actor="an").code
    _open(view, qtbot, code)
    offered = _offered(view)
    assert EventType.TRANSFERRED in offered and EventType.RESOLVED in offered
    assert EventType.RESUMED not in offered
    assert EventType.APOLOGISED not in offered  # a clerk does not sign apologies
    assert not view.reprint_buttons[FormKind.SLIP].isHidden()
    assert view.reprint_buttons[FormKind.RECEIPT].isHidden()


def test_leader_may_apologise(qtbot: QtBot, station: Station, ops: Operations) -> None:
    view = _view(qtbot, station, ops, role="leader")
    code = station.receive(request(), actor="an").code
    _open(view, qtbot, code)
    assert EventType.APOLOGISED in _offered(view)
    view.set_role("clerk")
    assert EventType.APOLOGISED not in _offered(view)
    ops.wait(10_000)


def test_invalid_step_shows_message_and_changes_nothing(
    view: DossierView, station: Station, qtbot: QtBot
) -> None:
    code = station.receive(request(), actor="an").code
    _open(view, qtbot, code)
    dialog = _dialog(view, EventType.TRANSFERRED)  # no department typed
    with qtbot.waitSignal(view.message_shown):
        dialog.accept()
    assert station.dossier(code).state is State.RECEIVED
    dialog = _dialog(view, EventType.WITHDRAWN)  # no reason typed
    with qtbot.waitSignal(view.message_shown):
        dialog.accept()
    assert station.dossier(code).state is State.RECEIVED


def test_a_pause_the_procedure_does_not_allow_is_refused_and_says_why(
    view: DossierView, station: Station, qtbot: QtBot
) -> None:
    code = station.receive(request(), actor="an").code  # the seed lists no pause ground
    _open(view, qtbot, code)
    dialog = _dialog(view, EventType.PAUSED)
    kinds = dialog.fields["kind"]
    assert isinstance(kinds, W.QComboBox) and kinds.count() == 1
    assert kinds.currentData() == ""
    reason = dialog.fields["reason"]
    assert isinstance(reason, W.QPlainTextEdit)
    reason.setPlainText("Chờ ý kiến")
    with qtbot.waitSignal(view.message_shown):
        dialog.accept()
    assert "không có căn cứ" in view.message_label.text()
    assert station.dossier(code).state is State.RECEIVED


def test_supplement_pause_and_reprint(
    view: DossierView, station: Station, qtbot: QtBot, reprints: list[PrintRequest]
) -> None:
    allow_pauses(station)
    code = station.receive(request(), actor="an").code
    _open(view, qtbot, code)
    dialog = _dialog(view, EventType.PAUSED)
    kinds, reason = dialog.fields["kind"], dialog.fields["reason"]
    assert isinstance(kinds, W.QComboBox) and isinstance(reason, W.QPlainTextEdit)
    # only the grounds the procedure's catalogue entry lists are offered
    offered = [kinds.itemData(index) for index in range(kinds.count())]
    assert offered == ["financial_obligation", "verification"]
    kinds.setCurrentIndex(1)
    reason.setPlainText("Xác minh nơi ở")
    with qtbot.waitSignal(view.page_loaded):
        dialog.accept()
    assert station.dossier(code).state is State.PAUSED
    assert EventType.RESUMED in _offered(view)
    with qtbot.waitSignal(view.page_loaded):
        _dialog(view, EventType.RESUMED).accept()
    dialog = _dialog(view, EventType.SUPPLEMENT_REQUESTED)
    docs, reason = dialog.fields["missing"], dialog.fields["reason"]
    assert isinstance(docs, W.QListWidget) and isinstance(reason, W.QPlainTextEdit)
    assert docs.count() > 0
    docs.item(0).setCheckState(qt_api.QtCore.Qt.CheckState.Checked)
    reason.setPlainText("Thiếu tờ khai")
    with qtbot.waitSignal(view.page_loaded):
        dialog.accept()
    assert station.dossier(code).state is State.SUPPLEMENT_REQUESTED
    with qtbot.waitSignal(view.page_loaded):
        view.reprint_buttons[FormKind.SUPPLEMENT].click()
    assert reprints == [PrintRequest(FormKind.SUPPLEMENT, code)]


def test_leader_apologises_and_clerk_corrects(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    view = _view(qtbot, station, ops, role="leader")
    code = station.receive(request(), actor="an").code
    due = station.dossier(code).due_at
    assert due is not None
    _open(view, qtbot, code)
    dialog = _dialog(view, EventType.APOLOGISED)
    when, reason = dialog.fields["new_due_at"], dialog.fields["reason"]
    assert isinstance(when, W.QDateTimeEdit) and isinstance(reason, W.QPlainTextEdit)
    later = (due + timedelta(days=10)).astimezone(VN_TZ).replace(tzinfo=None)
    when.setDateTime(qt_api.QtCore.QDateTime(later))
    reason.setPlainText("Cần xác minh thêm")
    with qtbot.waitSignal(view.page_loaded):
        dialog.accept()
    facts = station.dossier(code)
    assert facts.apology_count == 1 and facts.due_at is not None and facts.due_at > due
    assert not view.reprint_buttons[FormKind.APOLOGY].isHidden()
    dialog = _dialog(view, EventType.CORRECTED)
    with qtbot.waitSignal(view.message_shown):
        dialog.accept()  # nothing changed
    assert "Chưa sửa" in view.message_label.text()
    dialog = _dialog(view, EventType.CORRECTED)
    phone, reason = dialog.fields["phone"], dialog.fields["reason"]
    assert isinstance(phone, W.QLineEdit) and isinstance(reason, W.QPlainTextEdit)
    phone.setText("0987654321")
    reason.setPlainText("Gõ nhầm số")
    with qtbot.waitSignal(view.page_loaded):
        dialog.accept()
    assert station.dossier(code).applicant["phone"] == "0987654321"
    ops.wait(10_000)
