"""One way for every screen to tell the clerk something: a label under the work, and a signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #b00020; font-weight: bold;"
# Capitals with stacked marks rise above the font's ascent, which is all a one-line label gives.
TALLEST_LETTERS = "ỖẮỄỞ"


def room_for_marks(label: QLabel) -> None:
    """Give ``label`` enough room above its first line for "NGUYỄN", "HƯỞNG" (no clipped marks)."""
    label.ensurePolished()
    metrics = QFontMetrics(label.font())
    extra = max(0, -metrics.tightBoundingRect(TALLEST_LETTERS).top() - metrics.ascent())
    label.setContentsMargins(0, extra, 0, 0)


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
        room_for_marks(self.message_label)
        self.message_label.setText(message)
        self.message_shown.emit(message)
