"""The refusal dialog of the Reception screen: the reasons, Ctrl+Enter to confirm, Esc to cancel."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import _


class RefusalDialog(QDialog):
    """Asks for the reasons of a refusal; Ctrl+Enter confirms, Esc cancels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Từ chối tiếp nhận hồ sơ"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(_("Lý do từ chối (bắt buộc)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Từ chối (Ctrl+Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quay lại (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        confirm = QAction(self)
        confirm.setShortcut(QKeySequence("Ctrl+Return"))
        confirm.triggered.connect(self.accept)
        self.addAction(confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Lý do từ chối (Ctrl+Enter để xác nhận):")))
        layout.addWidget(self.reason_edit)
        layout.addWidget(buttons)

    def reasons(self) -> str:
        """The reasons typed."""
        return self.reason_edit.toPlainText()
