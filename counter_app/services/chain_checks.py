"""Whether an event handed on by someone else fits this store's copy of its author's chain.

A station holds parts of the other counters' chains (all of each, usually; with gaps where the
server set a link aside). An event from elsewhere must match its own hash, its personal part
must match the commitment that hash covers (``domain.personal``: whoever handed the event on
could change the part without touching the hash), and it must not contradict what is held here:
the same id with other content, another event at its place of the chain, or a neighbour it does
not link to. Runs in the caller's transaction.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from counter_app.domain import personal
from counter_app.domain.events import GENESIS_HASH, EventRecord, event_hash
from counter_app.i18n import _
from counter_app.models.tables import EVENTS

_E = EVENTS.c


def held_hash(db: Connection, event_id: str) -> str | None:
    """The hash of the event ``event_id`` held here, if it is held."""
    found = db.execute(select(_E.hash).where(_E.id == event_id)).scalar_one_or_none()
    return None if found is None else str(found)


def chain_clash(db: Connection, record: EventRecord) -> str | None:
    """Why ``record`` contradicts the chain held here (or its own hash); None when it fits."""
    if event_hash(record) != record.hash:
        return _("Sự kiện {id}: mã băm không khớp nội dung.").format(id=record.id)
    if personal.mismatch(record) is not None:  # the hash covers the commitment, not the part
        return _("Sự kiện {id}: thông tin cá nhân không khớp với nội dung đã băm.").format(
            id=record.id
        )
    known = held_hash(db, record.id)
    if known is not None and known != record.hash:
        return _("Sự kiện {id} khác với bản đang lưu trên máy này.").format(id=record.id)
    return _place_taken(db, record) or _unlinked(db, record)


def _at(db: Connection, station_id: str, seq: int) -> tuple[str, str, str] | None:
    """(id, prev_hash, hash) of the author's event at ``seq``, if held."""
    row = db.execute(
        select(_E.id, _E.prev_hash, _E.hash).where(_E.station_id == station_id, _E.seq == seq)
    ).first()
    return None if row is None else (str(row.id), str(row.prev_hash), str(row.hash))


def _place_taken(db: Connection, record: EventRecord) -> str | None:
    held = _at(db, record.station_id, record.seq)
    if held is not None and held[0] != record.id:
        return _(
            "Máy {station} đã có sự kiện khác ở vị trí {seq} của chuỗi; sự kiện {id} không được "
            "nhận."
        ).format(station=record.station_id[:8], seq=record.seq, id=record.id)
    return None


def _unlinked(db: Connection, record: EventRecord) -> str | None:
    before = _at(db, record.station_id, record.seq - 1)
    expected = GENESIS_HASH if record.seq == 1 else (before[2] if before else None)
    after = _at(db, record.station_id, record.seq + 1)
    if (expected is not None and record.prev_hash != expected) or (
        after is not None and after[1] != record.hash
    ):
        return _("Sự kiện {id} không nối đúng chuỗi của máy {station}.").format(
            id=record.id, station=record.station_id[:8]
        )
    return None
