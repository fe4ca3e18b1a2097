"""Consistent backups of the store and a restore that refuses anything it cannot trust."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from counter_app.domain.errors import StoreError
from counter_app.i18n import _
from counter_app.models.database import backup_before_upgrade, copy_database, head_revision

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


def check_backup(source: Path, *, local_station_id: str | None) -> None:
    """Raise StoreError unless ``source`` is an intact store of this station and schema."""
    if not source.is_file():
        raise StoreError(_("Không tìm thấy tệp sao lưu {path}.").format(path=source))
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as connection:
            status = connection.execute("PRAGMA integrity_check").fetchone()[0]
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            station = connection.execute("SELECT id FROM stations WHERE is_local = 1").fetchone()
        connection.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            _("Tệp {path} không phải bản sao lưu của Counter hoặc đã hỏng.").format(path=source)
        ) from error
    if status != "ok":
        raise StoreError(_("Tệp sao lưu {path} bị hỏng; không khôi phục.").format(path=source))
    if revision is None or revision[0] != head_revision():
        raise StoreError(_("Tệp sao lưu {path} thuộc phiên bản dữ liệu khác.").format(path=source))
    if local_station_id is not None and (station is None or station[0] != local_station_id):
        raise StoreError(
            _("Tệp sao lưu {path} là của máy tiếp nhận khác; không khôi phục.").format(path=source)
        )


def restore(source: Path, store_path: Path, *, local_station_id: str | None) -> Path:
    """Replace the store with ``source``; the store is first copied aside.

    Daily sequence numbers and yearly running numbers already issued since the backup are
    carried over, so that no dossier code or document number is issued a second time.
    """
    check_backup(source, local_station_id=local_station_id)
    aside = backup_before_upgrade(store_path, "restore")
    issued = _issued_numbers(store_path)
    copy_database(source, store_path)
    _carry_numbers(store_path, issued)
    return aside


def _issued_numbers(store_path: Path) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(store_path) as connection:
        rows = [connection.execute(select).fetchall() for select, _insert in _CARRIED]
    connection.close()
    return [[tuple(row) for row in found] for found in rows]


def _carry_numbers(store_path: Path, issued: list[list[tuple[object, ...]]]) -> None:
    with sqlite3.connect(store_path) as connection:
        for (_select, insert), rows in zip(_CARRIED, issued, strict=True):
            connection.executemany(insert, rows)
    connection.close()
