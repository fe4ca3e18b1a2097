"""Push: idempotent by event id, chain verified, nothing stored from a refused batch."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from counter_app.domain import personal
from counter_server.db import Database
from counter_server.models import Dossier, Event
from tests.server.factories import AGENCY, OTHER_AGENCY, StationChain, body, enrolled, resigned


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


def test_dossier_of_other_agency_quarantined(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    foreign = StationChain(station.station_id, station.token, OTHER_AGENCY)
    event = foreign.next_events(1)[0]
    response = client.post("/v1/push", json=body([event]), headers=station.headers)
    assert response.status_code == 200
    [rejected] = response.json()["rejected"]
    assert (rejected["id"], rejected["seq"]) == (event.id, 1)
    assert "thuộc cơ quan khác" in rejected["reason"]
    assert stored(database_url) == 1
    assert dossier_states(database_url) == {}


def test_dossier_known_to_other_agency_never_changed(client: TestClient, database_url: str) -> None:
    ours = enrolled(client, database_url)
    theirs = enrolled(client, database_url, agency=OTHER_AGENCY)
    first = theirs.next_events(1)
    assert client.post("/v1/push", json=body(first), headers=theirs.headers).status_code == 200
    step = ours.step(first[0].dossier_id, "transferred", {"to": "Phòng Tư pháp", "note": None})
    response = client.post("/v1/push", json=body([step]), headers=ours.headers)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["rejected"]] == [step.id]
    assert dossier_states(database_url) == {first[0].dossier_id: ("received", OTHER_AGENCY, 0)}
    pulled = client.get("/v1/pull", headers=enrolled(client, database_url, slot=2).headers)
    assert pulled.json()["events"] == []


def test_quarantined_link_does_not_block_the_next(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    [received] = station.next_events(1)
    resolved = station.step(received.dossier_id, "resolved", {"result": "Đã có kết quả"})
    returned = station.step(received.dossier_id, "returned", {"method": "counter"})
    again = station.step(received.dossier_id, "returned", {"method": "counter"})
    batch = [received, resolved, returned, again]
    response = client.post("/v1/push", json=body(batch), headers=station.headers)
    assert response.json()["held_through_seq"] == 4
    [rejected] = response.json()["rejected"]
    assert rejected["seq"] == 4 and "Đã trả kết quả" in rejected["reason"]
    assert dossier_states(database_url) == {received.dossier_id: ("returned", AGENCY, 1)}
    resent = client.post("/v1/push", json=body(batch), headers=station.headers)
    assert resent.json() == response.json()
    more = station.next_events(1)
    assert client.post("/v1/push", json=body(more), headers=station.headers).json() == {
        "held_through_seq": 5,
        "rejected": [],
    }


def test_unreadable_payload_quarantined(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    [received] = station.next_events(1)
    broken = station.step(received.dossier_id, "resumed", {"due_at": "not a time"})
    unknown = station.step(received.dossier_id, "teleported", {})
    response = client.post(
        "/v1/push", json=body([received, broken, unknown]), headers=station.headers
    )
    assert [item["seq"] for item in response.json()["rejected"]] == [2, 3]
    assert dossier_states(database_url) == {received.dossier_id: ("received", AGENCY, 2)}


def dossier_states(database_url: str) -> dict[str, tuple[str | None, str, int]]:
    """The server's projection: state, agency and conflicts per dossier."""
    database = Database(database_url)
    with database.sessions() as session:
        rows = session.scalars(select(Dossier)).all()
        states = {row.id: (row.state, row.agency_code, row.conflicts) for row in rows}
    database.dispose()
    return states


def test_a_personal_part_that_does_not_match_its_commitment_is_refused(
    client: TestClient, database_url: str
) -> None:
    """The hash covers the commitment, not the part: the server checks the part against it."""
    station = enrolled(client, database_url)
    [event] = station.next_events(1)
    dossier = dict(event.payload["dossier"])
    fields = {"applicant": dossier.pop("applicant"), "note": None, "scan_sha256": None}
    commitment, part = personal.seal(fields)
    payload = {**event.payload, "dossier": dossier, personal.KEY: commitment}
    sealed = resigned(event, payload=payload, personal=part)
    forged_part = {**part, "applicant": {**part["applicant"], "name": "Lê Văn Mạo Danh"}}
    forged = sealed.model_copy(update={"personal": forged_part})
    refused = client.post("/v1/push", json=body([forged]), headers=station.headers)
    assert (refused.status_code, refused.json()["error"]) == (409, "personal_mismatch")
    assert stored(database_url) == 0
    accepted = client.post("/v1/push", json=body([sealed]), headers=station.headers)
    assert accepted.json() == {"held_through_seq": 1, "rejected": []}
