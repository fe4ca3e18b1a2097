"""Sync fixtures: the real server (SQLite and PostgreSQL), a real keyring, enrolled stations."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from keyring.backend import KeyringBackend

from counter_app.station import Station
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE, copy_store, new_station_store
from tests.faults.server import ServerProcess
from tests.server.conftest import app, client, database_url, pg_schema_url
from tests.sync.tls import make_certificates

__all__ = ["app", "client", "database_url", "pg_schema_url"]

SERVER_URL = "http://localhost"  # loopback: the only place plain HTTP is allowed


@pytest.fixture(scope="session")
def template_slot2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second counter of the same agency (slot 2), initialised once."""
    return new_station_store(
        tmp_path_factory.mktemp("template-slot2"),
        agency_code=AGENCY_CODE,
        agency_name="UBND phường Quảng Hưng",
        slot=2,
    )


@pytest.fixture
def make_station(
    template_dir: Path, template_slot2: Path, tmp_path: Path
) -> Iterator[Callable[[int], Station]]:
    """Open a private copy of the slot 1 or slot 2 template."""
    opened: list[Station] = []

    def make(slot: int) -> Station:
        source = template_dir if slot == 1 else template_slot2
        target = copy_store(source, tmp_path / f"station-{slot}-{len(opened)}")
        opened.append(Station(target))
        return opened[-1]

    yield make
    for station in opened:
        station.close()


@pytest.fixture
def enrolled(
    make_station: Callable[[int], Station],
    client: TestClient,
    database_url: str,
    real_keyring: KeyringBackend,
) -> Callable[[int], Station]:
    """A station of the agency, enrolled with the test server in ``slot``."""

    def make(slot: int) -> Station:
        station = make_station(slot)
        code = enrol(database_url, AGENCY_CODE, "UBND phường Quảng Hưng", slot)
        station.enrol(SERVER_URL, code, http=client)
        return station

    return make


@dataclass(frozen=True)
class LiveServer:
    """The central server on a loopback port, as stations reach it in production."""

    url: str
    database_url: str


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """uvicorn serving the app (SQLite) on a free loopback port, stopped afterwards."""
    yield from _serve(tmp_path)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[LiveServer]:
    """``counter-app server --certfile --keyfile`` (SQLite), with a certificate from a private CA
    at ``tmp_path/ca.pem``."""
    ca, cert, key = make_certificates(tmp_path)
    database_url = f"sqlite:///{tmp_path / 'tls.sqlite3'}"
    options = ["--certfile", str(cert), "--keyfile", str(key)]
    with ServerProcess(database_url, options=options, ca_file=str(ca)) as server:
        yield LiveServer(server.url, database_url)


def _serve(tmp_path: Path) -> Iterator[LiveServer]:
    import uvicorn

    from counter_server.app import create_app

    database_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    application = create_app(database_url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _attempt in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", database_url)
    server.should_exit = True
    thread.join(timeout=10)
    application.state.database.dispose()
