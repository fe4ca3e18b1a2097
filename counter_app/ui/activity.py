"""Any keystroke or click in the application, reported so the idle lock can restart its timer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal

_ACTIVITY = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
)


class ActivityFilter(QObject):
    """Reports any keystroke or click in the application (restarts the idle timer)."""

    activity_seen = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Never consumes the event."""
        if event.type() in _ACTIVITY:
            self.activity_seen.emit()
        return False
