"""The upload queue and the sync state row.

The outbox is every own event with ``seq`` above ``acked_seq``, in ``seq`` order: it is written
by the same transaction as the event itself, so nothing saved can miss it. Each function runs
in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from counter_app.domain.events import EventRecord
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver
from counter_app.models.tables import EVENTS, SET_ASIDE, SYNC_STATE
from counter_app.services.eventlog import record_from_row

_STATE = SYNC_STATE
_SET_ASIDE = (
    "INSERT INTO set_aside_events (event_id, seq, reason, set_aside_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (event_id) DO UPDATE SET reason = excluded.reason"
)


@dataclass(frozen=True)
class SyncStateRow:
    """The sync state as stored."""

    server_url: str
    acked_seq: int
    sending_through_seq: int
    pull_cursor: int
    publication_cursor: int
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_class: str | None
    clock_offset_ms: int | None
    server_transfer_key: str


def load_state(db: Connection) -> SyncStateRow:
    """The one state row."""
    row = db.execute(select(_STATE).where(_STATE.c.id == 1)).one()._mapping
    return SyncStateRow(**{name: row[name] for name in SyncStateRow.__dataclass_fields__})


def save_state(db: Connection, **values: object) -> None:
    """Change some columns of the state row."""
    db.execute(update(_STATE).where(_STATE.c.id == 1).values(**values))


def pending(db: Connection, *, station_id: str, after: int, limit: int) -> list[EventRecord]:
    """Own events after seq ``after``, in chain order, at most ``limit``."""
    rows = db.execute(
        select(EVENTS)
        .where(EVENTS.c.station_id == station_id, EVENTS.c.seq > after)
        .order_by(EVENTS.c.seq)
        .limit(limit)
    )
    return [record_from_row(row._mapping) for row in rows]


def own_hash_at(db: Connection, *, station_id: str, seq: int) -> str | None:
    """The hash of the own event at ``seq``, if the store has it."""
    found = db.execute(
        select(EVENTS.c.hash).where(EVENTS.c.station_id == station_id, EVENTS.c.seq == seq)
    )
    return found.scalar_one_or_none()


def acknowledge(db: Connection, held_through: int) -> None:
    """The server holds the chain through ``held_through``: those events leave the queue."""
    state = load_state(db)
    save_state(db, acked_seq=max(state.acked_seq, held_through), sending_through_seq=0)


def set_aside(db: Connection, rejected: Sequence[tuple[str, int, str]], *, now: datetime) -> None:
    """Record events (id, seq, reason) the server holds but will not apply."""
    rows = [(event_id, seq, reason[:2000], to_utc_text(now)) for event_id, seq, reason in rejected]
    if rows:
        driver(db).executemany(_SET_ASIDE, rows)


def set_aside_events(db: Connection) -> list[tuple[str, int, str]]:
    """Every event set aside: id, seq and reason, in chain order."""
    s = SET_ASIDE.c
    rows = db.execute(select(s.event_id, s.seq, s.reason).order_by(s.seq))
    return [(row.event_id, row.seq, row.reason) for row in rows]
