"""Push and pull: the station's chain goes up idempotently, its agency's events come down.

Commit order is ``server_seq`` order. A push first locks its agency's row (an UPDATE, so
PostgreSQL holds a row lock and SQLite its write lock until commit) and only then reads the
counter and hands out ``server_seq`` values. A second push in the same agency waits for that lock,
so it can only take higher numbers after the first has committed (or rolled back, leaving the
counter untouched). A reader that sees ``server_seq`` k therefore also sees every number below k,
and a pull that resumes after its cursor can never miss an event that committed late.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain.codes import CODE_RE
from counter_app.domain.events import event_hash
from counter_app.sync.protocol import OwnEventsResponse, PulledEvent, StationStatus, WireEvent
from counter_server.errors import conflict, forbidden
from counter_server.models import Agency, Dossier, Event, Station


def push(*, session: Session, station: Station, events: Sequence[WireEvent], now: datetime) -> int:
    """Store the caller's batch; return the seq the server holds the chain through.

    Idempotent: events already held (same id, same hash) are skipped. On any refusal the caller
    rolls back, so nothing of the batch is stored.
    """
    _check_authorship(events, station_id=station.id)
    next_server_seq = _lock_agency(session=session, agency_code=station.agency_code)
    session.refresh(station)
    _check_ids(session=session, events=events)
    held = _held_events(session=session, station_id=station.id, events=events)
    new = [event for event in events if event.seq > station.held_seq]
    owners = _dossier_owners(session=session, events=new)
    head_seq, head_hash = station.held_seq, station.held_hash
    for event in events:
        if event.seq <= head_seq:
            _check_duplicate(event, held.get(event.seq))
            continue
        _check_link(event, head_seq=head_seq, head_hash=head_hash)
        _check_tenancy(session=session, event=event, agency=station.agency_code, owners=owners)
        next_server_seq += 1
        session.add(
            _row(event, agency_code=station.agency_code, server_seq=next_server_seq, now=now)
        )
        head_seq, head_hash = event.seq, event.hash
    station.held_seq, station.held_hash = head_seq, head_hash
    session.execute(
        update(Agency)
        .where(Agency.code == station.agency_code)
        .values(last_server_seq=next_server_seq)
    )
    return head_seq


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


def _dossier_owners(*, session: Session, events: Sequence[WireEvent]) -> dict[str, str]:
    """The agency of every already known dossier the events touch."""
    ids = list({event.dossier_id for event in events})
    rows = session.execute(select(Dossier.id, Dossier.agency_code).where(Dossier.id.in_(ids)))
    return {dossier_id: agency for dossier_id, agency in rows}


def _lock_agency(*, session: Session, agency_code: str) -> int:
    """Take the agency's write lock for the rest of the transaction; return its counter."""
    counter = session.execute(
        update(Agency)
        .where(Agency.code == agency_code)
        .values(last_server_seq=Agency.last_server_seq)
        .returning(Agency.last_server_seq)
    ).scalar_one()
    return int(counter)


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


def _check_tenancy(
    *, session: Session, event: WireEvent, agency: str, owners: dict[str, str]
) -> None:
    """An event may only touch a dossier of the caller's agency; record new dossiers."""
    code = _dossier_code(event)
    if code is not None and CODE_RE.match(code) and not code.startswith(agency + "-"):
        raise forbidden(f"Dossier {code} belongs to another agency.")
    owner = owners.get(event.dossier_id)
    if owner is None:
        session.add(Dossier(id=event.dossier_id, agency_code=agency, code=code))
        owners[event.dossier_id] = agency
    elif owner != agency:
        raise forbidden(f"Dossier {event.dossier_id} belongs to another agency.")


def _dossier_code(event: WireEvent) -> str | None:
    """The dossier code an event's payload names, if any."""
    dossier = event.payload.get("dossier")
    code = dossier.get("code") if isinstance(dossier, dict) else None
    return code.strip().upper() if isinstance(code, str) else None


def _row(event: WireEvent, *, agency_code: str, server_seq: int, now: datetime) -> Event:
    """The stored form of an accepted event."""
    fields = event.model_dump(include=set(WireEvent.model_fields) - {"wall_clock"})
    return Event(
        **fields,
        wall_clock=event.wall_clock.isoformat(),
        agency_code=agency_code,
        server_seq=server_seq,
        received_at=now,
    )


def pull(*, session: Session, station: Station, after: int, limit: int) -> list[PulledEvent]:
    """Events of the caller's agency it did not author, with ``server_seq > after``, in order."""
    rows = session.scalars(
        select(Event)
        .where(
            Event.agency_code == station.agency_code,
            Event.server_seq > after,
            Event.station_id != station.id,
        )
        .order_by(Event.server_seq)
        .limit(limit)
    ).all()
    return [_pulled(row) for row in rows]


def _pulled(row: Event) -> PulledEvent:
    """The wire form of a stored event."""
    return PulledEvent(
        id=row.id,
        dossier_id=row.dossier_id,
        station_id=row.station_id,
        seq=row.seq,
        type=row.type,
        actor=row.actor,
        wall_clock=datetime.fromisoformat(row.wall_clock),
        hlc=row.hlc,
        payload=row.payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
        server_seq=row.server_seq,
    )


def utc_now() -> datetime:
    """The server's clock, aware."""
    return datetime.now(UTC)


def status(*, station: Station) -> StationStatus:
    """How far the server holds the caller's chain, and its clock."""
    return StationStatus(
        held_through_seq=station.held_seq, held_hash=station.held_hash, server_time=utc_now()
    )


def own(*, session: Session, station: Station, after: int, limit: int) -> OwnEventsResponse:
    """The caller's own events held after seq ``after``, in chain order."""
    rows = session.scalars(
        select(Event)
        .where(Event.station_id == station.id, Event.seq > after)
        .order_by(Event.seq)
        .limit(limit)
    ).all()
    events = [WireEvent(**_pulled(row).model_dump(exclude={"server_seq"})) for row in rows]
    return OwnEventsResponse(events=events, held_through_seq=station.held_seq)
