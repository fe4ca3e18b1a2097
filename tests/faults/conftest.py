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
from tests.faults.server import Instances, ServerProcess
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


@pytest.fixture(scope="module", params=["sqlite", "postgresql", "postgresql-two-instances"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The module's server setup and database: one server on an SQLite file, one on a
    PostgreSQL schema, then two instances of two workers each on one PostgreSQL schema (two
    hosts behind a load balancer: the proxy sends each connection to the next instance)."""
    if request.param == "sqlite":
        yield request.param, f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.sqlite3'}"
    else:
        for url in _pg_schema():
            yield request.param, url


@pytest.fixture(scope="module")
def backend_url(backend: tuple[str, str]) -> str:
    """The module's server database."""
    return backend[1]


@pytest.fixture(scope="module")
def server(backend: tuple[str, str]) -> Iterator[ServerProcess | Instances]:
    """The central server on that database (tests may kill and restart it): one
    ``counter-app server``, or two instances of it."""
    kind, url = backend
    running = Instances(url) if kind == "postgresql-two-instances" else ServerProcess(url)
    with running:
        yield running


@pytest.fixture
def proxy(server: ServerProcess | Instances) -> Iterator[FaultProxy]:
    """A fault proxy in front of the server (every instance), clean until a test schedules
    faults."""
    with FaultProxy("127.0.0.1", server.ports) as running:
        yield running


PartyMaker = Callable[[int], Party]


@pytest.fixture
def parties(
    tmp_path: Path,
    server: ServerProcess | Instances,
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
