"""The store's key in the real OS keyring (a private gnome-keyring), and the clear refusal when a
PC has none."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from counter_app import store_keys
from counter_app.cli import main
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from tests.conftest import MemoryVault


@pytest.fixture
def os_keyring(real_keyring: KeyringBackend, store_vault: MemoryVault) -> Iterator[KeyringBackend]:
    """Store keys go to the real keyring for one test."""
    store_keys.use_vault(None)
    yield real_keyring
    store_keys.use_vault(store_vault)


@pytest.fixture
def no_keyring(store_vault: MemoryVault) -> Iterator[None]:
    """A PC with no usable keyring backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    store_keys.use_vault(None)
    yield
    store_keys.use_vault(store_vault)
    keyring.set_keyring(previous)


def _entry(prefix: str, store: Path) -> str:
    """The keyring entry's name, as an administrator sees it in the keyring's manager."""
    return prefix + os.path.normcase(str(store.resolve()))


def test_the_store_key_and_the_waiting_recovery_key_live_in_the_keyring_only(
    tmp_path: Path, os_keyring: KeyringBackend
) -> None:
    station = Station(tmp_path / "data")
    kept = os_keyring.get_password("counter-app", _entry("store-key:", station.path))
    assert kept is not None
    assert bytes.fromhex(kept) == store_keys.require_key(station.path)
    waiting = os_keyring.get_password("counter-app", _entry("store-recovery:", station.path))
    assert waiting is not None and waiting == station.pending_recovery_key()
    station.recovery_key_shown()
    assert os_keyring.get_password("counter-app", _entry("store-recovery:", station.path)) is None
    station.close()
    for path in (path for path in (tmp_path / "data").rglob("*") if path.is_file()):
        content = path.read_bytes()
        assert bytes.fromhex(kept) not in content and kept.encode() not in content
        assert waiting.encode() not in content and waiting.replace("-", "").encode() not in content


def test_a_pc_without_a_keyring_says_so_and_writes_nothing(
    tmp_path: Path, no_keyring: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(store_keys.StoreKeyUnavailable) as refused:
        Station(tmp_path / "data")
    assert "gnome-keyring" in refused.value.message and "Windows" in refused.value.message
    assert not (tmp_path / "data" / STORE_FILENAME).exists()
    status = main(["--data-dir", str(tmp_path / "data"), "search", "Nguyễn"])
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "keyring" in err and "Traceback" not in err
    assert not (tmp_path / "data" / STORE_FILENAME).exists()


def test_an_existing_store_is_left_untouched_without_a_keyring(
    data_dir: Path, store_vault: MemoryVault, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / STORE_FILENAME
    before = path.read_bytes()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    store_keys.use_vault(None)
    try:
        assert main(["--data-dir", str(data_dir), "dossier", "show", "X"]) == 1
    finally:
        store_keys.use_vault(store_vault)
        keyring.set_keyring(previous)
    assert "kho khóa bí mật" in capsys.readouterr().err
    assert path.read_bytes() == before
