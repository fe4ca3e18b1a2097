"""Server fixtures: a clean database per test, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from tests.ci import missing_part

DEFAULT_PG_URL = "postgresql+psycopg://counter:counter@127.0.0.1:5432/counter_test"


def postgres_url() -> str:
    """The PostgreSQL the tests use (``COUNTER_TEST_DATABASE_URL``)."""
    return os.environ.get("COUNTER_TEST_DATABASE_URL", DEFAULT_PG_URL)


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL on a fresh, empty schema of the test PostgreSQL, dropped afterwards."""
    admin = create_engine(postgres_url())
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as error:
        admin.dispose()
        shown = make_url(postgres_url()).render_as_string(hide_password=True)
        reason = f"PostgreSQL at {shown} is not reachable: {error.orig}"
        missing_part(reason)
    url = make_url(postgres_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test runs once on an SQLite file and once on a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_schema_url")
    return url


@pytest.fixture
def app(database_url: str) -> Iterator[FastAPI]:
    """The server on a clean, migrated database."""
    from counter_server.app import create_app

    application = create_app(database_url)
    yield application
    application.state.database.dispose()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    """An HTTP client talking to the app in process."""
    return TestClient(app)
