"""Keystrokes and seconds from «Tiếp nhận mới» to the slip in the printer, as a clerk lives it.

Usage: python bench/clerk.py [--dossiers 1000000] [--runs 7] [--key-gap 250]
The real window, offscreen, on a store of N dossiers, driven from the keyboard: a key every
--key-gap ms (a person's pace), a card's QR read by the scanner in one burst, the slip spooled
to the station's printer (a PDF queue with scripts/cups_setup.sh). Four receptions, each from
F2 to the spooler taking the slip:

  typed, first visit       every field typed, the procedure found by typing    (the baseline)
  card scan, first visit   the card fills the applicant; the phone typed, the procedure typed
  typed ID, returning      the ID number typed: the station fills the rest from the applicant's
                           last dossier, Tab over it to the procedure; the counter's last
                           procedure is offered first
  card scan, returning     the scan; the phone from before; the counter's last procedure

Prints for each the keystrokes, the median and p99 seconds, and the ratio of the median to the
baseline's. The person's typing is most of the time: the keystrokes are what can go.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from stats import percentile
from ui_latency import Pause, run, signed_in_window

from counter_app.domain.cccd import Sex
from counter_app.services.applicant import Applicant
from counter_app.services.reception_types import IntakeRequest
from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations

CERTIFY, MARITAL = "2.000815", "1.004873"  # an earlier dossier's procedure; the counter's last
ADDRESS = "Số 12, đường Lê Lai, phường Hạc Thành, tỉnh Thanh Hóa"
PHONE = "0912345678"


@dataclass
class Clerk:
    """Sends the keys, counts them, times each reception from F2 to the slip."""

    window: MainWindow
    ops: Operations
    gap: int
    keys: int = 0
    printed: list[str] = field(default_factory=list)

    def type(self, text: str) -> Iterator[Pause]:
        """A person typing ``text``, one key every ``gap`` ms."""
        for char in text:
            key = ord(char.upper()) if char.isascii() else Qt.Key.Key_unknown
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, _focus(), Qt.Key(key), char, Qt.KeyboardModifier(0)
            )
            self.keys += 1
            yield self.gap

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> Iterator[Pause]:
        """One special key or shortcut."""
        QTest.keyClick(_focus(), key, modifier or Qt.KeyboardModifier(0))
        self.keys += 1
        yield self.gap

    def scan(self, text: str) -> Iterator[Pause]:
        """The scanner: every character and Enter at once (no keystroke of the clerk's)."""
        for char in text:
            key = ord(char.upper()) if char.isascii() else Qt.Key.Key_unknown
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, _focus(), Qt.Key(key), char, Qt.KeyboardModifier(0)
            )
        QTest.keyClick(_focus(), Qt.Key.Key_Return)
        yield 300  # the reader's beep, the card back in the citizen's hand

    def until(self, condition: Callable[[], bool]) -> Iterator[Pause]:
        """Wait for ``condition`` (the person waits too: it is in the seconds)."""
        yield condition


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def card(person: Applicant) -> str:
    """The QR of ``person``'s chip ID card."""
    assert person.dob is not None
    sex = "Nam" if person.sex is Sex.MALE else "Nữ"
    return (
        f"{person.id_number}|123456789|{person.name.upper()}|{person.dob:%d%m%Y}|{sex}|"
        f"{person.address}|01032022"
    )


def person(number: int) -> Applicant:
    """A fictitious applicant whose ID number no store of the benches holds."""
    return Applicant(
        name=f"Trần Văn Thử Số {number}",
        id_number=f"0380909{number:05d}",
        dob=date(1990, 5, 17),
        sex=Sex.MALE,
        address=ADDRESS,
        phone=PHONE,
        email=None,
    )


class Receptions:
    """The four receptions, ``runs`` times each; the seconds of each run."""

    def __init__(self, clerk: Clerk, station: Station, runs: int) -> None:
        self.clerk, self.station, self.runs = clerk, station, runs
        self.seconds: dict[str, list[float]] = {}
        self.keystrokes: dict[str, int] = {}
        self.serial = 0

    def script(self) -> Iterator[Pause]:
        """Everything, after the window's start-up reads."""
        yield lambda: self.clerk.ops.pending == 0
        kinds = (
            ("typed, first visit", self._typed_first),
            ("card scan, first visit", self._scan_first),
            ("typed ID, returning", self._typed_returning),
            ("card scan, returning", self._scan_returning),
        )
        for name, reception in kinds:
            for _run in range(self.runs):
                yield from self._timed(name, reception)

    def _timed(
        self, name: str, reception: Callable[[Applicant], Iterator[Pause]]
    ) -> Iterator[Pause]:
        self.serial += 1
        applicant = person(self.serial)
        clerk, screen = self.clerk, self.clerk.window.reception
        before, keys = len(clerk.printed), clerk.keys
        began = time.perf_counter()
        yield from clerk.key(Qt.Key.Key_F2)
        yield from reception(applicant)
        yield from clerk.until(lambda: len(clerk.printed) > before and clerk.ops.pending == 0)
        self.seconds.setdefault(name, []).append(time.perf_counter() - began)
        self.keystrokes[name] = clerk.keys - keys
        assert screen.result_label.text().startswith("Đã tiếp nhận"), screen.message_label.text()

    def _procedure_typed(self) -> Iterator[Pause]:
        screen = self.clerk.window.reception
        yield from self.clerk.type("khai sinh")
        yield from self.clerk.until(lambda: screen.procedure_list.count() > 0)
        yield from self.clerk.key(Qt.Key.Key_Return)

    def _documents_and_accept(self) -> Iterator[Pause]:
        screen = self.clerk.window.reception
        yield from self.clerk.until(lambda: screen.checklist.rowCount() > 0)
        yield from self.clerk.key(Qt.Key.Key_F4)
        yield from self.clerk.key(Qt.Key.Key_Return)

    def _typed_first(self, applicant: Applicant) -> Iterator[Pause]:
        assert applicant.dob is not None and applicant.id_number is not None
        for text in (applicant.name, applicant.id_number, f"{applicant.dob:%d/%m/%Y}"):
            yield from self.clerk.type(text)
            yield from self.clerk.key(Qt.Key.Key_Tab)
        yield from self.clerk.type("N")  # the sex box: «Nam»
        yield from self.clerk.key(Qt.Key.Key_Tab)
        for text in (applicant.address or "", PHONE):
            yield from self.clerk.type(text)
            yield from self.clerk.key(Qt.Key.Key_Tab)
        yield from self.clerk.key(Qt.Key.Key_Tab)  # no e-mail
        yield from self._procedure_typed()
        yield from self._documents_and_accept()

    def _scan_first(self, applicant: Applicant) -> Iterator[Pause]:
        yield from self.clerk.scan(card(applicant))
        yield from self.clerk.type(PHONE)
        yield from self.clerk.key(Qt.Key.Key_Tab)
        yield from self.clerk.key(Qt.Key.Key_Tab)
        yield from self._procedure_typed()
        yield from self._documents_and_accept()

    def _returning(self, applicant: Applicant) -> None:
        """The applicant's earlier dossier, then a neighbour's: the counter's last procedure."""
        self.station.receive(IntakeRequest(CERTIFY, applicant), actor="bench")
        self.serial += 1
        self.station.receive(IntakeRequest(MARITAL, person(self.serial)), actor="bench")
        self.clerk.window.reception.reload_catalogue()  # its recent procedures too

    def _typed_returning(self, applicant: Applicant) -> Iterator[Pause]:
        self._returning(applicant)
        screen = self.clerk.window.reception
        yield from self.clerk.until(lambda: self.clerk.ops.pending == 0)
        yield from self.clerk.key(Qt.Key.Key_Tab)
        assert applicant.id_number is not None
        yield from self.clerk.type(applicant.id_number)
        yield from self.clerk.until(lambda: screen.name_edit.text() != "")  # the station knew her
        # a typist's cursor stays where she typed: Tab over what was filled in, to the procedure
        for _field in range(len(screen.fields)):
            if screen.procedure_edit.hasFocus():
                break
            yield from self.clerk.key(Qt.Key.Key_Tab)
        yield from self.clerk.key(Qt.Key.Key_Return)
        yield from self._documents_and_accept()

    def _scan_returning(self, applicant: Applicant) -> Iterator[Pause]:
        self._returning(applicant)
        screen = self.clerk.window.reception
        yield from self.clerk.until(lambda: self.clerk.ops.pending == 0)
        yield from self.clerk.scan(card(applicant))
        yield from self.clerk.until(screen.procedure_edit.hasFocus)
        yield from self.clerk.key(Qt.Key.Key_Return)
        yield from self._documents_and_accept()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--key-gap", type=int, default=250, help="ms between a person's keys")
    args = parser.parse_args()
    app, station, ops, window = signed_in_window(args.dossiers, "bench", "Cán bộ đo", "clerk")
    clerk = Clerk(window, ops, args.key_gap)
    window.reception.printed.connect(clerk.printed.append)
    receptions = Receptions(clerk, station, args.runs)
    run(receptions.script(), app.quit, limit_s=3600)
    app.exec()
    window.close()
    ops.wait()
    printer = station.settings()["printer"] or "the default printer"
    print(f"store: {args.dossiers} dossiers; slips to {printer}; a key every {args.key_gap} ms")
    base = statistics.median(next(iter(receptions.seconds.values())))
    for name, seconds in receptions.seconds.items():
        median = statistics.median(seconds)
        print(
            f"{name:<24} keystrokes={receptions.keystrokes[name]:3d}  "
            f"median={median:6.2f} s  p99={percentile(seconds, 0.99):6.2f} s  "
            f"ratio to «typed, first visit»={median / base:5.2f}"
        )
    station.close()


if __name__ == "__main__":
    main()
