"""Push and pull: the station's chain goes up idempotently, its agency's events come down.

Commit order is ``server_seq`` order. A push first locks its agency's row (an UPDATE, so
PostgreSQL holds a row lock and SQLite its write lock until commit) and only then reads the
counter and hands out ``server_seq`` values. A second push in the same agency waits for that lock,
so it can only take higher numbers after the first has committed (or rolled back, leaving the
counter untouched). A reader that sees ``server_seq`` k therefore also sees every number below k,
and a pull that resumes after its cursor can never miss an event that committed late.

A link is refused only for how it links (gap, broken link, hash mismatch: 409, nothing of the
batch stored). What it says is judged by ``projection.Judge``: an event that does not fit is
stored in the chain, quarantined and reported back in ``rejected``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from counter_app.domain import personal
from counter_app.domain.events import event_hash
from counter_app.i18n import _
from counter_app.sync.protocol import (
    Notice,
    PulledEvent,
    RejectedEvent,
    SiblingStation,
    WireEvent,
)
from counter_app.sync.signing import event_signed
from counter_server import agencies, erasure
from counter_server.errors import conflict, forbidden
from counter_server.models import COUNTER, MAX_SEQ, Event, Station
from counter_server.projection import Judge, dossier_code, record_of, slot_of


@dataclass(frozen=True)
class PushResult:
    """How far the server holds the chain, and which of the batch's events it set aside."""

    held_through_seq: int
    rejected: list[RejectedEvent]


def push(
    *,
    session: Session,
    station: Station,
    events: Sequence[WireEvent],
    now: datetime,
    carried_by: str | None = None,
) -> PushResult:
    """Store ``station``'s batch; return what the server holds and what it quarantined.

    Idempotent: events already held (same id, same hash) are skipped. On any refusal the caller
    rolls back, so nothing of the batch is stored. ``carried_by`` names the counter that brought
    another's links up (``relay``); the links are judged the same either way.
    """
    _check_authorship(events, station_id=station.id)
    next_server_seq = agencies.lock(session, station.agency_code)
    session.refresh(station)
    _check_ids(session=session, events=events)
    held = _held_events(session=session, station_id=station.id, events=events)
    judge = Judge(session, station.agency_code, now)
    new = [event for event in events if event.seq > station.held_seq]
    judge.load(event.dossier_id for event in new)
    judge.load_codes(event.payload for event in new)
    rejected = [_rejected(row.id, row.seq, row.quarantine) for row in held.values()]
    rows: list[dict[str, Any]] = []
    for event in events:
        if event.seq <= station.held_seq:
            _check_duplicate(event, held.get(event.seq))
            continue
        _check_link(event, head_seq=station.held_seq, head_hash=station.held_hash)
        next_server_seq += 1
        rows.append(
            store(session, event, judge=judge, station=station, server_seq=next_server_seq, now=now)
            | {"carried_by": carried_by}
        )
        rejected.append(_rejected(event.id, event.seq, rows[-1]["quarantine"]))
    insert_events(session, rows)
    agencies.advance(session, station.agency_code, last=next_server_seq)
    kept = [item for item in rejected if item is not None]
    return PushResult(station.held_seq, sorted(kept, key=lambda item: item.seq))


def store(
    session: Session,
    event: WireEvent,
    *,
    judge: Judge,
    station: Station,
    server_seq: int,
    now: datetime,
) -> dict[str, Any]:
    """Judge one checked link, move the station's held head past it; return its row to insert."""
    row = _row(event, agency_code=station.agency_code, server_seq=server_seq, now=now)
    row["quarantine"] = judge.judge(event.to_record())
    row["notify_station"], row["notify_dossier"] = judge.clashes.get(event.id, (None, None))
    station.held_seq, station.held_hash = event.seq, event.hash
    station.held_hlc = max(station.held_hlc, event.hlc)
    return row


def insert_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the batch's event rows in one statement (after the dossier rows they project);
    an ``erased`` event among them empties its dossier's personal fields here too."""
    if rows:
        session.execute(insert(Event), list(rows))
        erasure.apply_rows(session, rows)


def relay(
    *,
    session: Session,
    carrier: Station,
    events: Sequence[WireEvent],
    signatures: Sequence[str],
    now: datetime,
) -> PushResult:
    """Store links of another counter of the carrier's agency, exactly as its own push would.

    Each link must carry its author's signature (the key it enrolled with): a counter carries
    what its sibling handed it, and cannot write in another's name. Exactly once whoever
    carries them: every link goes through the author's chain head under the agency lock (next
    seq, linked to the held hash, hash of its content), and one already held must be the same
    event. The author's next status shows the head moved; it then skips what is held and asks
    which of those links were set aside (``quarantined_own``).
    """
    author = _sibling_author(session, carrier, events)
    if len(signatures) != len(events) or not all(
        event_signed(author.public_key or "", event.hash, signature)
        for event, signature in zip(events, signatures, strict=False)
    ):
        raise forbidden("Every carried event needs its author's signature.")
    return push(session=session, station=author, events=events, now=now, carried_by=carrier.id)


def _sibling_author(session: Session, carrier: Station, events: Sequence[WireEvent]) -> Station:
    """The one counter of the carrier's agency (not the carrier) that wrote ``events``."""
    authors = {event.station_id for event in events}
    if len(authors) != 1:
        raise conflict("event_conflict", "A relayed batch holds the links of one station.")
    author = session.get(Station, authors.pop())
    if author is None or author.kind != COUNTER or author.agency_code != carrier.agency_code:
        raise forbidden("The events belong to no counter of your agency.")
    if author.id == carrier.id:
        raise forbidden("A station sends its own events with /v1/push.")
    if author.revoked or author.public_key is None:
        raise forbidden(f"Station {author.id} is revoked or has no key; its events are not taken.")
    return author


def siblings(*, session: Session, station: Station) -> list[SiblingStation]:
    """The enrolled, not revoked counters of the caller's agency that sent a public key."""
    rows = session.scalars(
        select(Station)
        .where(
            Station.agency_code == station.agency_code,
            Station.kind == COUNTER,
            Station.revoked.is_(False),
            Station.public_key.is_not(None),
        )
        .order_by(Station.slot, Station.id)
    )
    return [
        SiblingStation(
            station_id=row.id,
            slot=row.slot,
            public_key=row.public_key or "",
            held_seq=row.held_seq,
            held_hash=row.held_hash,
        )
        for row in rows
    ]


def quarantined_own(
    *, session: Session, station: Station, after: int, limit: int
) -> list[RejectedEvent]:
    """The caller's own held links with ``seq > after`` that are quarantined, in seq order."""
    if after >= MAX_SEQ:  # nothing is after it, and PostgreSQL takes no INTEGER past it
        return []
    rows = session.execute(
        select(Event.id, Event.seq, Event.quarantine)
        .where(Event.station_id == station.id, Event.seq > after, Event.quarantine.is_not(None))
        .order_by(Event.seq)
        .limit(limit)
    )
    return [RejectedEvent(id=i, seq=seq, reason=reason or "") for i, seq, reason in rows]


def _rejected(event_id: str, seq: int, reason: str | None) -> RejectedEvent | None:
    return None if reason is None else RejectedEvent(id=event_id, seq=seq, reason=reason)


def _check_authorship(events: Sequence[WireEvent], *, station_id: str) -> None:
    """A station pushes only its own events, each id once."""
    for event in events:
        if event.station_id != station_id:
            raise forbidden(f"Event {event.id} belongs to station {event.station_id}, not yours.")
    if len({event.id for event in events}) != len(events):
        raise conflict("event_conflict", "The batch holds the same event id twice.")


def _check_ids(*, session: Session, events: Sequence[WireEvent]) -> None:
    """An id already held must be held at the same place of the same chain."""
    by_id = {event.id: event for event in events}
    rows = session.execute(
        select(Event.id, Event.station_id, Event.seq).where(Event.id.in_(list(by_id)))
    ).all()
    for event_id, station_id, seq in rows:
        event = by_id[event_id]
        if (station_id, seq) != (event.station_id, event.seq):
            raise conflict("event_conflict", f"Event id {event_id} is already held elsewhere.")


def _held_events(
    *, session: Session, station_id: str, events: Sequence[WireEvent]
) -> dict[int, Event]:
    """The events already held for the batch's seqs, by seq."""
    seqs = [event.seq for event in events]
    rows = session.scalars(
        select(Event).where(Event.station_id == station_id, Event.seq.in_(seqs))
    ).all()
    return {row.seq: row for row in rows}


def _check_duplicate(event: WireEvent, held: Event | None) -> None:
    """A resent event must be the one held at its seq, byte for byte (same id, same hash)."""
    if held is None or held.id != event.id or held.hash != event.hash:
        raise conflict(
            "event_conflict",
            f"Event seq {event.seq} ({event.id}) differs from the event the server holds there.",
        )


def _check_link(event: WireEvent, *, head_seq: int, head_hash: str) -> None:
    """The event must be the next link of the chain: right seq, right prev_hash, right hash."""
    if event.seq != head_seq + 1:
        raise conflict(
            "chain_gap",
            f"Event {event.id} has seq {event.seq}; the server expects seq {head_seq + 1}.",
            expected_seq=head_seq + 1,
        )
    if event.prev_hash != head_hash:
        raise conflict(
            "chain_broken",
            f"Event seq {event.seq} does not link to the held hash of seq {head_seq}.",
            expected_seq=event.seq,
        )
    if event_hash(event.to_record()) != event.hash:
        raise conflict(
            "hash_mismatch",
            f"Event seq {event.seq}: the hash does not match the content.",
            expected_seq=event.seq,
        )
    if personal.mismatch(event.to_record()) is not None:  # the hash covers its commitment only
        raise conflict(
            "personal_mismatch",
            f"Event seq {event.seq}: the personal fields do not match their commitment.",
            expected_seq=event.seq,
        )


def _row(event: WireEvent, *, agency_code: str, server_seq: int, now: datetime) -> dict[str, Any]:
    """The stored form of an accepted event."""
    fields = event.model_dump(include=_STORED_FIELDS)
    return fields | {
        "wall_clock": event.wall_clock.isoformat(),
        "agency_code": agency_code,
        "server_seq": server_seq,
        "received_at": now,
    }


_STORED_FIELDS = set(WireEvent.model_fields) - {"wall_clock"}


@dataclass(frozen=True)
class PullPage:
    """One page of a pull: events to apply, notices for the caller, and the page's last seq."""

    events: list[PulledEvent]
    notices: list[Notice]
    last_seq: int | None


def pull(*, session: Session, station: Station, after: int, limit: int) -> PullPage:
    """Applied events of the caller's agency it did not author, ``server_seq > after``, in
    order; among them, as notices, the held links that claimed a code of the caller's."""
    rows = session.scalars(
        select(Event)
        .where(
            Event.agency_code == station.agency_code,
            Event.server_seq > after,
            or_(
                and_(Event.quarantine.is_(None), Event.station_id != station.id),
                Event.notify_station == station.id,
            ),
        )
        .order_by(Event.server_seq)
        .limit(limit)
    ).all()
    events = [
        PulledEvent(**wire_fields(row), server_seq=row.server_seq)
        for row in rows
        if row.quarantine is None
    ]
    notices = [notice(session, row) for row in rows if row.quarantine is not None]
    return PullPage(events, notices, rows[-1].server_seq if rows else None)


def notice(session: Session, row: Event) -> Notice:
    """What the station holding a dossier's code is told of a link that claimed it."""
    code = dossier_code(record_of(row)) or row.dossier_id
    reason = _(
        "Quầy {slot} cũng gửi mã hồ sơ {code} cho một hồ sơ khác; máy chủ giữ lại hồ sơ đó để "
        "người có thẩm quyền xử lý."
    ).format(slot=slot_of(session, row.station_id), code=code)
    assert row.notify_dossier is not None
    return Notice(
        event_id=row.id, dossier_id=row.notify_dossier, server_seq=row.server_seq, reason=reason
    )


def own(*, session: Session, station: Station, after: int, limit: int) -> list[WireEvent]:
    """The caller's own held events with ``seq > after``, in seq order (quarantined ones too)."""
    if after >= MAX_SEQ:  # nothing is after it, and PostgreSQL takes no INTEGER past it
        return []
    rows = session.scalars(
        select(Event)
        .where(Event.station_id == station.id, Event.seq > after)
        .order_by(Event.seq)
        .limit(limit)
    ).all()
    return [WireEvent(**wire_fields(row)) for row in rows]


def wire_fields(row: Event) -> dict[str, Any]:
    """The wire fields of a stored event."""
    return {
        "id": row.id,
        "dossier_id": row.dossier_id,
        "station_id": row.station_id,
        "seq": row.seq,
        "type": row.type,
        "actor": row.actor,
        "wall_clock": datetime.fromisoformat(row.wall_clock),
        "hlc": row.hlc,
        "payload": row.payload,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
        "personal": row.personal,
    }


def utc_now() -> datetime:
    """The server's clock, aware."""
    return datetime.now(UTC)
