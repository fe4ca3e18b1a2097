"""What the clerk and the end-of-day check see of sync: the status bar value and reconciliation.

Reconciliation compares, per counter, what was done today with what the server acknowledged,
and lists everything that needs a person: events set aside, dossier conflicts, long silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import Connection, func, select, union_all

from counter_app import __version__
from counter_app.domain.calendar import VN_TZ
from counter_app.models.tables import (
    CONFLICTS,
    DOSSIERS,
    EVENTS,
    HELD_EVENTS,
    NOTICES,
    STATIONS,
)
from counter_app.services.outbox import SyncStateRow, load_state, set_aside_events
from counter_app.services.publications import announced_release
from counter_app.services.sync_types import ReleaseNotice, SyncStatus
from counter_app.sync.protocol import version_key


@dataclass(frozen=True)
class CounterDay:
    """One counter's day: what it did and how much of it the server holds."""

    station_id: str
    name: str
    is_local: bool
    received: int
    returned: int
    events_today: int
    acknowledged_today: int


@dataclass(frozen=True)
class OutboxItem:
    """One own event waiting to go up, with its state and, after a failure, the reason."""

    seq: int
    event_id: str
    type: str
    wall_clock: datetime
    state: str  # "waiting" or "sending"
    reason: str | None


@dataclass(frozen=True)
class Reconciliation:
    """``sync status``: the end-of-day picture."""

    status: SyncStatus
    counters: list[CounterDay]
    oldest_waiting_at: datetime | None
    set_aside: list[tuple[str, int, str]]
    conflicts: list[tuple[str, str, str]]  # dossier code, event id, reason
    on_hold: int
    days_since_contact: int | None
    contact_warning: bool
    server_url: str
    acked_seq: int
    last_seq: int
    outbox: list[OutboxItem]


def _local(db: Connection) -> tuple[str, int]:
    row = db.execute(
        select(STATIONS.c.id, STATIONS.c.last_seq).where(STATIONS.c.is_local.is_(True))
    ).one()
    return str(row.id), int(row.last_seq)


def _open_conflicts(db: Connection) -> list[tuple[str, str, str]]:
    """Conflicts and the server's notices not yet marked seen, oldest first."""
    d, c, n = DOSSIERS.c, CONFLICTS.c, NOTICES.c
    flagged = (
        select(d.code, c.event_id, c.reason, c.flagged_at.label("at"))
        .join(DOSSIERS, d.id == c.dossier_id)
        .where(c.resolved_at.is_(None))
    )
    noticed = (
        select(func.coalesce(d.code, n.dossier_id), n.event_id, n.reason, n.noticed_at)
        .outerjoin(DOSSIERS, d.id == n.dossier_id)
        .where(n.resolved_at.is_(None))
    )
    rows = db.execute(union_all(flagged, noticed).order_by("at"))
    return [(row[0], row[1], row[2]) for row in rows]


def sync_status(db: Connection) -> SyncStatus:
    """The status bar's value."""
    state = load_state(db)
    _station_id, last_seq = _local(db)
    sending = max(0, state.sending_through_seq - state.acked_seq)
    offset = (
        None if state.clock_offset_ms is None else timedelta(milliseconds=state.clock_offset_ms)
    )
    return SyncStatus(
        enrolled=bool(state.server_url),
        online=_online(state),
        waiting=max(0, last_seq - state.acked_seq),
        sending=sending,
        set_aside=len(set_aside_events(db)),
        conflicts=len(_open_conflicts(db)),
        last_success_at=state.last_success_at,
        last_error=state.last_error,
        last_error_class=state.last_error_class,
        clock_offset=offset,
        release=_newer_release(db),
    )


def _newer_release(db: Connection) -> ReleaseNotice | None:
    """The announced release when it is newer than the Counter running here."""
    release = announced_release(db)
    if release is None or version_key(release.version) <= version_key(__version__):
        return None
    return ReleaseNotice(release.version, release.required_from, release.note)


def _online(state: SyncStateRow) -> bool:
    """The last round reached the server and finished."""
    if state.last_success_at is None or state.last_attempt_at is None:
        return False
    return state.last_error is None and state.last_success_at >= state.last_attempt_at


def reconciliation(db: Connection, *, now: datetime, warning_days: int) -> Reconciliation:
    """Today per counter against what the server acknowledged; what needs a person."""
    state = load_state(db)
    station_id, last_seq = _local(db)
    start = datetime.combine(now.astimezone(VN_TZ).date(), time.min, VN_TZ)
    days = None if state.last_success_at is None else (now - state.last_success_at).days
    return Reconciliation(
        status=sync_status(db),
        counters=_counters(db, start=start, end=start + timedelta(days=1), acked=state.acked_seq),
        oldest_waiting_at=_oldest_waiting(db, station_id, state.acked_seq),
        set_aside=set_aside_events(db),
        conflicts=_open_conflicts(db),
        on_hold=db.execute(select(func.count()).select_from(HELD_EVENTS)).scalar_one(),
        days_since_contact=days,
        contact_warning=days is None or days > warning_days,
        server_url=state.server_url,
        acked_seq=state.acked_seq,
        last_seq=last_seq,
        outbox=outbox_items(db, station_id, state),
    )


def outbox_items(
    db: Connection, station_id: str, state: SyncStateRow, *, limit: int = 50
) -> list[OutboxItem]:
    """The first ``limit`` events of the upload queue, each with its visible state."""
    e = EVENTS.c
    rows = db.execute(
        select(e.seq, e.id, e.type, e.wall_clock)
        .where(e.station_id == station_id, e.seq > state.acked_seq)
        .order_by(e.seq)
        .limit(limit)
    )
    return [
        OutboxItem(
            seq=row.seq,
            event_id=row.id,
            type=row.type,
            wall_clock=datetime.fromisoformat(str(row.wall_clock)),
            state="sending" if row.seq <= state.sending_through_seq else "waiting",
            reason=state.last_error,
        )
        for row in rows
    ]


def _oldest_waiting(db: Connection, station_id: str, acked: int) -> datetime | None:
    e = EVENTS.c
    found = db.execute(
        select(e.wall_clock).where(e.station_id == station_id, e.seq == acked + 1)
    ).scalar_one_or_none()
    return None if found is None else datetime.fromisoformat(str(found))


def _counters(db: Connection, *, start: datetime, end: datetime, acked: int) -> list[CounterDay]:
    s = STATIONS.c
    stations = db.execute(select(s.id, s.name, s.is_local).order_by(s.is_local.desc(), s.name))
    return [
        _counter(db, row.id, row.name, bool(row.is_local), start=start, end=end, acked=acked)
        for row in stations
    ]


def _counter(
    db: Connection,
    station_id: str,
    name: str,
    is_local: bool,
    *,
    start: datetime,
    end: datetime,
    acked: int,
) -> CounterDay:
    d, e = DOSSIERS.c, EVENTS.c

    def count(table: object, *conditions: object) -> int:
        query = select(func.count()).select_from(table).where(*conditions)  # type: ignore[arg-type]
        return int(db.execute(query).scalar_one())

    today = (e.station_id == station_id, e.wall_clock >= start, e.wall_clock < end)
    # A counter's events that came down from the server are held there by definition.
    held = (e.seq <= acked,) if is_local else ()
    return CounterDay(
        station_id=station_id,
        name=name,
        is_local=is_local,
        received=count(
            DOSSIERS, d.station_id == station_id, d.received_at >= start, d.received_at < end
        ),
        returned=count(
            DOSSIERS, d.station_id == station_id, d.returned_at >= start, d.returned_at < end
        ),
        events_today=count(EVENTS, *today),
        acknowledged_today=count(EVENTS, *today, *held),
    )
