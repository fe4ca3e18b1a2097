"""Status before a round, own events for a restored station, the key kept at enrolment."""

from __future__ import annotations

import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from counter_app.domain.events import GENESIS_HASH
from counter_app.sync.transfer import public_key_text
from counter_server.cli import enrol
from counter_server.db import Database
from counter_server.models import Station
from tests.server.factories import body, enrolled


def test_status_follows_the_held_chain(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    first = client.get("/v1/status", headers=station.headers).json()
    assert (first["held_through_seq"], first["held_hash"]) == (0, GENESIS_HASH)
    batch = station.next_events(3)
    client.post("/v1/push", json=body(batch), headers=station.headers)
    after = client.get("/v1/status", headers=station.headers).json()
    assert (after["held_through_seq"], after["held_hash"]) == (3, batch[-1].hash)
    assert after["server_time"].endswith(("Z", "+00:00"))


def test_status_needs_a_token(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}):
        response = client.get("/v1/status", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"] == "unauthorised"


def test_own_events_after_a_seq(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(5)
    client.post("/v1/push", json=body(batch), headers=station.headers)
    page = client.get("/v1/own?after=2&limit=2", headers=station.headers).json()
    assert page["held_through_seq"] == 5
    assert page["events"] == [event.model_dump(mode="json") for event in batch[2:4]]
    rest = client.get("/v1/own?after=4", headers=station.headers).json()
    assert [event["seq"] for event in rest["events"]] == [5]


def test_own_events_never_show_another_station(client: TestClient, database_url: str) -> None:
    mine = enrolled(client, database_url, slot=1)
    theirs = enrolled(client, database_url, slot=2)
    client.post("/v1/push", json=body(theirs.next_events(2)), headers=theirs.headers)
    assert client.get("/v1/own", headers=mine.headers).json()["events"] == []
    assert client.get("/v1/own?after=-1", headers=mine.headers).status_code == 422


def test_enrolment_keeps_the_public_key(client: TestClient, database_url: str) -> None:
    key = public_key_text(Ed25519PrivateKey.generate())
    station_id = str(uuid.uuid4())
    code = enrol(database_url, "000.17.22.H56", "UBND", 3)
    answer = {"code": code, "station_id": station_id, "public_key": key}
    assert client.post("/v1/enrol", json=answer).status_code == 200
    database = Database(database_url)
    with database.sessions() as session:
        station = session.get(Station, station_id)
        assert station is not None and station.public_key == key
    database.dispose()
    short = {"code": code, "station_id": station_id, "public_key": "abc"}
    assert client.post("/v1/enrol", json=short).status_code == 422
