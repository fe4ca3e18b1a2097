"""Siblings and relay: a counter learns its agency's keys and carries another's links up.

Exactly once, whoever carries them: a link goes in only at the author's next seq, linked to its
held hash, so a link carried by a sibling and pushed again by its author is held once.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlalchemy import select

from counter_app.sync.protocol import WireEvent
from counter_app.sync.signing import sign_event
from counter_app.sync.transfer import public_key_text
from counter_server.cli import enrol, revoke
from counter_server.db import Database
from counter_server.models import Event
from tests.server.factories import (
    AGENCY,
    OTHER_AGENCY,
    START,
    StationChain,
    body,
    enrolled,
)

KEYS: dict[str, Ed25519PrivateKey] = {}


def keyed(
    client: TestClient, database_url: str, *, agency: str = AGENCY, slot: int = 1
) -> tuple[StationChain, str]:
    """A station enrolled with an Ed25519 public key, and that key's text."""
    station_id = str(uuid.uuid4())
    KEYS[station_id] = Ed25519PrivateKey.generate()
    key = public_key_text(KEYS[station_id])
    code = enrol(database_url, agency, f"UBND {agency}", slot)
    answer = client.post(
        "/v1/enrol", json={"code": code, "station_id": station_id, "public_key": key}
    )
    assert answer.status_code == 200, answer.text
    return StationChain(station_id, answer.json()["token"], agency, slot=slot), key


def signed(events: list[WireEvent]) -> dict[str, Any]:
    """A relay body: the events, each signed by its author's key."""
    return body(events) | {"signatures": [sign_event(KEYS[e.station_id], e.hash) for e in events]}


def held(database_url: str) -> list[tuple[str, str, int, str | None]]:
    """(id, station, seq, carried_by) of every event the server holds."""
    database = Database(database_url)
    with database.sessions() as session:
        rows = session.execute(select(Event.id, Event.station_id, Event.seq, Event.carried_by))
        found = [tuple(row) for row in rows]
    database.dispose()
    return found  # type: ignore[return-value]


def test_siblings_are_the_agency_counters_with_keys(client: TestClient, database_url: str) -> None:
    first, first_key = keyed(client, database_url, slot=1)
    second, second_key = keyed(client, database_url, slot=2)
    keyed(client, database_url, agency=OTHER_AGENCY, slot=1)
    client.post("/v1/push", json=body(second.next_events(3)), headers=second.headers)
    answer = client.get("/v1/siblings", headers=first.headers)
    assert answer.status_code == 200, answer.text
    stations = {item["station_id"]: item for item in answer.json()["stations"]}
    assert set(stations) == {first.station_id, second.station_id}
    assert stations[first.station_id]["public_key"] == first_key
    assert stations[second.station_id] == {
        "station_id": second.station_id,
        "slot": 2,
        "public_key": second_key,
        "held_seq": 3,
        "held_hash": second.head,
    }


def test_a_revoked_counter_leaves_the_siblings(client: TestClient, database_url: str) -> None:
    first, _key = keyed(client, database_url, slot=1)
    second, _other = keyed(client, database_url, slot=2)
    assert revoke(database_url, second.station_id)
    answer = client.get("/v1/siblings", headers=first.headers)
    assert [item["station_id"] for item in answer.json()["stations"]] == [first.station_id]


def test_siblings_need_a_token(client: TestClient, database_url: str) -> None:
    keyed(client, database_url)
    assert client.get("/v1/siblings").status_code == 401


def test_relayed_links_are_held_once_and_name_their_carrier(
    client: TestClient, database_url: str
) -> None:
    author, _key = keyed(client, database_url, slot=1)
    carrier, _other = keyed(client, database_url, slot=2)
    early = author.next_events(4)
    relayed = client.post("/v1/relay", json=signed(early), headers=carrier.headers)
    assert relayed.json() == {"held_through_seq": 4, "rejected": []}
    # the author, back online, sends everything from its last acknowledgement: 1..6
    pushed = client.post(
        "/v1/push", json=body(early + author.next_events(2)), headers=author.headers
    )
    assert pushed.json() == {"held_through_seq": 6, "rejected": []}
    again = client.post("/v1/relay", json=signed(author.events), headers=carrier.headers)
    assert again.json() == {"held_through_seq": 6, "rejected": []}
    rows = held(database_url)
    assert sorted(seq for _id, _station, seq, _by in rows) == [1, 2, 3, 4, 5, 6]
    carriers = {seq: by for _id, _station, seq, by in rows}
    by_carrier = dict.fromkeys((1, 2, 3, 4), carrier.station_id)
    assert carriers == by_carrier | {5: None, 6: None}
    status = client.get("/v1/status", headers=author.headers).json()
    assert (status["held_through_seq"], status["held_hash"]) == (6, author.head)


def test_two_carriers_at_once_store_each_link_once(client: TestClient, database_url: str) -> None:
    author, _key = keyed(client, database_url, slot=1)
    second, _k2 = keyed(client, database_url, slot=2)
    third, _k3 = keyed(client, database_url, slot=3)
    events = author.next_events(6)
    assert client.post("/v1/relay", json=signed(events[:4]), headers=second.headers).is_success
    answer = client.post("/v1/relay", json=signed(events[2:]), headers=third.headers)
    assert answer.json() == {"held_through_seq": 6, "rejected": []}
    ids = [event_id for event_id, _station, _seq, _by in held(database_url)]
    assert sorted(ids) == sorted(event.id for event in events)


def test_relay_checks_the_chain_as_a_push_does(client: TestClient, database_url: str) -> None:
    author, _key = keyed(client, database_url, slot=1)
    carrier, _other = keyed(client, database_url, slot=2)
    events = author.next_events(3)
    gap = client.post("/v1/relay", json=signed(events[1:]), headers=carrier.headers)
    assert (gap.status_code, gap.json()["error"], gap.json()["expected_seq"]) == (
        409,
        "chain_gap",
        1,
    )
    tampered = [events[0].model_copy(update={"actor": "someone"})]
    refused = client.post("/v1/relay", json=signed(tampered), headers=carrier.headers)
    assert (refused.status_code, refused.json()["error"]) == (409, "hash_mismatch")
    assert held(database_url) == []


def test_relay_refuses_what_is_not_a_sibling(client: TestClient, database_url: str) -> None:
    author, _key = keyed(client, database_url, slot=1)
    carrier, _other = keyed(client, database_url, slot=2)
    stranger, _k = keyed(client, database_url, agency=OTHER_AGENCY, slot=1)
    own = client.post("/v1/relay", json=signed(carrier.next_events(1)), headers=carrier.headers)
    assert own.status_code == 403
    foreign = client.post(
        "/v1/relay", json=signed(stranger.next_events(1)), headers=carrier.headers
    )
    assert foreign.status_code == 403
    mixed = signed(author.next_events(1) + carrier.next_events(1))
    assert client.post("/v1/relay", json=mixed, headers=carrier.headers).status_code == 409
    assert revoke(database_url, author.station_id)
    gone = client.post("/v1/relay", json=signed(author.next_events(1)), headers=carrier.headers)
    assert gone.status_code == 403
    assert held(database_url) == []


def test_a_carried_event_needs_its_authors_signature(client: TestClient, database_url: str) -> None:
    author, _key = keyed(client, database_url, slot=1)
    carrier, _other = keyed(client, database_url, slot=2)
    events = author.next_events(2)
    by_carrier = [sign_event(KEYS[carrier.station_id], event.hash) for event in events]
    forged = client.post(
        "/v1/relay", json=body(events) | {"signatures": by_carrier}, headers=carrier.headers
    )
    assert forged.status_code == 403
    short = signed(events) | {"signatures": signed(events)["signatures"][:1]}
    assert client.post("/v1/relay", json=short, headers=carrier.headers).status_code == 403
    assert client.post("/v1/relay", json=body(events), headers=carrier.headers).status_code == 422
    unkeyed = enrolled(client, database_url, slot=3)  # enrolled without a public key
    KEYS[unkeyed.station_id] = Ed25519PrivateKey.generate()
    theirs = signed(unkeyed.next_events(1))
    assert client.post("/v1/relay", json=theirs, headers=carrier.headers).status_code == 403
    assert held(database_url) == []


def test_the_author_learns_which_carried_links_were_set_aside(
    client: TestClient, database_url: str
) -> None:
    author, _key = keyed(client, database_url, slot=1)
    carrier, _other = keyed(client, database_url, slot=2)
    good = author.next_events(1)
    ahead = START + timedelta(days=400)  # a clock a year ahead: the server's window refuses it
    bad = author.step(good[0].dossier_id, "transferred", {"to": "Công an"}, wall_clock=ahead)
    answer = client.post("/v1/relay", json=signed([*good, bad]), headers=carrier.headers)
    assert answer.status_code == 200
    assert [item["seq"] for item in answer.json()["rejected"]] == [2]
    told = client.get("/v1/own/quarantined", params={"after": 0}, headers=author.headers)
    assert [(item["id"], item["seq"]) for item in told.json()["events"]] == [(bad.id, 2)]
    later = client.get("/v1/own/quarantined", params={"after": 2}, headers=author.headers)
    assert later.json() == {"events": []}
    other = client.get("/v1/own/quarantined", params={"after": 0}, headers=carrier.headers)
    assert other.json() == {"events": []}
