"""Quarantined links: listed for an administrator, who records what was done about each.

A quarantined event stays in its station's chain (the chain must not break) and is never
applied nor handed on. Reviewing it does not change that: it records who looked at it, when and
what was done (the station told, the step recorded again correctly, …), and takes it off the
open list.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_server.errors import ApiError, conflict
from counter_server.models import Event
from counter_server.schemas import QuarantinedEvent

Listing = Literal["open", "reviewed", "all"]


def listed(
    session: Session, *, agency: str | None, state: Listing, limit: int
) -> list[QuarantinedEvent]:
    """Quarantined links, newest first: open (not yet reviewed), reviewed, or all."""
    query = select(Event).where(Event.quarantine.is_not(None))
    if agency is not None:
        query = query.where(Event.agency_code == agency)
    if state == "open":
        query = query.where(Event.reviewed_at.is_(None))
    elif state == "reviewed":
        query = query.where(Event.reviewed_at.is_not(None))
    rows = session.scalars(query.order_by(Event.received_at.desc()).limit(limit))
    return [described(row) for row in rows]


def review(session: Session, event_id: str, *, by: str, note: str, now: datetime) -> Event:
    """Record the review of a quarantined link; refused for an applied or reviewed one, and
    without a note (one of spaces included)."""
    text = unicodedata.normalize("NFC", note.strip())[:500]
    if not text:
        raise ApiError(422, "invalid_request", "A review needs a note saying what was done.")
    row = session.get(Event, event_id, with_for_update=True)
    if row is None or row.quarantine is None:
        raise ApiError(404, "not_quarantined", f"No quarantined event {event_id[:40]}.")
    if row.reviewed_at is not None:
        raise conflict("already_reviewed", f"Event {row.id} was reviewed by {row.reviewed_by}.")
    row.reviewed_at, row.reviewed_by = now, by[:100]
    row.review_note = text
    return row


def described(row: Event) -> QuarantinedEvent:
    """The answer for one quarantined link."""
    return QuarantinedEvent(
        id=row.id,
        agency_code=row.agency_code,
        station_id=row.station_id,
        seq=row.seq,
        server_seq=row.server_seq,
        dossier_id=row.dossier_id,
        type=row.type,
        reason=row.quarantine or "",
        reviewed_at=row.reviewed_at,
        reviewed_by=row.reviewed_by,
        review_note=row.review_note,
    )
