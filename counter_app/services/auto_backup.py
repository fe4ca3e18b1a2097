"""Backups nobody has to remember: written at closing time and when the window closes.

Each copy is consistent (SQLite's backup API), encrypted with the store's key as the store is,
checked (``PRAGMA quick_check``) and only then given its name, so a file with a backup's name is
a good backup: on a new PC it opens with the recovery key. They go to the folder the
administrator chose (a second disk or a USB drive): ``hang-ngay/counter-YYYY-MM-DD.sqlite3``
(today's replaces an earlier one of today; the newest 7 days are kept) and
``hang-tuan/counter-YYYY-Www.sqlite3`` (the first of each ISO week; the newest 4 are kept).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app import store_cipher, store_keys
from counter_app.domain.calendar import VN_TZ, WorkingCalendar
from counter_app.domain.errors import StoreError
from counter_app.i18n import _
from counter_app.models.database import copy_database

DAILY, WEEKLY = "hang-ngay", "hang-tuan"
DAILY_KEEP, WEEKLY_KEEP = 7, 4
PREFIX, SUFFIX = "counter-", ".sqlite3"


@dataclass(frozen=True)
class BackupState:
    """Where backups go and when the last good one was written."""

    folder: str  # "" when the administrator has chosen none
    reachable: bool  # the folder is there (the USB drive is plugged in)
    last_good: datetime | None

    def warning(self, now: datetime, calendar: WorkingCalendar) -> str | None:
        """What the status bar says, or None when all is well: no folder chosen, the folder
        missing, or a whole working day gone by since the last good backup."""
        if not self.folder:
            return _("Chưa chọn thư mục sao lưu tự động; hãy nhờ quản trị viên chọn trong Cài đặt.")
        if not self.reachable:
            return _("Không thấy thư mục sao lưu {folder} (ổ USB chưa cắm?).").format(
                folder=self.folder
            )
        if self.last_good is None:
            return _("Chưa có bản sao lưu nào trong {folder}.").format(folder=self.folder)
        if stale(self.last_good, now, calendar):
            return _("Bản sao lưu gần nhất đã cũ: {when}.").format(
                when=self.last_good.astimezone(VN_TZ).strftime(_("%H:%M ngày %d/%m/%Y"))
            )
        return None


def stale(last_good: datetime, now: datetime, calendar: WorkingCalendar) -> bool:
    """True when more than a day has passed and a working day went by without a backup
    (Friday evening's copy is still fresh on Monday morning)."""
    if (now - last_good).total_seconds() <= 86_400:
        return False
    day, today = last_good.astimezone(VN_TZ).date(), now.astimezone(VN_TZ).date()
    return calendar.next_working_day(day) < today


def write_backup(store_path: Path, folder: Path, now: datetime) -> Path:
    """Today's daily copy, this week's weekly copy if it has none, the oldest ones removed."""
    if not folder.is_dir():
        raise StoreError(
            _("Không thấy thư mục sao lưu {folder} (ổ USB chưa cắm?).").format(folder=folder)
        )
    day = now.astimezone(VN_TZ).date()
    year, week, _weekday = day.isocalendar()
    try:
        daily = _checked_copy(store_path, folder / DAILY / f"{PREFIX}{day.isoformat()}{SUFFIX}")
        weekly = folder / WEEKLY / f"{PREFIX}{year}-W{week:02d}{SUFFIX}"
        if not weekly.exists():
            weekly.parent.mkdir(exist_ok=True)
            partial = weekly.with_name(weekly.name + ".partial")
            shutil.copyfile(daily, partial)
            partial.replace(weekly)
        _keep_newest(folder / DAILY, DAILY_KEEP)
        _keep_newest(folder / WEEKLY, WEEKLY_KEEP)
    except (OSError, store_cipher.Error) as error:  # a full or pulled-out drive, a read-only one
        raise StoreError(
            _("Không ghi được bản sao lưu vào {folder}: {reason}").format(
                folder=folder, reason=error.__class__.__name__
            )
        ) from error
    return daily


def backup_state(folder_text: str) -> BackupState:
    """What the folder holds now (a USB drive may have been pulled out since)."""
    if not folder_text:
        return BackupState("", False, None)
    folder = Path(folder_text)
    if not folder.is_dir():
        return BackupState(folder_text, False, None)
    copies = _copies(folder / DAILY)
    last = datetime.fromtimestamp(copies[-1].stat().st_mtime, VN_TZ) if copies else None
    return BackupState(folder_text, True, last)


def _checked_copy(store_path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        key = store_keys.require_key(store_path)
        copy_database(store_path, partial, key)
        connection = store_cipher.connect(partial, key)  # read-write: closing removes its WAL
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
        if verdict != "ok":
            raise StoreError(_("Bản sao lưu vừa ghi bị hỏng; hãy kiểm tra ổ đĩa sao lưu."))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _copies(folder: Path) -> list[Path]:
    """The finished copies in ``folder``, oldest first (their names sort by date)."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob(f"{PREFIX}*{SUFFIX}") if path.is_file())


def _keep_newest(folder: Path, keep: int) -> None:
    for old in _copies(folder)[:-keep]:
        old.unlink()
