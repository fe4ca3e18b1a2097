"""Taking back the station's own events from the server after a restore from an old backup.

The server may hold more of this station's chain than the restored store. Those events are put
back (dossier projections re-folded, daily codes and yearly numbers raised so none is issued twice);
events written locally since the restore and never acknowledged are re-chained after them with
new seqs — same ids and content, new links — so nothing is duplicated and nothing is lost.
All in the caller's write transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, delete, select

from counter_app.domain.codes import CODE_RE, parse_code
from counter_app.domain.events import EventRecord, event_hash
from counter_app.domain.numbers import read_issued
from counter_app.models.rows import driver
from counter_app.models.tables import CONFLICTS, DOSSIERS, EVENTS, SET_ASIDE
from counter_app.services.dossier_fold import refold, write_creation
from counter_app.services.eventlog import store_event
from counter_app.services.outbox import acknowledge, pending
from counter_app.services.sequence import raise_yearly
from counter_app.sync.protocol import WireEvent

_HEAD = "UPDATE stations SET last_seq = ?, last_hash = ?, last_hlc = max(last_hlc, ?) WHERE id = ?"
_RAISE_SLOT = (
    "INSERT INTO sequence_slots (station_id, day, last_number) VALUES (?, ?, ?) "
    "ON CONFLICT (station_id, day) DO UPDATE SET "
    "last_number = max(last_number, excluded.last_number)"
)


@dataclass(frozen=True)
class TakeBack:
    """What a take-back did."""

    restored: int
    rechained: int


def take_back(
    db: Connection, own: Sequence[WireEvent], *, station_id: str, after: int, now: datetime
) -> TakeBack:
    """Put the server's copies of own events after seq ``after`` back; re-chain local ones."""
    server = [event.to_record() for event in own]
    server_ids = {record.id for record in server}
    local = pending(db, station_id=station_id, after=after, limit=1_000_000)
    local_only = [record for record in local if record.id not in server_ids]
    _remove(db, [record.id for record in local])
    touched = {record.dossier_id for record in local}
    for record in server:
        _put_back(db, record)
        touched.add(record.dossier_id)
    head_seq, head_hash = (server[-1].seq, server[-1].hash) if server else _head(db, station_id)
    rechained = _rechain(db, local_only, head_seq=head_seq, head_hash=head_hash)
    last = rechained[-1] if rechained else (server[-1] if server else None)
    if last is not None:
        driver(db).execute(_HEAD, (last.seq, last.hash, last.hlc, station_id))
    _raise_sequences(db, server, station_id=station_id)
    acknowledge(db, head_seq)
    for dossier_id in touched:
        refold(db, dossier_id, now=now)
    return TakeBack(restored=len(server), rechained=len(rechained))


def _head(db: Connection, station_id: str) -> tuple[int, str]:
    row = (
        driver(db)
        .execute("SELECT last_seq, last_hash FROM stations WHERE id = ?", (station_id,))
        .fetchone()
    )
    return int(row[0]), str(row[1])


def _remove(db: Connection, event_ids: list[str]) -> None:
    """Take own events out of the log for a moment (they go back, re-linked)."""
    for table in (CONFLICTS, SET_ASIDE):
        db.execute(delete(table).where(table.c.event_id.in_(event_ids)))
    db.execute(delete(EVENTS).where(EVENTS.c.id.in_(event_ids)))


def _put_back(db: Connection, record: EventRecord) -> None:
    exists = db.execute(select(DOSSIERS.c.id).where(DOSSIERS.c.id == record.dossier_id)).first()
    if exists is None:
        write_creation(db, record)
    store_event(db, record)


def _rechain(
    db: Connection, records: list[EventRecord], *, head_seq: int, head_hash: str
) -> list[EventRecord]:
    """The local-only events, linked one by one after the server's head."""
    out: list[EventRecord] = []
    for record in records:
        head_seq += 1
        linked = replace(record, seq=head_seq, prev_hash=head_hash, hash="")
        linked = replace(linked, hash=event_hash(linked))
        _put_back(db, linked)
        head_hash = linked.hash
        out.append(linked)
    return out


def _raise_sequences(db: Connection, records: list[EventRecord], *, station_id: str) -> None:
    """No daily code or yearly number the server saw this station issue may be issued again."""
    for record in records:
        dossier = record.payload.get("dossier")
        code = dossier.get("code") if isinstance(dossier, dict) else None
        if isinstance(code, str) and CODE_RE.match(code):
            parsed = parse_code(code)
            driver(db).execute(_RAISE_SLOT, (station_id, parsed.day.isoformat(), parsed.sequence))
        for key in ("number", "register"):
            issued = read_issued(record.payload.get(key))
            if issued is not None:
                raise_yearly(
                    db,
                    station_id=station_id,
                    series=issued.series,
                    year=issued.year,
                    number=issued.value,
                )
