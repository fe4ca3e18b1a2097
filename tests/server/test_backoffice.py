"""The back office: listing an agency's dossiers and recording steps that reach the counters."""

from __future__ import annotations

import json
from datetime import date, datetime
from itertools import pairwise
from typing import Any

import pytest
from fastapi.testclient import TestClient

from counter_app.domain.calendar import (
    CalendarOverride,
    OverrideKind,
    TimeUnit,
    WorkingCalendar,
)
from counter_app.domain.dossier import fold
from counter_app.domain.events import verify_chain
from counter_app.sync.protocol import PulledEvent
from counter_server import sync
from counter_server.credentials import back_office_id
from tests.factories import vn
from tests.server.factories import (
    AGENCY,
    CATALOGUE,
    OTHER_AGENCY,
    StationChain,
    admin_headers,
    body,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
)


def counter_with_dossiers(
    client: TestClient, database_url: str, count: int = 3
) -> tuple[StationChain, dict[str, str]]:
    """A station that pushed ``count`` received dossiers, the catalogue, an officer's header."""
    station = enrolled(client, database_url)
    client.post("/v1/push", json=body(station.next_events(count)), headers=station.headers)
    grounds = {"1.001193": ["financial_obligation", "verification"]}
    publish_bundled_catalogue(client, admin_headers(database_url), grounds)
    return station, officer_headers(database_url)


def code_of(station: StationChain, index: int) -> str:
    """The dossier code of the station's ``index``-th event."""
    return str(station.events[index].payload["dossier"]["code"])


def step(client: TestClient, headers: dict[str, str], code: str, **fields: Any) -> Any:
    """POST one step; return the response."""
    return client.post(f"/v1/office/dossiers/{code}/steps", json=fields, headers=headers)


def pulled(client: TestClient, station: StationChain) -> list[PulledEvent]:
    """Everything the station's pull hands down."""
    page = client.get("/v1/pull", headers=station.headers).json()
    return [PulledEvent(**event) for event in page["events"]]


def test_steps_reach_the_counter_in_the_stations_shapes(
    client: TestClient, database_url: str
) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    code = code_of(station, 0)
    assert (
        step(client, officer, code, event="transferred", to="Công chức Tư pháp").status_code == 200
    )
    assert step(client, officer, code, event="processing_started").json()["state"] == "in_progress"
    asked = step(
        client, officer, code, event="supplement_requested", missing=["d1"], reason="Thiếu"
    )
    assert asked.status_code == 200 and asked.json()["state"] == "supplement_requested"
    events = pulled(client, station)
    assert [event.type for event in events] == [
        "transferred",
        "processing_started",
        "supplement_requested",
    ]
    assert {event.station_id for event in events} == {back_office_id(AGENCY)}
    assert verify_chain(event.to_record() for event in events) == []
    assert events[0].payload == {"to": "Công chức Tư pháp", "note": None}
    [missing] = events[2].payload["missing"]
    assert missing["key"] == "d1" and set(missing) == {"key", "name", "form", "count"}
    records = [station.events[0].to_record(), *(event.to_record() for event in events)]
    facts = fold(records)
    assert facts is not None and facts.state.value == "supplement_requested"
    assert all(b.hlc > a.hlc for a, b in pairwise(records))


def test_forbidden_step_is_409_and_nothing_stored(client: TestClient, database_url: str) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    code = code_of(station, 0)
    response = step(client, officer, code, event="resumed")
    assert response.status_code == 409
    assert response.json()["error"] == "transition_not_allowed"
    assert "Tiếp tục xử lý" in response.json()["detail"]
    outside = step(client, officer, code, event="supplement_requested", missing=["zz"], reason="x")
    assert outside.status_code == 422
    assert "danh mục" in outside.json()["detail"]
    no_reason = step(client, officer, code, event="paused", kind="verification")
    assert no_reason.status_code == 422
    assert pulled(client, station) == []
    status = client.get(f"/v1/office/dossiers/{code}", headers=officer).json()
    assert status["state"] == "received"


def test_pause_and_resume_move_the_due_date(
    client: TestClient, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    code = code_of(station, 1)
    before = client.get(f"/v1/office/dossiers/{code}", headers=officer).json()
    at(monkeypatch, vn(2026, 3, 16, 9))
    paused = step(client, officer, code, event="paused", kind="verification", reason="Xác minh")
    assert paused.json()["state"] == "paused"
    at(monkeypatch, vn(2026, 3, 18, 9))
    resumed = step(client, officer, code, event="resumed").json()
    due = datetime.fromisoformat(before["due_at"])
    expected = WorkingCalendar().shift_for_wait(
        due, vn(2026, 3, 16, 9), vn(2026, 3, 18, 9), TimeUnit.WORKING_DAYS
    )
    assert datetime.fromisoformat(resumed["due_at"]) == expected
    assert pulled(client, station)[-1].payload == {"due_at": expected.isoformat(), "note": None}
    done = step(client, officer, code, event="resolved", result="Đã cấp giấy khai sinh")
    assert done.json()["state"] == "resolved"


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Make the server's clock read ``moment``."""
    monkeypatch.setattr(sync, "utc_now", lambda: moment)


def test_list_filters_and_pages(client: TestClient, database_url: str) -> None:
    station, officer = counter_with_dossiers(client, database_url, count=5)
    step(client, officer, code_of(station, 2), event="transferred", to="Phòng")
    page = client.get("/v1/office/dossiers?limit=2", headers=officer).json()
    assert (page["total"], len(page["dossiers"]), page["next_offset"]) == (5, 2, 2)
    last = client.get("/v1/office/dossiers?limit=2&offset=4", headers=officer).json()
    assert len(last["dossiers"]) == 1 and last["next_offset"] is None
    moved = client.get("/v1/office/dossiers?state=transferred", headers=officer).json()
    assert [item["code"] for item in moved["dossiers"]] == [code_of(station, 2)]
    by_name = client.get("/v1/office/dossiers?q=NGUYEN van a", headers=officer).json()
    assert by_name["total"] == 5
    by_code = client.get(f"/v1/office/dossiers?q={code_of(station, 4)}", headers=officer).json()
    assert [item["code"] for item in by_code["dossiers"]] == [code_of(station, 4)]
    wildcard = client.get("/v1/office/dossiers?q=%25", headers=officer).json()
    assert wildcard["total"] == 0
    first_due = page["dossiers"][0]["due_at"]
    early = client.get(f"/v1/office/dossiers?due_before={first_due}", headers=officer).json()
    assert early["total"] == 0
    for query in ("state=lost", "limit=0", "limit=999", "due_before=2026-03-10T08:00", "offset=-1"):
        response = client.get(f"/v1/office/dossiers?{query}", headers=officer)
        assert response.status_code == 422, query


def test_another_agencys_officer_sees_nothing(client: TestClient, database_url: str) -> None:
    station, _officer = counter_with_dossiers(client, database_url)
    enrolled(client, database_url, agency=OTHER_AGENCY)
    foreign = officer_headers(database_url, OTHER_AGENCY)
    code = code_of(station, 0)
    assert client.get("/v1/office/dossiers", headers=foreign).json()["total"] == 0
    assert client.get(f"/v1/office/dossiers/{code}", headers=foreign).status_code == 404
    response = step(client, foreign, code, event="transferred", to="Phòng")
    assert response.status_code == 404
    assert pulled(client, station) == []


def test_back_office_credentials(client: TestClient, database_url: str, capsys: Any) -> None:
    from counter_app.cli import main

    station, officer = counter_with_dossiers(client, database_url)
    assert client.get("/v1/office/dossiers", headers=station.headers).status_code == 401
    assert client.get("/v1/office/dossiers").status_code == 401
    assert client.get("/v1/pull", headers=officer).status_code == 401
    capsys.readouterr()
    assert main(["server", "--database-url", database_url, "officer", AGENCY, "Phòng VH"]) == 0
    captured = capsys.readouterr()
    token, officer_id = captured.out.strip(), captured.err.split()[1]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/office/dossiers", headers=headers).status_code == 200
    assert main(["server", "--database-url", database_url, "revoke-officer", officer_id]) == 0
    assert client.get("/v1/office/dossiers", headers=headers).status_code == 401
    assert main(["server", "--database-url", database_url, "officer", "nowhere", "x"]) == 1
    assert main(["server", "--database-url", database_url, "officer", OTHER_AGENCY, "x"]) == 1


def test_malformed_steps_are_422(client: TestClient, database_url: str) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    code = code_of(station, 0)
    for fields in (
        {"event": "returned"},
        {"event": "transferred", "to": "x", "colour": "red"},
        {"event": "resolved", "result": "x" * 5000},
        {"event": "supplement_requested", "missing": ["d1"] * 101, "reason": "x"},
    ):
        response = step(client, officer, code, **fields)
        assert response.status_code == 422, fields
        assert response.json()["error"] == "invalid_request"
    assert pulled(client, station) == []


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("holiday", "không phải căn cứ tạm dừng hợp pháp"),
        ("other", "không phải căn cứ tạm dừng hợp pháp"),
        (None, "không có căn cứ"),
        ("public_posting", "không cho phép tạm dừng"),
    ],
)
def test_an_unlawful_pause_is_refused_with_the_reason_and_nothing_stored(
    client: TestClient, database_url: str, kind: str | None, words: str
) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    code = code_of(station, 0)
    response = step(client, officer, code, event="paused", kind=kind, reason="x")
    assert response.status_code == 422, response.text
    assert words in response.json()["detail"]
    assert pulled(client, station) == []
    assert step(client, officer, code, event="paused", kind="verification", reason="x").is_success
    [event] = pulled(client, station)
    assert event.payload["kind"] == "verification" and event.actor
    assert "xác minh" in event.payload["legal_basis"]


def test_published_day_off_counts_in_the_wait(
    client: TestClient, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    days = [{"day": "2026-03-17", "kind": "off", "reason": "Nghỉ đột xuất", "document": "CĐ 1"}]
    admin = admin_headers(database_url)
    assert client.post("/v1/admin/calendar", json={"days": days}, headers=admin).status_code == 200
    code = code_of(station, 0)
    due = datetime.fromisoformat(
        client.get(f"/v1/office/dossiers/{code}", headers=officer).json()["due_at"]
    )
    at(monkeypatch, vn(2026, 3, 16, 9))
    step(client, officer, code, event="paused", kind="verification", reason="Chờ xác minh")
    at(monkeypatch, vn(2026, 3, 18, 9))
    resumed = datetime.fromisoformat(step(client, officer, code, event="resumed").json()["due_at"])
    override = CalendarOverride(date(2026, 3, 17), OverrideKind.DAY_OFF, "Nghỉ đột xuất")
    published = WorkingCalendar([override])
    wait = (due, vn(2026, 3, 16, 9), vn(2026, 3, 18, 9), TimeUnit.WORKING_DAYS)
    assert resumed == published.shift_for_wait(*wait)
    assert resumed != WorkingCalendar().shift_for_wait(*wait)


def test_supplement_keys_of_the_dossiers_catalogue_version(
    client: TestClient, database_url: str
) -> None:
    station, officer = counter_with_dossiers(client, database_url)
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    [birth] = [item for item in document["procedures"] if item["code"] == "1.001193"]
    birth["documents"][0]["key"] = "d9"
    admin = admin_headers(database_url)
    assert client.post("/v1/admin/catalogue", json=document, headers=admin).status_code == 200
    code = code_of(station, 0)
    newer = step(client, officer, code, event="supplement_requested", missing=["d9"], reason="x")
    assert newer.status_code == 422
    older = step(client, officer, code, event="supplement_requested", missing=["d1"], reason="x")
    assert older.status_code == 200, older.text


def test_no_published_catalogue_is_a_clear_409(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    client.post("/v1/push", json=body(station.next_events(1)), headers=station.headers)
    officer = officer_headers(database_url)
    code = code_of(station, 0)
    response = step(client, officer, code, event="supplement_requested", missing=["d1"], reason="x")
    assert response.status_code == 409
    assert "chưa có trong danh mục" in response.json()["detail"]
    assert step(client, officer, code, event="transferred", to="Phòng").status_code == 200


def test_the_pause_audit_across_the_agency(
    client: TestClient, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dossiers received Tue 10/3/2026 15:01 and 15:02 (Vietnam), due Fri 13/3 15:01 / 15:02;
    # Đăng ký khai sinh is a same-day procedure: its limit counts as one working day.
    station, officer = counter_with_dossiers(client, database_url)
    first, second = code_of(station, 0), code_of(station, 1)
    # first: paused Thu 12/3 09:00, 12 h left (not near); resumed Mon 16/3 09:00 after
    # 6.5 + 8 + 1.5 = 16 h = 2.0 working days > 1 -> over the limit.
    at(monkeypatch, vn(2026, 3, 12, 9))
    assert step(client, officer, first, event="paused", kind="verification", reason="x").is_success
    # second: paused Fri 13/3 09:00 with 2.5 h + 1 h 32 left -> near the due date; still open
    # on Mon 16/3 09:00: 6.5 + 1.5 = 8 h = 1.0 working day (not over).
    at(monkeypatch, vn(2026, 3, 13, 9))
    paused = step(client, officer, second, event="paused", kind="financial_obligation", reason="y")
    assert paused.is_success
    at(monkeypatch, vn(2026, 3, 16, 9))
    assert step(client, officer, first, event="resumed").is_success
    query = "/v1/reports/pauses?from=2026-03-01&to=2026-03-31&agency=" + AGENCY
    audit = client.get(query, headers=officer).json()
    rows = [(r["code"], r["ground"], r["working_days"], r["patterns"]) for r in audit["rows"]]
    assert rows == [
        (first, "verification", 2.0, ["over_limit"]),
        (second, "financial_obligation", 1.0, ["near_due"]),
    ]
    assert audit["by_clerk"] == [
        {"key": "Phòng Tư pháp", "pauses": 2, "working_days": 3.0, "flagged": 2}
    ]
    workbook = client.get(query + "&format=xlsx", headers=admin_headers(database_url))
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    enrolled(client, database_url, agency=OTHER_AGENCY)
    other = officer_headers(database_url, OTHER_AGENCY)
    assert client.get(query, headers=other).status_code == 403
