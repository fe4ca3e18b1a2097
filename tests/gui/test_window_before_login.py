"""The main window built while the login is asked for: hidden, for nobody, reading nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import DeferredWork, Operations
from tests.gui.conftest import Keyboard
from tests.gui.test_reception import QR

W = qt_api.QtWidgets


@pytest.fixture
def unsigned(
    qtbot: QtBot, station: Station, ops: Operations
) -> Iterator[tuple[MainWindow, DeferredWork]]:
    """A window built as the application builds it before anybody has logged in."""
    with ops.deferring() as reads:
        window = MainWindow(station, ops)
    qtbot.addWidget(window)
    yield window, reads
    window.close()


def test_it_starts_no_database_work_until_told(
    unsigned: tuple[MainWindow, DeferredWork], ops: Operations, qtbot: QtBot
) -> None:
    window, reads = unsigned
    qtbot.wait(200)
    assert ops.pending == len(reads.tasks) > 0
    assert window.station_label.text() == "" and not window.reception.catalogue_ready
    with pytest.raises(RuntimeError):
        window.user  # noqa: B018


def test_a_scan_while_the_login_is_typed_stays_in_the_login(
    unsigned: tuple[MainWindow, DeferredWork], qtbot: QtBot, keyboard: Keyboard
) -> None:
    window, _reads = unsigned
    login_box = W.QLineEdit()
    qtbot.addWidget(login_box)
    login_box.show()
    login_box.activateWindow()
    login_box.setFocus()
    qtbot.waitUntil(login_box.hasFocus)
    keyboard.scan(QR)
    qtbot.wait(60)
    assert login_box.text() == QR
    assert window.reception.name_edit.text() == ""


def test_signing_in_gives_it_the_user_then_it_reads_and_watches_once_shown(
    unsigned: tuple[MainWindow, DeferredWork],
    station: Station,
    clerk: UserInfo,
    qtbot: QtBot,
    keyboard: Keyboard,
) -> None:
    window, reads = unsigned
    window.sign_in(clerk)
    assert window.user == clerk and window.reception.actor == clerk.username
    assert clerk.full_name in window.user_label.text()
    assert not window.tabs.isTabEnabled(window.screens.index("settings"))  # a clerk's tabs
    window.show()
    window.activateWindow()
    reads.start()
    qtbot.waitUntil(lambda: window.reception.catalogue_ready and window.watching)
    qtbot.waitUntil(lambda: window.station_label.text() != "")  # the identity, read last
    window.reception.name_edit.setFocus()
    qtbot.waitUntil(window.reception.name_edit.hasFocus)
    keyboard.scan(QR)
    assert window.reception.name_edit.text() == "NGUYỄN VĂN ĐỨC"
