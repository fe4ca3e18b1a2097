"""Steps recorded by the back office reach the counter; a step that does not fit is flagged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from counter_app.domain.errors import NotFound
from counter_app.domain.lifecycle import EventType, State
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.factories import vn
from tests.server.factories import admin_headers
from tests.sync.helpers import BackOffice, received, sync


def test_back_office_steps_arrive_and_fold(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    counter = enrolled(1)
    code = received(counter)
    sync(counter, client)
    facts = counter.dossier(code)
    office = BackOffice(client, database_url)
    office.step(
        facts.id, "transferred", {"to": "Phòng Tư pháp", "note": None}, after_hlc=facts.last_hlc
    )
    office.step(facts.id, "processing_started", {"note": None}, after_hlc=facts.last_hlc)
    report = sync(counter, client)
    assert report.pulled == 2
    assert counter.dossier(code).state is State.IN_PROGRESS
    assert counter.verify().ok
    names = [c.name for c in counter.sync_reconciliation().counters]
    assert office.station_id in names  # the unknown station got a (non-local) row


def test_a_step_that_does_not_fit_is_quarantined_and_never_reaches_the_counter(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    counter = enrolled(1)
    code = received(counter)
    sync(counter, client)
    facts = counter.dossier(code)
    office = BackOffice(client, database_url)
    late = office.step(facts.id, "returned", {"fee_paid": 0}, after_hlc=facts.last_hlc)
    held = client.get("/v1/admin/quarantine", headers=admin_headers(database_url)).json()
    assert [(item["id"], item["dossier_id"]) for item in held] == [(late, facts.id)]
    report = sync(counter, client)
    assert report.pulled == 0  # the server keeps it for a person; other counters never see it
    assert counter.dossier(code).state is State.RECEIVED
    assert counter.sync_reconciliation().conflicts == []
    assert counter.verify().ok and counter.verify().events == 1


def test_local_steps_after_a_remote_step_order_after_it(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    counter = enrolled(1)
    code = received(counter)
    sync(counter, client)
    facts = counter.dossier(code)
    office = BackOffice(client, database_url)
    far_ahead = facts.last_hlc + (10**6 << 16)  # a back-office clock well ahead of ours
    office.step(facts.id, "transferred", {"to": "Phòng Tư pháp", "note": None}, after_hlc=far_ahead)
    sync(counter, client)
    counter.step(
        code, EventType.PROCESSING_STARTED, StepInput(), actor="clerk", now=vn(2026, 3, 10, 11)
    )
    after = counter.dossier(code)
    assert after.state is State.IN_PROGRESS  # folded after the remote step, not before it
    assert after.last_hlc > far_ahead + 1
    assert counter.verify().ok


def test_a_local_step_overtaken_by_an_earlier_remote_one_is_flagged(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    counter = enrolled(1)
    code = received(counter)
    sync(counter, client)
    facts = counter.dossier(code)
    counter.step(
        code,
        EventType.WITHDRAWN,
        StepInput(reason="Công dân xin rút"),
        actor="clerk",
        now=vn(2026, 3, 12, 9),
    )
    office = BackOffice(client, database_url)  # resolved it before the withdrawal, by HLC
    office.step(facts.id, "resolved", {"result": "Đã cấp", "note": None}, after_hlc=facts.last_hlc)
    sync(counter, client)
    after = counter.dossier(code)
    assert after.state is State.RESOLVED
    [(flagged_code, withdrawal, reason)] = counter.sync_reconciliation().conflicts
    assert flagged_code == code and reason
    assert counter.sync_status().conflicts == 1
    assert counter.verify().ok and counter.verify().events == 3  # nothing dropped
    counter.resolve_conflict(withdrawal, actor="lanhdao")
    assert counter.sync_reconciliation().conflicts == []
    assert counter.verify().ok and counter.dossier(code).state is State.RESOLVED
    with pytest.raises(NotFound):
        counter.resolve_conflict(withdrawal, actor="lanhdao")
