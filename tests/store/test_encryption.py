"""The store at rest: encrypted with a key this PC's keyring keeps, opened elsewhere only with
the recovery key; a clear store of an earlier Counter is encrypted in place after a backup."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app import store_cipher, store_keys
from counter_app.domain import recovery
from counter_app.domain.errors import InvalidInput, StoreError
from counter_app.models import plaintext
from counter_app.models.database import BACKUP_DIRNAME
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from tests.conftest import RECOVERY_KEYS, MemoryVault, store_connection
from tests.factories import (
    APPLICANT_ADDRESS,
    APPLICANT_ID,
    APPLICANT_NAME,
    APPLICANT_PHONE,
    request,
)

PERSONAL = [
    text.encode()
    for text in (APPLICANT_NAME, "nguyen van duc", APPLICANT_ID, APPLICANT_PHONE, APPLICANT_ADDRESS)
]


def clear_text_in(path: Path) -> list[bytes]:
    """The applicant's fields found in the bytes of ``path``."""
    data = path.read_bytes()
    return [value for value in PERSONAL if value in data]


@pytest.fixture
def other_pc(store_vault: MemoryVault) -> Iterator[MemoryVault]:
    """Another PC: a keyring of its own, holding none of this one's keys."""
    vault = MemoryVault()
    store_keys.use_vault(vault)
    yield vault
    store_keys.use_vault(store_vault)


def test_the_store_and_its_wal_hold_no_clear_text(station: Station) -> None:
    station.receive(request(), actor="clerk")
    files = [station.path, station.path.with_name(STORE_FILENAME + "-wal")]
    assert files[1].stat().st_size > 0  # the receipt is in the WAL, not yet checkpointed
    for path in files:
        assert not store_cipher.is_plaintext(path)
        assert clear_text_in(path) == []
    with store_connection(station.path) as connection:  # and it is there, read with the key
        names = [row[0] for row in connection.execute("SELECT applicant_name FROM dossiers")]
    connection.close()
    assert APPLICANT_NAME in names


def test_a_store_copied_to_another_pc_says_why_and_opens_with_the_recovery_key(
    template_dir: Path, tmp_path: Path, other_pc: MemoryVault
) -> None:
    copied = tmp_path / "other-pc"
    copied.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, copied / STORE_FILENAME)
    before = (copied / STORE_FILENAME).read_bytes()
    with pytest.raises(store_keys.StoreLocked) as refused:
        Station(copied)
    assert "không có trong kho khóa bí mật của máy này" in refused.value.message
    assert "khóa khôi phục" in refused.value.message
    assert (copied / STORE_FILENAME).read_bytes() == before  # nothing was changed
    locked = Station(copied, open_now=False)
    locked.unlock(RECOVERY_KEYS[template_dir])
    identity = locked.identity
    assert identity is not None and identity.agency_code == "000.17.22.H56"
    locked.close()
    again = Station(copied)  # this PC keeps the key now
    assert again.identity == identity
    assert again.pending_recovery_key() is None  # whoever typed it holds the sheet
    again.close()


def test_a_wrong_recovery_key_is_refused_naming_what_is_wrong(
    template_dir: Path, tmp_path: Path, other_pc: MemoryVault
) -> None:
    copied = tmp_path / "other-pc"
    copied.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, copied / STORE_FILENAME)
    locked = Station(copied, open_now=False)
    good = RECOVERY_KEYS[template_dir]
    groups = good.split("-")
    typo = "-".join([*groups[:2], f"{(int(groups[2]) + 1) % 1_000_000:06d}", *groups[3:]])
    with pytest.raises(InvalidInput) as mistyped:
        locked.unlock(typo)
    assert "Nhóm thứ 3" in mistyped.value.message
    another = recovery.text_of(recovery.new_secret())
    with pytest.raises(InvalidInput) as wrong:
        locked.unlock(another)
    assert "không mở được" in wrong.value.message
    with pytest.raises(InvalidInput):
        locked.unlock("12345")
    assert store_keys.stored_key(copied / STORE_FILENAME) is None


def test_the_recovery_key_is_typed_any_way_and_gives_the_same_key() -> None:
    secret = recovery.new_secret()
    text = recovery.text_of(secret)
    groups = text.split("-")
    assert len(groups) == 8 and all(len(g) == 6 and int(g) % 11 == 0 for g in groups)
    for typed in (text, text.replace("-", ""), " ".join(groups), f"  {text}\n"):
        assert recovery.parse(typed) == secret
    assert len(recovery.store_key(secret)) == 32
    assert recovery.store_key(secret) != recovery.store_key(recovery.new_secret())


def test_a_new_store_has_a_recovery_key_waiting_until_it_is_shown(tmp_path: Path) -> None:
    station = Station(tmp_path)
    pending = station.pending_recovery_key()
    assert pending is not None
    key = store_keys.require_key(station.path)
    assert recovery.store_key(recovery.parse(pending)) == key
    station.recovery_key_shown()
    assert station.pending_recovery_key() is None
    station.close()
    assert all(key not in path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert all(
        key.hex().encode() not in path.read_bytes()
        for path in tmp_path.rglob("*")
        if path.is_file()
    )


def _clear_copy(station: Station, target: Path) -> None:
    """A clear copy of the station's store, as an earlier Counter kept it."""
    with store_connection(station.path) as connection:
        connection.execute("ATTACH DATABASE ? AS clear KEY ''", (str(target),))
        connection.execute("SELECT sqlcipher_export('clear')")
        connection.execute("DETACH DATABASE clear")
    connection.close()
    assert store_cipher.is_plaintext(target)


def test_a_clear_store_is_backed_up_then_encrypted_with_its_backups(
    station: Station, tmp_path: Path
) -> None:
    code = station.receive(request(), actor="clerk").code
    earlier = tmp_path / "earlier"
    (earlier / BACKUP_DIRNAME).mkdir(parents=True)
    _clear_copy(station, earlier / STORE_FILENAME)
    _clear_copy(station, earlier / BACKUP_DIRNAME / "counter-before-0003-20260101.sqlite3")
    assert clear_text_in(earlier / STORE_FILENAME)
    upgraded = Station(earlier)
    assert upgraded.dossier(code).applicant["name"] == APPLICANT_NAME
    assert upgraded.pending_recovery_key() is not None  # shown at the first upgrade
    upgraded.close()
    files = [path for path in earlier.rglob("*") if path.is_file()]
    assert any("before-encryption" in path.name for path in files)
    assert not [path for path in files if path.name.endswith((".plaintext", ".encrypting"))]
    for path in files:
        assert clear_text_in(path) == [], path
        assert not store_cipher.is_plaintext(path), path
    key = store_keys.require_key(earlier / STORE_FILENAME)
    for backup in (earlier / BACKUP_DIRNAME).iterdir():
        store_cipher.connect(backup, key).close()  # every backup opens with the store's key


def test_an_interrupted_encryption_is_finished_at_the_next_opening(
    station: Station, tmp_path: Path
) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    path = earlier / STORE_FILENAME
    _clear_copy(station, path)
    clear = path.with_name(path.name + plaintext.CLEAR)
    os.link(path, clear)  # the crash came before the swap: the store is still the clear file
    path.with_name(path.name + plaintext.ENCRYPTING).write_bytes(b"half a copy")
    Station(earlier).close()
    assert not clear.exists() and not path.with_name(path.name + plaintext.ENCRYPTING).exists()
    assert not store_cipher.is_plaintext(path)
    # the crash came after the swap: the clear file's second name is all that is left of it
    old = tmp_path / "old.sqlite3"
    _clear_copy(station, old)
    os.link(old, clear)
    reopened = Station(earlier)
    assert reopened.catalogue()  # the store's full opening, on its first use
    reopened.close()
    assert not clear.exists()
    assert old.read_bytes() == bytes(old.stat().st_size)  # its bytes were overwritten


def test_backups_are_encrypted_and_restore_on_a_new_pc_needs_the_recovery_key(
    template_dir: Path, tmp_path: Path, other_pc: MemoryVault
) -> None:
    new_pc = tmp_path / "new-pc"
    backup = tmp_path / "usb" / "backup.sqlite3"
    backup.parent.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, backup)  # a backup made on the old PC
    assert clear_text_in(backup) == [] and not store_cipher.is_plaintext(backup)
    station = Station(new_pc, open_now=False)
    with pytest.raises(StoreError):
        station.restore(backup)  # this PC's new empty store does not open the old backup
    station.close()
    station = Station(new_pc, open_now=False)
    station.restore(backup, recovery_key=RECOVERY_KEYS[template_dir])
    assert station.identity is not None
    assert station.pending_recovery_key() is None
    station.close()
    reopened = Station(new_pc)
    assert reopened.identity == station.identity
    reopened.close()
