"""Shared fixtures: a migrated, initialised station store built once and copied per test.

Stores are encrypted; their keys live in an in-memory vault for the whole run (the keyring's own
tests use a real Secret Service: ``tests/keyring_service.py``). A copy of a store is given the
original's key (``copy_store``), as a PC holding both would have them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from counter_app import logs, store_cipher, store_keys
from counter_app.i18n import LANGUAGE_ENV, set_language
from counter_app.logs import LOG_DIR_ENV
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from counter_server import transfer_key
from tests import log_audit
from tests.ci import pytest_runtest_makereport
from tests.factories import add_test_procedures
from tests.keyring_service import secret_service
from tests.log_audit import pytest_sessionfinish

# under CI a skip fails (tests/ci.py); a log naming a test citizen fails the run (log_audit)
__all__ = ["pytest_runtest_makereport", "pytest_sessionfinish"]

AGENCY_CODE = "000.17.22.H56"
PRINT_SETTINGS = {"contact_phone": "0237 3852 111", "leader_name": "Lê Văn Tâm"}
# the commands and windows the tests start write their log here, not in the user's log folder
os.environ.setdefault(LOG_DIR_ENV, tempfile.mkdtemp(prefix="counter-test-logs-"))
logs.install()  # as every entry point does: the tests see the records production writes
log_audit.start(Path(os.environ[LOG_DIR_ENV]))
RECOVERY_KEYS: dict[Path, str] = {}  # each template's recovery key, by its folder


class MemoryVault:
    """The store keys of a test run, kept in this process's memory only."""

    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None."""
        return self.secrets.get(name)

    def put(self, name: str, secret: str) -> None:
        """Keep ``secret`` as ``name``."""
        self.secrets[name] = secret

    def delete(self, name: str) -> None:
        """Forget ``name``."""
        self.secrets.pop(name, None)


@pytest.fixture(scope="session", autouse=True)
def server_transfer_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The test servers' transfer key file (made on first use), never the user's own folder;
    servers started in a subprocess inherit it."""
    path = tmp_path_factory.mktemp("server-key") / "transfer-key.pem"
    saved = os.environ.get(transfer_key.KEY_ENV)
    os.environ[transfer_key.KEY_ENV] = str(path)
    yield path
    if saved is None:
        os.environ.pop(transfer_key.KEY_ENV, None)
    else:
        os.environ[transfer_key.KEY_ENV] = saved


@pytest.fixture(scope="session", autouse=True)
def store_vault() -> Iterator[MemoryVault]:
    """Every store of the run keeps its key here instead of in the OS keyring."""
    vault = MemoryVault()
    store_keys.use_vault(vault)
    yield vault
    store_keys.use_vault(None)


def store_connection(path: Path) -> sqlite3.Connection:
    """A driver connection to the store file at ``path``, opened with its key."""
    return store_cipher.connect(path, store_keys.require_key(path))


def every_row(path: Path) -> str:
    """Every row of every table of the store at ``path``, as text (the SQLCipher driver has no
    ``iterdump``)."""
    with store_connection(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        text = "\n".join(
            f"{table}: {row!r}"
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}"')
        )
    connection.close()
    return text


def copy_store(source: Path, target: Path) -> Path:
    """Copy the store of data folder ``source`` into ``target`` (made if needed), with its key."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / STORE_FILENAME, target / STORE_FILENAME)
    key = store_keys.require_key(source / STORE_FILENAME)
    store_keys.adopt(target / STORE_FILENAME, key)
    return target


def new_station_store(
    folder: Path, settings: dict[str, str] | None = None, **names: object
) -> Path:
    """Initialise a station in ``folder`` with the tests' own procedures and ``settings``; its
    recovery key goes to RECOVERY_KEYS."""
    station = Station(folder)
    station.initialise(**names)  # type: ignore[arg-type]
    add_test_procedures(station)
    for key, value in (settings or {}).items():
        station.set_setting(key, value)
    recovery_key = station.pending_recovery_key()
    assert recovery_key is not None
    RECOVERY_KEYS[folder] = recovery_key
    station.recovery_key_shown()
    station.close()
    return folder


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with an initialised station (slot 1), the bundled catalogue and the
    tests' own procedures."""
    return new_station_store(
        tmp_path_factory.mktemp("template"),
        PRINT_SETTINGS,  # what forms 02, 04 and 05 cannot do without
        agency_code=AGENCY_CODE,
        agency_name="UBND phường Quảng Hưng",
        parent_name="UBND tỉnh Thanh Hóa",
        place_name="Quảng Hưng",
        slot=1,
    )


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the template store."""
    return copy_store(template_dir, tmp_path / "data")


@pytest.fixture(scope="session")
def secret_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyringBackend]:
    """gnome-keyring on a private D-Bus session for the whole run."""
    with secret_service(tmp_path_factory.mktemp("keyring-home")) as backend:
        yield backend


@pytest.fixture
def real_keyring(secret_backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """The Secret Service as the keyring backend for one test."""
    previous = keyring.get_keyring()
    keyring.set_keyring(secret_backend)
    yield secret_backend
    keyring.set_keyring(previous)


@pytest.fixture
def station(data_dir: Path) -> Iterator[Station]:
    """An open station on a private copy of the template store."""
    opened = Station(data_dir)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts and ends in Vietnamese, whatever language the shell asks for."""
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def keys_in_keyring(real_keyring: KeyringBackend, store_vault: MemoryVault) -> Iterator[None]:
    """The stores this test makes keep their keys in the real keyring, where the processes it
    starts find them too."""
    store_keys.use_vault(None)
    yield
    store_keys.use_vault(store_vault)


@pytest.fixture
def keyring_data_dir(
    data_dir: Path, real_keyring: KeyringBackend, store_vault: MemoryVault
) -> Iterator[Path]:
    """A private copy of the template store whose key is in the real keyring, where a process
    started by the test finds it too."""
    key = store_keys.require_key(data_dir / STORE_FILENAME)
    store_keys.use_vault(None)
    store_keys.adopt(data_dir / STORE_FILENAME, key)
    yield data_dir
    store_keys.use_vault(store_vault)
