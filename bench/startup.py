"""Start-up: from process start to the main window shown and idle, against a bare QMainWindow.

Usage: python bench/startup.py [--runs 5]
Each run is a fresh process: the interpreter starts, the window is shown, and the time is taken
at the event loop's first idle moment after the window is exposed (a zero-timer fired once the
window is on screen). Counter goes the clerk's way — the console entry and its parser, the store
opened, the window built — except that the demo user ``canbo`` is authenticated with the login
dialog's own function instead of typing. The bare baseline is a PySide6 QMainWindow of the same
size. Both alternate in the same run, after one unreported warm-up each, on a demo station
prepared once in bench/.cache. "settled" is when the window's start-up reads have all reported;
the CPU time (all threads, until shown) is printed too, as it depends less than the wall clock
on what else the machine is running. Counter's modules are byte-compiled first, as an
installation does: where PYTHONDONTWRITEBYTECODE is set (as on this machine), every run would
otherwise compile them from source, which the bare window's PySide6 never does. Target: ratio
under 3.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's counter_app, not an installed one
DEMO = ROOT / "bench" / ".cache" / "startup-demo"
WIDTH, HEIGHT = 1280, 800


# -- the measured processes -------------------------------------------------------------------


def _when_shown_and_idle(report: Callable[[], None]) -> None:
    """Call ``report`` at the first zero-timer after a top-level window is exposed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            handle = widget.windowHandle()
            if widget.isVisible() and handle is not None and handle.isExposed():
                QTimer.singleShot(0, report)
                return
        QTimer.singleShot(1, check)

    QTimer.singleShot(0, check)


def _stamp_and_quit(busy: Callable[[], bool] = lambda: False) -> None:
    """Print the idle moment, then the moment ``busy`` turns false, then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    print(f"shown {time.monotonic():.6f}", flush=True)
    print(f"cpu {time.process_time():.6f}", flush=True)  # every thread, since the start

    def wait() -> None:
        if busy():
            QTimer.singleShot(1, wait)
            return
        print(f"settled {time.monotonic():.6f}", flush=True)
        QApplication.quit()

    wait()


def child_bare() -> int:
    """A bare QMainWindow: the baseline."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(WIDTH, HEIGHT)
    window.show()
    _when_shown_and_idle(_stamp_and_quit)
    return int(app.exec())


def child_counter(data_dir: Path, password: str) -> int:
    """Counter's window on the demo station, as ``counter-app`` with no subcommand opens it."""
    from counter_app import cli, store_keys
    from counter_app.store_file import STORE_FILENAME

    cli.window_options(["--data-dir", str(data_dir)])
    store_keys.prefetch(data_dir / STORE_FILENAME)  # as counter-app does before Qt loads
    from counter_app.ui import app
    from counter_app.ui.login import log_in

    if TYPE_CHECKING:
        from counter_app.station import Station
        from counter_app.ui.app import LoggedIn
        from counter_app.ui.operations import Operations

    def login(station: Station, ops: Operations, logged_in: LoggedIn) -> None:
        _when_shown_and_idle(lambda: _stamp_and_quit(lambda: ops.pending > 0))
        check = lambda: log_in(station, "canbo", password)  # noqa: E731
        ops.run_db(check, logged_in, lambda _message: logged_in(None))

    return app.run(data_dir, login)


# -- the parent -------------------------------------------------------------------------------


def demo_station() -> Path:
    """The demo station (built once by ``counter-app demo --no-window``)."""
    if not DEMO.exists():
        building = DEMO.with_name("startup-demo-building")
        shutil.rmtree(building, ignore_errors=True)
        cli = [sys.executable, "-m", "counter_app.cli", "--data-dir", str(building)]
        subprocess.run(
            [*cli, "demo", "--no-window"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        from counter_app import store_keys
        from counter_app.store_file import STORE_FILENAME

        key = store_keys.require_key(building / STORE_FILENAME)
        store_keys.recovery_shown(building / STORE_FILENAME)  # nobody keeps a bench's sheet
        building.rename(DEMO)
        store_keys.adopt(DEMO / STORE_FILENAME, key)
    return DEMO


def one_run(kind: str) -> tuple[float, float, float]:
    """Seconds from spawning a fresh process to its window shown and idle, to settled, and
    the CPU time it had used when shown."""
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    from counter_app.commands.setup import DEMO_PASSWORD  # here: the child is measured

    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    command += ["--password", DEMO_PASSWORD]
    began = time.monotonic()
    result = subprocess.run(
        [*command, "--data-dir", str(DEMO)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    stamps = dict(line.split() for line in result.stdout.splitlines() if line[:1].isalpha())
    if result.returncode != 0 or "settled" not in stamps:
        raise SystemExit(f"{kind} run failed:\n{result.stdout}\n{result.stderr}")
    shown, settled = float(stamps["shown"]) - began, float(stamps["settled"]) - began
    return shown, settled, float(stamps["cpu"])


def line(name: str, seconds: list[float]) -> str:
    """Median and maximum (the p99 of so few runs) in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return f"{name:<30} n={len(ms)}  median={statistics.median(ms):7.0f} ms  max={max(ms):7.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("bare", "counter"))
    parser.add_argument("--data-dir", type=Path, default=DEMO)
    parser.add_argument("--password", default="")
    args = parser.parse_args()
    if args.child == "bare":
        sys.exit(child_bare())
    if args.child == "counter":
        sys.exit(child_counter(args.data_dir, args.password))
    import keys

    keys.start()  # the window's processes read the store's key from it, as on a PC
    demo_station()
    compileall.compile_dir(ROOT / "counter_app", quiet=1)
    one_run("bare"), one_run("counter")  # warm the file cache, not counted
    bare: list[tuple[float, float, float]] = []
    counter: list[tuple[float, float, float]] = []
    for _ in range(args.runs):  # alternated, so that both see the same load
        bare.append(one_run("bare"))
        counter.append(one_run("counter"))
    print(line("bare QMainWindow, shown idle", [run[0] for run in bare]))
    print(line("Counter, shown idle", [run[0] for run in counter]))
    print(line("Counter, start-up reads done", [run[1] for run in counter]))
    print(line("bare QMainWindow, CPU used", [run[2] for run in bare]))
    print(line("Counter, CPU used", [run[2] for run in counter]))
    for name, index in (("wall clock", 0), ("CPU time", 2)):
        ratio = statistics.median(r[index] for r in counter) / statistics.median(
            r[index] for r in bare
        )
        print(f"ratio Counter / bare, {name} (medians): {ratio:.2f}  (target < 3)")


if __name__ == "__main__":
    main()
