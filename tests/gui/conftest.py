"""GUI fixtures: a clerk, the background operations, a recorded print call, a keyboard."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.services.user_types import UserInfo
from counter_app.services.users import create_user
from counter_app.station import Station
from counter_app.ui import print_offer
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from counter_app.ui.print_dispatch import PrintOutcome
from counter_app.ui.print_jobs import PrintRequest

PASSWORD = "mat-khau-1"
HUMAN_GAP_MS = 150
SCANNER_GAP_MS = 4


class Keyboard:
    """Keystrokes to the focused widget, with window-system timestamps, counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self._clock = itertools.count(1_000_000, 1)

    def _focus(self) -> object:
        widget = qt_api.QtWidgets.QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def _send(self, key: int, text: str, gap: int) -> None:
        stamp = next(self._clock) + gap
        self._clock = itertools.count(stamp + 1, 1)
        for kind in (qt_api.QtCore.QEvent.Type.KeyPress, qt_api.QtCore.QEvent.Type.KeyRelease):
            event = qt_api.QtGui.QKeyEvent(
                kind, key, qt_api.QtCore.Qt.KeyboardModifier.NoModifier, text
            )
            event.setTimestamp(stamp)
            qt_api.QtWidgets.QApplication.sendEvent(self._focus(), event)

    def type(self, text: str) -> None:
        """Type ``text`` as a person does (one key every 150 ms)."""
        for char in text:
            self._send(_key_of(char), char, HUMAN_GAP_MS)
        self.count += len(text)
        self.qtbot.wait(40)  # the scanner filter hands back the last key after 30 ms

    def scan(self, text: str) -> None:
        """A handheld scanner: ``text`` then Enter, a few milliseconds apart."""
        for char in text:
            self._send(_key_of(char), char, SCANNER_GAP_MS)
        self._send(int(qt_api.QtCore.Qt.Key.Key_Return), "\r", SCANNER_GAP_MS)

    def press(self, key: object, modifier: object = None) -> None:
        """One special key or shortcut, through Qt's shortcut handling."""
        mods = modifier or qt_api.QtCore.Qt.KeyboardModifier.NoModifier
        self.qtbot.keyClick(self._focus(), key, mods)
        self.count += 1


def _key_of(char: str) -> int:
    if char.isascii():
        return ord(char.upper())
    return int(qt_api.QtCore.Qt.Key.Key_unknown)


@pytest.fixture
def keyboard(qtbot: QtBot) -> Keyboard:
    """A keyboard and a scanner on the focused widget."""
    return Keyboard(qtbot)


@pytest.fixture
def clerk(station: Station) -> UserInfo:
    """A clerk account with password ``PASSWORD``."""
    with station.store.write() as db:
        return create_user(
            db, username="an", full_name="Lê Văn An", role="clerk", password=PASSWORD
        )


@pytest.fixture
def ops(station: Station, qtbot: QtBot) -> Iterator[Operations]:
    """The background pools, drained before the station closes."""
    operations = Operations()
    yield operations
    operations.wait(10_000)


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[PrintRequest]:
    """Every print request, recorded instead of printed (the print path is tested in tests/ui)."""
    jobs: list[PrintRequest] = []

    def record(_station: Station, request: PrintRequest, *, actor: str) -> PrintOutcome:
        jobs.append(request)
        return PrintOutcome(ok=True, printer="test", error=None, pages=1)

    monkeypatch.setattr(print_offer, "print_form", record)
    return jobs


@pytest.fixture
def window(
    qtbot: QtBot, station: Station, ops: Operations, clerk: UserInfo, printed: list[PrintRequest]
) -> Iterator[MainWindow]:
    """The main window, shown and active, its catalogue loaded."""
    main = MainWindow(station, ops, clerk)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: main.reception.catalogue_ready)
    qtbot.waitUntil(lambda: main.watching)  # the scanner's filter is in place once on screen
    main.reception.name_edit.setFocus()
    qtbot.waitUntil(main.reception.name_edit.hasFocus)
    yield main
    main.close()
