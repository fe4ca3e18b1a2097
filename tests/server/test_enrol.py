"""Enrolment with one-time codes, tokens and revocation."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from counter_server import auth
from counter_server.cli import enrol, revoke
from counter_server.db import Database
from counter_server.models import EnrolmentCode, Station
from tests.server.factories import AGENCY, enrolled


def test_code_is_one_time(client: TestClient, database_url: str) -> None:
    code = enrol(database_url, AGENCY, "UBND phường Quảng Hưng", 2)
    first = client.post("/v1/enrol", json={"code": code.lower(), "station_id": "pc-1"})
    again = client.post("/v1/enrol", json={"code": code, "station_id": "pc-2"})
    assert first.status_code == 200
    assert first.json()["agency_code"] == AGENCY
    assert first.json()["slot"] == 2
    assert again.status_code == 403
    assert "already been used" in again.json()["detail"]


def test_unknown_code_refused(client: TestClient) -> None:
    response = client.post("/v1/enrol", json={"code": "AAAA-BBBB-CCCC-DDDD", "station_id": "x"})
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"


def test_expired_code_refused(client: TestClient, database_url: str) -> None:
    code = enrol(database_url, AGENCY, "UBND", 1)
    database = Database(database_url)
    with database.sessions.begin() as session:
        entry = session.scalars(select(EnrolmentCode)).one()
        session.execute(
            update(EnrolmentCode).values(expires_at=entry.created_at - timedelta(seconds=1))
        )
    database.dispose()
    response = client.post("/v1/enrol", json={"code": code, "station_id": "pc-1"})
    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


def test_only_token_hash_is_stored(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    database = Database(database_url)
    with database.sessions() as session:
        row = session.get(Station, station.station_id)
        assert row is not None
        assert row.token_hash == auth.digest(station.token)
        assert station.token not in row.token_hash
    database.dispose()


def test_slot_cannot_be_shared(client: TestClient, database_url: str) -> None:
    enrolled(client, database_url, slot=3)
    code = enrol(database_url, AGENCY, "UBND", 3)
    response = client.post("/v1/enrol", json={"code": code, "station_id": "pc-9"})
    assert response.status_code == 409
    assert response.json()["error"] == "slot_taken"


def test_revoked_token_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    assert client.get("/v1/pull", headers=station.headers).status_code == 200
    assert revoke(database_url, station.station_id)
    response = client.get("/v1/pull", headers=station.headers)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    push = client.post("/v1/push", json={"events": []}, headers=station.headers)
    assert push.status_code == 401


def test_missing_or_wrong_token_refused(client: TestClient) -> None:
    assert client.get("/v1/pull").status_code == 401
    wrong = client.get("/v1/pull", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"] == "Bearer"
