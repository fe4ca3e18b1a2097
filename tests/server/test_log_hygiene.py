"""The server's log holds no citizen's data: a real uvicorn, a realistic flow, a grep.

The server runs as it is deployed (``uvicorn --factory``, access log on) with its output in a
file; a station pushes a dossier of a fictitious citizen, an officer searches for her by name
and by ID number, opens and steps her dossier, and a push fails inside the database (a trigger
standing in for a broken disk) so that a traceback is logged. Then the file is searched for
every way her data could be written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest
from sqlalchemy import create_engine, text

from counter_app.domain.text import fold
from counter_server.cli import admin_token, enrol, officer
from tests.faults.server import ServerProcess
from tests.server.factories import (
    AGENCY,
    START,
    StationChain,
    bearer,
    body,
    publish_bundled_catalogue,
    received_dossier,
)

CITIZEN = {
    "name": "Phạm Thị Hồng Nhung",
    "id_number": "079193004321",
    "dob": "1993-02-14",
    "sex": "Nữ",
    "address": "Số 7 ngõ Thử Nghiệm, phường Quảng Hưng",
    "phone": "0987001122",
    "email": "hong.nhung.thu@example.invalid",
}


def traces(value: str) -> set[str]:
    """Every form a value may take in a log line: as is, folded, URL-encoded."""
    forms = {value, fold(value), quote(value), quote_plus(value), quote(fold(value))}
    return {form for form in forms if len(form) >= 6}


@pytest.fixture
def server(database_url: str) -> Iterator[ServerProcess]:
    """The real server with its access log on."""
    with ServerProcess(database_url, log_level="info") as running:
        yield running


def received(station: StationChain, code: str) -> Any:
    """A ``received`` event of the citizen's dossier ``code`` on the station's chain."""
    at = START + timedelta(minutes=station.seq + 1)
    dossier = received_dossier(code) | {"applicant": dict(CITIZEN)}
    payload = {
        "dossier": dossier,
        "received_at": at.isoformat(),
        "due_at": (at + timedelta(days=3)).isoformat(),
    }
    return station.step(str(uuid.uuid4()), "received", payload)


def break_event_inserts(database_url: str) -> None:
    """Make every insert into ``events`` fail inside the database, as a broken disk would."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        if database_url.startswith("sqlite"):
            statement = "SELECT * FROM storage_that_failed"
            connection.execute(
                text(f"CREATE TRIGGER boom BEFORE INSERT ON events BEGIN {statement}; END")
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'storage failed'; END $$ LANGUAGE plpgsql"
                )
            )
            trigger = "CREATE TRIGGER boom BEFORE INSERT ON events FOR EACH ROW"
            connection.execute(text(f"{trigger} EXECUTE FUNCTION boom()"))
    engine.dispose()


def test_a_full_back_office_flow_logs_no_citizen_data(
    server: ServerProcess, database_url: str
) -> None:
    http = httpx.Client(base_url=server.url, timeout=30)
    station_id = str(uuid.uuid4())
    code = enrol(database_url, AGENCY, f"UBND {AGENCY}", 1)
    token = http.post("/v1/enrol", json={"code": code, "station_id": station_id}).json()["token"]
    station = StationChain(station_id, token, AGENCY)
    dossier_code = f"{AGENCY}-260310-1001"
    first = body([received(station, dossier_code)])
    pushed = http.post("/v1/push", json=first, headers=bearer(token))
    assert pushed.status_code == 200, pushed.text
    publish_bundled_catalogue(http, bearer(admin_token(database_url, "tests")))  # type: ignore[arg-type]
    office = bearer(officer(database_url, AGENCY, "Phòng Tư pháp"))
    for query in (CITIZEN["name"], fold(CITIZEN["name"]), CITIZEN["id_number"]):
        listed = http.get("/v1/office/dossiers", params={"q": query}, headers=office)
        assert listed.status_code == 200
    shown = http.get(f"/v1/office/dossiers/{dossier_code}", headers=office)
    assert shown.json()["applicant_name"] == CITIZEN["name"]
    moved = http.post(
        f"/v1/office/dossiers/{dossier_code}/steps",
        json={"event": "transferred", "to": "Công chức Tư pháp"},
        headers=office,
    )
    assert moved.status_code == 200, moved.text
    break_event_inserts(database_url)
    failed = http.post(
        "/v1/push",
        json=body([received(station, f"{AGENCY}-260310-1002")]),
        headers=bearer(token),
    )
    assert failed.status_code == 500
    http.close()
    server.stop()
    log = server.log()

    assert "Exception in ASGI application" in log  # the failure is on record …
    assert "(message withheld: it may hold personal data)" in log  # … without its message
    assert "/v1/office/dossiers?q=…" in log  # the searches too, without what was searched
    leaked = {form for value in CITIZEN.values() for form in traces(value) if form in log}
    assert not leaked, f"the server log names the citizen: {sorted(leaked)}"
