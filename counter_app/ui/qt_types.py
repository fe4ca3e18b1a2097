"""Qt's Python types loaded at a chosen moment, before the window's first reads start.

PySide6 creates its Python classes (and their enums) on first use. The first time an object of
a Qt class that PySide6 does not wrap reaches Python — Qt's internal animation timer passing
through the window's application-wide event filters (idle lock, scanner) — it looks through
every class of QtCore, QtGui and QtWidgets and creates them all: some 45 ms of Python on the
GUI thread. Left to chance it fell just after the window showed, while the database thread
imported SQLAlchemy and the holiday tables, and the two, sharing Python's lock, froze the
window for up to 130 ms. A one-millisecond animation run through a throwaway application filter
does it first, alone; the window's reads start when it has finished.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QVariantAnimation


class _PassThrough(QObject):
    """An application filter that only lets Qt hand each watched object to Python."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return False


def load_ahead(then: Callable[[], None]) -> None:
    """Run a tiny animation with a Python application filter installed, remove both, then
    call ``then``."""
    app = QCoreApplication.instance()
    if app is None:
        then()
        return
    passing = _PassThrough(app)
    app.installEventFilter(passing)
    animation = QVariantAnimation(app)
    animation.setDuration(1)
    animation.setStartValue(0)
    animation.setEndValue(1)

    def finished() -> None:
        app.removeEventFilter(passing)
        passing.deleteLater()
        animation.deleteLater()
        then()

    animation.finished.connect(finished)
    animation.start()
