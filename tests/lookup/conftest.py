"""Lookup fixtures: the server's (SQLite and PostgreSQL), and the sync tests' real stations."""

from __future__ import annotations

from tests.server.conftest import app, client, database_url, pg_schema_url
from tests.sync.conftest import enrolled, make_station, template_slot2

__all__ = [
    "app",
    "client",
    "database_url",
    "enrolled",
    "make_station",
    "pg_schema_url",
    "template_slot2",
]
