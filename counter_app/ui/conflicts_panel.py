"""Events that did not fit their dossier (Sự kiện không khớp): open the dossier, mark one handled.

An event that arrived from another counter or the back office after a step it contradicts is
kept in the log and skipped by the projection (``services.conflicts``). A person opens the
dossier, records whatever correction it needs with the dossier's own steps, then marks the
conflict handled: it leaves the list, the event stays in the log. Only a leader or an
administrator marks it, since it closes a question about another counter's work.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import _

if TYPE_CHECKING:
    from counter_app.station import Station
    from counter_app.ui.operations import Operations

RESOLVING_ROLES = frozenset({"leader", "admin"})
Conflict = tuple[str, str, str]  # dossier code, event id, reason


class ConflictsPanel(QGroupBox):
    """The open conflicts, with «Mở hồ sơ» and «Đánh dấu đã xử lý»."""

    open_requested = Signal(str)  # a dossier code
    resolved = Signal(str)  # the event id just marked handled

    def __init__(
        self,
        station: Station,
        ops: Operations,
        *,
        actor: str,
        role: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Sự kiện không khớp trạng thái hồ sơ"), parent)
        self.station, self.ops, self.actor = station, ops, actor
        self.conflicts: list[Conflict] = []
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Hồ sơ"), _("Lý do")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.open_button = QPushButton(_("Mở hồ sơ"))
        self.open_button.clicked.connect(self._open_selected)
        self.resolve_button = QPushButton(_("Đánh dấu đã xử lý"))
        self.resolve_button.clicked.connect(self._resolve_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._allow(role)
        self._lay_out()
        self.show_conflicts([])

    def _allow(self, role: str) -> None:
        allowed = role in RESOLVING_ROLES
        self.resolve_button.setEnabled(allowed)
        reason = _("Chỉ lãnh đạo và quản trị viên được đánh dấu sự kiện không khớp là đã xử lý.")
        self.resolve_button.setToolTip(
            _("Đã ghi bước sửa cần thiết trên hồ sơ: bỏ sự kiện khỏi danh sách (vẫn giữ trong sổ).")
            if allowed
            else reason
        )

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.resolve_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        """List ``conflicts``; the panel is shown only when there are some."""
        self.conflicts = list(conflicts)
        self.table.setRowCount(len(self.conflicts))
        for row, (code, _event_id, reason) in enumerate(self.conflicts):
            self.table.setItem(row, 0, QTableWidgetItem(code))
            self.table.setItem(row, 1, QTableWidgetItem(reason))
        if self.conflicts:
            self.table.selectRow(0)
        self.setVisible(bool(self.conflicts))

    def _selected(self) -> Conflict | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.conflicts):
            return self.conflicts[row]
        self.message.setText(_("Hãy chọn một dòng trong danh sách."))
        return None

    def _open_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.open_requested.emit(chosen[0])

    def _resolve_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        code, event_id, _reason = chosen
        self.resolve_button.setEnabled(False)
        self.ops.run_db(
            partial(self.station.resolve_conflict, event_id, actor=self.actor),
            lambda _none: self._on_resolved(code, event_id),
            self._on_failed,
        )

    def _on_resolved(self, code: str, event_id: str) -> None:
        self.resolve_button.setEnabled(True)
        done = _("Đã đánh dấu đã xử lý sự kiện không khớp của hồ sơ {code}.")
        self.message.setText(done.format(code=code))
        self.resolved.emit(event_id)

    def _on_failed(self, message: str) -> None:
        self.resolve_button.setEnabled(True)
        self.message.setText(message)
