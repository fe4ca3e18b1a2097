"""The station's access chain against the server's copy: what to send, and after a restore.

Like the events' outbox, every entry with a seq above the acknowledged one waits to go up. A
station restored from an old backup finds the server holding more of its chain than the store
(or a different entry at the same seq); its never-acknowledged entries are then chained again
after the server's head (same ids, new seqs and links), and the store records that point as
its chain's base, so that ``events verify`` checks both parts.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, delete, select, update

from counter_app.domain.access import AccessEntry, access_hash
from counter_app.domain.events import GENESIS_HASH
from counter_app.models.rows import driver
from counter_app.models.tables import ACCESS_CHAIN, ACCESS_DOSSIERS, ACCESS_LOG
from counter_app.services.access_log import entries_after, store

_CHAIN = ACCESS_CHAIN
_NEW_HEAD = (
    "INSERT INTO access_chain (station_id, last_seq, last_hash, acked_seq, base_seq, base_hash) "
    "VALUES (?, 0, ?, 0, 0, ?) ON CONFLICT (station_id) DO NOTHING"
)
ALL = 2**31


def acked_seq(db: Connection, station_id: str) -> int:
    """How far the server holds the station's access chain, as last heard."""
    value = db.execute(select(_CHAIN.c.acked_seq).where(_CHAIN.c.station_id == station_id))
    return int(value.scalar() or 0)


def pending(db: Connection, station_id: str, limit: int) -> list[AccessEntry]:
    """The next entries the server does not hold yet, in chain order."""
    return entries_after(db, station_id, acked_seq(db, station_id), limit)


def acknowledge(db: Connection, station_id: str, through_seq: int) -> None:
    """The server holds the chain through ``through_seq``."""
    db.execute(
        update(_CHAIN).where(_CHAIN.c.station_id == station_id).values(acked_seq=through_seq)
    )


def align(db: Connection, station_id: str, *, held_seq: int, held_hash: str) -> int:
    """Continue what the server holds; return how many entries were chained again."""
    driver(db).execute(_NEW_HEAD, (station_id, GENESIS_HASH, GENESIS_HASH))
    if held_seq == 0 or _hash_at(db, station_id, held_seq) == held_hash:
        acknowledge(db, station_id, held_seq)
        return 0
    waiting = entries_after(db, station_id, acked_seq(db, station_id), ALL)
    ids = [entry.id for entry in waiting]
    db.execute(delete(ACCESS_DOSSIERS).where(ACCESS_DOSSIERS.c.entry_id.in_(ids)))
    db.execute(delete(ACCESS_LOG).where(ACCESS_LOG.c.id.in_(ids)))
    seq, last = held_seq, held_hash
    for entry in waiting:
        moved = replace(entry, seq=seq + 1, prev_hash=last)
        moved = replace(moved, hash=access_hash(moved))
        store(db, moved)
        seq, last = moved.seq, moved.hash
    db.execute(
        update(_CHAIN)
        .where(_CHAIN.c.station_id == station_id)
        .values(
            last_seq=seq,
            last_hash=last,
            acked_seq=held_seq,
            base_seq=held_seq,
            base_hash=held_hash,
        )
    )
    return len(waiting)


def _hash_at(db: Connection, station_id: str, seq: int) -> str | None:
    query = select(ACCESS_LOG.c.hash).where(
        ACCESS_LOG.c.station_id == station_id, ACCESS_LOG.c.seq == seq
    )
    return db.execute(query).scalar()
