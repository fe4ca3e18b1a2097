"""Background operations, after Anki's CollectionOp/QueryOp.

Every database action from the GUI runs through :meth:`Operations.run_db`, on ONE dedicated
worker thread, so reads and writes never interleave and the GUI thread never holds a session.
Printing and other slow input/output runs through :meth:`Operations.run_io` on a separate pool.
Results come back to the GUI thread by a queued signal; callbacks run there and may touch
widgets. The worker function itself must never touch a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from counter_app.domain.errors import CounterError
from counter_app.i18n import _

T = TypeVar("T")
log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[str], None]


def failure_message(error: BaseException) -> str:
    """The sentence a clerk sees: the error's own for a CounterError, else a generic one."""
    if isinstance(error, CounterError):
        return error.message
    return _(
        "Đã xảy ra lỗi ngoài dự kiến; dữ liệu đã nhập vẫn còn. Hãy thử lại, "
        "nếu vẫn lỗi hãy báo quản trị viên."
    )


def _alive(callback: Callable[..., object]) -> bool:
    """False for a method of a widget deleted since the operation started (its window was
    closed meanwhile): such an answer has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits on it, so the slot runs in the GUI thread."""

    # One tuple argument: emitting a bare None across threads trips a PySide6 reference-count
    # bug on Python 3.11 ("deallocating None").
    finished = Signal(object)  # (result, error)


class _Task(QRunnable):
    """Run ``fn`` in a pool thread and report through ``relay``."""

    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        """Call the function; never let an exception escape into Qt."""
        try:
            result = self._fn()
        except BaseException as error:  # reported to the GUI thread, which decides
            self._relay.finished.emit((None, error))
        else:
            self._relay.finished.emit((result, None))


class DeferredWork:
    """Database work collected by :meth:`Operations.deferring`, waiting for :meth:`start`."""

    def __init__(self, pool: QThreadPool) -> None:
        self._pool = pool
        self.tasks: list[_Task] = []

    def start(self) -> None:
        """Start the collected work on the database thread, in the order it was asked for."""
        tasks, self.tasks = self.tasks, []
        for task in tasks:
            self._pool.start(task)


class Operations(QObject):
    """The two pools (database: one thread; input/output: a few) and the pending count."""

    busy_changed = Signal(bool)
    operation_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._io_pool = QThreadPool(self)
        self._io_pool.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()
        self._deferred: DeferredWork | None = None

    @property
    def pending(self) -> int:
        """How many operations have not reported yet."""
        return len(self._relays)

    def run_db(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: FailureCallback | None = None,
    ) -> None:
        """Run ``fn`` (a database action) on the single database thread."""
        self._start(self._db_pool, fn, on_success, on_failure)

    def run_io(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: FailureCallback | None = None,
    ) -> None:
        """Run ``fn`` (printing, files, network) beside the database thread."""
        self._start(self._io_pool, fn, on_success, on_failure)

    @contextmanager
    def deferring(self) -> Iterator[DeferredWork]:
        """Collect the database work asked for inside the block instead of starting it.

        The main window is built while the login is checked; its screens' first reads would
        import SQLAlchemy and the store's models on the database thread and hold Python's lock
        away from the GUI thread, so they start once the window is on screen instead. Work
        asked for after the block (the password check) starts at once.
        """
        work, outer = DeferredWork(self._db_pool), self._deferred
        self._deferred = work
        try:
            yield work
        finally:
            self._deferred = outer

    def wait(self, msecs: int = -1) -> bool:
        """Block until both pools are idle (shutdown and tests only)."""
        return self._db_pool.waitForDone(msecs) and self._io_pool.waitForDone(msecs)

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_failure: FailureCallback | None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finished(outcome: tuple[Any, BaseException | None]) -> None:
            result, error = outcome
            self._relays.discard(relay)
            if not self._relays:
                self.busy_changed.emit(False)
            if error is None:
                if on_success is not None and _alive(on_success):
                    on_success(result)
                return
            self._report(error, on_failure if on_failure and _alive(on_failure) else None)

        relay.finished.connect(finished)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        task = _Task(fn, relay)
        if pool is self._db_pool and self._deferred is not None:
            self._deferred.tasks.append(task)
        else:
            pool.start(task)

    def _report(self, error: BaseException, on_failure: FailureCallback | None) -> None:
        if not isinstance(error, CounterError):
            log.error("background operation failed", exc_info=error)
        message = failure_message(error)
        self.operation_failed.emit(message)
        if on_failure is not None:
            on_failure(message)
