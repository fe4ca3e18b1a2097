"""Push: idempotent by event id, chain verified, nothing stored from a refused batch."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from counter_server.db import Database
from counter_server.models import Event
from tests.server.factories import OTHER_AGENCY, StationChain, body, enrolled, resigned


def stored(database_url: str) -> int:
    """How many events the server holds."""
    database = Database(database_url)
    with database.sessions() as session:
        count = session.scalar(select(func.count()).select_from(Event))
    database.dispose()
    return int(count or 0)


def test_push_is_idempotent(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(5)
    first = client.post("/v1/push", json=body(batch), headers=station.headers)
    again = client.post("/v1/push", json=body(batch), headers=station.headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() == {"held_through_seq": 5, "rejected": []}
    assert stored(database_url) == 5


def test_resend_overlapping_batch(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    early = station.next_events(3)
    client.post("/v1/push", json=body(early), headers=station.headers)
    overlap = early[1:] + station.next_events(2)
    response = client.post("/v1/push", json=body(overlap), headers=station.headers)
    assert response.json() == {"held_through_seq": 5, "rejected": []}
    assert stored(database_url) == 5


def test_same_id_other_content_conflicts(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(2)
    client.post("/v1/push", json=body(batch), headers=station.headers)
    changed = resigned(batch[1], actor="someone else")
    response = client.post("/v1/push", json=body([changed]), headers=station.headers)
    assert response.status_code == 409
    assert response.json()["error"] == "event_conflict"


def test_edited_hash_refused_and_batch_not_stored(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(4)
    batch[2] = batch[2].model_copy(update={"actor": "tampered"})
    response = client.post("/v1/push", json=body(batch), headers=station.headers)
    assert response.status_code == 409
    assert response.json()["error"] == "hash_mismatch"
    assert response.json()["expected_seq"] == 3
    assert stored(database_url) == 0


def test_unlinked_prev_hash_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(2)
    batch[1] = resigned(batch[1], prev_hash="a" * 64)
    response = client.post("/v1/push", json=body(batch), headers=station.headers)
    assert response.status_code == 409
    assert response.json()["error"] == "chain_broken"
    assert stored(database_url) == 0


def test_gap_refused_with_expected_seq(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    batch = station.next_events(6)
    client.post("/v1/push", json=body(batch[:2]), headers=station.headers)
    response = client.post("/v1/push", json=body(batch[3:]), headers=station.headers)
    assert response.status_code == 409
    assert response.json()["error"] == "chain_gap"
    assert response.json()["expected_seq"] == 3
    assert stored(database_url) == 2


def test_other_stations_events_forbidden(client: TestClient, database_url: str) -> None:
    mine = enrolled(client, database_url, slot=1)
    theirs = enrolled(client, database_url, slot=2)
    response = client.post("/v1/push", json=body(theirs.next_events(1)), headers=mine.headers)
    assert response.status_code == 403
    assert stored(database_url) == 0


def test_dossier_of_other_agency_forbidden(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    foreign = StationChain(station.station_id, station.token, OTHER_AGENCY)
    response = client.post("/v1/push", json=body(foreign.next_events(1)), headers=station.headers)
    assert response.status_code == 403
    assert "another agency" in response.json()["detail"]


def test_dossier_known_to_other_agency_forbidden(client: TestClient, database_url: str) -> None:
    ours = enrolled(client, database_url)
    theirs = enrolled(client, database_url, agency=OTHER_AGENCY)
    first = theirs.next_events(1)
    assert client.post("/v1/push", json=body(first), headers=theirs.headers).status_code == 200
    step = resigned(ours.next_events(1)[0], dossier_id=first[0].dossier_id, payload={})
    response = client.post("/v1/push", json=body([step]), headers=ours.headers)
    assert response.status_code == 403
    assert stored(database_url) == 1
