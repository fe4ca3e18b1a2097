"""The GUI-thread stall when each screen is opened for the first time, on 1,000,000 dossiers.

Usage: python bench/first_open.py [--dossiers 1000000]
The window opens as the application opens it after an administrator's login (every screen is
allowed), its start-up reads are let finish, then each screen is opened once through its
shortcut, waiting for its own first reads before the next. A 5 ms heartbeat on the GUI thread
(bench/ui_latency.py's) gives each opening's longest gap and the part charged to Counter (the
CPU the process used meanwhile). Only Reception is built before the window shows; the others are
built when first opened (their code is imported in the background once the start-up reads are
in). Target: every stall under 100 ms.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from ui_latency import Heartbeat, Pause, run, signed_in_window

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
    app, station, ops, window = signed_in_window(
        args.dossiers, "bench-admin", "Quản trị đo", "admin"
    )
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
