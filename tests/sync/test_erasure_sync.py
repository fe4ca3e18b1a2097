"""An erasure reaches the server and the agency's other counters: nobody keeps the person."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from counter_app.domain.lifecycle import EventType
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_server.models import Dossier, Event
from tests.factories import applicant, request, vn
from tests.services.test_erasure import TRANG, legacy_receive
from tests.sync.helpers import sync

NAME, ID_NUMBER = "Hoàng Thị Thử Xóa", "034188009911"


def returned(station: Station) -> str:
    """A dossier of the fictitious citizen, received, resolved and returned in March 2021."""
    person = applicant(name=NAME, id_number=ID_NUMBER, phone="0966554433")
    at = vn(2021, 3, 9, 9)
    code = station.receive(request(applicant=person, received_at=at), actor="c", now=at).code
    station.step(
        code, EventType.RESOLVED, StepInput(result="Xong"), actor="o", now=vn(2021, 3, 10, 9)
    )
    station.step(code, EventType.RETURNED, StepInput(fee_paid=0), actor="o", now=vn(2021, 3, 11, 9))
    return code


def server_rows(database_url: str, dossier_id: str) -> tuple[list[Event], Dossier | None]:
    engine = create_engine(database_url)
    with Session(engine) as session:
        causal = (Event.hlc, Event.station_id, Event.seq)
        events = list(
            session.scalars(select(Event).where(Event.dossier_id == dossier_id).order_by(*causal))
        )
        dossier = session.get(Dossier, dossier_id)
        session.expunge_all()
    engine.dispose()
    return events, dossier


def server_text(database_url: str) -> str:
    """Every event's payload and personal part, and every dossier's name, the server holds.

    (The rows, not the database's files: PostgreSQL reclaims dead row versions by vacuuming.)
    """
    engine = create_engine(database_url)
    with Session(engine) as session:
        parts = [
            json.dumps([event.payload, event.personal], ensure_ascii=False)
            for event in session.scalars(select(Event))
        ]
        parts += [str(row.applicant_name) for row in session.scalars(select(Dossier))]
    engine.dispose()
    return "\n".join(parts)


def test_the_server_and_the_other_counter_erase_what_a_counter_erased(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str, tmp_path: Path
) -> None:
    first, second = enrolled(1), enrolled(2)
    code = returned(first)
    old = legacy_receive(
        first, TRANG, scan="036195001122|1|ĐOÀN THỊ THU TRANG", at=vn(2021, 3, 9, 10)
    )
    first.step(old, EventType.WITHDRAWN, StepInput(reason="Rút"), actor="o", now=vn(2021, 3, 9, 11))
    sync(first, client)
    sync(second, client)
    assert second.dossier(code).applicant["name"] == NAME
    events, dossier = server_rows(database_url, first.dossier(code).id)
    assert dossier is not None and dossier.applicant_name == NAME
    assert events[0].personal is not None and events[0].personal["applicant"]["name"] == NAME

    # Four years counted from 2021, the year both closed: kept through 2025, due from 2026.
    first.set_setting("retention_years", '{"*": 4}')
    plan = first.privacy.erase_due(actor="lanhdao", decision="QĐ 9/QĐ-UBND")
    assert {item.code for item in plan.dossiers} == {code, old}
    assert sync(first, client).pushed == 2
    for dossier_code in (code, old):
        events, dossier = server_rows(database_url, first.dossier(dossier_code).id)
        assert dossier is not None and dossier.applicant_name is None
        assert all(event.personal is None for event in events)
        assert events[-1].type == "erased"
    legacy_first, *_rest = server_rows(database_url, first.dossier(old).id)[0]
    assert legacy_first.payload["dossier"]["applicant"]["name"] is None  # redacted as vouched
    assert legacy_first.payload["dossier"]["scan_raw"] is None
    held = server_text(database_url)
    for trace in (NAME, ID_NUMBER, "Đoàn Thị Thu Trang", "ĐOÀN THỊ THU TRANG", "036195001122"):
        assert trace not in held

    sync(second, client)
    for dossier_code in (code, old):
        facts = second.dossier(dossier_code)
        assert all(value is None for value in facts.applicant.values())
        assert all(event.personal is None for event in second.events(facts.id))
    assert second.verify().ok and first.verify().ok
