"""The window starts without the heavy libraries: they load when first used (bench/startup.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from counter_app.models.database import head_revision
from counter_app.store_file import shipped_head

ROOT = Path(__file__).resolve().parent.parent

# Printing, spreadsheets, charts, the server, the network client, migrations, the holiday tables,
# and SQLAlchemy with the store's models (they load on the database thread once the window shows).
LOADED_ON_FIRST_USE = (
    "sqlalchemy",
    "reportlab",
    "openpyxl",
    "pypdfium2",
    "barcode",
    "counter_server",
    "fastapi",
    "httpx",
    "alembic",
    "holidays",
)

REPORT_LOADED = """
import sys
{body}
heavy = sorted({{name.split(".")[0] for name in sys.modules}} & set(sys.argv[1:]))
print(" ".join(heavy) or "none")
"""

WINDOW = """
import counter_app.cli, counter_app.ui.app
from counter_app.ui.main_window import SCREENS, MainWindow
counter_app.cli.build_parser()
"""

OPEN_AND_LOG_IN = """
from pathlib import Path
from counter_app.station import Station
station = Station(Path(sys.argv[-1]))
station.settings()
try:
    station.authenticate("nobody", "not-a-password")
except Exception:
    pass
station.close()
"""


SHOWN_WINDOW = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from counter_app.services.user_types import Role, UserInfo
from counter_app.station import Station
from counter_app.ui.app import qt_application
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
app = qt_application()
assert sys.getswitchinterval() <= 0.001  # workers let the GUI thread's filters in quickly
station = Station(Path(sys.argv[-1]))
station.identity, station.settings()
ops = Operations()
with ops.deferring():  # as at start-up: the screens' reads wait until the window is on screen
    window = MainWindow(station, ops)
window.sign_in(UserInfo("u1", "canbo", "Cán bộ", Role.CLERK, True))
window.show()
QApplication.processEvents()
built = sorted(window.screens.built)
assert built == ["reception"], built
"""


SCREENS_CODE = """
import os
import sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from counter_app.services.user_types import Role, UserInfo
from counter_app.station import Station
from counter_app.ui.app import qt_application
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
app = qt_application()
station = Station(Path(sys.argv[-2]))
ops = Operations()
window = MainWindow(station, ops, UserInfo("u1", "an", "An", Role(sys.argv[-1]), True))
window.load_screens_code()
print(" ".join(sorted(name for name in sys.argv[1:] if name in sys.modules)))
ops.wait()
"""
SCREEN_MODULES = (
    "counter_app.ui.results",
    "counter_app.ui.dossier_view",
    "counter_app.ui.due_board",
    "counter_app.ui.search_screen",
    "counter_app.ui.catalogue_screen",
    "counter_app.ui.settings_screen",
    "counter_app.ui.statistics",
)


def loaded(body: str, *extra: str) -> str:
    """Which of LOADED_ON_FIRST_USE a fresh interpreter holds after running ``body``."""
    result = subprocess.run(
        [sys.executable, "-c", REPORT_LOADED.format(body=body), *LOADED_ON_FIRST_USE, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_window_loads_none_of_the_heavy_libraries() -> None:
    assert loaded(WINDOW) == "none"


# The processes below open the store as the window does: its key comes from the OS keyring.


def test_opening_a_current_store_and_logging_in_loads_none_of_them(
    keyring_data_dir: Path,
) -> None:
    assert loaded(OPEN_AND_LOG_IN, str(keyring_data_dir)) == "none"


def test_showing_the_window_loads_none_of_them_and_builds_only_reception(
    keyring_data_dir: Path,
) -> None:
    assert loaded(SHOWN_WINDOW, str(keyring_data_dir)) == "none"


def test_after_start_up_the_code_of_the_screens_a_role_may_open_is_loaded(
    keyring_data_dir: Path,
) -> None:
    data_dir = keyring_data_dir

    def screens(role: str) -> list[str]:
        modules = [*SCREEN_MODULES, "counter_app.ui.print_dispatch"]
        command = [sys.executable, "-c", SCREENS_CODE, *modules, str(data_dir), role]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    printing = ["counter_app.ui.print_dispatch"]  # everyone prints
    assert screens("admin") == sorted([*SCREEN_MODULES, *printing])
    assert screens("clerk") == sorted([*SCREEN_MODULES[:5], *printing])  # no settings, statistics


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    assert shipped_head() == head_revision()
