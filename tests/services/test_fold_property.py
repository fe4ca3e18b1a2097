"""Whatever steps a dossier takes, its projection equals the fold of its events.

The model the projection is compared with steps by the hand-written table
(tests/domain/transition_table.py), never by the state machine under test.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType
from counter_app.models.tables import DOSSIERS
from counter_app.services.eventlog import projection_row
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.domain.transition_table import LAWFUL, PAUSED_FOR_FINANCIAL_OBLIGATION, PORTAL, target
from tests.factories import allow_pauses, request, vn

STEPPABLE = [
    e for e in EventType if e not in (EventType.RECEIVED, EventType.REFUSED, EventType.PRINTED)
]


def _input(event: EventType, facts: DossierFacts, station: Station, now: object) -> StepInput:
    key = station.context().procedure_version(facts.procedure_id).spec.documents[0].key
    due = facts.due_at
    return {
        EventType.TRANSFERRED: StepInput(to="Công an phường"),
        EventType.SUPPLEMENT_REQUESTED: StepInput(missing_keys=[key], reason="Bản sao mờ"),
        EventType.PAUSED: StepInput(kind="financial_obligation", reason="Chờ nộp thuế"),
        EventType.APOLOGISED: StepInput(
            new_due_at=max(due, now) + timedelta(days=5) if due else None,  # type: ignore[type-var, operator]
            reason="Chờ xác minh",
        ),
        EventType.CORRECTED: StepInput(changes={"name": "Lê Thị Hồng"}, reason="Sai tên"),
        EventType.WITHDRAWN: StepInput(reason="Xin rút"),
        EventType.STOPPED: StepInput(reason="Dừng"),
        EventType.RETURNED: StepInput(fee_paid=8_000, rating="satisfied"),
    }.get(event, StepInput())


def _row(station: Station, code: str) -> dict[str, object]:
    with station.store.read() as db:
        row = db.execute(select(DOSSIERS).where(DOSSIERS.c.code == code)).one()
    return dict(row._mapping)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 60)), max_size=10))
def test_projection_follows_an_independent_model(
    station: Station, plan: list[tuple[int, int]]
) -> None:
    now = vn(2026, 3, 10, 9, 0)
    allow_pauses(station)
    code = station.receive(request(received_at=now), actor="c", now=now).code
    model = {"state": "received", "apologies": 0, "supplements": 0, "ended": None}
    for choice, hours in plan:
        options = [e for e in STEPPABLE if e.value in LAWFUL[str(model["state"])]]
        if not options:
            break
        now += timedelta(hours=hours)
        event = options[choice % len(options)]
        try:
            data = _input(event, station.dossier(code), station, now)
            facts = station.step(code, event, data, actor="o", now=now)
        except InvalidInput:
            continue  # e.g. an apology whose date is not after the current one
        _advance(model, event, now)
        row = _row(station, code)
        assert row["state"] == model["state"]
        assert row["portal_status"] == _portal(str(model["state"]), row["pause_kind"])
        assert row["apology_count"] == model["apologies"]
        assert row["supplement_count"] == model["supplements"]
        assert row["ended_at"] == model["ended"]
        assert row == projection_row(facts)
    assert station.verify().ok


def _advance(model: dict[str, object], event: EventType, now: object) -> None:
    model["state"] = target(str(model["state"]), event.value)
    if event is EventType.APOLOGISED:
        model["apologies"] = int(model["apologies"]) + 1  # type: ignore[call-overload]
    if event is EventType.SUPPLEMENT_REQUESTED:
        model["supplements"] = int(model["supplements"]) + 1  # type: ignore[call-overload]
    if event in (EventType.RESOLVED, EventType.WITHDRAWN, EventType.STOPPED):
        model["ended"] = now


def _portal(state: str, pause_kind: object) -> int:
    if state == "paused" and pause_kind == "financial_obligation":
        return PAUSED_FOR_FINANCIAL_OBLIGATION
    return PORTAL[state]
