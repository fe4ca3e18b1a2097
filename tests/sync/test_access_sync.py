"""The access log goes up to the server; the back office's reads are logged there too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from counter_app.domain.access import Via, access_hash, verify_access_chain
from counter_app.station import Station
from counter_app.sync.protocol import WireAccessEntry
from counter_server.credentials import back_office_id
from counter_server.models import AccessEntry
from tests.conftest import store_connection
from tests.server.factories import admin_headers, officer_headers, publish_bundled_catalogue
from tests.sync.helpers import received, sync


def server_entries(database_url: str, station_id: str) -> list[WireAccessEntry]:
    """The access chain the server holds for ``station_id``, in seq order."""
    engine = create_engine(database_url)
    fields = set(WireAccessEntry.model_fields)
    with Session(engine) as session:
        rows = session.scalars(
            select(AccessEntry)
            .where(AccessEntry.station_id == station_id)
            .order_by(AccessEntry.seq)
        ).all()
        entries = [
            WireAccessEntry.model_validate({name: getattr(row, name) for name in fields})
            for row in rows
        ]
    engine.dispose()
    return entries


def test_the_stations_views_reach_the_server_chained_and_once(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    station_id = station.context().identity.station_id
    code = received(station)
    station.privacy.open_dossier(code, actor="canbo", via=Via.GUI)
    station.privacy.search("nguyen van duc", actor="canbo", via=Via.CLI)
    first = sync(station, client)
    assert first.access_pushed == 2
    assert sync(station, client).access_pushed == 0  # nothing twice
    held = server_entries(database_url, station_id)
    assert [(e.seq, e.kind, e.via, e.actor) for e in held] == [
        (1, "open", "gui", "canbo"),
        (2, "search", "cli", "canbo"),
    ]
    assert not verify_access_chain([entry.to_entry() for entry in held])
    assert held[1].detail == {"query": "name", "filters": [], "shown": 1}


def test_the_back_offices_reads_are_on_the_servers_log(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    code = received(station)
    sync(station, client)
    publish_bundled_catalogue(client, admin_headers(database_url))
    office = officer_headers(database_url)
    assert client.get("/v1/office/dossiers", params={"q": "Đức"}, headers=office).status_code == 200
    assert client.get(f"/v1/office/dossiers/{code}", headers=office).status_code == 200
    assert (
        client.get("/v1/office/dossiers", params={"q": "khong ai"}, headers=office).json()[
            "dossiers"
        ]
        == []
    )
    agency = station.context().identity.agency_code
    held = server_entries(database_url, back_office_id(agency))
    dossier_id = station.dossier(code).id
    assert [(e.kind, e.via, e.actor, e.dossier_ids) for e in held] == [
        ("search", "office", "Phòng Tư pháp", [dossier_id]),
        ("open", "office", "Phòng Tư pháp", [dossier_id]),
        ("search", "office", "Phòng Tư pháp", []),
    ]
    assert held[0].detail == {"query": "name", "filters": [], "shown": 1}
    assert not verify_access_chain([entry.to_entry() for entry in held])
    listed = client.get(
        "/v1/admin/access",
        params={"agency": agency, "dossier": code},
        headers=admin_headers(database_url),
    ).json()["entries"]
    assert [entry["kind"] for entry in listed] == ["open", "search"]


def test_a_station_restored_from_an_old_backup_continues_the_servers_chain(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str, tmp_path: Path
) -> None:
    station = enrolled(1)
    station_id = station.context().identity.station_id
    code = received(station)
    station.privacy.open_dossier(code, actor="canbo", via=Via.GUI)
    sync(station, client)
    backup = station.backup(tmp_path / "yesterday.sqlite3")  # the store after that round
    for _ in range(2):
        station.privacy.open_dossier(code, actor="canbo", via=Via.GUI)
    sync(station, client)  # the server now holds seqs 1-3
    station.restore(backup)  # the PC died; yesterday's copy comes back
    restored = station
    restored.privacy.open_dossier(code, actor="lanhdao", via=Via.GUI)  # seq 2 here: a fork
    assert sync(restored, client).access_pushed == 1
    held = server_entries(database_url, station_id)
    assert [(e.seq, e.actor) for e in held] == [
        (1, "canbo"),
        (2, "canbo"),
        (3, "canbo"),
        (4, "lanhdao"),
    ]
    assert not verify_access_chain([entry.to_entry() for entry in held])
    assert restored.verify().ok  # the store's part: up to seq 1, then after the server's 3
    with store_connection(restored.path) as connection:
        seqs = [row[0] for row in connection.execute("SELECT seq FROM access_log ORDER BY seq")]
    assert seqs == [1, 4]


def test_a_forged_entry_is_refused_whole(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    code = received(station)
    station.privacy.open_dossier(code, actor="canbo", via=Via.GUI)
    sync(station, client)
    with store_connection(station.path) as connection:
        row = connection.execute("SELECT hash FROM access_log WHERE seq = 1").fetchone()
    forged = WireAccessEntry(
        id="0190f000-0000-7000-8000-000000000001",
        station_id=station.context().identity.station_id,
        seq=2,
        actor="ai_do",
        at="2026-03-10T02:00:00+00:00",  # type: ignore[arg-type]
        kind="open",
        via="gui",
        prev_hash=row[0],
        hash="0" * 64,
    )
    token = station_token(station)
    answer = client.post(
        "/v1/access", json={"entries": [forged.model_dump(mode="json")]}, headers=token
    )
    assert answer.status_code == 409 and answer.json()["error"] == "access_conflict"
    relinked = forged.model_copy(update={"hash": access_hash(forged.to_entry())})
    answer = client.post(
        "/v1/access", json={"entries": [relinked.model_dump(mode="json")]}, headers=token
    )
    assert answer.status_code == 200 and answer.json()["held_through_seq"] == 2


def station_token(station: Station) -> dict[str, str]:
    """The bearer header of an enrolled station (its token is in the keyring)."""
    from counter_app.sync import credentials

    token = credentials.token(station.context().identity.station_id)
    return {"Authorization": f"Bearer {token}"}
