"""The due board (Hạn giải quyết): open dossiers late, due today or due within N working days.

The list is read in a background operation each time the screen is shown, on F5 and when the
number of days changes; a double-click or Enter on a row asks the window to open the dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.access import AccessKind, Via
from counter_app.i18n import C_, NC_, _
from counter_app.services.due_board import (
    MAX_WITHIN_DAYS,
    ROWS_PER_GROUP,
    DueList,
    DueRow,
    Group,
    due_list,
)
from counter_app.station import Station
from counter_app.ui.due_table import DueTable, DueTableModel
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.procedure_text import ProcedureDelegate, procedure_text
from counter_app.ui.results import format_moment

DEFAULT_WITHIN_DAYS = 3
PROCEDURE_COLUMN = 3
SIZED_ROWS = 50  # the columns fit the first rows: measuring every row held the GUI thread
GROUP_COLOURS: dict[Group, QColor | None] = {
    "late": QColor("#ffcdd2"),
    "today": QColor("#ffe0b2"),
    "soon": None,
}
COLUMNS: tuple[str, ...] = (
    NC_("column", "Tình trạng hạn"),
    NC_("column", "Mã hồ sơ"),
    NC_("column", "Người nộp"),
    NC_("column", "Thủ tục"),
    NC_("column", "Trạng thái"),
    NC_("column", "Hạn giải quyết"),
    NC_("column", "Số lần xin lỗi"),
)


def group_text(row: DueRow) -> str:
    """The group in words, so the colour is never the only sign."""
    if row.group == "late":
        if row.days_late:
            return _("Quá hạn {n} ngày").format(n=row.days_late)
        if row.hours_late:
            return _("Quá hạn trong ngày ({n} giờ)").format(n=row.hours_late)
        return _("Quá hạn trong ngày")
    if row.group == "today":
        return _("Đến hạn hôm nay")
    return _("Sắp đến hạn")


def row_cells(row: DueRow) -> tuple[str, ...]:
    """The texts of ``row``'s cells, in COLUMNS order."""
    return (
        group_text(row),
        row.code,
        row.applicant_name,
        procedure_text(row.procedure_name, row.procedure_code),
        row.state_label,
        format_moment(row.due_at),
        str(row.apology_count),
    )


class DueBoard(ShowsMessages, QWidget):
    """Open dossiers by how close they are to their due date."""

    dossier_requested = Signal(str)
    rows_loaded = Signal(object)  # list[DueRow]
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.rows_per_group = ROWS_PER_GROUP
        self.rows: list[DueRow] = []
        self._request = 0
        self._build()
        self.days_spin.valueChanged.connect(lambda _value: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.table.doubleClicked.connect(lambda index: self._choose(index.row()))
        self.table.row_chosen.connect(self._choose)

    def _build(self) -> None:
        self.counts_label = QLabel()
        self.counts_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, MAX_WITHIN_DAYS)
        self.days_spin.setValue(DEFAULT_WITHIN_DAYS)
        self.days_spin.setSuffix(_(" ngày làm việc"))
        self.refresh_button = QPushButton(_("Làm mới (F5)"))
        self.refresh_button.setShortcut("F5")
        controls = QHBoxLayout()
        days_label = QLabel(_("Sắp đến hạn trong"))
        days_label.setBuddy(self.days_spin)
        controls.addWidget(days_label)
        controls.addWidget(self.days_spin)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        self.model = DueTableModel(
            [C_("column", title) for title in COLUMNS], row_cells, GROUP_COLOURS
        )
        self.table = DueTable()
        self.table.setModel(self.model)
        self.procedure_delegate = ProcedureDelegate(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(PROCEDURE_COLUMN, self.procedure_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the procedure's name gives way (its end elided, the code kept); the rest fit
        header.setSectionResizeMode(PROCEDURE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(SIZED_ROWS)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        self._show_counts({"late": 0, "today": 0, "soon": 0})

    # -- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Read the list afresh each time the screen comes into view."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the list in the background; only the newest answer is shown."""
        self._request += 1
        request, station, actor = self._request, self.station, self.actor
        now, within_days, per_group = self.clock(), self.days_spin.value(), self.rows_per_group

        def load() -> DueList:
            calendar = station.calendar()
            with station.store.write() as db:  # the list shows names: it goes on the access log
                listed = due_list(
                    db, calendar=calendar, now=now, within_days=within_days, per_group=per_group
                )
                station.privacy.record_in(
                    db,
                    AccessKind.LIST,
                    actor=actor,
                    via=Via.GUI,
                    detail={"shown": len(listed.rows)},
                )
            return listed

        self.show_info(_("Đang tải danh sách…"))
        self.ops.run_db(
            load,
            lambda listed: self._on_loaded(request, listed),
            lambda message: self._on_failed(request, message),
        )

    def _on_failed(self, request: int, message: str) -> None:
        if request == self._request:
            self.show_error(message)

    def _on_loaded(self, request: int, listed: DueList) -> None:
        if request != self._request:
            return
        self.rows = listed.rows
        self.model.set_rows(listed.rows)
        if listed.rows:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._show_counts(listed.counts)
        if listed.shortened:
            self.show_info(
                _(
                    "Mỗi nhóm chỉ hiện {n} hồ sơ đầu (quá hạn lâu nhất trước); các số đếm ở trên"
                    " là đầy đủ. Nhấn Enter hoặc nháy đúp vào một dòng để mở hồ sơ."
                ).format(n=self.rows_per_group)
            )
        elif listed.rows:
            self.show_info(_("Nhấn Enter hoặc nháy đúp vào một dòng để mở hồ sơ."))
        else:
            self.show_info(_("Không có hồ sơ quá hạn hay sắp đến hạn."))
        self.rows_loaded.emit(listed.rows)

    def _show_counts(self, counts: dict[Group, int]) -> None:
        self.counts_label.setText(
            _("Quá hạn: {late} — Đến hạn hôm nay: {today} — Sắp đến hạn: {soon}").format(
                late=counts["late"], today=counts["today"], soon=counts["soon"]
            )
        )

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.dossier_requested.emit(self.rows[index].code)
