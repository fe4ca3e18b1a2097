"""The leader's view of the access log: who saw one dossier, and what one clerk saw in a period.

Both read in a background operation when asked; the rows are plain ``AccessView`` values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.access import KIND_LABELS, QUERY_LABELS, VIA_LABELS
from counter_app.domain.calendar import VN_TZ
from counter_app.i18n import N_, _
from counter_app.services.access_types import AccessView
from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui.operations import Operations
from counter_app.ui.screen_fit import resize_within_screen
from counter_app.ui.tables import RowTable

COLUMNS = (N_("Thời gian"), N_("Người xem"), N_("Máy"), N_("Việc"), N_("Hồ sơ"))
SHOWN_CODES = 3


def what(view: AccessView) -> str:
    """What was done, in words: the kind, how (window, command line), and a search's query."""
    text = _(KIND_LABELS.get(view.kind, view.kind))
    query = view.detail.get("query")
    if isinstance(query, str) and query in QUERY_LABELS:
        text = f"{text} {_(QUERY_LABELS[query])}"
    form = view.detail.get("form")
    if isinstance(form, str):
        text = f"{text} ({form})"
    return f"{text} — {_(VIA_LABELS.get(view.via, view.via))}"


def dossiers(view: AccessView) -> str:
    """The dossiers shown: a few codes, and how many in all."""
    if view.dossier_count == 0:
        shown = view.detail.get("shown", view.detail.get("events"))
        return _("{n} dòng").format(n=shown) if isinstance(shown, int) else "—"
    codes = ", ".join(view.codes[:SHOWN_CODES])
    more = view.dossier_count - min(len(view.codes), SHOWN_CODES)
    return codes if more <= 0 else _("{codes} và {n} hồ sơ khác").format(codes=codes, n=more)


def cells(view: AccessView) -> tuple[str, ...]:
    """One table row."""
    when = view.at.astimezone(VN_TZ).strftime("%H:%M:%S %d/%m/%Y")
    who = view.actor_name if view.actor_name == view.actor else f"{view.actor_name} ({view.actor})"
    return (when, who, view.station, what(view), dossiers(view))


class _AccessDialog(QDialog):
    """A dialog with a table of access-log entries and a line saying how many."""

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.table = RowTable(COLUMNS, stretch=3)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.views: list[AccessView] = []
        resize_within_screen(self, 960, 520)

    def _layout(self, top: QWidget | None = None) -> None:
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng (Esc)"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if top is not None:
            layout.addWidget(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(close)

    def _on_loaded(self, views: Sequence[AccessView]) -> None:
        self.views = list(views)
        self.table.fill([cells(view) for view in views])
        self.summary.setText(
            _("{n} lượt xem.").format(n=len(views)) if views else _("Chưa có lượt xem nào.")
        )

    def _on_failed(self, message: str) -> None:
        self.summary.setText(message)


class DossierViewsDialog(_AccessDialog):
    """«Ai đã xem hồ sơ này»: every view of one dossier, newest first."""

    def __init__(
        self, station: Station, ops: Operations, code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(station, ops, parent)
        self.setWindowTitle(_("Ai đã xem hồ sơ này — {code}").format(code=code))
        self._layout()
        self.summary.setText(_("Đang tải…"))
        ops.run_db(lambda: station.privacy.views_of(code), self._on_loaded, self._on_failed)


class AccessLogDialog(_AccessDialog):
    """What one clerk (or everyone) saw in a period, newest first."""

    def __init__(
        self, station: Station, ops: Operations, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(station, ops, parent)
        self.setWindowTitle(_("Nhật ký truy cập dữ liệu cá nhân"))
        self.user_combo = QComboBox()
        self.user_combo.addItem(_("Tất cả cán bộ"), None)
        self.first_edit, self.last_edit = self._day(today.replace(day=1)), self._day(today)
        self.show_button = QPushButton(_("Xem"))
        self.show_button.clicked.connect(self.load)
        form = QFormLayout()
        form.addRow(_("Cán bộ"), self.user_combo)
        period = QHBoxLayout()
        for label, edit in ((_("Từ ngày"), self.first_edit), (_("đến ngày"), self.last_edit)):
            period.addWidget(QLabel(label))
            period.addWidget(edit)
        period.addWidget(self.show_button)
        period.addStretch(1)
        form.addRow(period)
        top = QWidget()
        top.setLayout(form)
        self._layout(top)
        ops.run_db(station.users, self._on_users_loaded)

    @staticmethod
    def _day(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _on_users_loaded(self, users: list[UserInfo]) -> None:
        for user in users:
            self.user_combo.addItem(f"{user.full_name} ({user.username})", user.username)

    def load(self) -> None:
        """Read the chosen clerk's views of the chosen period."""
        actor = self.user_combo.currentData()
        first, last = _day_of(self.first_edit), _day_of(self.last_edit)
        if last < first:
            self.summary.setText(_("Ngày cuối kỳ phải sau ngày đầu kỳ."))
            return
        self.summary.setText(_("Đang tải…"))
        station = self.station
        self.ops.run_db(
            lambda: station.privacy.views_by(actor, first, last), self._on_loaded, self._on_failed
        )


def _day_of(edit: QDateEdit) -> date:
    shown = edit.date()
    return date(shown.year(), shown.month(), shown.day())
