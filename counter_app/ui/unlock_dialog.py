"""Before the login: a store this PC holds no key for (copied or restored from another PC, moved,
or the keyring was reset) says why and asks for its recovery key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import recovery
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.station import Station
from counter_app.ui.messages import ERROR_STYLE
from counter_app.ui.operations import Operations


class UnlockDialog(QDialog):
    """Why the store does not open, and the recovery key field (Enter unlocks, Esc quits)."""

    unlocked = Signal()

    def __init__(
        self, station: Station, ops: Operations, reason: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self._busy = False
        self.setWindowTitle(_("Mở khóa dữ liệu"))
        self.setMinimumWidth(560)
        why = QLabel(reason)
        why.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("123456-123456-123456-123456-123456-123456-123456-123456")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setText(_("Mở khóa (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Thoát (Esc)"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addWidget(QLabel(_("Khóa khôi phục (48 chữ số trên phiếu khôi phục):")))
        layout.addWidget(self.key_edit)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Enter unlocks; the dialog closes itself once the store is open."""
        self.submit()

    def submit(self) -> None:
        """Check the typed key's groups here, then open the store with it in the background."""
        if self._busy:
            return
        text = self.key_edit.text()
        try:
            recovery.parse(text)
        except InvalidInput as error:
            self.message_label.setText(error.message)
            return
        self._busy = True
        self.message_label.clear()
        self.ops.run_db(lambda: self.station.unlock(text), self._on_unlocked, self._on_refused)

    def _on_refused(self, message: str) -> None:
        self._busy = False
        self.message_label.setText(message)
        self.key_edit.selectAll()
        self.key_edit.setFocus()

    def _on_unlocked(self, _none: object) -> None:
        self._busy = False
        self.unlocked.emit()
        super().accept()
