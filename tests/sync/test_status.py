"""What the clerk sees: waiting events, last contact, clock skew, the end-of-day reconciliation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from counter_app.station import Station
from tests.factories import request
from tests.sync.helpers import no_wait, sync


def test_a_station_clock_ten_minutes_slow_is_shown(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    policy = no_wait()
    policy.clock = lambda: datetime.now(UTC) - timedelta(minutes=10)
    report = station.sync_once(http=client, policy=policy)
    assert 590_000 < report.clock_offset_ms < 610_000
    status = station.sync_status()
    assert status.skew_warning and status.clock_offset is not None


def test_a_correct_clock_gives_no_warning(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    sync(station, client)
    assert not station.sync_status().skew_warning


def test_reconciliation_counts_today_against_what_the_server_holds(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    first, second = enrolled(1), enrolled(2)
    now = datetime.now(UTC)
    for _ in range(2):
        first.receive(request(received_at=now), actor="clerk", now=now)
    sync(first, client)
    first.receive(request(received_at=now), actor="clerk", now=now)
    second.receive(request(received_at=now), actor="clerk", now=now)
    sync(second, client)
    sync(first, client)
    report = first.sync_reconciliation(now=now)
    mine = report.counters[0]
    assert mine.is_local and (mine.received, mine.events_today, mine.acknowledged_today) == (
        3,
        3,
        3,
    )
    assert report.counters[1].received == 1
    assert report.status.waiting == 0 and not report.contact_warning
    late = first.sync_reconciliation(now=now + timedelta(days=5, hours=1))
    assert late.contact_warning and late.days_since_contact == 5


def test_waiting_events_show_the_oldest_and_a_never_synced_warning(
    make_station: Callable[[int], Station],
) -> None:
    station = make_station(1)
    now = datetime.now(UTC)
    station.receive(request(received_at=now), actor="clerk", now=now)
    report = station.sync_reconciliation(now=now)
    assert report.status.waiting == 1 and report.oldest_waiting_at is not None
    assert report.contact_warning and report.days_since_contact is None
    assert not report.status.online and not report.status.enrolled
