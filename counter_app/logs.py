"""The station's log file, and log records that never carry a citizen's data.

A windowed program has no console, so what goes wrong must be findable afterwards: every
process of Counter writes ``counter.log`` (1 MB, five older files kept) in ``$COUNTER_LOG_DIR``,
else the platform's log folder, and a hard crash (a fault in Qt or SQLite) leaves Python's
tracebacks of every thread in ``crash.log`` beside it (``faulthandler``). Messages never carry a
citizen's data by design; as a second line, any run of digits as long as an ID card or phone
number is masked before it is written.

A log outlives every retention rule and is read by people who may not see citizens' records,
so Counter's records keep the shape of what happened and leave its values out, whoever logs
them (:func:`install`, in the record factory: every logger and every handler of the process;
the station's CLI and window and the central server install it at start-up):

- an exception's message (a driver's "Key (id_number)=(…) already exists", a ``ValueError``
  quoting a typed date, SQL with its parameters) is withheld; its type and the frames (file,
  line, function) stay, without the source lines;
- an access-log line of the web server keeps the path and the names of the query's parameters,
  never their values (``?q=…`` held a name or an ID number).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import parse_qsl

LOG_DIR_ENV = "COUNTER_LOG_DIR"
LOG_FILE = "counter.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
KEPT_FILES = 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
# 9-12 digits: an old ID card, a CCCD number, a phone number (with or without its 0)
_PERSONAL_NUMBER = re.compile(r"(?<!\d)\d{9,12}(?!\d)")
_started: list[tuple[Path, IO[str]]] = []  # the log file, and the crash file kept open
WITHHELD = "(message withheld: it may hold personal data)"
ACCESS_LOGGER = "uvicorn.access"
_PATH_ARGUMENT = 2  # uvicorn's access line: client, method, path with query, version, status
_installed: list[Callable[..., logging.LogRecord]] = []

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


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


def install() -> None:
    """Make every log record of this process clean (idempotent)."""
    if _installed:
        return
    made = logging.getLogRecordFactory()
    _installed.append(made)

    def clean_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub(made(*args, **kwargs))

    logging.setLogRecordFactory(clean_record)


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """The record with exception messages withheld and query values dropped (in place)."""
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = withheld_traceback(record.exc_info)
        record.exc_info = None
    if record.name == ACCESS_LOGGER and isinstance(record.args, tuple):
        record.args = _access_args(record.args)
    return record


def withheld_traceback(exc_info: ExcInfo) -> str:
    """The traceback of an exception and of those chained to it, with every message withheld."""
    parts: list[str] = []
    error: BaseException | None = exc_info[1]
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = "".join(
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
            for frame in traceback.extract_tb(error.__traceback__)
        )
        parts.append(
            f"Traceback (most recent call last):\n{frames}{type(error).__qualname__} {WITHHELD}"
        )
        error = error.__cause__ or error.__context__
    return "\n\nwhich happened while handling:\n".join(reversed(parts))


def redact_query(path: str) -> str:
    """``/x?q=Nguyễn&limit=5`` as ``/x?q=…&limit=…``: the parameters' names, not their values."""
    base, mark, query = path.partition("?")
    if not mark:
        return path
    names = [name for name, _value in parse_qsl(query, keep_blank_values=True)]
    return base + "?" + "&".join(f"{name}=…" for name in names)


def _access_args(args: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(args) <= _PATH_ARGUMENT or not isinstance(args[_PATH_ARGUMENT], str):
        return args
    cleaned = list(args)
    cleaned[_PATH_ARGUMENT] = redact_query(args[_PATH_ARGUMENT])
    return tuple(cleaned)
