"""Enrolment codes under concurrency and against a station id that is not the caller's.

A code is bound to the agency and slot it was issued for and usable once, decided by the
database (a conditional update and the agency's row lock), so eight redemptions at once on
SQLite or PostgreSQL, or on two server processes, give one station. A code never takes over an
existing station id, revoked or not: only a re-key code an administrator issues for that
station (``server rekey``) gives it a new token.
"""

from __future__ import annotations

import io
import threading
import uuid
from contextlib import redirect_stdout

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from counter_server.cli import enrol, rekey, revoke
from counter_server.db import Database
from counter_server.models import Station
from tests.server.factories import AGENCY, body, enrolled

RACERS = 8


def race(app: FastAPI, requests: list[dict[str, str]]) -> list[int]:
    """POST every enrolment at once (each over its own client); their statuses."""
    statuses: list[int] = []
    start = threading.Barrier(len(requests))

    def redeem(request: dict[str, str]) -> None:
        with TestClient(app) as client:
            start.wait()
            statuses.append(client.post("/v1/enrol", json=request).status_code)

    threads = [threading.Thread(target=redeem, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def live_stations(database_url: str, slot: int) -> list[str]:
    """Ids of the agency's live counter stations in ``slot``."""
    database = Database(database_url)
    with database.sessions() as session:
        ids = session.scalars(
            select(Station.id).where(
                Station.agency_code == AGENCY, Station.slot == slot, Station.revoked.is_(False)
            )
        ).all()
    database.dispose()
    return list(ids)


def quiet_code(database_url: str, slot: int) -> str:
    """A fresh one-time code for ``slot`` (the CLI prints it)."""
    with redirect_stdout(io.StringIO()):
        return enrol(database_url, AGENCY, "UBND", slot)


def test_one_code_redeemed_at_once_gives_one_station(app: FastAPI, database_url: str) -> None:
    code = quiet_code(database_url, 2)
    requests = [{"code": code, "station_id": str(uuid.uuid4())} for _ in range(RACERS)]
    statuses = race(app, requests)
    assert sorted(statuses) == [200] + [403] * (RACERS - 1)
    assert len(live_stations(database_url, 2)) == 1


def test_codes_for_one_slot_redeemed_at_once_give_one_station(
    app: FastAPI, database_url: str
) -> None:
    requests = [
        {"code": quiet_code(database_url, 3), "station_id": str(uuid.uuid4())}
        for _ in range(RACERS)
    ]
    statuses = race(app, requests)
    assert sorted(statuses) == [200] + [409] * (RACERS - 1)
    assert len(live_stations(database_url, 3)) == 1


def test_a_code_never_takes_over_an_existing_station(client: TestClient, database_url: str) -> None:
    victim = enrolled(client, database_url, slot=1)
    client.post("/v1/push", json=body(victim.next_events(3)), headers=victim.headers)
    code = quiet_code(database_url, 2)
    taken = client.post("/v1/enrol", json={"code": code, "station_id": victim.station_id})
    assert taken.status_code == 409
    assert taken.json()["error"] == "station_taken"
    assert client.get("/v1/own", headers=victim.headers).status_code == 200  # still the victim's
    assert live_stations(database_url, 1) == [victim.station_id]
    fresh = client.post("/v1/enrol", json={"code": code, "station_id": str(uuid.uuid4())})
    assert fresh.status_code == 200  # a refused attempt did not spend the code


def test_a_code_never_revives_a_revoked_station(client: TestClient, database_url: str) -> None:
    revoked = enrolled(client, database_url, slot=1)
    with redirect_stdout(io.StringIO()):
        assert revoke(database_url, revoked.station_id)
    code = quiet_code(database_url, 1)
    answer = client.post("/v1/enrol", json={"code": code, "station_id": revoked.station_id})
    assert answer.status_code == 409
    assert client.get("/v1/status", headers=revoked.headers).status_code == 401
    assert live_stations(database_url, 1) == []


def test_a_rekey_code_gives_its_station_a_new_token_and_nothing_else(
    client: TestClient, database_url: str
) -> None:
    station = enrolled(client, database_url, slot=1)
    client.post("/v1/push", json=body(station.next_events(2)), headers=station.headers)
    with redirect_stdout(io.StringIO()):
        code = rekey(database_url, station.station_id)
    stranger = client.post("/v1/enrol", json={"code": code, "station_id": str(uuid.uuid4())})
    assert stranger.status_code == 403
    answer = client.post("/v1/enrol", json={"code": code, "station_id": station.station_id})
    assert answer.status_code == 200
    assert (answer.json()["agency_code"], answer.json()["slot"]) == (AGENCY, 1)
    new = {"Authorization": f"Bearer {answer.json()['token']}"}
    assert client.get("/v1/status", headers=station.headers).status_code == 401  # the old token
    assert client.get("/v1/status", headers=new).json()["held_through_seq"] == 2
    again = client.post("/v1/enrol", json={"code": code, "station_id": station.station_id})
    assert again.status_code == 403
