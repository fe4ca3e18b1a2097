"""Erasing a dossier's personal fields while its chain, its facts and the statistics stay.

``erase`` appends an ``erased`` event to the station's chain (the log keeps the fact, the rule
and who did it, not the person), folds it into the projection (the applicant's fields empty),
and makes the store hold what the event says (``apply_erasure``): every event's personal part
of the dossier is dropped, and events written before personal parts existed are redacted in
place, their new content vouched for by the ``erased`` event (``domain.personal``). A station
or the server that receives the ``erased`` event applies it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from counter_app.domain import personal
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.events import EventRecord, event_hash
from counter_app.domain.lifecycle import EventType
from counter_app.models.tables import EVENTS
from counter_app.services.context import StationContext
from counter_app.services.dossier_fold import fold_dossier
from counter_app.services.eventlog import append_event, load_events, record_from_row, record_step


def erase(
    db: Connection,
    *,
    ctx: StationContext,
    dossier_id: str,
    scope: str,
    actor: str,
    detail: Mapping[str, Any],
    now: datetime | None = None,
) -> DossierFacts:
    """Erase the dossier's personal fields (``scope`` personal) or a kept card text (scan)."""
    facts = fold_dossier(db, dossier_id).facts
    assert facts is not None
    vouches = [
        personal.vouch(event, redacted)
        for event in load_events(db, dossier_id)
        if (redacted := personal.redact(event, scope)) is not None
    ]
    record = append_event(
        db,
        station_id=ctx.identity.station_id,
        dossier_id=dossier_id,
        type_=EventType.ERASED.value,
        actor=actor,
        payload={"scope": scope, **detail, "redacted": vouches},
        now=now,
    )
    return record_step(db, facts, record)  # stores the event, which applies it


def apply_erasure(db: Connection, erasure: EventRecord) -> None:
    """Make this store hold what an ``erased`` event says (its own, pulled or taken back)."""
    scope = erasure.payload.get("scope")
    if scope == personal.SCOPE_PERSONAL:
        db.execute(
            update(EVENTS).where(EVENTS.c.dossier_id == erasure.dossier_id).values(personal=None)
        )
    for item in erasure.payload.get("redacted", ()):
        row = db.execute(select(EVENTS).where(EVENTS.c.id == item["id"])).mappings().first()
        if row is None:  # an event this store does not hold
            continue
        event = record_from_row(row)
        redacted = personal.redact(event, str(scope))
        if redacted is None or not _as_vouched(event, redacted, item):
            continue  # already redacted, or not what was vouched for: ``events verify`` says so
        db.execute(update(EVENTS).where(EVENTS.c.id == event.id).values(payload=redacted))


def _as_vouched(event: EventRecord, redacted: dict[str, Any], item: Mapping[str, Any]) -> bool:
    return item.get("hash") == event.hash and item.get("redacted_hash") == event_hash(
        replace(event, payload=redacted)
    )
