"""The server's access log: stations' chains pushed here, and the back office's own reads.

A station's entries arrive like its events: in seq order, each the next link of its chain,
idempotent by id (a resent batch changes nothing). The back office's reads are written here in
a chain per agency (the agency's back-office station id), so that who read a citizen's dossier
at the province is on record the same way as who opened it at the counter. Each chain's head
row is locked while its next seq is handed out.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from counter_app.domain.access import AccessEntry, Via, access_hash
from counter_app.domain.events import GENESIS_HASH
from counter_app.sync.protocol import AccessHead, WireAccessEntry
from counter_server.credentials import back_office_station
from counter_server.errors import conflict, forbidden
from counter_server.models import AccessDossier, Officer, Station
from counter_server.models import AccessEntry as EntryRow
from counter_server.models import AccessHead as HeadRow


def head(session: Session, station_id: str) -> AccessHead:
    """How far the server holds a station's access chain."""
    row = session.get(HeadRow, station_id)
    if row is None:
        return AccessHead(held_through_seq=0, held_hash=GENESIS_HASH)
    return AccessHead(held_through_seq=row.held_seq, held_hash=row.held_hash)


def push(
    session: Session, *, station: Station, entries: Sequence[WireAccessEntry], now: datetime
) -> AccessHead:
    """Store the caller's batch (idempotent); 409 when a link does not fit, nothing stored."""
    for entry in entries:
        if entry.station_id != station.id:
            raise forbidden(f"Entry {entry.id} belongs to station {entry.station_id}, not yours.")
    held_seq, held_hash = _lock(session, station.id)
    for entry in entries:
        if entry.seq <= held_seq:
            _check_duplicate(session, entry)
            continue
        _check_link(entry.to_entry(), held_seq=held_seq, held_hash=held_hash)
        _store(session, entry.to_entry(), agency_code=station.agency_code, now=now)
        held_seq, held_hash = entry.seq, entry.hash
    _advance(session, station.id, held_seq, held_hash)
    return AccessHead(held_through_seq=held_seq, held_hash=held_hash)


def record_office(
    session: Session,
    *,
    officer: Officer,
    kind: str,
    dossier_ids: Sequence[str],
    detail: Mapping[str, Any],
    now: datetime,
) -> AccessEntry:
    """Chain one read of the back office in its agency's access chain."""
    station = back_office_station(session=session, agency_code=officer.agency_code, now=now)
    held_seq, held_hash = _lock(session, station.id)
    entry = AccessEntry(
        id=str(uuid.uuid4()),
        station_id=station.id,
        seq=held_seq + 1,
        actor=officer.name,
        at=now,
        kind=kind,
        via=Via.OFFICE,
        dossier_ids=tuple(dict.fromkeys(dossier_ids)),
        detail=dict(detail),
        prev_hash=held_hash,
    )
    entry = replace(entry, hash=access_hash(entry))
    _store(session, entry, agency_code=officer.agency_code, now=now)
    _advance(session, station.id, entry.seq, entry.hash)
    return entry


def _lock(session: Session, station_id: str) -> tuple[int, str]:
    """Create the chain's head row if needed, lock it for the transaction, return it."""
    dialect = session.get_bind().dialect.name
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    values = {"station_id": station_id, "held_seq": 0, "held_hash": GENESIS_HASH}
    session.execute(make(HeadRow).values(values).on_conflict_do_nothing())
    row = session.execute(
        update(HeadRow)
        .where(HeadRow.station_id == station_id)
        .values(held_seq=HeadRow.held_seq)
        .returning(HeadRow.held_seq, HeadRow.held_hash)
    ).one()
    return int(row[0]), str(row[1])


def _advance(session: Session, station_id: str, seq: int, hash_: str) -> None:
    session.execute(
        update(HeadRow)
        .where(HeadRow.station_id == station_id)
        .values(held_seq=seq, held_hash=hash_)
    )


def _store(session: Session, entry: AccessEntry, *, agency_code: str, now: datetime) -> None:
    session.execute(
        insert(EntryRow).values(
            id=entry.id,
            station_id=entry.station_id,
            agency_code=agency_code,
            seq=entry.seq,
            actor=entry.actor,
            at=entry.at.isoformat(),
            kind=entry.kind,
            via=entry.via,
            dossier_ids=list(entry.dossier_ids),
            detail=dict(entry.detail),
            prev_hash=entry.prev_hash,
            hash=entry.hash,
            received_at=now,
        )
    )
    if entry.dossier_ids:
        links = [{"dossier_id": d, "entry_id": entry.id} for d in entry.dossier_ids]
        session.execute(insert(AccessDossier), links)


def _check_duplicate(session: Session, entry: WireAccessEntry) -> None:
    """A resent entry must be the one held at its seq (same id, same hash)."""
    held = session.scalar(
        select(EntryRow).where(EntryRow.station_id == entry.station_id, EntryRow.seq == entry.seq)
    )
    if held is None or held.id != entry.id or held.hash != entry.hash:
        raise conflict(
            "access_conflict",
            f"Access entry seq {entry.seq} differs from the entry the server holds there.",
        )


def _check_link(entry: AccessEntry, *, held_seq: int, held_hash: str) -> None:
    if entry.seq != held_seq + 1:
        raise conflict(
            "chain_gap",
            f"Access entry {entry.id} has seq {entry.seq}; the server expects {held_seq + 1}.",
            expected_seq=held_seq + 1,
        )
    if entry.prev_hash != held_hash or access_hash(entry) != entry.hash:
        raise conflict(
            "access_conflict",
            f"Access entry seq {entry.seq} does not link to the held chain or its hash is wrong.",
            expected_seq=entry.seq,
        )
