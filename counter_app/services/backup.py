"""Consistent backups of the store and a restore that refuses anything it cannot trust.

A backup is encrypted with the store's key, like the store: on this PC it restores as it is; on
a new PC (the old one died) it restores with the recovery key, whose key the new PC then keeps.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from counter_app import store_cipher, store_keys
from counter_app.domain.errors import StoreError
from counter_app.i18n import _
from counter_app.models.database import (
    BACKUP_DIRNAME,
    backup_before_upgrade,
    copy_database,
    head_revision,
)

# Numbers issued since the backup are carried over to the restored store: a code, a register
# number or a document number given to a citizen is never issued a second time.
_CARRIED = (
    (
        "SELECT station_id, day, last_number FROM sequence_slots",
        "INSERT INTO sequence_slots (station_id, day, last_number) VALUES (?, ?, ?) "
        "ON CONFLICT (station_id, day) DO UPDATE SET "
        "last_number = max(last_number, excluded.last_number)",
    ),
    (
        "SELECT station_id, series, year, last_number FROM yearly_numbers",
        "INSERT INTO yearly_numbers (station_id, series, year, last_number) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (station_id, series, year) DO UPDATE SET "
        "last_number = max(last_number, excluded.last_number)",
    ),
)


def backup(store_path: Path, target: Path) -> Path:
    """Write a consistent copy of the live store to ``target`` (never half a file)."""
    if target.exists():
        raise StoreError(_("Tệp {path} đã tồn tại; hãy chọn tên khác.").format(path=target))
    partial = target.with_name(target.name + ".partial")
    copy_database(store_path, partial)
    partial.replace(target)
    return target


def check_backup(source: Path, *, local_station_id: str | None, key: bytes) -> None:
    """Raise StoreError unless ``source`` is an intact store of this station and schema that
    ``key`` opens."""
    if not source.is_file():
        raise StoreError(_("Không tìm thấy tệp sao lưu {path}.").format(path=source))
    try:
        connection = store_cipher.connect(source, key, read_only=True)
        try:
            status = connection.execute("PRAGMA integrity_check").fetchone()[0]
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            station = connection.execute("SELECT id FROM stations WHERE is_local = 1").fetchone()
        finally:
            connection.close()
    except (store_cipher.CannotDecrypt, store_cipher.DatabaseError) as error:
        raise StoreError(
            _(
                "Tệp {path} không mở được bằng khóa của dữ liệu này: không phải bản sao lưu của "
                "máy này (bản sao lưu của máy khác cần khóa khôi phục của máy đó) hoặc đã hỏng."
            ).format(path=source)
        ) from error
    if status != "ok":
        raise StoreError(_("Tệp sao lưu {path} bị hỏng; không khôi phục.").format(path=source))
    if revision is None or revision[0] != head_revision():
        raise StoreError(_("Tệp sao lưu {path} thuộc phiên bản dữ liệu khác.").format(path=source))
    if station is None or (local_station_id is not None and station[0] != local_station_id):
        raise StoreError(
            _("Tệp sao lưu {path} là của máy tiếp nhận khác; không khôi phục.").format(path=source)
        )


def restore(source: Path, store_path: Path, *, local_station_id: str | None, key: bytes) -> Path:
    """Replace the store with ``source`` (encrypted with the same ``key``); the store is first
    copied aside.

    Daily sequence numbers and yearly running numbers already issued since the backup are
    carried over, so that no dossier code or document number is issued a second time.
    """
    check_backup(source, local_station_id=local_station_id, key=key)
    aside = backup_before_upgrade(store_path, "restore")
    issued = _issued_numbers(store_path, key)
    copy_database(source, store_path, key)
    _carry_numbers(store_path, key, issued)
    return aside


def restore_elsewhere(source: Path, store_path: Path, *, key: bytes) -> Path | None:
    """Make ``source``, a backup of another PC opened with its recovery key's ``key``, the store
    at ``store_path`` of this PC, which keeps that key from now on. A store already there with
    no station yet is moved to ``backups/`` (returned), never overwritten."""
    check_backup(source, local_station_id=None, key=key)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    aside = _set_aside(store_path)
    store_cipher.copy(source, store_path, key)
    store_keys.adopt(store_path, key)
    store_keys.recovery_shown(store_path)  # the leader already holds this store's recovery key
    return aside


def _set_aside(store_path: Path) -> Path | None:
    if not store_path.exists():
        return None
    folder = store_path.parent / BACKUP_DIRNAME
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{store_path.stem}-replaced-{os.urandom(4).hex()}.sqlite3"
    for suffix in ("-wal", "-shm"):
        companion = store_path.with_name(store_path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    store_path.replace(target)
    return target


def _issued_numbers(store_path: Path, key: bytes) -> list[list[tuple[object, ...]]]:
    connection = store_cipher.connect(store_path, key)
    try:
        rows = [connection.execute(select).fetchall() for select, _insert in _CARRIED]
    finally:
        connection.close()
    return [[tuple(row) for row in found] for found in rows]


def _carry_numbers(store_path: Path, key: bytes, issued: list[list[tuple[object, ...]]]) -> None:
    connection: sqlite3.Connection = store_cipher.connect(store_path, key)
    try:
        with connection:
            for (_select, insert), rows in zip(_CARRIED, issued, strict=True):
                connection.executemany(insert, rows)
    finally:
        connection.close()
