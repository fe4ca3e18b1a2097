"""Start Counter's window as ``counter-app`` does, with a probe the real-window tests read.

Run from the checkout: ``python -m tests.desktop.harness SOCKET counter-app-arguments…``. The
window gets its keystrokes from the X server (typed by xdotool); the probe only answers
questions about what is on screen. It listens on the local socket SOCKET; each request is one
line, a Python expression evaluated on the GUI thread with the helpers below in scope, and
each answer one line of JSON: ``{"value": …}`` or ``{"error": "…"}``.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

HEARD: list[Any] = []  # what signals a test connected to ``HEARD.append`` carried


NOT_ACTIONS = ("QToolButton", "QAbstractButton")  # tab-bar arrows; a table's corner (private)


def window() -> Any:
    """The main window, once built and shown."""
    from counter_app.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def active() -> QWidget | None:
    """The window that has the keyboard (a dialog, or the main window)."""
    return QApplication.activeWindow()


def global_rect(widget: QWidget) -> QRect:
    """The widget's rectangle in screen coordinates (logical pixels)."""
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def shown_rect(widget: QWidget) -> QRect:
    """The part of the widget not clipped by its ancestors or the screen, in screen pixels."""
    rect = global_rect(widget)
    parent = widget.parentWidget()
    while parent is not None:
        rect = rect.intersected(global_rect(parent))
        parent = parent.parentWidget()
    screen = widget.screen()
    if screen is not None:
        rect = rect.intersected(screen.availableGeometry())
    return rect


def scroller(widget: QWidget) -> QScrollArea | None:
    """The scroll area the widget scrolls in, if any (its content can be scrolled to)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def whole(widget: QWidget) -> bool:
    """True when the whole widget is on screen and nothing of it is clipped; a widget in a
    scroll area is in reach when the scroll area is (a long form's fields scroll)."""
    reach = scroller(widget) or widget
    return widget.isVisible() and shown_rect(reach) == global_rect(reach)


def describe(widget: QWidget) -> dict[str, Any]:
    """What a test needs of one widget."""
    rect = global_rect(widget)
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel | QLineEdit) else ""
    return {
        "class": type(widget).__name__,
        "name": widget.objectName(),
        "text": text,
        "rect": [rect.x(), rect.y(), rect.width(), rect.height()],
        "whole": whole(widget),
        "enabled": widget.isEnabled(),
    }


def buttons(root: QWidget | None = None) -> list[dict[str, Any]]:
    """Every button shown in ``root`` (the active window): is each wholly on screen?"""
    top = root or QApplication.activeWindow() or window()
    found = [b for b in top.findChildren(QAbstractButton) if b.isVisible()]
    return [describe(b) for b in found if type(b).__name__ not in NOT_ACTIONS]


def clipped_headers(root: QWidget | None = None) -> list[str]:
    """Header sections whose title is wider than the section (drawn cut off)."""
    top = root or QApplication.activeWindow() or window()
    cut = []
    for header in top.findChildren(QHeaderView):
        if not header.isVisible():
            continue
        model, metrics = header.model(), header.fontMetrics()
        if model is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            title = str(model.headerData(section, header.orientation()) or "")
            needed = metrics.horizontalAdvance(title) + 2 * metrics.averageCharWidth()
            if header.orientation().name == "Horizontal" and needed > header.sectionSize(section):
                cut.append(title)
    return cut


def focus() -> dict[str, Any] | None:
    """The widget with the keyboard focus."""
    widget = QApplication.focusWidget()
    return None if widget is None else describe(widget)


def status() -> str:
    """The main window's status-bar message."""
    main = window()
    return "" if main is None else main.statusBar().currentMessage()


def texts(root: QWidget | None = None) -> list[str]:
    """The texts of every label shown in ``root`` (the main window)."""
    top = root or window()
    return [label.text() for label in top.findChildren(QLabel) if label.isVisible()]


def codes(state: str, limit: int = 5) -> list[str]:
    """Codes of dossiers in ``state``, newest first (read on this thread: tests only)."""
    from counter_app.services.search_types import SearchFilters

    found = window().station.search("", limit=limit, filters=SearchFilters(state=state))
    return [summary.code for summary in found]


def shown_dossier() -> str:
    """The code of the dossier the Dossier screen shows ("" when none)."""
    page = window().dossier_view.page
    return "" if page is None else page.facts.code


def centre(widget: QWidget) -> list[int]:
    """The middle of ``widget`` in screen pixels (physical, as xdotool moves)."""
    middle = widget.mapToGlobal(widget.rect().center())
    ratio = widget.devicePixelRatioF()
    return [round(middle.x() * ratio), round(middle.y() * ratio)]


def idle() -> bool:
    """No background operation is waiting to report."""
    main = window()
    return main is None or main.ops.pending == 0


class Probe:
    """A local server answering expressions, one per line."""

    def __init__(self, path: str) -> None:
        self.server = QLocalServer()
        QLocalServer.removeServer(path)
        if not self.server.listen(path):
            raise SystemExit(f"probe: cannot listen on {path}")
        self.server.newConnection.connect(self._on_connection)
        self.clients: list[QLocalSocket] = []

    def _on_connection(self) -> None:
        client = self.server.nextPendingConnection()
        self.clients.append(client)
        client.readyRead.connect(lambda: self._answer(client))

    def _answer(self, client: QLocalSocket) -> None:
        while client.canReadLine():
            line = bytes(client.readLine().data()).decode().strip()
            answer = json.dumps(evaluate(line), ensure_ascii=False, default=repr)
            client.write((answer + "\n").encode())
            client.flush()


def evaluate(expression: str) -> dict[str, Any]:
    """Evaluate one request in the helpers' namespace."""
    scope = {name: value for name, value in globals().items() if not name.startswith("_")}
    scope["app"] = QApplication.instance()
    try:
        return {"value": eval(expression, scope)}  # the test's own questions
    except Exception:  # reported to the test, which fails with it
        return {"error": traceback.format_exc(limit=3)}


def main() -> int:
    """Make the application, start the probe, run ``counter-app`` with the other arguments."""
    from counter_app.cli import main as counter_app
    from counter_app.ui.app import qt_application

    qt_application()
    probe = Probe(sys.argv[1])
    try:
        return counter_app(sys.argv[2:])
    finally:
        probe.server.close()


if __name__ == "__main__":
    sys.exit(main())
