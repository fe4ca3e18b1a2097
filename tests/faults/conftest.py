"""Fault-test fixtures: one real server per database for the module, a proxy per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from tests.ci import missing_part
from tests.faults.proxy import FaultProxy
from tests.faults.server import ServerProcess
from tests.faults.stations import Party, make_party, new_agency

DEFAULT_PG_URL = "postgresql+psycopg://counter:counter@127.0.0.1:5432/counter_test"


def _pg_schema() -> Iterator[str]:
    """A URL on a fresh schema of the test PostgreSQL, dropped afterwards (skip or fail)."""
    base = os.environ.get("COUNTER_TEST_DATABASE_URL", DEFAULT_PG_URL)
    admin = create_engine(base)
    schema = f"f_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as error:
        admin.dispose()
        reason = f"PostgreSQL is not reachable: {error.orig}"
        missing_part(reason)
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The module's server database: an SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.sqlite3'}"
    else:
        yield from _pg_schema()


@pytest.fixture(scope="module")
def server(backend_url: str) -> Iterator[ServerProcess]:
    """uvicorn serving the central server on that database (tests may kill and restart it)."""
    with ServerProcess(backend_url) as running:
        yield running


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    """A fault proxy in front of the server, clean until a test schedules faults."""
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


PartyMaker = Callable[[int], Party]


@pytest.fixture
def parties(
    tmp_path: Path,
    server: ServerProcess,
    proxy: FaultProxy,
    backend_url: str,
    real_keyring: object,
) -> Iterator[PartyMaker]:
    """Makes stations of one new agency, slot by slot, syncing through the proxy."""
    agency = new_agency()
    made: list[Party] = []

    def make(slot: int) -> Party:
        folder = tmp_path / f"station-{slot}"
        folder.mkdir()
        made.append(
            make_party(
                folder,
                agency=agency,
                slot=slot,
                server_url=server.url,
                database_url=backend_url,
                proxy_url=proxy.url,
            )
        )
        return made[-1]

    yield make
    for party in made:
        party.http.close()
        party.station.close()
