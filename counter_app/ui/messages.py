"""One way for every screen to tell the clerk something: a label under the work, and a signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #b00020; font-weight: bold;"


class ShowsMessages:
    """Mixin for screens that have ``message_label`` and a ``message_shown(str)`` signal."""

    message_label: QLabel
    message_shown: Any  # a Signal(str) declared on the screen class

    def show_error(self, message: str) -> None:
        """Show a Vietnamese error sentence in the screen."""
        self._show(message, ERROR_STYLE)

    def show_info(self, message: str) -> None:
        """Show a neutral message."""
        self._show(message, "")

    def _show(self, message: str, style: str) -> None:
        self.message_label.setStyleSheet(style)
        self.message_label.setText(message)
        self.message_shown.emit(message)
