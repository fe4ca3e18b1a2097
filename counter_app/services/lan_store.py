"""What the exchange between the counters of one centre reads and writes in the store.

Siblings (the agency's counters and their keys, as the server published them), peers (where
each was heard and how far its events were read), the provenance of events handed on, and the
events refused. Every function runs in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Integer, delete, func, literal_column, select

from counter_app.domain.events import EventRecord
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver
from counter_app.models.tables import (
    EVENTS,
    LAN_PEERS,
    LAN_RECEIVED,
    LAN_REFUSED,
    LAN_SIBLINGS,
    SET_ASIDE,
)
from counter_app.services.eventlog import record_from_row
from counter_app.services.lan_types import IN_REACH, PeerStatus
from counter_app.sync.protocol import SiblingStation

_E = EVENTS.c
_rowid = literal_column("events.rowid", Integer)  # this store's own order of events
_HEARD = (
    "INSERT INTO lan_peers (station_id, address, cursor, received, last_heard_at) "
    "VALUES (?, ?, 0, 0, ?) ON CONFLICT (station_id) DO UPDATE SET "
    "address = excluded.address, last_heard_at = excluded.last_heard_at, last_error = NULL"
)
_FAILED = "UPDATE lan_peers SET last_error = ? WHERE station_id = ?"
_CURSOR = (
    "UPDATE lan_peers SET cursor = ?, cursor_event_id = ?, received = received + ? "
    "WHERE station_id = ?"
)
# the author handing on its own event is what lets this counter carry it to the server
_RECEIVED = (
    "INSERT INTO lan_received (event_id, from_station, received_at, signature) "
    "VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
    "from_station = excluded.from_station, received_at = excluded.received_at, "
    "signature = excluded.signature WHERE excluded.signature IS NOT NULL "
    "AND lan_received.signature IS NULL"
)
_REFUSED = (
    "INSERT INTO lan_refused (event_id, from_station, author, seq, reason, refused_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, from_station) DO NOTHING"
)


@dataclass(frozen=True)
class Sibling:
    """Another counter of this agency: its slot and Ed25519 public key."""

    station_id: str
    slot: int
    public_key: str


@dataclass(frozen=True)
class PeerRow:
    """A peer as stored: where it was heard and how far its events were read."""

    station_id: str
    address: str
    cursor: int
    cursor_event_id: str | None
    received: int
    last_heard_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class Holding:
    """How much of one station's chain this store holds."""

    station_id: str
    events: int
    last_seq: int


# -- siblings ---------------------------------------------------------------------------------


def save_siblings(
    db: Connection, stations: Sequence[SiblingStation], *, own_id: str, now: datetime
) -> None:
    """Replace the siblings by the server's list: a revoked counter is trusted no more."""
    db.execute(delete(LAN_SIBLINGS))
    rows = [
        (item.station_id, item.slot, item.public_key, to_utc_text(now))
        for item in stations
        if item.station_id != own_id
    ]
    if rows:
        driver(db).executemany(
            "INSERT INTO lan_siblings (station_id, slot, public_key, learned_at) "
            "VALUES (?, ?, ?, ?)",
            rows,
        )


def siblings(db: Connection) -> dict[str, Sibling]:
    """The siblings known here, by station id."""
    s = LAN_SIBLINGS.c
    rows = db.execute(select(s.station_id, s.slot, s.public_key))
    return {row.station_id: Sibling(row.station_id, row.slot, row.public_key) for row in rows}


# -- peers ------------------------------------------------------------------------------------


def heard(db: Connection, station_id: str, address: str, *, now: datetime) -> None:
    """A peer answered from ``address``."""
    driver(db).execute(_HEARD, (station_id, address, to_utc_text(now)))


def failed(db: Connection, station_id: str, reason: str) -> None:
    """The last exchange with a known peer failed, for this reason."""
    driver(db).execute(_FAILED, (reason[:500], station_id))


def advance(
    db: Connection, station_id: str, *, cursor: int, cursor_event_id: str | None, received: int
) -> None:
    """Read the peer's events up to ``cursor`` (the event there is ``cursor_event_id``)."""
    driver(db).execute(_CURSOR, (cursor, cursor_event_id, received, station_id))


def peers(db: Connection) -> list[PeerRow]:
    """Every peer heard so far."""
    p = LAN_PEERS.c
    rows = db.execute(select(LAN_PEERS).order_by(p.station_id))
    return [PeerRow(**{k: row._mapping[k] for k in PeerRow.__dataclass_fields__}) for row in rows]


def peer_statuses(db: Connection, *, now: datetime) -> list[PeerStatus]:
    """Every sibling and every peer heard, by slot: in reach when heard lately."""
    known = siblings(db)
    heard = {row.station_id: row for row in peers(db)}
    statuses = []
    for station_id in sorted(set(known) | set(heard)):
        row, sibling = heard.get(station_id), known.get(station_id)
        last = row.last_heard_at if row else None
        statuses.append(
            PeerStatus(
                station_id=station_id,
                slot=sibling.slot if sibling else None,
                address=row.address if row else None,
                last_heard_at=last,
                in_reach=last is not None and now - last <= IN_REACH and sibling is not None,
                received=row.received if row else 0,
                last_error=row.last_error if row else None,
            )
        )
    return sorted(statuses, key=lambda s: (s.slot is None, s.slot or 0, s.station_id))


def peer(db: Connection, station_id: str) -> PeerRow | None:
    """One peer as stored, if heard before."""
    return next((row for row in peers(db) if row.station_id == station_id), None)


# -- what this store hands on -----------------------------------------------------------------


def events_after(
    db: Connection, *, after: int, exclude_station: str, limit: int
) -> list[tuple[int, EventRecord]]:
    """Events stored after place ``after`` of this store's order, with their place, except the
    asker's own and those the server set aside (it would not hand them on either)."""
    set_aside = select(SET_ASIDE.c.event_id)
    rows = db.execute(
        select(_rowid.label("place"), EVENTS)
        .where(_rowid > after, _E.station_id != exclude_station, _E.id.not_in(set_aside))
        .order_by(_rowid)
        .limit(limit)
    )
    return [(int(row.place), record_from_row(row._mapping)) for row in rows]


def event_at(db: Connection, place: int) -> str | None:
    """The id of the event at ``place`` of this store's order."""
    found = db.execute(select(_E.id).where(_rowid == place)).scalar_one_or_none()
    return None if found is None else str(found)


def last_place(db: Connection) -> int:
    """The place of the newest event stored (0 when none)."""
    found = select(func.coalesce(func.max(_rowid), 0)).select_from(EVENTS)
    return int(db.execute(found).scalar_one())


def holdings(db: Connection) -> list[Holding]:
    """Per station, how many of its events this store holds and its highest seq."""
    rows = db.execute(
        select(_E.station_id, func.count(), func.max(_E.seq))
        .group_by(_E.station_id)
        .order_by(_E.station_id)
    )
    return [Holding(str(station), int(count), int(last)) for station, count, last in rows]


# -- what this store took from its peers --------------------------------------------------------


def received(
    db: Connection,
    event_ids: Sequence[str],
    *,
    signatures: dict[str, str],
    peer: str,
    now: datetime,
) -> None:
    """Record that ``peer`` handed these events on; ``signatures`` holds the author's
    signature of those it wrote itself (what lets this counter carry them up)."""
    moment = to_utc_text(now)
    rows = [(event_id, peer, moment, signatures.get(event_id)) for event_id in event_ids]
    if rows:
        driver(db).executemany(_RECEIVED, rows)


def refused(db: Connection, record: EventRecord, *, peer: str, reason: str, now: datetime) -> None:
    """Record an event ``peer`` handed on that failed the checks (once per peer)."""
    driver(db).execute(
        _REFUSED,
        (record.id, peer, record.station_id, record.seq, reason[:2000], to_utc_text(now)),
    )


def refusals(db: Connection) -> list[tuple[str, str, int, str]]:
    """Every refusal: event id, the peer that handed it on, its seq, the reason."""
    r = LAN_REFUSED.c
    rows = db.execute(select(r.event_id, r.from_station, r.seq, r.reason).order_by(r.refused_at))
    return [(row.event_id, row.from_station, row.seq, row.reason) for row in rows]


def first_hand(
    db: Connection, *, author: str, after: int, limit: int, received_before: datetime
) -> list[tuple[EventRecord, str]]:
    """The author's events after seq ``after`` that it handed on here itself, signed, before
    ``received_before``, with their signatures, in seq order, stopping at the first missing seq
    (what may be carried up for it: the server takes only the next link of its chain)."""
    r = LAN_RECEIVED.c
    rows = db.execute(
        select(EVENTS, r.signature)
        .join(LAN_RECEIVED, r.event_id == _E.id)
        .where(
            _E.station_id == author,
            _E.seq > after,
            r.signature.is_not(None),
            r.received_at <= received_before,
        )
        .order_by(_E.seq)
        .limit(limit)
    )
    run: list[tuple[EventRecord, str]] = []
    for row in rows:
        if row.seq != after + 1 + len(run):
            break
        run.append((record_from_row(row._mapping), str(row.signature)))
    return run
