"""Pull: other stations' events of the caller's agency, in server order, after a cursor."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.server.factories import OTHER_AGENCY, StationChain, body, enrolled


def pull_all(client: TestClient, station: StationChain, *, limit: int = 3) -> list[dict[str, Any]]:
    """Page through everything after cursor 0, checking each page's cursor."""
    seen: list[dict[str, Any]] = []
    cursor = 0
    while True:
        page = client.get(f"/v1/pull?after={cursor}&limit={limit}", headers=station.headers)
        assert page.status_code == 200, page.text
        events = page.json()["events"]
        if not events:
            assert page.json()["next_cursor"] == cursor
            return seen
        assert page.json()["next_cursor"] == events[-1]["server_seq"]
        seen.extend(events)
        cursor = page.json()["next_cursor"]


def test_pull_returns_others_in_order_never_own(client: TestClient, database_url: str) -> None:
    first = enrolled(client, database_url, slot=1)
    second = enrolled(client, database_url, slot=2)
    third = enrolled(client, database_url, slot=3)
    for station in (first, second, first, third):
        batch = station.next_events(2)
        assert client.post("/v1/push", json=body(batch), headers=station.headers).status_code == 200
    seen = pull_all(client, first)
    assert [event["station_id"] for event in seen] == [second.station_id] * 2 + [
        third.station_id
    ] * 2
    assert [event["id"] for event in seen] == [e.id for e in second.events + third.events]
    server_seqs = [event["server_seq"] for event in seen]
    assert server_seqs == sorted(server_seqs)


def test_pulled_events_keep_their_hash(client: TestClient, database_url: str) -> None:
    author = enrolled(client, database_url, slot=1)
    reader = enrolled(client, database_url, slot=2)
    client.post("/v1/push", json=body(author.next_events(2)), headers=author.headers)
    pulled = pull_all(client, reader)
    assert pulled == [
        {**event.model_dump(mode="json"), "server_seq": index}
        for index, event in enumerate(author.events, start=1)
    ]


def test_other_agency_cannot_pull_ours(client: TestClient, database_url: str) -> None:
    ours = enrolled(client, database_url, slot=1)
    theirs = enrolled(client, database_url, agency=OTHER_AGENCY, slot=1)
    client.post("/v1/push", json=body(ours.next_events(3)), headers=ours.headers)
    assert pull_all(client, theirs) == []


def test_pull_has_server_time(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    response = client.get("/v1/pull", headers=station.headers)
    assert response.json()["server_time"].endswith(("Z", "+00:00"))


def test_pull_parameters_validated(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    for query in ("after=-1", "limit=0", "limit=100000", "after=abc"):
        response = client.get(f"/v1/pull?{query}", headers=station.headers)
        assert response.status_code == 422, query
        assert response.json()["error"] == "invalid_request"
