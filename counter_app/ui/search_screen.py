"""The Search screen (Tìm kiếm): one box, filters by state, field and period, a results table.

The search runs on the database thread (a progress dialog appears if it passes a second); Enter
or a double-click on a row asks the window to open the dossier.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.access import Via
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import STATE_LABELS, State
from counter_app.i18n import N_, _
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.search_types import DossierSummary, SearchFilters
from counter_app.station import Station
from counter_app.ui.dates import parse_day
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.procedure_text import ProcedureDelegate, procedure_text
from counter_app.ui.progress import Progress, Report, run_with_progress
from counter_app.ui.results import format_moment
from counter_app.ui.tables import RowTable

LIMIT = 200
COLUMNS = (
    N_("Mã hồ sơ"),
    N_("Người nộp"),
    N_("Thủ tục"),
    N_("Ngày nhận"),
    N_("Hẹn trả"),
    N_("Trạng thái"),
)
PROCEDURE_COLUMN = 2
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchScreen(ShowsMessages, QWidget):
    """Find dossiers by code, ID number, phone or name, narrowed by filters."""

    dossier_requested = Signal(str)
    results_shown = Signal(object)  # list[DossierSummary]
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.rows: list[DossierSummary] = []
        self._names: dict[str, str] = {}
        self._request = 0
        self._build()
        self._connect_signals()
        ops.run_db(station.fields, self._on_fields_loaded, self.show_error)
        ops.run_db(station.catalogue, self._on_catalogue_loaded, self.show_error)

    def _build(self) -> None:
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(_("Mã hồ sơ, số định danh, điện thoại hoặc họ tên"))
        self.state_combo = QComboBox()
        self.state_combo.addItem(_("Mọi trạng thái"), None)
        for state in State:
            self.state_combo.addItem(_(STATE_LABELS[state]), state.value)
        self.field_combo = QComboBox()
        self.field_combo.addItem(_("Mọi lĩnh vực"), None)
        self.from_edit, self.to_edit = QLineEdit(), QLineEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setPlaceholderText(_("ngày/tháng/năm"))
        self.search_button = QPushButton(_("Tìm (Enter)"))
        self.search_button.setToolTip(_("Tìm (Enter)"))
        form = QFormLayout()
        form.addRow(_("Tìm"), self.query_edit)
        filters = QHBoxLayout()
        for label, widget in (
            (_("Trạng thái"), self.state_combo),
            (_("Lĩnh vực"), self.field_combo),
            (_("Nhận từ ngày"), self.from_edit),
            (_("đến ngày"), self.to_edit),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1)
        filters.addWidget(self.search_button)
        form.addRow(filters)
        self.table = RowTable(COLUMNS, stretch=PROCEDURE_COLUMN)
        self.procedure_delegate = ProcedureDelegate(self.table)
        self.table.setItemDelegateForColumn(PROCEDURE_COLUMN, self.procedure_delegate)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        chain: list[QWidget] = [self.query_edit, self.state_combo, self.field_combo]
        chain += [self.from_edit, self.to_edit, self.search_button, self.table]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.progress = Progress(self, _("Đang tìm hồ sơ…"))

    def _connect_signals(self) -> None:
        self.search_button.clicked.connect(self.run_search)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._choose(row))
        self.table.row_chosen.connect(self._choose)

    def _on_fields_loaded(self, fields: list[str]) -> None:
        for name in fields:
            self.field_combo.addItem(name, name)

    def _on_catalogue_loaded(self, entries: list[CatalogueEntry]) -> None:
        self._names = {entry.spec.code: entry.spec.name for entry in entries}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter anywhere outside the table searches."""
        if event.key() in _ENTER:
            self.run_search()
        else:
            super().keyPressEvent(event)

    # -- searching ------------------------------------------------------------------------------

    def filters(self) -> SearchFilters:
        """The filters as chosen; InvalidInput for a badly typed day."""
        start = parse_day(self.from_edit.text(), _("Nhận từ ngày"))
        end = parse_day(self.to_edit.text(), _("đến ngày"))
        if start is not None and end is not None and end < start:
            raise InvalidInput(_("Ngày kết thúc trước ngày bắt đầu; hãy sửa lại."), field="period")
        return SearchFilters(
            state=self.state_combo.currentData(),
            field=self.field_combo.currentData(),
            received_from=start,
            received_to=end,
        )

    def run_search(self) -> None:
        """Search with the box and the filters, in the background."""
        try:
            filters = self.filters()
        except InvalidInput as error:
            self.show_error(error.message)
            return
        query = self.query_edit.text()
        if not query.strip() and not filters.any:
            self.show_error(_("Hãy gõ điều cần tìm hoặc chọn ít nhất một điều kiện lọc."))
            return
        self._request += 1
        request, station, actor = self._request, self.station, self.actor

        def find(_report: Report) -> list[DossierSummary]:
            return station.privacy.search(
                query, actor=actor, via=Via.GUI, limit=LIMIT, filters=filters
            )

        self.show_info(_("Đang tìm…"))
        run_with_progress(
            self.ops,
            self.progress,
            find,
            lambda rows: self._on_found(request, rows),
            lambda message: self._on_failed(request, message),
        )

    def show_found(self, query: str, rows: list[DossierSummary]) -> None:
        """Show results found elsewhere (the toolbar box, no filters) as if searched here: the
        box and the filters say what was searched, so «Tìm» finds the same again."""
        self.query_edit.setText(query)
        self.clear_filters()
        self._request += 1
        self._on_found(self._request, rows)

    def clear_filters(self) -> None:
        """Every state, every field, any day."""
        self.state_combo.setCurrentIndex(0)
        self.field_combo.setCurrentIndex(0)
        self.from_edit.clear()
        self.to_edit.clear()

    def _on_failed(self, request: int, message: str) -> None:
        if request == self._request:
            self.show_error(message)

    def _on_found(self, request: int, rows: list[DossierSummary]) -> None:
        if request != self._request:
            return
        self.rows = rows
        self._fill(rows)
        if not rows:
            self.show_info(_("Không tìm thấy hồ sơ nào; hãy thử bỏ bớt điều kiện lọc."))
        else:
            more = _(" (chỉ hiện {n} hồ sơ mới nhất)").format(n=LIMIT) if len(rows) >= LIMIT else ""
            self.show_info(
                _("Tìm thấy {n} hồ sơ{more}. Enter hoặc nháy đúp để mở.").format(
                    n=len(rows), more=more
                )
            )
            self.table.setFocus()
        self.results_shown.emit(rows)

    def _fill(self, rows: list[DossierSummary]) -> None:
        self.table.fill([self._cells(row) for row in rows])

    def _cells(self, row: DossierSummary) -> tuple[str, ...]:
        return (
            row.code,
            row.applicant_name,
            procedure_text(self._names.get(row.procedure_code, ""), row.procedure_code),
            format_moment(row.received_at),
            format_moment(row.due_at),
            _(STATE_LABELS[State(row.state)]),
        )

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.dossier_requested.emit(self.rows[index].code)
