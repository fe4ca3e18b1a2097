"""Appending to the station's access chain and reading it back for the leader.

``record`` runs inside the caller's write transaction, the one that read the data it logs: a
view that cannot be logged is not shown, and a rolled-back read leaves no entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from counter_app.domain.access import AccessEntry, access_hash, verify_access_chain
from counter_app.domain.events import GENESIS_HASH, ChainBreak
from counter_app.models.rows import driver, insert_rows
from counter_app.models.tables import (
    ACCESS_CHAIN,
    ACCESS_DOSSIERS,
    ACCESS_LOG,
    DOSSIERS,
    STATIONS,
    USERS,
)
from counter_app.services.access_types import AccessView
from counter_app.services.eventlog import new_id

_LOG, _CHAIN, _LINKS = ACCESS_LOG, ACCESS_CHAIN, ACCESS_DOSSIERS
_NEW_HEAD = (
    "INSERT INTO access_chain (station_id, last_seq, last_hash, acked_seq, base_seq, base_hash) "
    "VALUES (?, 0, ?, 0, 0, ?) ON CONFLICT (station_id) DO NOTHING"
)
_HEAD = "SELECT last_seq, last_hash FROM access_chain WHERE station_id = ?"
_ADVANCE = "UPDATE access_chain SET last_seq = ?, last_hash = ? WHERE station_id = ?"
SHOWN_CODES = 20  # an entry lists this many dossier codes; the rest are counted


def record(
    db: Connection,
    *,
    station_id: str,
    actor: str,
    kind: str,
    via: str,
    dossier_ids: Sequence[str] = (),
    detail: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> AccessEntry:
    """Chain one view after the station's last entry and store it with its dossiers."""
    driver(db).execute(_NEW_HEAD, (station_id, GENESIS_HASH, GENESIS_HASH))
    last_seq, last_hash = driver(db).execute(_HEAD, (station_id,)).fetchone()
    ids = tuple(dict.fromkeys(dossier_ids))  # each dossier once, in the order shown
    entry = AccessEntry(
        id=new_id(),
        station_id=station_id,
        seq=last_seq + 1,
        actor=actor,
        at=(now or datetime.now(UTC)).astimezone(UTC),
        kind=kind,
        via=via,
        dossier_ids=ids,
        detail=dict(detail or {}),
        prev_hash=last_hash,
    )
    entry = replace(entry, hash=access_hash(entry))
    store(db, entry)
    driver(db).execute(_ADVANCE, (entry.seq, entry.hash, station_id))
    return entry


def store(db: Connection, entry: AccessEntry) -> None:
    """Insert an entry row and its dossier links."""
    insert_rows(db, _LOG, [entry_row(entry)])
    links = [{"dossier_id": dossier_id, "entry_id": entry.id} for dossier_id in entry.dossier_ids]
    insert_rows(db, _LINKS, links)


def entry_row(entry: AccessEntry) -> dict[str, Any]:
    """The ``access_log`` row of an entry."""
    return {
        "id": entry.id,
        "station_id": entry.station_id,
        "seq": entry.seq,
        "actor": entry.actor,
        "at": entry.at,
        "kind": entry.kind,
        "via": entry.via,
        "dossier_ids": list(entry.dossier_ids),
        "detail": dict(entry.detail),
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def entry_of(row: RowMapping | Mapping[str, Any]) -> AccessEntry:
    """An AccessEntry from an ``access_log`` row."""
    return AccessEntry(
        id=row["id"],
        station_id=row["station_id"],
        seq=row["seq"],
        actor=row["actor"],
        at=row["at"],
        kind=row["kind"],
        via=row["via"],
        dossier_ids=tuple(row["dossier_ids"]),
        detail=row["detail"],
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def entries_after(db: Connection, station_id: str, seq: int, limit: int) -> list[AccessEntry]:
    """The station's entries with a seq above ``seq``, in chain order."""
    rows = db.execute(
        select(_LOG)
        .where(_LOG.c.station_id == station_id, _LOG.c.seq > seq)
        .order_by(_LOG.c.seq)
        .limit(limit)
    ).mappings()
    return [entry_of(row) for row in rows]


def verify(db: Connection) -> list[ChainBreak]:
    """Check every station's access chain held here (from genesis, then from its base)."""
    breaks: list[ChainBreak] = []
    for head in db.execute(select(_CHAIN)).mappings():
        entries = entries_after(db, head["station_id"], 0, 2**31)
        before = [entry for entry in entries if entry.seq <= head["base_seq"]]
        after = [entry for entry in entries if entry.seq > head["base_seq"]]
        breaks += verify_access_chain(before)  # from genesis; the server may hold the rest
        breaks += verify_access_chain(
            after, after_seq=head["base_seq"], after_hash=head["base_hash"]
        )
        if entries and entries[-1].seq != head["last_seq"]:
            reason = f"the chain ends at seq {entries[-1].seq}, its head says {head['last_seq']}"
            breaks.append(ChainBreak(head["station_id"], entries[-1].seq, reason))
    return breaks


def views_of(db: Connection, dossier_id: str) -> list[AccessView]:
    """Every view of one dossier, newest first."""
    query = (
        select(_LOG)
        .join(_LINKS, _LINKS.c.entry_id == _LOG.c.id)
        .where(_LINKS.c.dossier_id == dossier_id)
        .order_by(_LOG.c.at.desc(), _LOG.c.seq.desc())
    )
    return _views(db, [entry_of(row) for row in db.execute(query).mappings()])


def views_by(
    db: Connection, *, actor: str | None, since: datetime, until: datetime
) -> list[AccessView]:
    """Every view made by ``actor`` (None: by anyone) in ``[since, until)``, newest first."""
    query = select(_LOG).where(_LOG.c.at >= since, _LOG.c.at < until)
    if actor is not None:
        query = query.where(_LOG.c.actor == actor)
    rows = db.execute(query.order_by(_LOG.c.at.desc(), _LOG.c.seq.desc())).mappings()
    return _views(db, [entry_of(row) for row in rows])


def _views(db: Connection, entries: Sequence[AccessEntry]) -> list[AccessView]:
    names = _names(db, {entry.actor for entry in entries})
    stations = dict(db.execute(select(STATIONS.c.id, STATIONS.c.name)).all())
    shown = {dossier_id for entry in entries for dossier_id in entry.dossier_ids[:SHOWN_CODES]}
    codes = _codes(db, shown)
    return [
        AccessView(
            at=entry.at,
            actor=entry.actor,
            actor_name=names.get(entry.actor, entry.actor),
            station=stations.get(entry.station_id, entry.station_id[:8]),
            kind=entry.kind,
            via=entry.via,
            detail=entry.detail,
            codes=tuple(codes[d] for d in entry.dossier_ids[:SHOWN_CODES] if d in codes),
            dossier_count=len(entry.dossier_ids),
        )
        for entry in entries
    ]


def _names(db: Connection, actors: Iterable[str]) -> dict[str, str]:
    query = select(USERS.c.username, USERS.c.full_name).where(USERS.c.username.in_(list(actors)))
    return dict(db.execute(query).all())


def _codes(db: Connection, dossier_ids: Iterable[str]) -> dict[str, str]:
    query = select(DOSSIERS.c.id, DOSSIERS.c.code).where(DOSSIERS.c.id.in_(list(dossier_ids)))
    return dict(db.execute(query).all())
