"""Everything below the window, and the central server, imports without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BLOCK_QT = """
import sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is not allowed below counter_app.ui")
        return None

sys.meta_path.insert(0, BlockQt())
import counter_app.cli, counter_app.station, counter_app.commands
import counter_app.services.demo, counter_app.services.integrity, counter_app.services.backup
import counter_app.services.statistics, counter_app.reports.xlsx, counter_app.reports.pdf
import counter_app.printing.forms, counter_app.services.printdata, counter_app.services.users
import counter_server.app, counter_app.sync.protocol
import counter_app.reports.files, counter_app.domain.weekly, counter_app.domain.periods
import counter_app.sync.engine, counter_app.sync.round, counter_app.commands.sync
assert not any(name.startswith("PySide6") for name in sys.modules)
print("ok")
"""


def test_core_imports_without_qt() -> None:
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
