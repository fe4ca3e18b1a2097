"""The station's log file: rotating, in the platform's log folder, with no personal data.

A windowed program has no console, so what goes wrong must be findable afterwards: every
process of Counter writes ``counter.log`` (1 MB, five older files kept) in ``$COUNTER_LOG_DIR``,
else the platform's log folder, and a hard crash (a fault in Qt or SQLite) leaves Python's
tracebacks of every thread in ``crash.log`` beside it (``faulthandler``). Messages never carry a
citizen's data by design; as a second line, any run of digits as long as an ID card or phone
number is masked before it is written.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

LOG_DIR_ENV = "COUNTER_LOG_DIR"
LOG_FILE = "counter.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
KEPT_FILES = 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
# 9-12 digits: an old ID card, a CCCD number, a phone number (with or without its 0)
_PERSONAL_NUMBER = re.compile(r"(?<!\d)\d{9,12}(?!\d)")
_started: list[tuple[Path, IO[str]]] = []  # the log file, and the crash file kept open


def log_dir() -> Path:
    """``$COUNTER_LOG_DIR``, else the platform's log folder for Counter (on Windows the
    machine's, beside the store: ``C:\\ProgramData\\Counter\\Logs``)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    if sys.platform == "win32":
        return Path(platformdirs.site_data_dir("Counter", appauthor=False)) / "Logs"
    return Path(platformdirs.user_log_dir("counter", "Counter"))


def log_path() -> Path:
    """The current log file."""
    return log_dir() / LOG_FILE


def mask_numbers(text: str) -> str:
    """``text`` with every run of 9-12 digits replaced by ``#``s of the same length."""
    return _PERSONAL_NUMBER.sub(lambda found: "#" * len(found.group()), text)


class _MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_numbers(super().format(record))


def start_file_log(level: int = logging.INFO) -> Path | None:
    """Send Counter's log records to the rotating file and crash tracebacks beside it;
    returns the log file, or None when its folder cannot be written (then nothing changes)."""
    if _started:
        return _started[0][0]
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8"
        )
        crash = (folder / CRASH_FILE).open("a", encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(_MaskingFormatter(FORMAT))
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)
    _started.append((folder / LOG_FILE, crash))
    faulthandler.enable(file=crash, all_threads=True)
    return folder / LOG_FILE


def quiet_missing_streams() -> None:
    """Give a windowed program (no console: ``sys.stdout``/``stderr`` are None) streams that
    swallow what is printed, so a ``print`` or a warning cannot raise."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
