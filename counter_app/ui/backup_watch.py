"""Backups without remembering: at the closing time set in Settings and when the window
closes, and a status-bar warning when the last good one is old or its folder is missing.

The copy runs on the input/output pool (a second disk or a USB drive may be slow); the
window's process waits for it before it ends (``app.run`` waits for the pools).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from counter_app.domain.calendar import VN_TZ
from counter_app.station import Station
from counter_app.ui.elided_label import ElidedLabel
from counter_app.ui.operations import Operations
from counter_app.ui.sync_status import WARNING_STYLE

CHECK_MS = 10 * 60_000  # a USB drive pulled out shows within ten minutes


def until(clock: str, now: datetime) -> timedelta:
    """Time from ``now`` to the next ``clock`` (HH:MM, Vietnam time): today's, else tomorrow's."""
    hour, minute = (int(part) for part in clock.split(":"))
    local = now.astimezone(VN_TZ)
    moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if moment <= local:
        moment += timedelta(days=1)
    return moment - local


class BackupWatch(ElidedLabel):
    """The warning in the status bar, hidden while all is well; writes the backups."""

    backed_up = Signal(object)  # the daily copy's Path, or None when no folder is chosen

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.setStyleSheet(WARNING_STYLE)
        self.hide()
        self.closing = QTimer(self)
        self.closing.setSingleShot(True)
        self.closing.timeout.connect(self._on_closing_timeout)
        self.check = QTimer(self)
        self.check.setInterval(CHECK_MS)
        self.check.timeout.connect(self.refresh)

    def start(self) -> None:
        """Look at the backups now, every ten minutes, and plan the closing-time copy."""
        self.check.start()
        self.refresh()
        self.ops.run_db(self.station.settings, self._on_settings_loaded)

    def stop(self) -> None:
        """No more timers (the window closes)."""
        self.check.stop()
        self.closing.stop()

    def on_settings_saved(self, values: dict[str, object]) -> None:
        """A new folder or closing time applies at once."""
        self._on_settings_loaded(values)
        self.refresh()

    def _on_settings_loaded(self, values: dict[str, object]) -> None:
        clock = values.get("backup_time")
        if isinstance(clock, str) and clock:
            self.closing.start(int(until(clock, datetime.now(UTC)).total_seconds() * 1000))

    def _on_closing_timeout(self) -> None:
        self.back_up()
        self.ops.run_db(self.station.settings, self._on_settings_loaded)  # tomorrow's

    def back_up(self) -> None:
        """Write today's backup in the background, then look at the backups again."""
        station = self.station
        self.ops.run_io(
            lambda: station.auto_backup(datetime.now(UTC)), self._on_written, self._on_failed
        )

    def _on_written(self, path: Path | None) -> None:
        self.backed_up.emit(path)
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self._show(message)

    def refresh(self) -> None:
        """Read the backups' state (database thread: the settings and the calendar)."""
        station = self.station
        self.ops.run_db(lambda: station.backup_warning(datetime.now(UTC)), self._show)

    def _show(self, warning: str | None) -> None:
        self.setText(warning or "")
        self.setVisible(bool(warning))
