"""Engines, one session per request, and migrations run from code at start-up.

SQLite is the embedded default (``sqlite:///path``); PostgreSQL is reached through psycopg
(``postgresql+psycopg://…``). Nothing is kept in the process beyond the connection pool, so
several workers can serve one PostgreSQL side by side.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from counter_app.resources import package_dir

MIGRATIONS_DIR = package_dir("counter_server", "migrations")
POOL_TIMEOUT = 10.0


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """WAL so readers never wait for the writer; wait for the write lock instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(database_url: str, pool_size: int = 5) -> Engine:
    """An engine for ``database_url`` with the settings its dialect needs.

    The pool holds ``pool_size`` connections, the requests a worker admits at once
    (``admission``), and a couple more for what runs beside them; a request that still finds
    none within ``POOL_TIMEOUT`` is answered 503 instead of waiting on.
    """
    sizes = {"pool_size": pool_size, "max_overflow": 2, "pool_timeout": POOL_TIMEOUT}
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False},
            hide_parameters=True,
            **sizes,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # READ COMMITTED on purpose: each statement after the agency lock sees the previous push.
    return create_engine(
        database_url,
        isolation_level="READ COMMITTED",
        hide_parameters=True,  # a failing statement's message would quote applicants' fields
        pool_pre_ping=True,
        **sizes,
    )


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (safe when several instances start at once).

    On PostgreSQL a transaction-scoped advisory lock (one per schema) makes a second instance
    wait for the first one's migration, then find the schema at head and do nothing.
    """
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """An engine and its session factory: the only thing the app keeps between requests."""

    def __init__(self, database_url: str, pool_size: int = 5) -> None:
        self.engine = make_engine(database_url, pool_size)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Iterator[Session]:
        """One session for one request, closed afterwards (a FastAPI dependency body)."""
        with self.sessions() as session:
            yield session

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
