"""Opening the station's SQLite store: its key, pragmas, migrations, backups.

The store is encrypted (``store_cipher``) with the key the keyring keeps for it
(``store_keys``); a new store gets a new key. A clear store of an earlier Counter is copied aside,
encrypted in place, and the copy then encrypted too (``plaintext``). Opening a store upgrades it
to the newest schema after copying it aside; a store written by a newer Counter is refused,
never touched.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

from counter_app import store_cipher, store_file, store_keys
from counter_app.domain.errors import StoreError
from counter_app.i18n import _
from counter_app.models import plaintext

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


def create_sqlite_engine(path: Path, key: bytes) -> Engine:
    """An engine on the encrypted store at ``path``, every connection opened with ``key`` and
    given the store's pragmas."""
    # hide_parameters: a failing statement's message (and so a logged traceback) would quote
    # the applicant's fields it was writing
    engine = create_engine(
        f"sqlite:///{path}",
        creator=lambda: store_cipher.connect(path, key),
        module=store_cipher.dbapi,
        hide_parameters=True,
        # the connection used last is handed out next: SQLite's page cache is per connection
        # and is dropped when another connection wrote since, so rotating through the pool
        # (the default) read and decrypted every page of each B-tree again; a receive on a
        # 1,000,000-dossier store took 2.0 ms instead of 1.25 (bench/intake.py)
        pool_use_lifo=True,
    )
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


def open_store(path: Path) -> tuple[Engine, bytes]:
    """Open (creating if needed), encrypt and upgrade the store at ``path``; return its engine
    and key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = _key_for(path)
    engine = create_sqlite_engine(path, key)
    try:
        _upgrade(engine, path)
    except Exception:
        engine.dispose()
        raise
    plaintext.sweep(path.parent / BACKUP_DIRNAME, key)
    return engine, key


def _key_for(path: Path) -> bytes:
    """The store's key: a new one for a new store; a clear store is encrypted with it first."""
    plaintext.finish_interrupted(path)
    if not path.exists() or path.stat().st_size == 0:
        return store_keys.create_key(path)
    if not store_cipher.is_plaintext(path):
        key = store_keys.require_key(path)
        _check_key(path, key)
        return key
    key = store_keys.stored_key(path) or store_keys.create_key(path)
    _encrypt_clear_store(path, key)
    return key


def _check_key(path: Path, key: bytes) -> None:
    try:
        store_cipher.connect(path, key).close()
    except store_cipher.CannotDecrypt:
        raise store_keys.wrong_key(path) from None


def _encrypt_clear_store(path: Path, key: bytes) -> None:
    """Back the clear store up as any upgrade does, then encrypt it in place (the clear backup
    is encrypted by the sweep of the backups that follows)."""
    try:
        plaintext.make_single_file(path)
    except store_cipher.DatabaseError as error:
        raise StoreError(_not_a_store_message(path)) from error
    backup = _backup_target(path, "encryption")
    backup.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(store_cipher.dbapi.connect(str(path))) as src,
        closing(store_cipher.dbapi.connect(str(backup))) as dst,
    ):
        src.backup(dst)
    plaintext.encrypt_in_place(path, key)
    log.info("clear store %s encrypted in place (its backup: %s)", path, backup)


def _at_shipped_head(engine: Engine) -> bool:
    """True when the store already holds the newest schema: the usual start, no Alembic."""
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert isinstance(driver, store_cipher.Connection)
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
    """Copy the store aside (consistent copy, encrypted as the store) before changing it."""
    target = _backup_target(path, revision)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_database(path, target)
    return target


def _backup_target(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return path.parent / BACKUP_DIRNAME / f"{path.stem}-before-{revision}-{stamp}.sqlite3"


def copy_database(source: Path, target: Path, key: bytes | None = None) -> None:
    """A consistent copy of the live store ``source`` through the backup API, encrypted with
    its key (or ``key``)."""
    store_cipher.copy(source, target, key or store_keys.require_key(source))


class Store:
    """The station's database: short read transactions and serialised write transactions.

    Writes start with ``BEGIN IMMEDIATE`` so that two processes on one store (the GUI and the
    CLI) never interleave a read-modify-write of the chain head or the daily sequence.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine, self.key = open_store(path)
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
