"""The longest GUI-thread stall during a scripted reception on a store of 1,000,000 dossiers.

Usage: python bench/ui_latency.py [--dossiers 1000000] [--key-gap 70]
A heartbeat QTimer fires every 5 ms on the GUI thread and records each gap between beats; a gap
far over 5 ms is the time the thread could not answer the clerk. The script drives the real
window from the keyboard once its start-up reads have reported: type the applicant, pick a
procedure by typing, tick the documents (F4), accept (Ctrl+Enter: the dossier is saved and its
slip spooled to the station's printer — a PDF queue with scripts/cups_setup.sh), then search by
name and by ID number, which opens the dossier. Prints the longest stall, the median and p99 of
the gaps, the longest stall charged to Counter (the CPU time the process used during the gap,
so that a machine busy with other programs is not counted against it), and each step's duration
with its longest stall.
Target: longest stall under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from seed import store_with  # first: it puts this checkout's counter_app on the path
from stats import percentile

from counter_app.services.eventlog import load_events
from counter_app.station import Station
from counter_app.ui import qt_translation
from counter_app.ui.app import Session, qt_application
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations

BEAT_MS = 5
NAME, ID_NUMBER = "Nguyễn Thị Hoà Bình", "038190777123"
DOB, ADDRESS, PHONE = "17/05/1990", "Số 5, phố Lê Lai, phường Hạc Thành", "0912345678"
# a wait (ms) or a condition to wait for
Pause = int | Callable[[], bool]


class Heartbeat(QObject):
    """Beats every BEAT_MS on the GUI thread; keeps every gap and the step it fell in.

    Each gap is also charged with the CPU time the whole process used during it (capped at the
    gap): the GUI thread busy, or a worker holding Python's lock, is our doing; the rest of a gap
    is the machine running other programs (this one shares two cores with several others).
    """

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[float] = []
        self.step = "start"
        self.worst: dict[str, tuple[float, float]] = {}  # step: (longest gap, longest own)
        self._last = self._clocks()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    @staticmethod
    def _clocks() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def _on_timer_timeout(self) -> None:
        now = self._clocks()
        gap, cpu = now[0] - self._last[0], now[1] - self._last[1]
        self._last = now
        self.gaps.append(gap)
        longest, own = self.worst.get(self.step, (0.0, 0.0))
        self.worst[self.step] = (max(longest, gap), max(own, min(gap, cpu)))


class Reception:
    """The scripted clerk: each step yields pauses; the runner keeps the event loop going."""

    def __init__(self, window: MainWindow, ops: Operations, heart: Heartbeat, gap: int) -> None:
        self.window, self.ops, self.heart, self.gap = window, ops, heart, gap
        self.durations: dict[str, float] = {}
        self.printed: list[bool] = []
        self.found: list[int] = []

    def steps(self) -> Iterator[Pause]:
        """The whole reception, then the search."""
        yield from self._step("window opening (its start-up reads)", self._opening())
        yield from self._step("type the applicant", self._applicant())
        yield from self._step("pick the procedure by typing", self._procedure())
        yield from self._step("tick the documents (F4)", self._key(Qt.Key.Key_F4))
        yield from self._step("accept: save and print the slip", self._accept())
        yield from self._step("search by name", self._search("nguyen thi hoa"))
        yield from self._step("search by ID number, open", self._open_by_id())

    def _step(self, name: str, actions: Iterator[Pause]) -> Iterator[Pause]:
        self.heart.step = name
        began = time.perf_counter()
        yield from actions
        self.durations[name] = time.perf_counter() - began
        self.heart.step = "between steps"

    def _type(self, text: str) -> Iterator[Pause]:
        for char in text:
            key = ord(char.upper()) if char.isascii() else Qt.Key.Key_unknown
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, self._focus(), Qt.Key(key), char, Qt.KeyboardModifier(0)
            )
            yield self.gap

    def _key(self, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> Iterator[Pause]:
        QTest.keyClick(self._focus(), key, modifier or Qt.KeyboardModifier(0))
        yield self.gap

    def _focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def _opening(self) -> Iterator[Pause]:
        yield lambda: self.ops.pending == 0

    def _applicant(self) -> Iterator[Pause]:
        self.window.new_reception()
        yield self.window.reception.name_edit.hasFocus
        for text in (NAME, ID_NUMBER, DOB):
            yield from self._type(text)
            yield from self._key(Qt.Key.Key_Tab)
        yield from self._key(Qt.Key.Key_Tab)  # sex: left for the card to say
        for text in (ADDRESS, PHONE):
            yield from self._type(text)
            yield from self._key(Qt.Key.Key_Tab)

    def _procedure(self) -> Iterator[Pause]:
        screen = self.window.reception
        screen.procedure_edit.setFocus()
        yield from self._type("khai sinh")
        yield lambda: screen.procedure_list.count() > 0
        yield from self._key(Qt.Key.Key_Return)
        yield lambda: screen.due_label.text() != ""

    def _accept(self) -> Iterator[Pause]:
        screen = self.window.reception
        screen.dossier_saved.connect(lambda _code: self.printed.append(True))
        yield from self._key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        yield lambda: bool(self.printed) and self.ops.pending == 0

    def _search(self, text: str) -> Iterator[Pause]:
        self.window.statusBar().clearMessage()
        yield from self._key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        yield from self._type(text)
        yield from self._key(Qt.Key.Key_Return)
        yield lambda: self.window.statusBar().currentMessage() != "" and self.ops.pending == 0

    def _open_by_id(self) -> Iterator[Pause]:
        opened: list[object] = []
        self.window.dossier_opened.connect(opened.append)
        yield from self._key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        yield from self._type(ID_NUMBER)
        yield from self._key(Qt.Key.Key_Return)
        yield lambda: bool(opened) and self.ops.pending == 0


def run(script: Iterator[Pause], done: Callable[[], None], limit_s: float = 300) -> None:
    """Advance ``script`` from the event loop: wait the pauses, poll the conditions."""
    deadline = time.monotonic() + limit_s

    def advance() -> None:
        for pause in script:
            if isinstance(pause, int):
                QTimer.singleShot(pause, advance)
                return
            if not pause():
                if time.monotonic() > deadline:
                    raise SystemExit("the scripted reception did not finish in time")
                QTimer.singleShot(2, lambda condition=pause: wait(condition))
                return
        done()

    def wait(condition: Callable[[], bool]) -> None:
        if condition() or time.monotonic() > deadline:
            advance()
        else:
            QTimer.singleShot(2, lambda: wait(condition))

    QTimer.singleShot(0, advance)


def report(heart: Heartbeat, clerk: Reception, station: Station) -> None:
    """The figures."""
    ms = [gap * 1000 for gap in heart.gaps]
    print(f"heartbeat every {BEAT_MS} ms: {len(ms)} beats")
    print(
        f"GUI-thread gaps: longest={max(ms):7.1f} ms  median={statistics.median(ms):6.1f} ms  "
        f"p99={percentile(ms, 0.99):6.1f} ms   (target: longest < 100 ms)"
    )
    own = max(charged for _gap, charged in heart.worst.values()) * 1000
    print(f"longest stall charged to Counter (CPU it used meanwhile): {own:6.1f} ms")
    for name, seconds in clerk.durations.items():
        worst, charged = heart.worst.get(name, (0.0, 0.0))
        print(
            f"  {name:<34} {seconds * 1000:7.0f} ms   longest stall {worst * 1000:6.1f} ms,"
            f" charged {charged * 1000:5.1f} ms"
        )
    facts = station.dossier(station.search(ID_NUMBER)[0].code)
    with station.store.read() as db:
        prints = [e.payload for e in load_events(db, facts.id) if e.type == "printed"]
    outcome = "; ".join(
        f"{p.get('printer')}: {'ok' if p.get('ok') else p.get('error')}" for p in prints
    )
    print(f"dossier {facts.code} saved; slip {outcome or 'not printed'}")


def signed_in_window(
    dossiers: int, username: str, full_name: str, role: str
) -> tuple[QApplication, Station, Operations, MainWindow]:
    """A store of ``dossiers``, a new user of ``role`` and the window as the application opens
    it after that user's login (built beforehand, signed in, shown)."""
    folder = store_with(dossiers)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = qt_application()
    qt_translation.install(app, "vi")
    station = Station(folder)
    user = station.create_user(
        username=username, full_name=full_name, role=role, password="bench-2026"
    )
    ops = Operations()
    session = Session(station, ops)
    session.build_window()
    session.on_logged_in(user)
    return app, station, ops, session.build_window()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--key-gap", type=int, default=70, help="ms between keystrokes")
    args = parser.parse_args()
    app, station, ops, window = signed_in_window(args.dossiers, "bench", "Cán bộ đo", "clerk")
    print(f"store: {args.dossiers} dossiers; printer: {station.settings()['printer'] or 'default'}")
    heart = Heartbeat()
    clerk = Reception(window, ops, heart, args.key_gap)
    run(clerk.steps(), app.quit)
    app.exec()
    window.close()
    ops.wait()
    report(heart, clerk, station)
    station.close()


if __name__ == "__main__":
    main()
