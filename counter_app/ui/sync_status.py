"""The status bar's sync corner, and the background rounds that feed it.

A round runs on the input/output pool (``Operations.run_io``), never on the GUI thread: on the
timer every ``sync_interval_seconds`` and on «Đồng bộ ngay». The corner always says online or
offline, how many events wait to go up, when the last sync succeeded, and warns when this PC's
clock is more than five minutes off the server's, when the server announced a newer Counter, and
when it refuses this one as too old (what was saved stays and goes up after the update). Beside
it, the centre's other counters in reach on the local network (``lan_status``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from counter_app.domain.errors import CounterError
from counter_app.i18n import _
from counter_app.services.sync_types import ReleaseNotice, SyncStatus
from counter_app.station import Station
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import CLIENT_TOO_OLD
from counter_app.ui.lan_status import LanCorner
from counter_app.ui.operations import Operations
from counter_app.ui.results import format_moment

WARNING_STYLE = "color: #b71c1c; font-weight: bold"


@dataclass(frozen=True)
class RoundOutcome:
    """How a background round ended, in words for the clerk (None: it went through)."""

    problem: str | None
    refused_as_too_old: bool = False


def run_round(station: Station) -> RoundOutcome:
    """One round, every failure turned into a sentence (runs on the I/O pool)."""
    try:
        station.sync_once()
    except SyncError as error:
        return outcome_of(error)
    except CounterError as error:  # not enrolled, no keyring: say so, do not pop up
        return RoundOutcome(error.message)
    return RoundOutcome(None)


def outcome_of(error: SyncError) -> RoundOutcome:
    """How a failed round is told to the clerk."""
    return RoundOutcome(_problem(error), error.code == CLIENT_TOO_OLD)


def too_old_message(minimum: str) -> str:
    """What the clerk reads when the server refuses this Counter as too old."""
    return _(
        "Máy chủ chỉ nhận Counter {version} trở lên; hãy nhờ cán bộ quản trị cài bản mới. "
        "Dữ liệu trên máy này vẫn giữ nguyên và sẽ được gửi lên sau khi cập nhật."
    ).format(version=minimum or "?")


def release_message(release: ReleaseNotice) -> str:
    """What the clerk reads when the server announced a newer Counter."""
    if release.required_from is None:
        return _("Đã có Counter {version}; hãy nhờ cán bộ quản trị cài đặt.").format(
            version=release.version
        )
    return _(
        "Đã có Counter {version}, bắt buộc từ ngày {day}; hãy nhờ cán bộ quản trị cài đặt."
    ).format(version=release.version, day=f"{release.required_from:%d/%m/%Y}")


def _problem(error: SyncError) -> str:
    if error.code == CLIENT_TOO_OLD:
        return too_old_message(error.minimum_version)
    if error.kind is ErrorKind.CREDENTIALS:
        return _("Máy chủ từ chối mã truy cập của máy này; hãy đăng ký lại (counter-app enrol).")
    if error.kind is ErrorKind.RETRY:
        return _("Không kết nối được máy chủ; dữ liệu chờ gửi sẽ được gửi ở lần sau.")
    return _("Máy chủ từ chối yêu cầu: {detail}").format(detail=error.detail[:200])


class SyncStatusWidget(QWidget):
    """Online/offline, waiting events, last success, clock skew; runs the rounds."""

    status_shown = Signal(object)  # SyncStatus
    round_finished = Signal(object)  # RoundOutcome

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.running = False
        self.problem: str | None = None
        self.refused_as_too_old = False
        self.state_label, self.waiting_label = QLabel(), QLabel()
        self.last_label, self.skew_label, self.update_label = QLabel(), QLabel(), QLabel()
        for warning in (self.skew_label, self.update_label):
            warning.setStyleSheet(WARNING_STYLE)
            warning.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        labels = (self.state_label, self.waiting_label, self.last_label, self.skew_label)
        for label in (*labels, self.update_label):
            layout.addWidget(label)
        self.lan = LanCorner(station, ops, self)  # the centre's other counters
        layout.addWidget(self.lan)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        ops.run_db(station.settings, self._on_settings_loaded)
        self.refresh()

    def _on_settings_loaded(self, settings: dict[str, object]) -> None:
        seconds = settings.get("sync_interval_seconds")
        self.set_interval(seconds if isinstance(seconds, int) else 300)

    def set_interval(self, seconds: int) -> None:
        """Sync every ``seconds`` (0: only on demand)."""
        self.timer.stop()
        if seconds > 0:
            self.timer.start(seconds * 1000)

    def sync_now(self) -> None:
        """Start a round in the background unless one is running."""
        if self.running:
            return
        self.running = True
        self.state_label.setText(_("Đang đồng bộ…"))
        self.ops.run_io(lambda: run_round(self.station), self._on_round_done, self._on_round_failed)

    def _on_round_done(self, outcome: RoundOutcome) -> None:
        self.running = False
        self.problem = outcome.problem
        self.refused_as_too_old = outcome.refused_as_too_old
        self.round_finished.emit(outcome)
        self.refresh()

    def _on_round_failed(self, message: str) -> None:
        self._on_round_done(RoundOutcome(message))

    def refresh(self) -> None:
        """Read the sync state again (database thread) and show it."""
        self.ops.run_db(self.station.sync_status, self._on_status_loaded)

    def _on_status_loaded(self, status: SyncStatus) -> None:
        self.show_status(status)
        self.status_shown.emit(status)

    def show_status(self, status: SyncStatus) -> None:
        """Put ``status`` into the labels."""
        online = status.online and self.problem is None
        self.state_label.setText(_("Trực tuyến") if online else _("Ngoại tuyến"))
        self.state_label.setToolTip(self.problem or status.last_error or "")
        self.waiting_label.setText(_("Chờ gửi: {n}").format(n=status.waiting))
        when = format_moment(status.last_success_at) if status.last_success_at else _("chưa có")
        self.last_label.setText(_("Đồng bộ lần cuối: {when}").format(when=when))
        self.skew_label.setVisible(status.skew_warning)
        if status.skew_warning and status.clock_offset is not None:
            minutes = round(status.clock_offset.total_seconds() / 60)
            self.skew_label.setText(
                _("Đồng hồ máy lệch {n} phút so với máy chủ; hãy chỉnh giờ.").format(n=abs(minutes))
            )
        self._show_update(status.release)

    def _show_update(self, release: ReleaseNotice | None) -> None:
        """The refusal of this Counter as too old, else a newer one announced, else nothing."""
        text = self.problem if self.refused_as_too_old else None
        text = text or (release_message(release) if release is not None else None)
        self.update_label.setVisible(text is not None)
        self.update_label.setText(text or "")
