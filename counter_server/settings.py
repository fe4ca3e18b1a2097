"""How one server instance runs: its database, worker processes, connections and read timeout.

Read from the command line (``counter-app server``) or the environment (``app_from_env``, which
each worker process of ``uvicorn --factory --workers N`` calls). Every size is derived from
two numbers: the worker processes and the database connections the instance may hold in all.
A worker admits as many requests as it has connections, so a request never waits for a
connection while it holds one; several instances behind one PostgreSQL each take their own
share of ``max_connections``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from counter_server.admission import Limits

DATABASE_URL_ENV = "COUNTER_SERVER_DATABASE_URL"
WORKERS_ENV = "COUNTER_SERVER_WORKERS"
CONNECTIONS_ENV = "COUNTER_SERVER_DB_CONNECTIONS"
READ_TIMEOUT_ENV = "COUNTER_SERVER_READ_TIMEOUT"
DEFAULT_READ_TIMEOUT = 20.0  # seconds for a request's head; its body gets this and more by size
DEFAULT_CONNECTIONS = 32  # PostgreSQL's default max_connections is 100: room for 3 instances
MAX_PER_WORKER = 16  # more threads than this per process only queue on its interpreter lock
QUEUE_PER_SLOT = 4
PATIENCE = 5.0  # seconds a request waits for its turn before it is told to come back
# an idle kept-alive connection is closed after this many seconds: longer than any Retry-After
# the server gives (PATIENCE), so a client coming back when told does not send its request
# just as the server closes the connection (uvicorn's default is 5 s, the same as PATIENCE)
KEEP_ALIVE = PATIENCE + 10.0


@dataclass(frozen=True)
class ServerSettings:
    """One instance's settings; the derived sizes are properties."""

    database_url: str
    workers: int = 0  # 0: the default for the database (see ``default_workers``)
    db_connections: int = DEFAULT_CONNECTIONS
    read_timeout: float = DEFAULT_READ_TIMEOUT

    @property
    def processes(self) -> int:
        """Worker processes: as given, else several on PostgreSQL and one on SQLite."""
        return self.workers or default_workers(self.database_url)

    @property
    def capacity(self) -> int:
        """Requests one worker works at once: its share of the connections."""
        return max(1, min(MAX_PER_WORKER, self.db_connections // self.processes))

    @property
    def limits(self) -> Limits:
        """Each worker's admission limits."""
        return Limits(self.capacity, QUEUE_PER_SLOT * self.capacity, PATIENCE)

    def environment(self) -> dict[str, str]:
        """The variables that give ``from_environment`` these settings (for worker processes)."""
        return {
            DATABASE_URL_ENV: self.database_url,
            WORKERS_ENV: str(self.processes),
            CONNECTIONS_ENV: str(self.db_connections),
            READ_TIMEOUT_ENV: str(self.read_timeout),
        }


def default_workers(database_url: str) -> int:
    """One process on SQLite (one writer at a time anyway); on PostgreSQL one per core, 2–4."""
    if database_url.startswith("sqlite"):
        return 1
    return max(2, min(4, os.cpu_count() or 1))


def from_environment(environ: Mapping[str, str] = os.environ) -> ServerSettings:
    """The settings the environment gives (the database URL is required)."""
    return ServerSettings(
        database_url=environ[DATABASE_URL_ENV],
        workers=int(environ.get(WORKERS_ENV, "0")),
        db_connections=int(environ.get(CONNECTIONS_ENV, str(DEFAULT_CONNECTIONS))),
        read_timeout=float(environ.get(READ_TIMEOUT_ENV, str(DEFAULT_READ_TIMEOUT))),
    )
