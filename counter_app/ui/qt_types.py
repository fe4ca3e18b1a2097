"""Qt's Python types loaded ahead, while the login waits for the password check.

PySide6 creates its Python classes (and their enums) on first use. The first time an object of
a Qt class that PySide6 does not wrap reaches Python — Qt's internal animation timer passing
through the window's application-wide event filters (idle lock, scanner) when the main window
first shows — it looks through every class of QtCore, QtGui and QtWidgets and creates them all:
some 50 ms of Python between ``show()`` and the first paint. A one-millisecond animation run
through a throwaway application filter while the password is checked (the check runs outside
Python's lock on the database thread, and the clerk is still typing) does it beforehand.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QVariantAnimation


class _PassThrough(QObject):
    """An application filter that only lets Qt hand each watched object to Python."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return False


def load_ahead() -> None:
    """Run a tiny animation with a Python application filter installed, then remove both."""
    app = QCoreApplication.instance()
    if app is None:
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

    animation.finished.connect(finished)
    animation.start()
