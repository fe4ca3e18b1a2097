"""Opening the station's SQLite store: pragmas, migrations, backups.

Opening a store upgrades it to the newest schema after copying it aside; a store written by a
newer Counter is refused, never touched.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

from counter_app import store_file
from counter_app.domain.errors import StoreError
from counter_app.i18n import _

if TYPE_CHECKING:  # Alembic loads only when a store needs migrating (it slows the start)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
STORE_FILENAME = store_file.STORE_FILENAME  # also named here, where it was first declared
MIGRATIONS_DIR = store_file.MIGRATIONS_DIR  # a module constant, so tests can ship more
BACKUP_DIRNAME = "backups"


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """WAL for concurrent readers; FULL sync so a commit survives power loss; FKs enforced."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on ``path`` with the store's pragmas on every connection."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of Counter knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the store, or None for an empty file."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def open_store(path: Path) -> Engine:
    """Open (creating if needed) and upgrade the store at ``path``; return its engine."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_sqlite_engine(path)
    try:
        _upgrade(engine, path)
    except Exception:
        engine.dispose()
        raise
    return engine


def _at_shipped_head(engine: Engine) -> bool:
    """True when the store already holds the newest schema: the usual start, no Alembic."""
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return store_file.at_head(driver, MIGRATIONS_DIR)


def _upgrade(engine: Engine, path: Path) -> None:
    try:
        if _at_shipped_head(engine):
            return
        revision = current_revision(engine)
    except Exception as error:
        raise StoreError(_not_a_store_message(path)) from error
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if revision is not None and not _known(script, revision):
        raise StoreError(
            _(
                "Dữ liệu tại {path} do phiên bản Counter mới hơn tạo ra; hãy cập nhật Counter."
            ).format(path=path)
        )
    if revision == script.get_current_head():
        return
    if revision is not None:
        backup = backup_before_upgrade(path, revision)
        log.info("store %s at revision %s backed up to %s before upgrade", path, revision, backup)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _not_a_store_message(path: Path) -> str:
    return _("Tệp {path} không phải là dữ liệu của Counter hoặc đã hỏng.").format(path=path)


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the store aside (consistent copy) before changing its schema."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.parent / BACKUP_DIRNAME / f"{path.stem}-before-{revision}-{stamp}.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_database(path, target)
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database through the backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


class Store:
    """The station's database: short read transactions and serialised write transactions.

    Writes start with ``BEGIN IMMEDIATE`` so that two processes on one store (the GUI and the
    CLI) never interleave a read-modify-write of the chain head or the daily sequence.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = open_store(path)
        event.listen(self.engine, "connect", _autocommit_driver)
        self.engine.dispose()  # later connections get the listener
        event.listen(self.engine, "begin", _begin)
        self._writer = self.engine.execution_options(immediate=True)

    def write(self) -> Any:
        """A context manager yielding a Connection inside BEGIN IMMEDIATE … COMMIT."""
        return self._writer.begin()

    def read(self) -> Any:
        """A context manager yielding a Connection inside a deferred (read) transaction."""
        return self.engine.begin()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _autocommit_driver(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself instead of pysqlite's implicit one.
    dbapi_connection.isolation_level = None


def _begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("immediate", False)
    connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
