"""The HTTP edge: body limits, gzip, validation errors, OpenAPI."""

from __future__ import annotations

import gzip
import json
import unicodedata

from fastapi.testclient import TestClient

from counter_server.http import MAX_BODY
from tests.server.factories import (
    admin_headers,
    body,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
)


def test_gzip_body_accepted(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    packed = gzip.compress(json.dumps(body(station.next_events(20))).encode())
    headers = {**station.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    response = client.post("/v1/push", content=packed, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"held_through_seq": 20, "rejected": []}


def test_broken_gzip_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    headers = {**station.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    response = client.post("/v1/push", content=b"not gzip", headers=headers)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_gzip"


def test_body_too_large(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    response = client.post("/v1/push", content=b" " * (MAX_BODY + 1), headers=station.headers)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_gzip_bomb_refused(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    bomb = gzip.compress(b" " * (MAX_BODY + 10))
    headers = {**station.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    response = client.post("/v1/push", content=bomb, headers=headers)
    assert response.status_code == 413


def test_malformed_json_is_422(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    headers = {**station.headers, "Content-Type": "application/json"}
    response = client.post("/v1/push", content=b'{"events": [', headers=headers)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert "JSON" in response.json()["detail"]


def test_wrong_types_are_422_with_field(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    event = body(station.next_events(1))["events"][0]
    event["seq"] = "first"
    event["wall_clock"] = "2026-03-10T08:00:00"  # no offset
    response = client.post("/v1/push", json={"events": [event]}, headers=station.headers)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "body.events.0.seq" in detail
    assert "body.events.0.wall_clock" in detail


def test_unknown_field_and_empty_batch_are_422(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    event = body(station.next_events(1))["events"][0]
    extra = client.post(
        "/v1/push", json={"events": [{**event, "colour": 1}]}, headers=station.headers
    )
    empty = client.post("/v1/push", json={"events": []}, headers=station.headers)
    assert extra.status_code == empty.status_code == 422


def test_openapi_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/v1/enrol", "/v1/push", "/v1/pull"} <= set(schema["paths"])


def test_unknown_path_is_json_404(client: TestClient) -> None:
    response = client.get("/v1/nothing")
    assert response.status_code == 404
    assert response.json()["error"] == "http_404"


def test_openapi_lists_every_api(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/v1/status",
        "/v1/own",
        "/v1/import",
        "/v1/admin/catalogue",
        "/v1/admin/calendar",
        "/v1/admin/quarantine",
        "/v1/admin/quarantine/{event_id}/review",
        "/v1/office/dossiers",
        "/v1/office/dossiers/{code}/steps",
        "/v1/reports/period",
    } <= paths


def test_hostile_admin_and_office_bodies(client: TestClient, database_url: str) -> None:
    admin = admin_headers(database_url)
    huge = {"format": "counter-catalogue/1", "procedures": [{"name": "x" * 1000}] * 9000}
    assert client.post("/v1/admin/catalogue", json=huge, headers=admin).status_code == 413
    json_headers = {**admin, "Content-Type": "application/json"}
    for raw in (b"[1, 2", b"null", b'"text"', b"[]"):
        response = client.post("/v1/admin/calendar", content=raw, headers=json_headers)
        assert response.status_code == 422, raw
        assert response.json()["error"] == "invalid_request"
    bomb = gzip.compress(b"{" * (MAX_BODY + 10))
    enrolled(client, database_url)
    office = officer_headers(database_url)
    gz = {**office, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    assert client.post("/v1/office/dossiers/X/steps", content=bomb, headers=gz).status_code == 413
    long_code = "A" * 41
    assert client.get(f"/v1/office/dossiers/{long_code}", headers=office).status_code == 422


def test_quarantine_visible_to_the_administrator(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    [received] = station.next_events(1)
    odd = station.step(received.dossier_id, "returned", {"method": "counter"})
    client.post("/v1/push", json=body([received, odd]), headers=station.headers)
    admin = admin_headers(database_url)
    [held] = client.get("/v1/admin/quarantine", headers=admin).json()
    assert (held["id"], held["seq"], held["type"]) == (odd.id, 2, "returned")
    assert "Trả kết quả" in held["reason"]
    assert client.get("/v1/admin/quarantine?agency=000.17.22.H57", headers=admin).json() == []
    assert client.get("/v1/admin/quarantine", headers=station.headers).status_code == 401


def test_an_administrator_reviews_a_quarantined_link(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    [received] = station.next_events(1)
    odd = station.step(received.dossier_id, "returned", {"method": "counter"})
    client.post("/v1/push", json=body([received, odd]), headers=station.headers)
    admin = admin_headers(database_url)
    url = f"/v1/admin/quarantine/{odd.id}/review"
    bad_notes = (
        {"note": ""},
        {"note": "   "},
        {"note": "x" * 501},
        {},
        {"note": "ok", "apply": True},
    )
    for bad in bad_notes:
        assert client.post(url, json=bad, headers=admin).status_code == 422, bad
    assert client.post(url, json={"note": "ok"}, headers=station.headers).status_code == 401
    missing = f"/v1/admin/quarantine/{received.id}/review"  # applied, not quarantined
    assert client.post(missing, json={"note": "ok"}, headers=admin).status_code == 404
    note = "Đã báo quầy 1: ghi lại bước trả kết quả sau khi có kết quả."
    answer = client.post(url, json={"note": unicodedata.normalize("NFD", note)}, headers=admin)
    assert answer.status_code == 200
    reviewed = answer.json()
    assert (reviewed["id"], reviewed["reviewed_by"], reviewed["review_note"]) == (
        odd.id,
        "tests",
        note,
    )
    assert client.get("/v1/admin/quarantine", headers=admin).json() == []
    [listed] = client.get("/v1/admin/quarantine?state=reviewed", headers=admin).json()
    assert listed == reviewed
    assert len(client.get("/v1/admin/quarantine?state=all", headers=admin).json()) == 1
    again = client.post(url, json={"note": "lần nữa"}, headers=admin)
    assert again.status_code == 409 and again.json()["error"] == "already_reviewed"
    pulled = client.get("/v1/pull", headers=station.headers).json()
    assert odd.id not in {event["id"] for event in pulled["events"]}  # still never handed on


def test_large_answers_travel_gzipped(client: TestClient, database_url: str) -> None:
    writer = enrolled(client, database_url)
    client.post("/v1/push", json=body(writer.next_events(30)), headers=writer.headers)
    reader = enrolled(client, database_url, slot=2)
    response = client.get("/v1/pull", headers={**reader.headers, "Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(response.content) / 3
    assert len(response.json()["events"]) == 30  # httpx inflates it transparently


def test_own_events_and_publications_travel_gzipped(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    client.post("/v1/push", json=body(station.next_events(30)), headers=station.headers)
    publish_bundled_catalogue(client, admin_headers(database_url))
    gzip_accepted = {**station.headers, "Accept-Encoding": "gzip"}
    for path in ("/v1/own", "/v1/pull"):  # the station's own events; publications ride in pulls
        response = client.get(path, headers=gzip_accepted)
        assert response.headers["content-encoding"] == "gzip", path
        assert int(response.headers["content-length"]) < len(response.content) / 3, path
    assert len(client.get("/v1/own", headers=gzip_accepted).json()["events"]) == 30
    assert client.get("/v1/pull", headers=gzip_accepted).json()["publications"]
