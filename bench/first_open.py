"""The GUI-thread stall when each screen is opened for the first time, on 1,000,000 dossiers.

Usage: python bench/first_open.py [--dossiers 1000000]
The window opens as the application opens it after an administrator's login (every screen is
allowed), its start-up reads are let finish, then each screen is opened once through its
shortcut, waiting for its own first reads before the next. A 5 ms heartbeat on the GUI thread
(bench/ui_latency.py's) gives each opening's longest gap and the part charged to Counter (the
CPU the process used meanwhile). Only Reception is built before the window shows; the others are
built, and their modules imported, when first opened. Target: every stall under 100 ms.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from seed import store_with  # first: it puts this checkout's counter_app on the path
from ui_latency import Heartbeat, Pause, run

from counter_app.station import Station
from counter_app.ui import qt_translation
from counter_app.ui.app import Session, qt_application
from counter_app.ui.main_window import SCREENS, MainWindow
from counter_app.ui.operations import Operations

SETTLE_MS = 300  # after a screen's reads, before the next: let late paints land in its step


def openings(window: MainWindow, ops: Operations, heart: Heartbeat) -> Iterator[Pause]:
    """Start-up, then every screen but Reception (built with the window) once."""
    heart.step = "window opening (its start-up reads)"
    yield lambda: ops.pending == 0
    for spec in SCREENS[1:]:
        heart.step = spec.key
        sequence = QKeySequence(spec.shortcut)[0]
        QTest.keyClick(window, sequence.key(), sequence.keyboardModifiers())
        yield lambda key=spec.key: key in window.screens.built and ops.pending == 0
        yield SETTLE_MS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = store_with(args.dossiers)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = qt_application()
    qt_translation.install(app, "vi")
    station = Station(folder)
    admin = station.create_user(
        username="bench-admin", full_name="Quản trị đo", role="admin", password="bench-2026"
    )
    ops = Operations()
    session = Session(station, ops)
    session.prepare_window()
    session.on_logged_in(admin)
    window = session.window
    assert window is not None
    window.activateWindow()
    heart = Heartbeat()
    run(openings(window, ops, heart), app.quit)
    app.exec()
    window.close()
    ops.wait()
    print(f"store: {args.dossiers} dossiers; heartbeat every 5 ms, longest GUI-thread gap per step")
    for step, (longest, charged) in heart.worst.items():
        if step != "start":
            print(f"  {step:<36} {longest * 1000:7.1f} ms   charged {charged * 1000:6.1f} ms")
    worst = max(longest for step, (longest, _own) in heart.worst.items() if step != "start")
    print(f"longest: {worst * 1000:.1f} ms   (target < 100 ms)")
    station.close()


if __name__ == "__main__":
    main()
