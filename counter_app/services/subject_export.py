"""Everything the station holds about one person, for that person (``subject-export``).

The person is found by the ID number on their dossiers. For each dossier: its facts as folded,
every event in order with what it recorded (its personal fields included), and every view of it
on the access log (who, when, from which counter, how). The document is plain JSON, indented,
its keys in English and its labels in Vietnamese, so that it can be read as it is or printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from counter_app.domain.access import KIND_LABELS, VIA_LABELS
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.cccd import validate_id_number
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import EVENT_LABELS, STATE_LABELS, EventType
from counter_app.models.tables import DOSSIERS, STATIONS
from counter_app.services import access_log
from counter_app.services.context import StationIdentity
from counter_app.services.dossier_fold import fold_dossier
from counter_app.services.eventlog import load_events

FORMAT = "counter-subject-export/1"


def dossier_ids(db: Connection, id_number: str) -> list[str]:
    """The dossiers whose applicant has this ID number, oldest first."""
    number = validate_id_number(id_number)
    query = (
        select(DOSSIERS.c.id).where(DOSSIERS.c.id_number == number).order_by(DOSSIERS.c.created_at)
    )
    return list(db.execute(query).scalars())


def document(
    db: Connection, *, identity: StationIdentity, id_number: str, now: datetime
) -> dict[str, Any]:
    """The export of everything held about the person with ``id_number``."""
    stations = {row.id: row.name for row in db.execute(select(STATIONS.c.id, STATIONS.c.name))}
    dossiers = []
    for dossier_id in dossier_ids(db, id_number):
        facts = fold_dossier(db, dossier_id).facts
        assert facts is not None
        events = load_events(db, dossier_id)
        dossiers.append(
            {
                **_facts(facts),
                "events": [_event(event, stations) for event in events],
                "views": [_view(view) for view in access_log.views_of(db, dossier_id)],
            }
        )
    return {
        "format": FORMAT,
        "title": "Dữ liệu cá nhân cơ quan đang lưu giữ về một người",
        "agency": {"code": identity.agency_code, "name": identity.agency_name},
        "station": identity.station_name,
        "id_number": validate_id_number(id_number),
        "created_at": _moment(now),
        "dossiers": dossiers,
    }


def _facts(facts: DossierFacts) -> dict[str, Any]:
    return {
        "code": facts.code,
        "procedure": facts.procedure_code,
        "state": facts.state.value,
        "state_label": STATE_LABELS[facts.state],
        "applicant": dict(facts.applicant),
        "channel": facts.channel,
        "return_method": facts.return_method,
        "documents": [dict(document) for document in facts.documents],
        "received_at": _moment(facts.received_at),
        "due_at": _moment(facts.due_at),
        "ended_at": _moment(facts.ended_at),
        "returned_at": _moment(facts.returned_at),
    }


def _event(event: EventRecord, stations: Mapping[str, str]) -> dict[str, Any]:
    kind = EventType(event.type)
    recorded = {key: value for key, value in event.payload.items() if key != "personal"}
    return {
        "at": _moment(event.wall_clock),
        "type": kind.value,
        "label": EVENT_LABELS[kind],
        "by": event.actor,
        "station": stations.get(event.station_id, event.station_id),
        "recorded": recorded,
        "personal": {k: v for k, v in (event.personal or {}).items() if k != "salt"},
    }


def _view(view: Any) -> dict[str, Any]:
    return {
        "at": _moment(view.at),
        "by": view.actor,
        "name": view.actor_name,
        "station": view.station,
        "what": KIND_LABELS.get(view.kind, view.kind),
        "how": VIA_LABELS.get(view.via, view.via),
        "detail": dict(view.detail),
    }


def _moment(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(VN_TZ).isoformat(timespec="minutes")
