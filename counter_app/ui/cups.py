"""What CUPS knows about a queue and a submission that Qt does not expose.

Qt reports a stopped CUPS queue as QPrinterInfo.state() == Error, but not whether the queue
accepts jobs (cupsreject), and QPainter.end() succeeds even when CUPS refuses the job because
Qt ignores cupsPrintFile()'s result. libcups (already loaded by Qt's print plugin) answers both:
the destination's "printer-is-accepting-jobs" option, and cupsLastError(), which is per thread
and so, read right after QPainter.end() on the same thread, is the status of Qt's submission.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from dataclasses import dataclass

IPP_ERROR_FIRST = 0x0400  # client-error-bad-request; everything below is a success status


class _CupsOption(ctypes.Structure):
    _fields_ = (("name", ctypes.c_char_p), ("value", ctypes.c_char_p))


class _CupsDest(ctypes.Structure):
    _fields_ = (
        ("name", ctypes.c_char_p),
        ("instance", ctypes.c_char_p),
        ("is_default", ctypes.c_int),
        ("num_options", ctypes.c_int),
        ("options", ctypes.POINTER(_CupsOption)),
    )


@dataclass(frozen=True)
class QueueStatus:
    """A CUPS queue's state as the scheduler reports it."""

    accepting: bool | None  # printer-is-accepting-jobs
    state: str  # printer-state: "3" idle, "4" processing, "5" stopped
    reasons: str  # printer-state-reasons, e.g. "none", "paused", "offline-report"


@functools.cache
def _libcups() -> ctypes.CDLL | None:
    """libcups, or None where there is no CUPS (Windows)."""
    if sys.platform == "win32":
        return None
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("cups") or "libcups.so.2")
    except OSError:
        return None
    lib.cupsGetNamedDest.restype = ctypes.POINTER(_CupsDest)
    lib.cupsGetNamedDest.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p)
    lib.cupsGetOption.restype = ctypes.c_char_p
    lib.cupsGetOption.argtypes = (ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_CupsOption))
    lib.cupsFreeDests.restype = None
    lib.cupsFreeDests.argtypes = (ctypes.c_int, ctypes.POINTER(_CupsDest))
    lib.cupsLastError.restype = ctypes.c_int
    lib.cupsLastError.argtypes = ()
    lib.cupsLastErrorString.restype = ctypes.c_char_p
    lib.cupsLastErrorString.argtypes = ()
    return lib


def queue_status(queue: str) -> QueueStatus | None:
    """The scheduler's view of a queue, or None when CUPS is absent or does not know it."""
    lib = _libcups()
    if lib is None:
        return None
    name, _, instance = queue.partition("/")
    dest = lib.cupsGetNamedDest(None, name.encode(), instance.encode() if instance else None)
    if not dest:
        return None
    try:

        def option(key: str) -> str:
            value: bytes | None = lib.cupsGetOption(
                key.encode(), dest.contents.num_options, dest.contents.options
            )
            return value.decode(errors="replace") if value is not None else ""

        accepting = option("printer-is-accepting-jobs").lower()
        return QueueStatus(
            accepting=None if not accepting else accepting == "true",
            state=option("printer-state"),
            reasons=option("printer-state-reasons"),
        )
    finally:
        lib.cupsFreeDests(1, dest)


def last_error() -> tuple[int, str] | None:
    """This thread's last CUPS status and message, or None without CUPS."""
    lib = _libcups()
    if lib is None:
        return None
    text: bytes | None = lib.cupsLastErrorString()
    return int(lib.cupsLastError()), (text or b"").decode(errors="replace")
