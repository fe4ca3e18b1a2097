"""A one-line label that gives up width when the window is narrow (1366 px at 125 %)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

MIN_WIDTH = 60  # px: a few letters and the ellipsis


class ElidedLabel(QLabel):
    """Shows as much of its text as fits, then "…"; the whole text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        """Set the whole text; it is also the tooltip, read when the label is squeezed."""
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for a status bar to squeeze it."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    def shown_text(self) -> str:
        """The text as drawn: elided at the right to the width the layout gave."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw :meth:`shown_text`."""
        QPainter(self).drawText(self.contentsRect(), int(self.alignment()), self.shown_text())
