"""A station's clock outside the server's window: its events are held, never handed on.

A station whose clock says 9999 (or is simply years ahead) pushes events whose HLC every other
counter of the agency would adopt: the next event one of them writes would not fit in a 64-bit
integer. The server bounds wall clock and HLC against its own clock, quarantines what lies
outside, and tells the station in ``rejected``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from counter_app.domain.events import CLOCK_LEAD
from tests.server.factories import (
    StationChain,
    admin_headers,
    body,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
)

HLC_MAX = 2**63 - 1
YEAR_9999 = datetime(9999, 12, 31, tzinfo=UTC)


def hlc_at(moment: datetime) -> int:
    """The HLC a station writes at ``moment`` (milliseconds in the high bits)."""
    return int(moment.timestamp() * 1000) << 16


def push_step_at(
    client: TestClient, station: StationChain, *, wall_clock: datetime, hlc: int
) -> tuple[str, dict[str, object]]:
    """Push a received dossier and a transfer written at the given clocks; (dossier id, answer)."""
    [received] = station.next_events(1)
    transfer = station.step(
        received.dossier_id, "transferred", {"to": "Công an phường"}, wall_clock=wall_clock, hlc=hlc
    )
    answer = client.post("/v1/push", json=body([received, transfer]), headers=station.headers)
    assert answer.status_code == 200, answer.text
    return received.dossier_id, answer.json()


def pulled_ids(client: TestClient, station: StationChain) -> list[str]:
    """The ids another counter of the agency pulls."""
    page = client.get("/v1/pull", headers=station.headers).json()
    return [event["id"] for event in page["events"]]


def test_an_event_from_year_9999_is_held_and_never_handed_on(
    client: TestClient, database_url: str
) -> None:
    author = enrolled(client, database_url, slot=1)
    reader = enrolled(client, database_url, slot=2)
    _dossier, answer = push_step_at(client, author, wall_clock=YEAR_9999, hlc=HLC_MAX)
    received, poisoned = author.events
    assert answer["held_through_seq"] == 2  # the chain goes on: later events are not blocked
    [rejected] = answer["rejected"]  # type: ignore[misc]
    assert (rejected["id"], rejected["seq"]) == (poisoned.id, 2)
    assert "9999" in rejected["reason"]
    assert pulled_ids(client, reader) == [received.id]
    [held] = client.get("/v1/admin/quarantine", headers=admin_headers(database_url)).json()
    assert held["id"] == poisoned.id and held["reason"] == rejected["reason"]


def test_an_officer_still_steps_a_dossier_a_poisoned_event_touched(
    client: TestClient, database_url: str
) -> None:
    author = enrolled(client, database_url, slot=1)
    reader = enrolled(client, database_url, slot=2)
    publish_bundled_catalogue(client, admin_headers(database_url))
    push_step_at(client, author, wall_clock=YEAR_9999, hlc=HLC_MAX)
    code = author.events[0].payload["dossier"]["code"]
    office = officer_headers(database_url)
    url = f"/v1/office/dossiers/{code}/steps"
    answer = client.post(url, json={"event": "transferred", "to": "Phòng"}, headers=office)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "transferred"
    [_received, step] = client.get("/v1/pull", headers=reader.headers).json()["events"]
    assert step["type"] == "transferred" and step["hlc"] < hlc_at(datetime.now(UTC) + CLOCK_LEAD)


def test_a_station_clock_years_ahead_is_held(client: TestClient, database_url: str) -> None:
    author = enrolled(client, database_url, slot=1)
    ahead = datetime.now(UTC) + timedelta(days=3 * 365)
    _dossier, answer = push_step_at(client, author, wall_clock=ahead, hlc=hlc_at(ahead))
    assert [item["seq"] for item in answer["rejected"]] == [2]  # type: ignore[attr-defined]


def test_an_hlc_ahead_with_a_right_wall_clock_is_held(
    client: TestClient, database_url: str
) -> None:
    author = enrolled(client, database_url, slot=1)
    now = datetime.now(UTC)
    beyond = hlc_at(now + CLOCK_LEAD + timedelta(minutes=5))
    _dossier, answer = push_step_at(client, author, wall_clock=now, hlc=beyond)
    assert [item["seq"] for item in answer["rejected"]] == [2]  # type: ignore[attr-defined]


def test_a_clock_reset_to_2000_is_held(client: TestClient, database_url: str) -> None:
    author = enrolled(client, database_url, slot=1)
    reset = datetime(2000, 1, 1, tzinfo=UTC)
    _dossier, answer = push_step_at(client, author, wall_clock=reset, hlc=hlc_at(reset))
    assert [item["seq"] for item in answer["rejected"]] == [2]  # type: ignore[attr-defined]


def test_a_clock_a_little_ahead_and_events_weeks_old_are_applied(
    client: TestClient, database_url: str
) -> None:
    author = enrolled(client, database_url, slot=1)
    reader = enrolled(client, database_url, slot=2)
    ahead = datetime.now(UTC) + CLOCK_LEAD - timedelta(minutes=5)
    _dossier, answer = push_step_at(client, author, wall_clock=ahead, hlc=hlc_at(ahead))
    weeks_ago = datetime.now(UTC) - timedelta(days=40)  # a station offline for weeks
    _dossier, later = push_step_at(client, author, wall_clock=weeks_ago, hlc=hlc_at(ahead) + 1)
    assert answer["rejected"] == later["rejected"] == []
    assert len(pulled_ids(client, reader)) == 4
