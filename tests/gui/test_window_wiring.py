"""What the new screens change elsewhere in the window, at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
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


def test_an_administrator_is_warned_of_a_year_without_decision(
    qtbot: QtBot, station: Station, ops: Operations, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.ui import calendar_warning

    # 6/12/2026: 2027 starts within 60 days and Counter ships no decision for it.
    monkeypatch.setattr(calendar_warning, "today", lambda: date(2026, 12, 6))
    admin = station.create_user(
        username="qt", full_name="Quản Trị", role="admin", password="mat-khau-1"
    )
    main = MainWindow(station, ops, admin)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(main.calendar_warning.isVisible)
    assert main.calendar_warning.text().startswith(
        "Lịch nghỉ năm 2027 chưa có quyết định chính thức"
    )
    clerk = station.create_user(
        username="cb", full_name="Cán Bộ", role="clerk", password="x-1234567"
    )
    main.sign_in(clerk)
    assert not main.calendar_warning.isVisible()  # the clerk cannot act on it
    station.confirm_calendar_year(2027)
    main.sign_in(admin)
    ops.wait(10_000)
    qtbot.waitUntil(lambda: not main.calendar_warning.isVisible())
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
