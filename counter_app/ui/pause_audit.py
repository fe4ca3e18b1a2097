"""The leaders' pause audit: every pause of the period, who made it, on what ground, for how
long, and the patterns that signal a clock stopped to hide lateness (read in the background)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.pause_audit import PATTERNS, AuditGroup, PauseAudit, PauseRow
from counter_app.domain.pauses import ground_label
from counter_app.i18n import N_, _
from counter_app.station import Station
from counter_app.ui.operations import Operations
from counter_app.ui.screen_fit import resize_within_screen
from counter_app.ui.tables import RowTable

ROW_COLUMNS = (
    N_("Mã hồ sơ"),
    N_("Thủ tục"),
    N_("Cán bộ"),
    N_("Căn cứ"),
    N_("Lần"),
    N_("Bắt đầu"),
    N_("Kết thúc"),
    N_("Ngày làm việc"),
    N_("Dấu hiệu"),
)
GROUP_COLUMNS = (N_("Nhóm"), N_("Số lần tạm dừng"), N_("Ngày làm việc"), N_("Có dấu hiệu"))
FLAGGED = QColor("#fde2e1")


def _moment(value: datetime | None) -> str:
    return (
        _("đang tạm dừng") if value is None else value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
    )


def row_texts(row: PauseRow) -> list[str]:
    """One pause as the table shows it."""
    return [
        row.code,
        row.procedure,
        row.clerk,
        ground_label(row.ground),
        str(row.number),
        _moment(row.started),
        _moment(row.ended),
        f"{row.working_days:g}",
        "; ".join(_(PATTERNS[name]) for name in row.patterns),
    ]


def _group_texts(group: AuditGroup, label: str) -> list[str]:
    return [label, str(group.pauses), f"{group.working_days:g}", str(group.flagged)]


class PauseAuditDialog(QDialog):
    """The audit of one period: each pause, then the sums by clerk, procedure and ground."""

    audit_loaded = Signal(object)  # PauseAudit

    def __init__(
        self, station: Station, ops: Operations, first: date, last: date, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Kiểm tra tạm dừng thời gian giải quyết"))
        resize_within_screen(self, 1100, 560)
        self.summary = QLabel(_("Đang đọc các lần tạm dừng…"))
        self.summary.setWordWrap(True)
        self.rows = RowTable(ROW_COLUMNS, stretch=8)
        self.groups = {name: RowTable(GROUP_COLUMNS, stretch=0) for name in _GROUPINGS}
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rows, _("Từng lần tạm dừng"))
        for name, title in _GROUPINGS.items():
            self.tabs.addTab(self.groups[name], _(title))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.audit: PauseAudit | None = None
        ops.run_db(lambda: station.pause_audit(first, last), self._on_loaded, self._on_failed)

    def _on_loaded(self, audit: PauseAudit) -> None:
        self.audit = audit
        self.summary.setText(
            _(
                "Từ {first} đến {last}: {n} lần tạm dừng, {flagged} lần có dấu hiệu bất thường "
                "(tô màu)."
            ).format(
                first=audit.first.strftime("%d/%m/%Y"),
                last=audit.last.strftime("%d/%m/%Y"),
                n=len(audit.rows),
                flagged=audit.flagged,
            )
        )
        self.rows.fill([row_texts(row) for row in audit.rows])
        for index, row in enumerate(audit.rows):
            if row.patterns:
                for column in range(self.rows.columnCount()):
                    item = self.rows.item(index, column)
                    if item is not None:
                        item.setBackground(FLAGGED)
        for name in _GROUPINGS:
            label = ground_label if name == "by_ground" else str
            groups = getattr(audit, name)
            self.groups[name].fill([_group_texts(g, label(g.key)) for g in groups])
        self.audit_loaded.emit(audit)

    def _on_failed(self, message: str) -> None:
        self.summary.setText(message)


_GROUPINGS = {
    "by_clerk": N_("Theo cán bộ"),
    "by_procedure": N_("Theo thủ tục"),
    "by_ground": N_("Theo căn cứ"),
}
