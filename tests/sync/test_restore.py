"""A station restored from an old backup takes its events back: nothing doubled, nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from counter_app import store_keys
from counter_app.station import Station
from tests.conftest import RECOVERY_KEYS, MemoryVault
from tests.sync.helpers import received, sync
from tests.sync.test_faults import held_on_server


def test_restore_from_an_old_backup_resyncs_without_duplicates(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str, tmp_path: Path
) -> None:
    station = enrolled(1)
    first = received(station, hour=8)
    station.backup(tmp_path / "yesterday.sqlite3")
    later = [received(station, hour=9), received(station, hour=10)]
    sync(station, client)
    station.restore(tmp_path / "yesterday.sqlite3")
    after_restore = received(station, hour=11)  # written before the station next syncs
    report = sync(station, client)
    assert (report.restored, report.rechained) == (3, 1)
    codes = [first, *later, after_restore]
    assert len(set(codes)) == 4  # no code issued twice
    assert [station.dossier(code).code for code in codes] == codes
    assert held_on_server(database_url) == 4
    assert station.verify().ok
    assert station.sync_status().waiting == 0
    again = sync(station, client)
    assert (again.restored, again.pushed) == (0, 0)


def test_a_replacement_pc_issues_no_code_the_server_saw(
    enrolled: Callable[[int], Station],
    client: TestClient,
    template_dir: Path,
    tmp_path: Path,
    store_vault: MemoryVault,
) -> None:
    station = enrolled(1)
    station.backup(tmp_path / "old.sqlite3")
    sent = received(station, hour=8)
    sync(station, client)
    station.close()  # the PC dies; its backup is restored on a new one with the recovery key
    store_keys.use_vault(MemoryVault())  # the new PC's keyring (the keyring's token is copied)
    replacement = Station(tmp_path / "new-pc", open_now=False)
    try:
        replacement.restore(tmp_path / "old.sqlite3", recovery_key=RECOVERY_KEYS[template_dir])
        sync(replacement, client)  # takes back the dossier and its daily number
        assert replacement.dossier(sent).code == sent
        again = received(replacement, hour=9)
        assert again != sent
        # nor the register number the server saw: the book goes on after it
        numbers = [replacement.dossier(code).register_number for code in (sent, again)]
        assert numbers[0] is not None and numbers[1] == numbers[0] + 1
        assert replacement.verify().ok
    finally:
        replacement.close()
        store_keys.use_vault(store_vault)
