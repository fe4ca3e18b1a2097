"""Screenshots of every screen and the main dialogs, offscreen, at 100 % and 125 % scaling.

Usage: python scripts/screenshots.py [FOLDER] [--scales 1 1.25]
FOLDER defaults to a new temporary folder (screenshots are looked at, never committed). A demo
station is built once (``counter-app demo --no-window``); then, for each scale, a fresh process
(QT_SCALE_FACTOR is read when Qt starts) logs in as the demo administrator and writes
FOLDER/<percent>/*.png: the login and first-run dialogs, the store's unlock and recovery-key
dialogs, every screen of SCREENS as it opens, the Reception, Dossier and Results screens in use,
the refusal and step dialogs (supplement, apology, pause, transfer, resolution, correction) and
the lock dialog. The stores' keys are kept in the benches' private keyring (bench/keys.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from counter_app.station import Station
    from counter_app.ui.main_window import MainWindow
    from counter_app.ui.operations import Operations

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's counter_app, not an installed one
sys.path.insert(0, str(ROOT / "bench"))

QR = (
    "038190012345|123456789|NGUYỄN THỊ NGỌC HƯỞNG|17051990|Nữ|"
    "Số 12, ngõ 34, đường Lê Lai, phường Hạc Thành, tỉnh Thanh Hóa|01032022"
)
PROCEDURE_TYPED = "khai sinh"
OPEN = ("received", "transferred", "in_progress")
STEPS = (
    "supplement_requested",
    "apologised",
    "paused",
    "transferred",
    "resolved",
    "corrected",
)


def main() -> None:
    parser = argparse.ArgumentParser(description="Render every screen to PNG files.")
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--scales", nargs="+", default=["1", "1.25"])
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        take_all(args.folder, args.child)
        return
    import keys

    keys.start(persistent=False)  # the demo store's key; the shooting processes read it
    folder = args.folder or Path(tempfile.mkdtemp(prefix="counter-screens-"))
    with tempfile.TemporaryDirectory(prefix="counter-demo-") as demo:
        _demo_station(Path(demo))
        for scale in args.scales:
            _shoot(folder / f"{round(float(scale) * 100)}", Path(demo), scale)
    print(folder)


def _demo_station(folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "counter_app.cli", "--data-dir", str(folder), "demo", "--no-window"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _shoot(target: Path, demo: Path, scale: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    began = time.monotonic()
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), str(target), "--child", str(demo)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    count = len(list(target.glob("*.png")))
    print(f"{count} screenshots at {scale}x in {target} ({time.monotonic() - began:.0f} s)")


# -- the child: Qt, the demo station, the shots ----------------------------------------------


def take_all(folder: Path, demo: Path) -> None:
    """Every shot, in the order a clerk meets them."""
    from counter_app.commands.setup import DEMO_PASSWORD
    from counter_app.station import Station
    from counter_app.ui import qt_translation
    from counter_app.ui.app import qt_application
    from counter_app.ui.login import log_in
    from counter_app.ui.main_window import MainWindow
    from counter_app.ui.operations import Operations

    app = qt_application()
    qt_translation.install(app, "vi")
    station, ops = Station(demo), Operations()
    shots = Shots(folder, ops)
    shots.dialogs_before_login(station, folder)
    window = MainWindow(station, ops, log_in(station, "quantri", DEMO_PASSWORD))
    window.show()
    shots.screens(window)
    shots.reception_in_use(window)
    shots.dossier_in_use(window, station)
    shots.results_in_use(window, station)
    shots.lock(window)
    window.close()
    ops.wait()
    station.close()
    app.processEvents()


class Shots:
    """Saves widgets as numbered PNGs once the background operations have reported."""

    def __init__(self, folder: Path, ops: Operations) -> None:
        self.folder, self.ops, self.count = folder, ops, 0

    def settle(self, ms: int = 150) -> None:
        """Let background reads report and the widgets lay out and paint."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtTest import QTest

        deadline = time.monotonic() + 10
        while self.ops.pending and time.monotonic() < deadline:
            QTest.qWait(10)
        QTest.qWait(ms)
        QCoreApplication.processEvents()

    def save(self, widget: QWidget | None, name: str) -> None:
        """``widget`` as it is drawn now, in NN-name.png."""
        self.settle()
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        if widget is None or not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")

    def dialogs_before_login(self, station: Station, folder: Path) -> None:
        """The login dialog, the first-run set-up of a station that has nothing yet, the unlock
        dialog of a store this PC holds no key for, and the recovery key's dialog."""
        from counter_app import store_keys
        from counter_app.station import Station
        from counter_app.ui.login import LoginDialog
        from counter_app.ui.recovery_dialog import RecoveryKeyDialog
        from counter_app.ui.unlock_dialog import UnlockDialog

        try:
            store_keys.require_key(folder / "elsewhere" / "counter.sqlite3")
        except store_keys.StoreLocked as locked:
            unlock = UnlockDialog(station, self.ops, locked.message)
            unlock.show()
            self.save(unlock, "unlock")
            unlock.close()
        key = (
            station.pending_recovery_key()
            or "000000-000011-000022-000033-000044-000055-000066-000077"
        )
        recovery = RecoveryKeyDialog(station, self.ops, key)
        recovery.show()
        self.save(recovery, "recovery-key")
        recovery.close()

        login = LoginDialog(station, self.ops)
        login.show()
        self.save(login, "login")
        login.close()
        with tempfile.TemporaryDirectory(prefix="counter-first-run-") as empty:
            fresh = Station(Path(empty))
            setup = LoginDialog(fresh, self.ops)
            setup.show()
            self.save(setup, "first-run")
            setup.close()
            self.settle()
            fresh.close()

    def screens(self, window: MainWindow) -> None:
        """Every screen of the registry as it opens."""
        from counter_app.ui.main_window import SCREENS

        for index, spec in enumerate(SCREENS):
            window.tabs.setCurrentIndex(index)
            self.save(window, f"screen-{spec.key}")

    def reception_in_use(self, window: MainWindow) -> None:
        """A scanned card, a procedure picked by typing, the documents ticked; the refusal."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        reception = window.reception
        window.new_reception()
        window.scan_filter.scanned.emit(QR)
        self.settle()
        reception.procedure_edit.setFocus()
        QTest.keyClicks(reception.procedure_edit, PROCEDURE_TYPED, delay=40)
        self.settle()
        self.save(window, "reception-procedure-matches")
        QTest.keyClick(reception.procedure_edit, Qt.Key.Key_Return)
        reception.tick_mandatory()
        self.save(window, "reception-filled")
        reception.refuse_dossier()
        dialog = reception.refusal_dialog
        self.save(dialog, "dialog-refusal")
        if dialog is not None:
            dialog.reject()

    def dossier_in_use(self, window: MainWindow, station: Station) -> None:
        """A late dossier on the Dossier screen, and the dialogs of its steps."""
        from counter_app.domain.lifecycle import EventType

        code = _code_in(station, OPEN, late=True) or _code_in(station, OPEN)
        window.open_dossier(code)
        self.save(window, "dossier-open")
        view = window.dossier_view
        for step in STEPS:
            view.ask_step(EventType(step))
            dialog, view.step_dialog = view.step_dialog, None
            self.save(dialog, f"dialog-{step}")
            if dialog is not None:
                dialog.reject()

    def results_in_use(self, window: MainWindow, station: Station) -> None:
        """A resolved dossier at the results counter, ready to hand back."""
        window.tabs.setCurrentWidget(window.results)
        window.results.open_code(_code_in(station, ("resolved",)))
        self.save(window, "results-return")

    def lock(self, window: MainWindow) -> None:
        """The locked window and its login dialog."""
        window.lock()
        self.save(window, "locked-window")
        self.save(window.lock_dialog, "dialog-lock")


def _code_in(station: Station, states: tuple[str, ...], *, late: bool = False) -> str:
    """The code of one dossier in one of ``states`` (overdue with ``late``), or ""."""
    query = f"SELECT code FROM dossiers WHERE state IN ({','.join('?' * len(states))})"
    query += " AND due_at < strftime('%Y-%m-%dT%H:%M:%S', 'now')" if late else ""
    with station.store.read() as db:
        row = db.exec_driver_sql(query + " ORDER BY due_at LIMIT 1", states).first()
    return "" if row is None else str(row[0])


if __name__ == "__main__":
    main()
