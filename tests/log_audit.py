"""The logs of a whole test run name none of the tests' citizens.

Every record the run's code emits — Counter's own loggers (station and server) at INFO as the
station's log file takes them, every other logger (SQLAlchemy, httpx, uvicorn, Qt's bridge) at
WARNING and up, tracebacks included — is written unmasked to ``test-run.log`` in the run's log
folder. When the run ends the file is searched for the tests' fictitious citizens (their names
as typed and folded, every ID number the tests use, their phones and addresses); one found fails
the run, naming what was found and the line it was on. ``tests/cli/test_log_hygiene.py`` and
``tests/server/test_log_hygiene.py`` do the same at DEBUG for one flow each; this covers
everything the suite runs.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from counter_app.domain.text import fold

RUN_LOG = "test-run.log"
OWN_LOGGERS = ("counter_app", "counter_server")
# The tests' citizens: the factories' applicant and the others the tests receive by name
NAMES = (
    "Nguyễn Văn Đức",  # tests/factories.py
    "Trần Văn Bình",  # who collects her result there
    "Phạm Thị Hồng Nhung",
    "Phạm Văn Thử Hộ",
    "Hoàng Thị Thử Xóa",
    "Hoàng Thị Tra Cứu",
    "Phạm Văn Nhận Thay",
    "Nguyễn Thị Ngọc Hưởng",
    "Lê Thị Hoa",
    "Lê Thị Hồng",
    "Trần Thị Bích",
    "Lò Thị Khác",
    "Phạm Minh Tuấn",
    "Vũ Thu Hà",
)
OTHER_FIELDS = (
    "0912345678",  # phones
    "0987001122",
    "0911223344",
    "381234567",  # an old CMND number on a card
    "đường Lê Lai",  # addresses
    "ngõ Thử Nghiệm",
)
_ID_NUMBER = re.compile(r"""["'](\d{12})["']""")
_handler: list[logging.FileHandler] = []


def start(folder: Path) -> None:
    """Write every record of the run (as the module says) to ``folder / RUN_LOG``."""
    if _handler:
        return
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(folder / RUN_LOG, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    _handler.append(handler)


def citizens(tests: Path) -> set[str]:
    """Every form in which a test citizen could be written: names (as typed, folded, in a URL),
    the other fields, and every 12-digit ID number quoted in the tests' sources."""
    ids = {
        found
        for source in tests.rglob("*.py")
        for found in _ID_NUMBER.findall(source.read_text(encoding="utf-8"))
    }
    forms: set[str] = set(ids) | set(OTHER_FIELDS)
    for name in NAMES:
        forms |= {name, name.upper(), fold(name), quote(name), quote_plus(name)}
    return forms


def leaks(log: str, forms: set[str]) -> list[str]:
    """``form: line`` for every form found in ``log`` (the first line it is on)."""
    found = []
    for form in sorted(forms):
        at = log.find(form)
        if at >= 0:
            start_of_line = log.rfind("\n", 0, at) + 1
            end_of_line = log.find("\n", at)
            found.append(
                f"{form!r}: {log[start_of_line : end_of_line if end_of_line >= 0 else None]}"
            )
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when its log names a test citizen."""
    if not _handler:
        return
    handler = _handler[0]
    handler.flush()
    log = Path(handler.baseFilename).read_text(encoding="utf-8")
    found = leaks(log, citizens(Path(__file__).parent))
    if not found:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"The run's log ({handler.baseFilename}) names a test citizen:", red=True
        )
        for line in found:
            reporter.write_line(f"  {line[:300]}")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
