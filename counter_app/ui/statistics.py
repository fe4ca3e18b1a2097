"""The statistics screen (Thống kê): the period report by field, its charts and its exports.

For leaders and administrators. The report and its weekly series are computed in one background
operation on the database thread (never on the GUI thread); a bar shows that it is still working
when that takes over a second, and only the newest answer is shown. The charts are painted
with QPainter in a background operation (``statistics_charts``).
Exports write the report on screen (XLSX, PDF) or the register book of its period (form 06/07);
"Kiểm tra tạm dừng" opens the pause audit of the same period.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.access import Via
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.errors import InvalidInput
from counter_app.domain.periods import PRESETS, Preset, check_period, preset_period
from counter_app.i18n import N_, _
from counter_app.reports.files import ReportFormat, write_register, write_report
from counter_app.services.statistics import StatisticsView, statistics_view
from counter_app.station import Station
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.statistics_charts import StatisticsCharts
from counter_app.ui.statistics_table import ReportTable, SideFigures

if TYPE_CHECKING:
    from counter_app.ui.pause_audit import PauseAuditDialog

PROGRESS_DELAY_MS = 1000
ALL_FIELDS = N_("Tất cả lĩnh vực")
FILE_FILTERS = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}


class StatisticsScreen(ShowsMessages, QWidget):
    """Period picker, field filter, report table, figures beside it, charts, exports."""

    view_loaded = Signal(object)  # StatisticsView
    charts_ready = Signal()
    exported = Signal(str)  # the path written
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.today: Callable[[], date] = lambda: datetime.now(VN_TZ).date()
        self.ask_path: Callable[[str, str], str] = self._ask_path
        self.view: StatisticsView | None = None
        self._request = 0
        self._loading = False
        self._first_show = True
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.preset_combo = QComboBox()
        for key, title in PRESETS:
            self.preset_combo.addItem(_(title), key)
        self.from_edit, self.to_edit = _date_edit(), _date_edit()
        self.field_combo = QComboBox()
        self.field_combo.addItem(_(ALL_FIELDS), None)
        self.run_button = QPushButton(_("Xem báo cáo (F5)"))
        self.run_button.setShortcut("F5")
        self.xlsx_button = QPushButton(_("Xuất Excel…"))
        self.pdf_button = QPushButton(_("Xuất PDF…"))
        self.register_button = QPushButton(_("Sổ theo dõi hồ sơ (PDF)…"))
        self.pauses_button = QPushButton(_("Kiểm tra tạm dừng…"))
        self.pauses_button.setToolTip(
            _("Các lần tạm dừng trong kỳ theo cán bộ, thủ tục, căn cứ và các dấu hiệu bất thường")
        )
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the report has no steps to count
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.table, self.side = ReportTable(), SideFigures()
        self.period_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.charts = StatisticsCharts(self.ops)
        self.setLayout(self._layout())
        self._set_exports_enabled(False)
        self._apply_preset()

    def _layout(self) -> QVBoxLayout:
        controls = QHBoxLayout()
        for text, widget in (
            (_("Kỳ báo cáo"), self.preset_combo),
            (_("Từ ngày"), self.from_edit),
            (_("Đến ngày"), self.to_edit),
            (_("Lĩnh vực"), self.field_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.run_button)
        controls.addWidget(self.progress)
        controls.addStretch(1)
        exports = QHBoxLayout()
        exports.addWidget(self.period_label, 1)
        for button in (
            self.xlsx_button,
            self.pdf_button,
            self.register_button,
            self.pauses_button,
        ):
            exports.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.side)
        bottom.addWidget(self.charts, 1)
        layout = QVBoxLayout()
        layout.addLayout(controls)
        layout.addLayout(exports)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom, 1)
        layout.addWidget(self.message_label)
        return layout

    def _connect_signals(self) -> None:
        self.preset_combo.currentIndexChanged.connect(self._on_preset_combo_changed)
        self.field_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.run_button.clicked.connect(self.refresh)
        self.charts.drawn.connect(self.charts_ready)
        self.progress_timer.timeout.connect(self._on_progress_timer_timeout)
        self.xlsx_button.clicked.connect(lambda: self._on_export_clicked("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._on_export_clicked("pdf"))
        self.register_button.clicked.connect(self._on_register_button_clicked)
        self.pauses_button.clicked.connect(self.open_pause_audit)

    # -- period ---------------------------------------------------------------------------------

    @property
    def preset(self) -> Preset:
        """The chosen kind of period."""
        key: Preset = self.preset_combo.currentData()
        return key

    def period(self) -> tuple[date, date]:
        """The days in the two date boxes."""
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def set_period(self, first: date, last: date) -> None:
        """A custom period (also what a test types into the boxes)."""
        self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
        self.from_edit.setDate(_qdate(first))
        self.to_edit.setDate(_qdate(last))

    def _on_preset_combo_changed(self, _index: int) -> None:
        self._apply_preset()
        if self.preset != "custom" and self.isVisible():
            self.refresh()

    def _apply_preset(self) -> None:
        custom = self.preset == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            first, last = preset_period(self.preset, self.today())
            self.from_edit.setDate(_qdate(first))
            self.to_edit.setDate(_qdate(last))

    # -- loading --------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The first time: read the fields, compute the report."""
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            self._apply_preset()
            self.ops.run_db(self._read_fields, self._on_fields_read)
            self.refresh()

    def _read_fields(self) -> list[str]:
        entries = self.station.catalogue(current_only=False)
        return sorted({entry.spec.field for entry in entries if entry.spec.field})

    def _on_fields_read(self, fields: list[str]) -> None:
        self.field_combo.blockSignals(True)
        for name in fields:
            self.field_combo.addItem(name, name)
        self.field_combo.blockSignals(False)

    def refresh(self) -> None:
        """Compute the report of the chosen period in the background (a bad period: a message)."""
        first, last = self.period()
        try:
            check_period(first, last)
        except InvalidInput as error:
            self._request += 1  # an answer still on its way is no longer wanted
            self._stop_progress()
            self.show_error(error.message)
            return
        self._request += 1
        request, station, field = self._request, self.station, self.field_combo.currentData()
        self.show_info(_("Đang tính báo cáo…"))
        self._loading = True
        self.progress_timer.start(PROGRESS_DELAY_MS)
        self.ops.run_db(
            lambda: statistics_view(station, first, last, field),
            lambda view: self._on_view_loaded(request, view),
            lambda message: self._on_failed(request, message),
        )

    def _on_progress_timer_timeout(self) -> None:
        if self._loading:
            self.progress.show()

    def _on_failed(self, request: int, message: str) -> None:
        if request == self._request:
            self._stop_progress()
            self.show_error(message)

    def _on_view_loaded(self, request: int, view: StatisticsView) -> None:
        if request != self._request:
            return
        self._stop_progress()
        self.view = view
        self.table.show_report(view.report)
        self.side.show_figures(view.report.totals)
        self.charts.show_report(view.weeks, view.report.breakdowns["field"])
        self.period_label.setText(_period_text(view))
        self._set_exports_enabled(True)
        self.show_info(_("Báo cáo đã cập nhật."))
        self.view_loaded.emit(view)

    def _stop_progress(self) -> None:
        self._loading = False
        self.progress_timer.stop()
        self.progress.hide()

    # -- exports --------------------------------------------------------------------------------

    def _set_exports_enabled(self, enabled: bool) -> None:
        buttons = (self.xlsx_button, self.pdf_button, self.register_button, self.pauses_button)
        for button in buttons:
            button.setEnabled(enabled)

    def open_pause_audit(self) -> PauseAuditDialog | None:
        """The pause audit of the shown period, in a window of its own."""
        if self.view is None:
            return None
        from counter_app.ui.pause_audit import PauseAuditDialog

        period = self.view.report.period
        dialog = PauseAuditDialog(self.station, self.ops, period.first, period.last, self)
        dialog.show()
        return dialog

    def _ask_path(self, suggested: str, file_filter: str) -> str:
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Lưu tệp"), str(Path.home() / suggested), file_filter
        )
        return path

    def _on_export_clicked(self, kind: ReportFormat) -> None:
        if self.view is not None:
            path = self.ask_path(_file_name(self.view, "bao-cao", kind), FILE_FILTERS[kind])
            if path:
                self.export_report(Path(path), kind)

    def _on_register_button_clicked(self) -> None:
        if self.view is not None:
            path = self.ask_path(_file_name(self.view, "so-theo-doi", "pdf"), FILE_FILTERS["pdf"])
            if path:
                self.export_register(Path(path))

    def export_report(self, path: Path, kind: ReportFormat) -> None:
        """Write the report on screen to ``path`` (XLSX or PDF), off the GUI thread."""
        if self.view is None:
            return
        report = self.view.report
        self.show_info(_("Đang ghi tệp…"))
        self.ops.run_io(lambda: write_report(path, report, kind), self._on_written, self.show_error)

    def export_register(self, path: Path) -> None:
        """Write the register book of the shown period to ``path``."""
        if self.view is None:
            return
        period, station, actor = self.view.report.period, self.station, self.actor
        self.show_info(_("Đang lập sổ theo dõi hồ sơ…"))
        self.ops.run_db(
            lambda: station.register_sheet(period.first, period.last, actor=actor, via=Via.GUI),
            lambda sheet: self.ops.run_io(
                lambda: write_register(path, sheet), self._on_written, self.show_error
            ),
            self.show_error,
        )

    def _on_written(self, path: Path) -> None:
        self.show_info(_("Đã ghi tệp {path}.").format(path=path))
        self.exported.emit(str(path))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _period_text(view: StatisticsView) -> str:
    period = view.report.period
    return _("Kỳ báo cáo: từ ngày {first} đến ngày {last}").format(
        first=f"{period.first:%d/%m/%Y}", last=f"{period.last:%d/%m/%Y}"
    )


def _file_name(view: StatisticsView, stem: str, kind: str) -> str:
    period = view.report.period
    return f"{stem}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{kind}"
