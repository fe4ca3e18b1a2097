"""The editable calendar (admin): extra days off and make-up working days; list, add, remove.

The official decisions ship with Counter; a year soon in use without one is provisional, and
the panel says so and lets the administrator confirm it after checking.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import CalendarOverride, OverrideKind
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import N_, _
from counter_app.station import Station
from counter_app.ui import calendar_warning
from counter_app.ui.calendar_warning import provisional_warning
from counter_app.ui.dates import parse_day
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.tables import RowTable

KIND_LABELS: dict[OverrideKind, str] = {
    OverrideKind.DAY_OFF: N_("Nghỉ thêm"),
    OverrideKind.WORKING_DAY: N_("Làm bù"),
}
SOURCE_LABELS: dict[str, str] = {
    "local": N_("Quản trị tại máy"),
    "published": N_("Máy chủ công bố"),
}
COLUMNS = (N_("Ngày"), N_("Loại"), N_("Lý do"), N_("Nguồn"), N_("Văn bản"))


class CalendarPanel(ShowsMessages, QWidget):
    """Days beyond the shipped decisions: published or announced days off, worked Saturdays."""

    overrides_loaded = Signal(object)  # list[CalendarOverride]
    provisional_loaded = Signal(object)  # list[int]
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations) -> None:
        super().__init__()
        self.station, self.ops = station, ops
        self.days: list[date] = []
        self.table = RowTable(COLUMNS, stretch=2)
        self.remove_button = QPushButton(_("Bỏ ngày đang chọn (Del)"))
        self.remove_button.setShortcut("Del")
        self.remove_button.setToolTip(_("Bỏ ngày đang chọn (Del)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.provisional_label = QLabel()
        self.provisional_label.setWordWrap(True)
        self.provisional_label.setStyleSheet("color: #9a3412; font-weight: bold;")
        self.provisional: list[int] = []
        self.confirm_button = QPushButton(_("Xác nhận lịch năm đó"))
        self.confirm_button.clicked.connect(self.confirm_provisional)
        layout = QVBoxLayout(self)
        layout.addWidget(self.provisional_label)
        layout.addWidget(self.confirm_button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button)
        layout.addWidget(self._add_group())
        layout.addWidget(self.message_label)
        self.refresh()

    def _add_group(self) -> QGroupBox:
        group = QGroupBox(_("Thêm ngày điều chỉnh"))
        form = QFormLayout(group)
        self.day_edit, self.reason_edit = QLineEdit(), QLineEdit()
        self.day_edit.setPlaceholderText(_("ngày/tháng/năm"))
        self.kind_combo = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(_(label), kind.value)
        self.add_button = QPushButton(_("Thêm ngày"))
        self.add_button.clicked.connect(self.add_day)
        form.addRow(_("Ngày"), self.day_edit)
        form.addRow(_("Loại"), self.kind_combo)
        self.document_edit = QLineEdit()
        form.addRow(_("Lý do"), self.reason_edit)
        form.addRow(_("Văn bản (ví dụ: Thông báo số … ngày …)"), self.document_edit)
        form.addRow(self.add_button)
        return group

    def refresh(self) -> None:
        """Read the overrides and the provisional years again."""
        self.ops.run_db(self.station.overrides, self._on_loaded, self.show_error)
        day = calendar_warning.today()
        self.ops.run_db(
            lambda: self.station.provisional_years(day), self._on_provisional, self.show_error
        )

    def _on_loaded(self, items: list[CalendarOverride]) -> None:
        self.days = [item.day for item in items]
        self.table.fill(
            [
                (
                    item.day.strftime("%d/%m/%Y"),
                    _(KIND_LABELS[item.kind]),
                    item.reason,
                    _(SOURCE_LABELS.get(item.source, item.source)),
                    item.document or "",
                )
                for item in items
            ]
        )
        self.overrides_loaded.emit(items)

    def _on_provisional(self, years: list[int]) -> None:
        self.provisional = years
        self.provisional_label.setText(provisional_warning(years))
        self.provisional_label.setVisible(bool(years))
        self.confirm_button.setVisible(bool(years))
        self.provisional_loaded.emit(years)

    def confirm_provisional(self) -> None:
        """The administrator has checked the provisional years' days off against the texts."""
        years = list(self.provisional)
        if not years:
            return

        def confirm() -> None:
            for year in years:
                self.station.confirm_calendar_year(year, _("Quản trị đã kiểm tra"))

        self.ops.run_db(confirm, lambda _none: self._on_confirmed(years), self.show_error)

    def _on_confirmed(self, years: list[int]) -> None:
        self.show_info(
            _("Đã xác nhận lịch năm {years}.").format(years=", ".join(str(y) for y in years))
        )
        self.refresh()

    def add_day(self) -> None:
        """Add (or replace) the override typed below the list."""
        try:
            day = parse_day(self.day_edit.text(), _("Ngày"))
            if day is None:
                raise InvalidInput(_("Hãy nhập ngày cần điều chỉnh."), field="day")
        except InvalidInput as error:
            self.show_error(error.message)
            self.day_edit.setFocus()
            return
        kind, reason = self.kind_combo.currentData(), self.reason_edit.text()
        document = self.document_edit.text()
        self.ops.run_db(
            lambda: self.station.set_override(day=day, kind=kind, reason=reason, document=document),
            self._on_added,
            self.show_error,
        )

    def _on_added(self, override: CalendarOverride) -> None:
        self.day_edit.clear()
        self.reason_edit.clear()
        self.document_edit.clear()
        self.show_info(_("Đã thêm ngày {day}.").format(day=override.day.strftime("%d/%m/%Y")))
        self.refresh()

    def remove_selected(self) -> None:
        """Return the selected day to what the official calendar says."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.days):
            self.show_error(_("Hãy chọn một ngày trong danh sách trước."))
            return
        day = self.days[row]
        self.ops.run_db(
            lambda: self.station.remove_override(day),
            lambda _none: self._on_removed(day),
            self.show_error,
        )

    def _on_removed(self, day: date) -> None:
        self.show_info(
            _("Đã bỏ ngày {day} khỏi lịch điều chỉnh.").format(day=day.strftime("%d/%m/%Y"))
        )
        self.refresh()
