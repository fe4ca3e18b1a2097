"""Publications: validated catalogues and calendar days, handed down in pulls after a cursor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from counter_app.cli import main
from counter_server.db import Database
from counter_server.models import ProcedureVersion, Publication
from tests.factories import TEST_PROCEDURES
from tests.server.factories import (
    CATALOGUE,
    admin_headers,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
)

CALENDAR = {
    "days": [
        {
            "day": "2027-02-05",
            "kind": "off",
            "reason": "Nghỉ Tết thêm",
            "document": "Thông báo 1/TB-BNV ngày 01/11/2026",
        }
    ],
    "removed": ["2026-08-22"],
    "years": [2027],
}


def counts(database_url: str) -> tuple[int, int]:
    """Publications and procedure versions held."""
    database = Database(database_url)
    with database.sessions() as session:
        published = session.scalar(select(func.count()).select_from(Publication))
        versions = session.scalar(select(func.count()).select_from(ProcedureVersion))
    database.dispose()
    return int(published or 0), int(versions or 0)


def test_published_catalogue_reaches_a_pull(client: TestClient, database_url: str) -> None:
    admin = admin_headers(database_url)
    assert publish_bundled_catalogue(client, admin) == 1
    station = enrolled(client, database_url)
    page = client.get("/v1/pull", headers=station.headers).json()
    [publication] = page["publications"]
    assert (publication["pub_seq"], publication["kind"]) == (1, "catalogue")
    shipped = json.loads(CATALOGUE.read_text(encoding="utf-8"))["procedures"]
    shipped += json.loads(TEST_PROCEDURES.read_text(encoding="utf-8"))["procedures"]
    codes = [item["code"] for item in publication["body"]["procedures"]]
    assert codes == [item["code"] for item in shipped]
    # a document obtainable from the state's data is published with its sources: the birth
    # registration's identity paper of the applicant
    [birth] = [item for item in publication["body"]["procedures"] if item["code"] == "1.001193"]
    [paper] = [item for item in birth["documents"] if item["name"].startswith("Giấy tờ tùy thân")]
    assert paper["obtainable_from"] == ["csdl_dan_cu", "vneid"]
    assert page["next_publication_cursor"] == 1
    later = client.get("/v1/pull?publications_after=1", headers=station.headers).json()
    assert later["publications"] == [] and later["next_publication_cursor"] == 1


def test_republishing_adds_versions_only_for_changes(client: TestClient, database_url: str) -> None:
    admin = admin_headers(database_url)
    publish_bundled_catalogue(client, admin)
    publish_bundled_catalogue(client, admin)
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    document["procedures"][0]["name"] += " (sửa)"
    assert client.post("/v1/admin/catalogue", json=document, headers=admin).status_code == 200
    tests_own = len(json.loads(TEST_PROCEDURES.read_text(encoding="utf-8"))["procedures"])
    assert counts(database_url) == (3, len(document["procedures"]) + tests_own + 1)


def test_invalid_catalogue_refused_whole(client: TestClient, database_url: str) -> None:
    admin = admin_headers(database_url)
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    document["procedures"][3]["processing_time"] = {"amount": -2, "unit": "weeks"}
    document["procedures"][5]["code"] = document["procedures"][4]["code"]
    response = client.post("/v1/admin/catalogue", json=document, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_input"
    assert "processing_time" in response.json()["detail"]
    wrong = client.post("/v1/admin/catalogue", json={**document, "format": "x"}, headers=admin)
    assert wrong.status_code == 422
    assert counts(database_url) == (0, 0)


def test_publishing_needs_the_admin_token(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url)
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    for headers in ({}, station.headers, officer_headers(database_url)):
        response = client.post("/v1/admin/catalogue", json=document, headers=headers)
        assert response.status_code == 401
    assert (
        client.post("/v1/admin/calendar", json=CALENDAR, headers=station.headers).status_code == 401
    )
    assert counts(database_url) == (0, 0)


def test_calendar_published_and_validated(client: TestClient, database_url: str) -> None:
    admin = admin_headers(database_url)
    response = client.post("/v1/admin/calendar", json=CALENDAR, headers=admin)
    assert response.status_code == 200, response.text
    station = enrolled(client, database_url)
    [publication] = client.get("/v1/pull", headers=station.headers).json()["publications"]
    assert publication["body"] == CALENDAR
    bad = {"days": [{"day": "2027-02-30", "kind": "holiday", "reason": ""}]}
    assert client.post("/v1/admin/calendar", json=bad, headers=admin).status_code == 422
    unsourced = {"days": [{"day": "2027-02-08", "kind": "off", "reason": "Nghỉ Tết"}]}
    refused = client.post("/v1/admin/calendar", json=unsourced, headers=admin)
    assert refused.status_code == 422
    assert "source" in refused.text and "2027-02-08" in refused.text
    assert counts(database_url) == (1, 0)


def test_cli_publishes_both_kinds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    calendar = tmp_path / "calendar.json"
    calendar.write_text(json.dumps(CALENDAR), encoding="utf-8")
    assert main(["server", "--database-url", url, "publish-catalogue", str(CATALOGUE)]) == 0
    assert main(["server", "--database-url", url, "publish-calendar", str(calendar)]) == 0
    assert "publication 2" in capsys.readouterr().out
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "counter-catalogue/1", "procedures": [{}]}', encoding="utf-8")
    assert main(["server", "--database-url", url, "publish-catalogue", str(broken)]) == 1
    assert "broken.json" in capsys.readouterr().err
    calendar.write_text('{"days": [{"day": "soon"}]}', encoding="utf-8")
    assert main(["server", "--database-url", url, "publish-calendar", str(calendar)]) == 1
    shipped = json.loads(CATALOGUE.read_text(encoding="utf-8"))["procedures"]
    assert counts(url) == (2, len(shipped))


def test_a_decision_is_published_with_its_day_and_counts_from_it(
    client: TestClient, database_url: str, tmp_path: Path
) -> None:
    """A province's decision file published from the command line: stations get its versions
    with their day, and the server's catalogue for a dossier follows the day of receipt."""
    from datetime import datetime

    from counter_app.domain.calendar import VN_TZ
    from counter_server import publications
    from tests.decisions.test_dated_versions import MARITAL, MEDIATOR, march_decision

    publish_bundled_catalogue(client, admin_headers(database_url))
    path = march_decision(tmp_path / "qd-9100.docx")
    assert main(["server", "--database-url", database_url, "publish-catalogue", str(path)]) == 0
    station = enrolled(client, database_url)
    [_, decision] = client.get("/v1/pull", headers=station.headers).json()["publications"]
    assert decision["body"]["decision"]["number"] == "9100/QĐ-UBND"
    assert decision["body"]["decision"]["effective_from"] == "2026-03-04"
    days = {item["code"]: item.get("effective_from") for item in decision["body"]["procedures"]}
    assert days == {MARITAL: "2026-03-04", MEDIATOR: "2026-03-04"}
    database = Database(database_url)
    with database.sessions() as session:
        later = publications.version_in_force(session, MARITAL, datetime(2099, 3, 3, tzinfo=VN_TZ))
        assert later is not None and later.spec["processing_time"]["amount"] == 5
        day_before = datetime(2026, 3, 3, 9, tzinfo=VN_TZ)
        # published after the dossier's day: the first version stands for it
        first = publications.version_in_force(session, MARITAL, day_before)
        assert first is not None and first.version == 1
    database.dispose()


def test_a_decision_s_pause_grounds_are_published_and_its_district_part_is_not(
    client: TestClient,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The clause "không tính thời gian thực hiện nghĩa vụ tài chính" in a time limit reaches
    every station as the ground and its source; rows under "cấp huyện" are said to be set aside
    and are not published."""
    from tests.decisions.test_decision_pause_grounds import (
        FINANCIAL,
        TIME,
        district_decision,
        land_decision,
    )

    publish_bundled_catalogue(client, admin_headers(database_url))
    land = land_decision(tmp_path / "qd-9101.docx", split_time=f"12 ngày làm việc ({FINANCIAL})")
    old = district_decision(tmp_path / "qd-8001.docx")
    for path in (land, old):
        assert main(["server", "--database-url", database_url, "publish-catalogue", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"pause ground financial_obligation: «{FINANCIAL}» ({TIME})" in out
    assert "ignored    1.012819" in out and "thủ tục cấp huyện" in out
    station = enrolled(client, database_url)
    [_, grounds, district] = client.get("/v1/pull", headers=station.headers).json()["publications"]
    split = next(p for p in grounds["body"]["procedures"] if p["code"] == "1.012784")
    assert split["pause_grounds"] == ["financial_obligation"]
    assert FINANCIAL in split["sources"]["pause_grounds"]
    # only the commune part's row; the district's listing and abolition are not published
    assert [(p["code"], p["level"]) for p in district["body"]["procedures"]] == [("2.000815", "xa")]
