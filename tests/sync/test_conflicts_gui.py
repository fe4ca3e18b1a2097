"""A conflicting event from the back office, handled from the end-of-day dialog (offscreen Qt)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from pytestqt.qtbot import QtBot

from counter_app.domain.lifecycle import EventType, State
from counter_app.services.steps import StepInput
from counter_app.station import Station
from counter_app.ui.operations import Operations
from counter_app.ui.reconciliation import ReconciliationDialog
from tests.factories import vn
from tests.sync.helpers import BackOffice, received, sync

WAIT = 20_000


def _flagged(counter: Station, client: TestClient, database_url: str) -> str:
    """A withdrawal at the counter overtaken by a resolution the back office made before it."""
    code = received(counter)
    sync(counter, client)
    facts = counter.dossier(code)
    withdrawal = StepInput(reason="Công dân xin rút")
    counter.step(code, EventType.WITHDRAWN, withdrawal, actor="clerk", now=vn(2026, 3, 12, 9))
    office = BackOffice(client, database_url)
    office.step(facts.id, "resolved", {"result": "Đã cấp", "note": None}, after_hlc=facts.last_hlc)
    sync(counter, client)
    return code


def _dialog(qtbot: QtBot, counter: Station, ops: Operations, role: str) -> ReconciliationDialog:
    dialog = ReconciliationDialog(counter, ops, actor="lanhdao", role=role)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    return dialog


def test_a_leader_opens_the_dossier_then_marks_the_conflict_handled(
    qtbot: QtBot, enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    counter = enrolled(1)
    code = _flagged(counter, client, database_url)
    ops = Operations()
    dialog = _dialog(qtbot, counter, ops, "leader")
    panel = dialog.conflicts
    assert panel.isVisible() and panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == code and panel.table.item(0, 1).text()
    with qtbot.waitSignal(dialog.open_requested, timeout=WAIT) as opened:
        panel.open_button.click()
    assert opened.args == [code] and not dialog.isVisible()
    dialog = _dialog(qtbot, counter, ops, "leader")
    dialog.loaded = False
    with qtbot.waitSignal(dialog.conflicts.resolved, timeout=WAIT):
        dialog.conflicts.resolve_button.click()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert not dialog.conflicts.isVisible()
    assert counter.sync_reconciliation().conflicts == []
    assert counter.dossier(code).state is State.RESOLVED and counter.verify().ok
    ops.wait(WAIT)


def test_a_clerk_sees_the_conflict_but_may_not_mark_it(
    qtbot: QtBot, enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    counter = enrolled(1)
    _flagged(counter, client, database_url)
    ops = Operations()
    dialog = _dialog(qtbot, counter, ops, "clerk")
    button = dialog.conflicts.resolve_button
    assert dialog.conflicts.table.rowCount() == 1
    assert not button.isEnabled() and "lãnh đạo" in button.toolTip()
    assert len(counter.sync_reconciliation().conflicts) == 1
    ops.wait(WAIT)
