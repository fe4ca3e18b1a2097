"""The server erases as the stations do: an applied ``erased`` event empties its dossier.

When a station erases a dossier's personal fields (its retention is over) its ``erased`` event
reaches the server like any other; once it is applied here, every event of that dossier the
server holds loses its personal part, and events written before personal parts existed are
redacted to the form the ``erased`` event vouches for. The projection's applicant name follows
from the fold. So the server never holds more of a person than the stations do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain import personal
from counter_app.domain.events import event_hash
from counter_server.models import Event
from counter_server.projection import record_of


def apply_rows(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Apply every applied ``erased`` event among rows just inserted."""
    for row in rows:
        if row["type"] == "erased" and row.get("quarantine") is None:
            apply(session, row)


def apply(session: Session, erasure: Mapping[str, Any]) -> None:
    """Empty the dossier of one ``erased`` event row."""
    payload = erasure["payload"]
    scope = payload.get("scope")
    if scope == personal.SCOPE_PERSONAL:
        session.execute(
            update(Event)
            .where(
                Event.dossier_id == erasure["dossier_id"],
                Event.agency_code == erasure["agency_code"],
            )
            .values(personal=None)
        )
    for item in payload.get("redacted", ()):
        held = session.scalar(select(Event).where(Event.id == item.get("id")))
        if held is None or held.agency_code != erasure["agency_code"]:
            continue
        record = record_of(held)
        redacted = personal.redact(record, str(scope))
        if redacted is None:
            continue
        vouched = event_hash(replace(record, payload=redacted))
        if (item.get("hash"), item.get("redacted_hash")) == (record.hash, vouched):
            held.payload = redacted
