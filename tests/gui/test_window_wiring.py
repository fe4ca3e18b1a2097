"""What the new screens change elsewhere in the window, at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from tests.gui.conftest import Keyboard
from tests.gui.test_catalogue_screen import _changed_file


@pytest.fixture
def admin_window(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[MainWindow]:
    """The window of an administrator, its catalogue loaded."""
    admin = station.create_user(
        username="qt", full_name="Quản Trị", role="admin", password="mat-khau-1"
    )
    main = MainWindow(station, ops, admin)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.reception.catalogue_ready)
    yield main
    main.close()


def test_a_clerk_cannot_press_save(window: MainWindow) -> None:
    assert not window.settings_screen.form.save_button.isEnabled()


def test_a_saved_idle_time_applies_at_once(admin_window: MainWindow, qtbot: QtBot) -> None:
    window = admin_window
    form = window.settings_screen.form
    qtbot.waitUntil(lambda: form.line("idle_lock_minutes").text() == "10")
    form.line("idle_lock_minutes").setText("3")
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    assert window.idle_timer.interval() == 3 * 60_000


def test_an_imported_procedure_is_offered_at_reception(
    admin_window: MainWindow, qtbot: QtBot, tmp_path: Path, keyboard: Keyboard
) -> None:
    window = admin_window
    panel = window.catalogue.importer
    with qtbot.waitSignal(panel.previewed):
        panel.preview_file(_changed_file(tmp_path))
    with qtbot.waitSignal(window.reception.catalogue_loaded):
        panel.confirm()
    picker = window.reception.picker
    window.activateWindow()
    picker.edit.setFocus()
    qtbot.waitUntil(picker.edit.hasFocus)
    keyboard.type("thu nghiem moi")
    assert picker.matches.count() == 1
    assert picker.matches.item(0).text().startswith("1.999999")
