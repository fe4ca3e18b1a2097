"""The server's period report: the station's figures for the same events, across agencies."""

from __future__ import annotations

from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from counter_app.models.tables import EVENTS
from counter_app.reports import report_json
from counter_app.services.eventlog import record_from_row
from counter_app.services.statistics import period_report
from counter_app.station import Station
from counter_app.sync.protocol import WireEvent
from counter_server.cli import enrol, set_parent
from tests.reports.history import EXPECTED, FIRST, LAST, build
from tests.server.factories import (
    OTHER_AGENCY,
    admin_headers,
    body,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
)

PROVINCE = "000.00.00.H99"
QUERY = f"/v1/reports/period?from={FIRST}&to={LAST}"


def station_events(station: Station) -> list[WireEvent]:
    """Every event of the station's chain, in seq order."""
    with station.store.read() as db:
        rows = db.execute(select(EVENTS).order_by(EVENTS.c.seq)).all()
    return [WireEvent.from_record(record_from_row(row._mapping)) for row in rows]


def synced(client: TestClient, database_url: str, station: Station) -> str:
    """Enrol ``station`` on the server and push its whole chain; return its agency code."""
    identity = station.identity
    assert identity is not None
    code = enrol(database_url, identity.agency_code, identity.agency_name, identity.slot)
    answer = client.post("/v1/enrol", json={"code": code, "station_id": identity.station_id})
    headers = {"Authorization": f"Bearer {answer.json()['token']}"}
    events = station_events(station)
    for start in range(0, len(events), 7):
        response = client.post("/v1/push", json=body(events[start : start + 7]), headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["rejected"] == []
    return identity.agency_code


def test_station_and_server_give_identical_figures(
    client: TestClient, database_url: str, station: Station
) -> None:
    build(station)
    agency = synced(client, database_url, station)
    admin = admin_headers(database_url)
    publish_bundled_catalogue(client, admin)
    response = client.get(f"{QUERY}&agency={agency}", headers=admin)
    assert response.status_code == 200, response.text
    assert response.json() == report_json(period_report(station, FIRST, LAST))
    totals = response.json()["totals"]
    assert {key: totals[key] for key in EXPECTED} == EXPECTED
    only = client.get(f"{QUERY}&agency={agency}&field=Hộ tịch", headers=admin).json()
    assert only == report_json(period_report(station, FIRST, LAST, "Hộ tịch"))


def test_subtree_adds_the_agencies_below(
    client: TestClient, database_url: str, station: Station
) -> None:
    build(station)
    agency = synced(client, database_url, station)
    other = enrolled(client, database_url, agency=OTHER_AGENCY)
    client.post("/v1/push", json=body(other.next_events(2)), headers=other.headers)
    set_parent(database_url, agency, PROVINCE)
    set_parent(database_url, OTHER_AGENCY, PROVINCE)
    admin = admin_headers(database_url)
    publish_bundled_catalogue(client, admin)
    province = client.get(f"{QUERY}&agency={PROVINCE}&scope=subtree", headers=admin).json()
    commune = client.get(f"{QUERY}&agency={agency}", headers=admin).json()
    assert province["totals"]["received"] == commune["totals"]["received"] + 2
    assert province["totals"]["new_direct"] == commune["totals"]["new_direct"] + 2
    alone = client.get(f"{QUERY}&agency={PROVINCE}", headers=admin).json()
    assert alone["totals"]["received"] == 0


def test_xlsx_totals(client: TestClient, database_url: str, station: Station) -> None:
    build(station)
    agency = synced(client, database_url, station)
    admin = admin_headers(database_url)
    publish_bundled_catalogue(client, admin)
    response = client.get(f"{QUERY}&agency={agency}&format=xlsx", headers=admin)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    labels = [sheet.cell(row, 1).value for row in range(6, 9)]
    assert labels == ["Cư trú", "Hộ tịch", "Tổng cộng"]
    assert sheet.cell(6, 2).value + sheet.cell(7, 2).value == EXPECTED["received"]


def test_report_readers_and_bad_queries(client: TestClient, database_url: str) -> None:
    ours = enrolled(client, database_url)
    enrolled(client, database_url, agency=OTHER_AGENCY)
    officer = officer_headers(database_url)
    url = f"{QUERY}&agency={ours.agency}"
    assert client.get(url, headers=officer).status_code == 200
    assert client.get(f"{QUERY}&agency={OTHER_AGENCY}", headers=officer).status_code == 403
    assert client.get(url, headers=ours.headers).status_code == 401
    assert client.get(url).status_code == 401
    admin = admin_headers(database_url)
    for query in (
        f"/v1/reports/period?from={LAST}&to={FIRST}&agency={ours.agency}",
        f"/v1/reports/period?from=2020-01-01&to=2026-01-01&agency={ours.agency}",
        f"{QUERY}&agency={ours.agency}&format=pdf",
        f"{QUERY}&agency={ours.agency}&scope=world",
        f"/v1/reports/period?from=yesterday&to={LAST}&agency={ours.agency}",
    ):
        assert client.get(query, headers=admin).status_code == 422, query
    assert client.get(f"{QUERY}&agency=000.00.00.X00", headers=admin).status_code == 404
