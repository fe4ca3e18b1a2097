"""Applying events pulled from the server (or handed on by a counter of the centre): other
counters' dossiers and back-office steps.

Idempotent by event id: an event already in the log (same hash) is skipped, so a pull repeated
after a lost answer changes nothing; one that contradicts the chain held here (other content
under its id, another event at its place) waits in ``held_events`` for a person. The caller
advances the pull cursor in the same transaction. An event that cannot be applied yet (its
dossier or procedure version is not here) waits in ``held_events`` and is tried again after
publications arrive (so does one whose clocks lie outside the window around the server's: it
would drag this counter's HLC out of range); one that does not fit the dossier's state is
stored, flagged, and skipped by the projection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, delete, select

from counter_app.domain.dossier import fold_kept
from counter_app.domain.events import clock_fault
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver
from counter_app.models.tables import DOSSIERS, HELD_EVENTS
from counter_app.services.chain_checks import chain_clash, held_hash
from counter_app.services.dossier_fold import local_procedure_id, refold, write_creation
from counter_app.services.eventlog import store_event
from counter_app.sync.protocol import PulledEvent

_NEW_STATION = (
    "INSERT INTO stations (id, agency_code, name, slot, is_local, last_seq, last_hash, last_hlc) "
    "VALUES (?, ?, ?, -1, 0, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
    "last_seq = max(last_seq, excluded.last_seq), last_hlc = max(last_hlc, excluded.last_hlc), "
    "last_hash = CASE WHEN excluded.last_seq > last_seq THEN excluded.last_hash ELSE last_hash END"
)
_OBSERVE = "UPDATE stations SET last_hlc = max(last_hlc, ?) WHERE is_local = 1"
_HOLD = (
    "INSERT INTO held_events (event_id, server_seq, dossier_id, body, reason, held_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET reason = excluded.reason"
)


@dataclass
class ApplySummary:
    """What a batch of pulled events did."""

    applied: int = 0
    already_held: int = 0
    on_hold: int = 0
    dossiers: set[str] = field(default_factory=set)


def apply_pulled(
    db: Connection,
    events: Sequence[PulledEvent],
    *,
    agency_code: str,
    now: datetime,
    server_time: datetime,
    chain_checked: bool = False,
) -> ApplySummary:
    """Store each new event, re-fold its dossier, observe its clock (caller's transaction).

    ``server_time`` is the server's clock as the pull answer gave it: an event whose clocks lie
    outside the window around it is held, never stored nor observed (``clock_fault``).
    ``chain_checked``: the caller found each event new and fitting the chains held here, in
    this transaction (a peer's page): not asked again.
    """
    summary = ApplySummary()
    for event in events:
        if not chain_checked and held_hash(db, event.id) == event.hash:
            summary.already_held += 1
            continue
        record = event.to_record()
        # another copy of this place of the chain, handed on by a counter of the centre, is
        # held here: keep the server's aside for a person instead of failing every pull
        reason = None if chain_checked else chain_clash(db, record)
        reason = reason or clock_fault(record, server_time) or _not_applicable(db, event)
        if reason is not None:
            _hold(db, event, reason, now=now)
            summary.on_hold += 1
            continue
        _store(db, event, agency_code=agency_code)
        refold(db, event.dossier_id, now=now)
        summary.applied += 1
        summary.dossiers.add(event.dossier_id)
    return summary


def retry_held(
    db: Connection, *, agency_code: str, now: datetime, server_time: datetime
) -> ApplySummary:
    """Try every event on hold again, in server order (after publications were applied)."""
    rows = db.execute(select(HELD_EVENTS.c.body).order_by(HELD_EVENTS.c.server_seq)).scalars()
    waiting = [PulledEvent.model_validate(body) for body in rows]
    db.execute(delete(HELD_EVENTS))
    return apply_pulled(db, waiting, agency_code=agency_code, now=now, server_time=server_time)


def _not_applicable(db: Connection, event: PulledEvent) -> str | None:
    """Why the event must wait, or None when it can be applied now."""
    waiting = select(HELD_EVENTS.c.event_id).where(HELD_EVENTS.c.dossier_id == event.dossier_id)
    if db.execute(waiting).first() is not None:
        return "an earlier event of this dossier is on hold"
    if db.execute(select(DOSSIERS.c.id).where(DOSSIERS.c.id == event.dossier_id)).first():
        return None
    dossier = event.payload.get("dossier")
    if not isinstance(dossier, dict):
        return "the dossier is not in this store yet"
    procedure_id = str(dossier.get("procedure_id", ""))
    if local_procedure_id(db, procedure_id) is None:
        code = dossier.get("procedure_code")
        return f"procedure {code} version {procedure_id} is not in this store's catalogue"
    kept = fold_kept([event.to_record()])
    return kept.skipped[0][1] if kept.skipped else None


def _store(db: Connection, event: PulledEvent, *, agency_code: str) -> None:
    record = event.to_record()
    driver(db).execute(
        _NEW_STATION,
        (record.station_id, agency_code, record.station_id[:100], record.seq, record.hash, 0),
    )
    driver(db).execute(_OBSERVE, (record.hlc,))
    if db.execute(select(DOSSIERS.c.id).where(DOSSIERS.c.id == record.dossier_id)).first():
        store_event(db, record)
        return
    write_creation(db, record)  # a dossier from another counter: its row, then its event
    store_event(db, record)


def _hold(db: Connection, event: PulledEvent, reason: str, *, now: datetime) -> None:
    body = event.model_dump_json()
    driver(db).execute(
        _HOLD, (event.id, event.server_seq, event.dossier_id, body, reason, to_utc_text(now))
    )
