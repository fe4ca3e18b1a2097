"""Progress for long background work: nothing for a quick job, a dialog once it passes a second.

The work itself runs through :class:`Operations` (database thread or I/O pool); it may report
``(done, total)`` through the callable it is given, which is safe to call from the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from counter_app.ui.operations import FailureCallback, Operations

T = TypeVar("T")
SHOW_AFTER_MS = 1000
Report = Callable[[int, int], None]


class Progress(QObject):
    """One long job's progress dialog, shown only if the job is still running after a second."""

    progressed = Signal(int, int)  # emitted from the worker, delivered in the GUI thread
    dialog_shown = Signal()

    def __init__(self, parent: QWidget, label: str, *, delay_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self._parent, self._label = parent, label
        self.dialog: QProgressDialog | None = None
        self._last = (0, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.progressed.connect(self._on_progressed)

    def report(self, done: int, total: int) -> None:
        """Tell the dialog how far the job is (any thread)."""
        self.progressed.emit(done, total)

    def start(self) -> None:
        """The job has started: arm the one-second timer."""
        self._timer.start()

    def finish(self) -> None:
        """The job has ended: never show the dialog, or close it."""
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_timer_timeout(self) -> None:
        dialog = QProgressDialog(self._label, "", 0, 0, self._parent)
        dialog.setCancelButton(None)  # the job cannot be cut half-way
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.dialog = dialog
        self._on_progressed(*self._last)
        dialog.show()
        self.dialog_shown.emit()

    def _on_progressed(self, done: int, total: int) -> None:
        self._last = (done, total)
        if self.dialog is not None and total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))


def run_with_progress(
    ops: Operations,
    progress: Progress,
    fn: Callable[[Report], T],
    on_success: Callable[[T], None],
    on_failure: FailureCallback,
    *,
    database: bool = True,
) -> None:
    """Run ``fn(report)`` on the database thread (or the I/O pool) with ``progress`` around it."""

    def succeeded(result: T) -> None:
        progress.finish()
        on_success(result)

    def failed(message: str) -> None:
        progress.finish()
        on_failure(message)

    progress.start()
    run = ops.run_db if database else ops.run_io
    run(lambda: fn(progress.report), succeeded, failed)
