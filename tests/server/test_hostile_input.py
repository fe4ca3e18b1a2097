"""Input a hostile or broken caller sends: refused with a 4xx in the documented shape, never a 500.

Each case was a 500 (or was silently accepted) under schemathesis and hand-made requests:
cursors past 64 bits, NUL characters that PostgreSQL's text refuses, numbers read as Unix
timestamps, gzip bodies with a second member or junk after the first, and an unexpected
failure answered as plain text.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zlib

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counter_app.sync.transfer import MAX_TRANSFER_BYTES, SEALED_FORMAT, encrypt_for_server
from counter_server import sync
from tests.server.factories import (
    admin_headers,
    body,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
    received_dossier,
    resigned,
)
from tests.server.test_import import keyed_station, post_file, sealed, server_public_key, signed

PAST_64_BITS = str(2**64)


@pytest.mark.parametrize(
    "query",
    [
        f"/v1/own?after={PAST_64_BITS}",
        f"/v1/pull?after={PAST_64_BITS}",
        f"/v1/pull?publications_after={PAST_64_BITS}",
        f"/v1/pull?after={2**63}",
    ],
)
def test_cursors_past_64_bits_are_422(client: TestClient, database_url: str, query: str) -> None:
    station = enrolled(client, database_url)
    response = client.get(query, headers=station.headers)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


@pytest.mark.parametrize("path", ["/v1/pull", "/v1/own", "/v1/own/quarantined"])
@pytest.mark.parametrize("after", [2**31 - 1, 2**31, 2**63 - 1])
def test_the_largest_cursors_are_answered(
    client: TestClient, database_url: str, path: str, after: int
) -> None:
    # a seq is a 32-bit column on the server: /v1/own past it was a 500 on PostgreSQL
    station = enrolled(client, database_url)
    client.post("/v1/push", json=body(station.next_events(2)), headers=station.headers)
    response = client.get(f"{path}?after={after}", headers=station.headers)
    assert response.status_code == 200, response.text
    assert response.json()["events"] == []


def test_nul_in_a_pushed_event_is_422_and_nothing_stored(
    client: TestClient, database_url: str
) -> None:
    station = enrolled(client, database_url)
    [event] = station.next_events(1)
    payload = {**event.payload, "dossier": received_dossier("000.17.22.H56-260310-1001")}
    payload["dossier"]["applicant"]["name"] = "Nguyễn\x00Văn A"
    hostile = resigned(event, payload=payload)
    response = client.post("/v1/push", json=body([hostile]), headers=station.headers)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert "NUL" in response.json()["detail"]
    assert client.get("/v1/status", headers=station.headers).json()["held_through_seq"] == 0


def test_nul_in_queries_paths_and_office_bodies_is_422(
    client: TestClient, database_url: str
) -> None:
    station = enrolled(client, database_url)
    client.post("/v1/push", json=body(station.next_events(1)), headers=station.headers)
    publish_bundled_catalogue(client, admin_headers(database_url))
    office = officer_headers(database_url)
    code = station.events[0].payload["dossier"]["code"]
    answers = [
        client.get("/v1/office/dossiers?q=Nguy%00", headers=office),
        client.get("/v1/office/dossiers/A%00B", headers=office),
        client.post(
            f"/v1/office/dossiers/{code}/steps",
            json={"event": "transferred", "to": "Phòng\x00"},
            headers=office,
        ),
        client.post("/v1/enrol", json={"code": "AAAA\x00BBBB", "station_id": "pc\x00"}),
    ]
    assert [answer.status_code for answer in answers] == [422] * 4
    assert {answer.json()["error"] for answer in answers} == {"invalid_request"}


@pytest.mark.parametrize("value", ["0.5", "0", "1700000000", "-1"])
def test_a_number_is_not_a_due_date(client: TestClient, database_url: str, value: str) -> None:
    enrolled(client, database_url)
    office = officer_headers(database_url)
    response = client.get(f"/v1/office/dossiers?due_before={value}", headers=office)
    assert response.status_code == 422


def test_an_iso_due_date_is_still_read(client: TestClient, database_url: str) -> None:
    enrolled(client, database_url)
    office = officer_headers(database_url)
    response = client.get(
        "/v1/office/dossiers?due_before=2026-03-20T00:00:00%2B07:00", headers=office
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "calendar",
    [
        {"removed": [0]},
        {"removed": [1.5]},
        {"days": [{"day": 20000, "kind": "off", "reason": "x"}]},
        {"days": [{"day": "2027-02-05", "kind": "off", "reason": 5}]},
    ],
)
def test_numbers_are_not_calendar_days(
    client: TestClient, database_url: str, calendar: dict[str, object]
) -> None:
    response = client.post("/v1/admin/calendar", json=calendar, headers=admin_headers(database_url))
    assert response.status_code == 422


def test_numbers_are_not_event_clocks_nor_seqs(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    event = body(station.next_events(1))["events"][0]
    for field, value in (("wall_clock", 1773129600), ("seq", 1.0), ("seq", "1"), ("hlc", "5")):
        response = client.post(
            "/v1/push", json={"events": [{**event, field: value}]}, headers=station.headers
        )
        assert response.status_code == 422, (field, value)


def _gzip_headers(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}


def test_a_second_gzip_member_is_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    packed = gzip.compress(json.dumps(body(station.next_events(1))).encode())
    response = client.post(
        "/v1/push", content=packed + gzip.compress(b"{}"), headers=_gzip_headers(station.headers)
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_gzip"


def test_junk_after_the_gzip_member_is_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    packed = gzip.compress(json.dumps(body(station.next_events(1))).encode())
    response = client.post(
        "/v1/push", content=packed + b"junk", headers=_gzip_headers(station.headers)
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_gzip"


def test_a_cut_gzip_body_is_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    packed = zlib.compress(json.dumps(body(station.next_events(1))).encode())
    cut = gzip.compress(json.dumps(body(station.next_events(1))).encode())[:-6]
    for raw in (packed, cut):
        response = client.post("/v1/push", content=raw, headers=_gzip_headers(station.headers))
        assert response.status_code == 400
        assert response.json()["error"] == "bad_gzip"


def test_an_unexpected_failure_is_a_json_500(
    app: FastAPI, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    station = enrolled(client, database_url)

    def broken(**_kwargs: object) -> None:
        raise RuntimeError("a bug the tests planted")

    monkeypatch.setattr(sync, "pull", broken)
    response = client.get("/v1/pull", headers=station.headers)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "internal"
    assert "planted" not in response.json()["detail"]  # the caller learns nothing of the inside


def test_an_import_inflating_past_the_limit_is_refused_before_it_is_read(
    client: TestClient, database_url: str
) -> None:
    inflated = MAX_TRANSFER_BYTES + 1024 * 1024
    filler = " " * (inflated - 200)
    envelope = '{"format": "%s", "content": "%s", "sha256": "", "signature": ""}'
    bomb = gzip.compress((envelope % (SEALED_FORMAT, filler)).encode(), compresslevel=9)
    assert len(bomb) < 1024 * 1024 and MAX_TRANSFER_BYTES <= 64 * 1024 * 1024
    headers = {**admin_headers(database_url), "Content-Type": "application/octet-stream"}
    tracemalloc.start()
    response = client.post("/v1/import", content=bomb, headers=headers)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.status_code == 422
    assert "too large" in response.json()["detail"]
    assert peak < 1.5 * MAX_TRANSFER_BYTES  # the inflated bytes, and not several copies of them


def test_an_import_with_anything_after_its_end_is_refused(
    client: TestClient, database_url: str
) -> None:
    station, key = keyed_station(client, database_url)
    events = station.next_events(2)
    data = sealed(station, key, events)
    headers = admin_headers(database_url)
    for trailing in (b"junk", gzip.compress(b"{}")):
        outside = post_file(client, data + trailing, headers)  # the encryption covers every byte
        assert outside.status_code == 422
        assert "altered" in outside.json()["detail"]
        inside = encrypt_for_server(signed(station, key, events) + trailing, server_public_key())
        response = post_file(client, inside, headers)
        assert response.status_code == 422
        assert "follows its end" in response.json()["detail"]
    assert post_file(client, data, headers).status_code == 200
