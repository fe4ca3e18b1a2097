"""End of day (Đối soát cuối ngày): per counter, today's work against what the server holds.

Read in a background operation when the dialog opens and on «Làm mới»; what needs a person —
events set aside, dossier conflicts, long silence — is listed under the table, and the conflicts
once more in a list to open their dossiers and mark them handled.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import N_, _
from counter_app.services.sync_report import CounterDay, Reconciliation
from counter_app.station import Station
from counter_app.ui.conflicts_panel import ConflictsPanel
from counter_app.ui.operations import Operations
from counter_app.ui.results import format_moment
from counter_app.ui.screen_fit import resize_within_screen
from counter_app.ui.sync_status import WARNING_STYLE

COLUMNS = (
    N_("Quầy"),
    N_("Hồ sơ tiếp nhận"),
    N_("Hồ sơ trả kết quả"),
    N_("Sự kiện hôm nay"),
    N_("Máy chủ đã nhận"),
)


def counter_cells(day: CounterDay) -> tuple[str, ...]:
    """One table row: the counter and its four counts."""
    name = _("{name} (máy này)").format(name=day.name) if day.is_local else day.name
    counts = (day.received, day.returned, day.events_today, day.acknowledged_today)
    return (name, *(str(count) for count in counts))


def attention_lines(report: Reconciliation) -> list[str]:
    """Everything a person must look at, in words."""
    lines = [
        _("Chờ gửi: {n} sự kiện, cũ nhất lúc {when}.").format(
            n=report.status.waiting, when=format_moment(report.oldest_waiting_at)
        )
    ]
    if report.contact_warning:
        days = report.days_since_contact
        lines.append(
            _("Chưa từng đồng bộ thành công với máy chủ.")
            if days is None
            else _("Đã {n} ngày chưa đồng bộ được với máy chủ.").format(n=days)
        )
    lines += [
        _("Sự kiện số {seq} bị máy chủ gác lại: {reason}").format(seq=seq, reason=reason)
        for _id, seq, reason in report.set_aside
    ]
    lines += [
        _("Hồ sơ {code} có sự kiện không khớp trạng thái: {reason}").format(code=code, reason=why)
        for code, _id, why in report.conflicts
    ]
    return lines


class ReconciliationDialog(QDialog):
    """The end-of-day table, the list of what needs attention and the open conflicts."""

    open_requested = Signal(str)  # a dossier code from the conflicts: the dialog has closed

    def __init__(
        self,
        station: Station,
        ops: Operations,
        *,
        actor: str,
        role: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.loaded = False
        self.setWindowTitle(_("Đối soát cuối ngày"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        header = self.table.horizontalHeader()  # whole titles: «Hồ sơ trả kết quả» was cut
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("0000000"))
        self.attention = QLabel()
        self.attention.setWordWrap(True)
        self.conflicts = ConflictsPanel(station, ops, actor=actor, role=role)
        self.conflicts.open_requested.connect(self._open_dossier)
        self.conflicts.resolved.connect(self.refresh)
        self.refresh_button = QPushButton(_("Làm mới"))
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        for widget in (self.table, self.attention, self.conflicts, self.refresh_button):
            layout.addWidget(widget)
        resize_within_screen(self, 900, 440)
        self.refresh()

    def refresh(self) -> None:
        """Read the reconciliation again on the database thread."""
        self.ops.run_db(self.station.sync_reconciliation, self._on_report_loaded)

    def _open_dossier(self, code: str) -> None:
        self.accept()
        self.open_requested.emit(code)

    def _on_report_loaded(self, report: Reconciliation) -> None:
        self.table.setRowCount(len(report.counters))
        for row, day in enumerate(report.counters):
            for column, text in enumerate(counter_cells(day)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        urgent = report.contact_warning or report.set_aside or report.conflicts
        self.attention.setStyleSheet(WARNING_STYLE if urgent else "")
        self.attention.setText("\n".join(attention_lines(report)))
        self.conflicts.show_conflicts(report.conflicts)
        self.loaded = True
