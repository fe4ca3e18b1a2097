"""What the clerk sees when something goes wrong that no screen handles: a dialog, not nothing.

A windowed program has no console, so an error nobody caught, or a store refused at start,
would make Counter vanish without a word. Instead the error goes to the log file and a dialog
in the clerk's language says that what was saved is kept, and where the log is.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.i18n import _
from counter_app.logs import log_path

log = logging.getLogger(__name__)
_shown: list[QMessageBox] = []  # the open dialogs (kept alive while shown)


def unexpected_message() -> str:
    """What the dialog says about an error no screen handled."""
    return _(
        "Counter gặp một lỗi không lường trước. Những gì đã lưu không bị mất. Nếu lỗi lặp lại, "
        "hãy báo cán bộ quản trị và gửi kèm tệp nhật ký:\n{path}"
    ).format(path=log_path())


def refused_message(reason: str) -> str:
    """What the dialog says when the store cannot be opened (``reason`` says why)."""
    return _("{reason}\n\nCounter chưa thay đổi gì. Tệp nhật ký:\n{path}").format(
        reason=reason, path=log_path()
    )


def tell(message: str, *, wait: bool) -> QMessageBox:
    """Show ``message`` in an error dialog; ``wait`` blocks until the clerk closes it."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Counter", message)
    if wait:
        box.exec()
        return box
    _shown.append(box)
    box.finished.connect(lambda _result: _shown.remove(box))
    box.open()
    return box


def on_uncaught(
    kind: type[BaseException], value: BaseException, traceback: TracebackType | None
) -> None:
    """``sys.excepthook`` of the window: log the error, then tell the clerk."""
    log.critical("unexpected error", exc_info=(kind, value, traceback))
    if QApplication.instance() is not None:
        tell(unexpected_message(), wait=False)


def _on_thread_uncaught(args: threading.ExceptHookArgs) -> None:
    log.critical(
        "unexpected error in thread %s",
        getattr(args.thread, "name", "?"),
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
    )


@contextmanager
def reported() -> Iterator[None]:
    """While inside, errors nobody caught are logged and shown instead of lost; the hook that
    was in place still hears of them (a console's traceback, a test runner's capture)."""
    before, before_thread = sys.excepthook, threading.excepthook

    def hook(
        kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        on_uncaught(kind, value, traceback)
        before(kind, value, traceback)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        _on_thread_uncaught(args)
        before_thread(args)

    sys.excepthook, threading.excepthook = hook, thread_hook
    try:
        yield
    finally:
        sys.excepthook, threading.excepthook = before, before_thread
