"""The two server endpoints a station's round starts with: its status, and its own events."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.factories import body, enrolled


def test_status_says_how_far_the_chain_is_held(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(3)
    client.post("/v1/push", json=body(batch), headers=station.headers)
    status = client.get("/v1/status", headers=station.headers).json()
    assert (status["held_through_seq"], status["held_hash"]) == (3, batch[-1].hash)
    assert client.get("/v1/status").status_code == 401


def test_own_events_are_only_the_callers(client: TestClient, database_url: str) -> None:
    mine, theirs = enrolled(client, database_url, slot=1), enrolled(client, database_url, slot=2)
    client.post("/v1/push", json=body(mine.next_events(3)), headers=mine.headers)
    client.post("/v1/push", json=body(theirs.next_events(2)), headers=theirs.headers)
    own = client.get("/v1/own", params={"after": 1}, headers=mine.headers).json()
    assert [event["seq"] for event in own["events"]] == [2, 3]
    assert {event["station_id"] for event in own["events"]} == {mine.station_id}
    assert own["held_through_seq"] == 3
    assert client.get("/v1/own", params={"after": -1}, headers=mine.headers).status_code == 422
