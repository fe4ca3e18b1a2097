"""Wait for a window to be on screen: mapped and exposed, its first paint queued or done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def when_on_screen(window: QWidget | None, then: Callable[[], None]) -> None:
    """Call ``then`` at the first idle moment once ``window`` is on screen (or not shown)."""
    handle = None if window is None else window.windowHandle()
    if window is None or not window.isVisible() or (handle is not None and handle.isExposed()):
        QTimer.singleShot(0, then)
    else:
        QTimer.singleShot(1, lambda: when_on_screen(window, then))
