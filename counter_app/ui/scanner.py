"""Recognise a handheld scanner anywhere in the application.

Scanners type like a keyboard, but far faster than a person, and end with Enter. The filter
holds printable keystrokes back while they keep arriving less than ``GAP_MS`` apart: if the run
ends with Enter and holds at least ``MIN_LENGTH`` characters it is a scan — the keys are
swallowed and ``scanned`` is emitted; otherwise the held keys are replayed, in order, to the
widget they were meant for (a person notices no more than a few hundredths of a second).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

GAP_MS = 30
MIN_LENGTH = 8
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
)


@dataclass(frozen=True)
class _HeldKey:
    """A keystroke held back while a burst might be a scan."""

    key: int
    modifiers: Qt.KeyboardModifier
    text: str


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    mods = event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    return len(text) == 1 and text.isprintable() and mods == Qt.KeyboardModifier.NoModifier


class ScanFilter(QObject):
    """An application-wide event filter that turns scanner bursts into ``scanned(text)``."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: list[_HeldKey] = []
        self._target: QWidget | None = None
        self._last: tuple[bool, float] = (False, 0.0)  # (window-system clock?, ms)
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GAP_MS)
        self._timer.timeout.connect(self.flush)

    def install(self) -> None:
        """Start watching every keystroke of the application."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop watching, replaying anything held."""
        self.flush()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold, replay or swallow keystrokes meant for the focused widget."""
        kind = event.type()
        if self._replaying or kind not in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.ShortcutOverride,
        ):
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if focus is not None and watched is not focus:
            return False  # the same event propagating to a parent, or another window's
        if kind == QEvent.Type.ShortcutOverride:
            return self._on_shortcut_override(event)
        if kind == QEvent.Type.KeyRelease:
            return bool(self._held) and (_printable(event) or event.key() in _ENTER_KEYS)
        return self._on_key_press(watched, event)

    def flush(self) -> None:
        """Replay the held keystrokes to their widget (the run was typed by a person)."""
        self._timer.stop()
        held, target = self._held, self._target
        self._held, self._target = [], None
        if target is None or not held:
            return
        self._replaying = True
        try:
            for item in held:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, item.key, item.modifiers, item.text)
                    )
        finally:
            self._replaying = False

    def _on_shortcut_override(self, event: QKeyEvent) -> bool:
        # Keep a window shortcut on Enter (or a letter) from firing in the middle of a scan.
        if self._held and (event.key() in _ENTER_KEYS or _printable(event)):
            event.accept()
            return True
        return False

    def _on_key_press(self, watched: QWidget, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return False  # scanners press Shift for capitals: not the end of a burst
        now = self._now_ms(event)
        same_clock = now[0] == self._last[0]
        fast = (
            bool(self._held)
            and same_clock
            and now[1] - self._last[1] < GAP_MS
            and watched is self._target
        )
        if self._held and not fast:
            self.flush()
        if event.key() in _ENTER_KEYS and self._held:
            return self._on_enter()
        if not _printable(event):
            self.flush()
            return False
        self._held.append(_HeldKey(event.key(), event.modifiers(), event.text()))
        self._target = watched
        self._last = now
        self._timer.start()
        return True

    def _on_enter(self) -> bool:
        if len(self._held) < MIN_LENGTH:
            self.flush()
            return False
        text = "".join(item.text for item in self._held)
        self._timer.stop()
        self._held, self._target = [], None
        self.scanned.emit(text)
        return True

    @staticmethod
    def _now_ms(event: QKeyEvent) -> tuple[bool, float]:
        # The window system's timestamp says when the key was struck, even if the GUI thread
        # was busy; synthetic events carry none, so fall back to our own clock for those.
        stamp = event.timestamp()
        return (True, float(stamp)) if stamp else (False, time.monotonic() * 1000)
