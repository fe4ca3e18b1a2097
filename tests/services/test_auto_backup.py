"""Backups without remembering: checked copies in the chosen folder, 7 daily and 4 weekly kept,
and what the status bar says when they are missing or old."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from counter_app import store_cipher, store_keys
from counter_app.domain.errors import StoreError
from counter_app.services.auto_backup import BackupState, backup_state, stale, write_backup
from counter_app.services.backup import check_backup
from counter_app.station import Station
from tests.factories import request, vn


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_backup_is_a_checked_copy_named_by_its_day_and_week(
    station: Station, tmp_path: Path
) -> None:
    code = station.receive(request(), actor="an").code
    written = write_backup(station.store.path, tmp_path, vn(2026, 3, 18, 17, 30))
    assert written == tmp_path / "hang-ngay" / "counter-2026-03-18.sqlite3"
    assert _names(tmp_path / "hang-tuan") == ["counter-2026-W12.sqlite3"]
    key = store_keys.require_key(station.store.path)
    check_backup(written, local_station_id=station.context().identity.station_id, key=key)
    assert not store_cipher.is_plaintext(written)  # encrypted with the store's key
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "counter.sqlite3").write_bytes(written.read_bytes())
    store_keys.adopt(restored / "counter.sqlite3", key)  # this PC keeps the key
    again = Station(restored)
    assert again.dossier(code).code == code
    again.close()
    assert not list(tmp_path.rglob("*.partial"))


def test_seven_days_and_four_weeks_are_kept(station: Station, tmp_path: Path) -> None:
    start = vn(2026, 3, 2, 17, 30)  # Monday of ISO week 10
    for day in range(35):  # five weeks, one backup a day
        write_backup(station.store.path, tmp_path, start + timedelta(days=day))
    assert _names(tmp_path / "hang-ngay") == [
        f"counter-{(start + timedelta(days=day)).date().isoformat()}.sqlite3"
        for day in range(28, 35)
    ]
    assert _names(tmp_path / "hang-tuan") == [
        "counter-2026-W11.sqlite3",
        "counter-2026-W12.sqlite3",
        "counter-2026-W13.sqlite3",
        "counter-2026-W14.sqlite3",
    ]


def test_a_second_backup_the_same_day_replaces_the_first(station: Station, tmp_path: Path) -> None:
    write_backup(station.store.path, tmp_path, vn(2026, 3, 18, 12))
    code = station.receive(request(), actor="an").code
    later = write_backup(station.store.path, tmp_path, vn(2026, 3, 18, 17, 30))
    assert _names(tmp_path / "hang-ngay") == ["counter-2026-03-18.sqlite3"]
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "counter.sqlite3").write_bytes(later.read_bytes())
    store_keys.adopt(restored / "counter.sqlite3", store_keys.require_key(station.store.path))
    again = Station(restored)
    assert again.dossier(code).code == code  # the evening's copy holds the afternoon's dossier
    again.close()


def test_a_missing_folder_writes_nothing_and_says_so(station: Station, tmp_path: Path) -> None:
    gone = tmp_path / "usb"
    with pytest.raises(StoreError, match="Không thấy thư mục sao lưu"):
        write_backup(station.store.path, gone, vn(2026, 3, 18, 17, 30))
    assert not gone.exists()


def test_what_the_status_bar_says(station: Station, tmp_path: Path) -> None:
    calendar = station.calendar()
    now = vn(2026, 3, 18, 9)
    assert "Chưa chọn thư mục" in (backup_state("").warning(now, calendar) or "")
    missing = backup_state(str(tmp_path / "usb"))
    assert "Không thấy thư mục sao lưu" in (missing.warning(now, calendar) or "")
    empty = backup_state(str(tmp_path))
    assert "Chưa có bản sao lưu nào" in (empty.warning(now, calendar) or "")
    written = write_backup(station.store.path, tmp_path, vn(2026, 3, 17, 17, 30))
    yesterday = vn(2026, 3, 17, 17, 30).timestamp()
    os.utime(written, (yesterday, yesterday))
    assert backup_state(str(tmp_path)).warning(now, calendar) is None
    assert "cũ" in (backup_state(str(tmp_path)).warning(vn(2026, 3, 19, 9), calendar) or "")


@pytest.mark.parametrize(
    ("last", "now", "old"),
    [
        (vn(2026, 3, 17, 17, 30), vn(2026, 3, 18, 17, 0), False),  # within a day
        (vn(2026, 3, 17, 17, 30), vn(2026, 3, 18, 18, 0), False),  # a day, no working day missed
        (vn(2026, 3, 17, 17, 30), vn(2026, 3, 19, 8, 0), True),  # all of Wednesday without one
        (vn(2026, 3, 13, 17, 30), vn(2026, 3, 16, 8, 0), False),  # Friday's on Monday morning
        (vn(2026, 3, 13, 17, 30), vn(2026, 3, 17, 8, 0), True),  # and on Tuesday: Monday missed
    ],
)
def test_old_means_a_working_day_went_by_without_one(
    station: Station, last: datetime, now: datetime, old: bool
) -> None:
    assert stale(last, now, station.calendar()) is old
    state = BackupState("/media/usb", True, last)
    assert (state.warning(now, station.calendar()) is not None) is old
