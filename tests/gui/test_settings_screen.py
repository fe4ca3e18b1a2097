"""The Settings screen: a change saved, a bad value refused in place, users, the calendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.station import Station
from counter_app.ui.operations import Operations
from counter_app.ui.settings_screen import SettingsScreen


@pytest.fixture
def screen(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[SettingsScreen]:
    """The settings screen with everything read from the store."""
    station.create_user(username="qt", full_name="Quản Trị", role="admin", password="mat-khau-1")
    widget = SettingsScreen(station, ops, "qt")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.form.line("agency_name").text() != "")
    qtbot.waitUntil(lambda: widget.form.line("cutoff").text() == "15:00")
    qtbot.waitUntil(lambda: len(widget.users.users) == 1)
    yield widget
    ops.wait(10_000)


def test_changes_are_saved_together(screen: SettingsScreen, station: Station, qtbot: QtBot) -> None:
    form = screen.form
    assert form.code_label.text() == "000.17.22.H56"
    assert form.line("working_sessions").text() == "07:30-11:30; 13:30-17:30"
    form.line("lookup_url").setText("https://dichvucong.example/tra-cuu?ma={code}")
    form.line("idle_lock_minutes").setText("5")
    form.line("working_sessions").setText("07:00-11:00; 13:00-17:00")
    form.line("agency_name").setText("UBND phường Hạc Thành")
    slip = form.editors["slip_format"]
    slip.setCurrentIndex(slip.findData("80mm"))  # type: ignore[attr-defined]
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    settings = station.settings()
    assert settings["lookup_url"] == "https://dichvucong.example/tra-cuu?ma={code}"
    assert settings["idle_lock_minutes"] == 5
    assert settings["slip_format"] == "80mm"
    assert settings["working_sessions"] == [["07:00", "11:00"], ["13:00", "17:00"]]
    assert station.identity is not None and station.identity.agency_name == "UBND phường Hạc Thành"
    assert form.message_label.text() == "Đã lưu thiết lập."


def test_a_bad_value_is_named_beside_its_field_and_nothing_is_saved(
    screen: SettingsScreen, station: Station, qtbot: QtBot
) -> None:
    form = screen.form
    form.line("idle_lock_minutes").setText("5")
    form.line("lookup_url").setText("https://dichvucong.example/tra-cuu")  # no {code}
    with qtbot.waitSignal(form.message_shown, check_params_cb=lambda m: "Chưa lưu" in m):
        form.save_button.click()
    assert "{code}" in form.errors["lookup_url"].text()
    assert form.errors["lookup_url"].isVisible()
    assert station.settings()["idle_lock_minutes"] == 10  # the good value waited too
    form.line("lookup_url").clear()
    form.line("idle_lock_minutes").setText("mười")
    form.save_button.click()
    assert "số nguyên" in form.errors["idle_lock_minutes"].text()
    form.line("idle_lock_minutes").setText("10")
    form.line("cutoff").setText("25:99")
    with qtbot.waitSignal(form.message_shown, check_params_cb=lambda m: "Chưa lưu" in m):
        form.save_button.click()
    assert station.settings()["cutoff"] == "15:00"


def test_settings_a_form_needs_are_shown_missing_until_filled(
    screen: SettingsScreen, station: Station, qtbot: QtBot
) -> None:
    form = screen.form
    assert not form.missing_label.isVisible()  # the template station has them
    form.line("leader_name").clear()
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    assert form.missing["leader_name"].isVisible()
    assert "mẫu 04" in form.missing["leader_name"].text()
    assert "Họ tên người ký" in form.missing_label.text() and form.missing_label.isVisible()
    assert not form.missing["contact_phone"].isVisible()
    form.line("leader_name").setText("Lê Văn Tâm")
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    assert not form.missing_label.isVisible() and not form.missing["leader_name"].isVisible()


def test_users_added_password_reset_and_deactivated(
    screen: SettingsScreen, station: Station, qtbot: QtBot
) -> None:
    panel = screen.users
    panel.username_edit.setText("binh")
    panel.full_name_edit.setText("Trần Văn Bình")
    panel.role_combo.setCurrentIndex(panel.role_combo.findData("leader"))
    panel.password_edit.setText("ngan")
    with qtbot.waitSignal(panel.message_shown):
        panel.add_button.click()
    assert "ít nhất" in panel.message_label.text()
    assert panel.username_edit.text() == "binh"  # nothing typed is lost
    panel.password_edit.setText("mat-khau-2")
    with qtbot.waitSignal(panel.users_loaded):
        panel.add_button.click()
    assert [u.username for u in panel.users] == ["binh", "qt"]
    assert station.authenticate("binh", "mat-khau-2").role.value == "leader"
    panel.table.setCurrentCell(0, 0)
    panel.new_password_edit.setText("mat-khau-3")
    with qtbot.waitSignal(panel.users_loaded):
        panel.reset_button.click()
    assert station.authenticate("binh", "mat-khau-3").username == "binh"
    with qtbot.waitSignal(panel.users_loaded):
        panel.active_button.click()
    assert panel.table.item(0, 3).text() == "Đã khóa"  # type: ignore[union-attr]
    panel.table.setCurrentCell(1, 0)  # the only admin
    with qtbot.waitSignal(panel.message_shown):
        panel.active_button.click()
    assert "quản trị viên cuối cùng" in panel.message_label.text()
    assert station.authenticate("qt", "mat-khau-1").active


def test_calendar_day_added_and_removed(
    screen: SettingsScreen, station: Station, qtbot: QtBot
) -> None:
    # the official decisions ship as data, not as rows here: only the administrator's days
    station.set_override(day=date(2027, 3, 2), kind="day_off", reason="Nghỉ tránh bão")
    panel = screen.calendar
    qtbot.waitUntil(lambda: panel.days == [date(2027, 3, 2)])
    panel.day_edit.setText("30/02/2027")
    panel.add_button.click()
    assert "ngày/tháng/năm" in panel.message_label.text()
    panel.day_edit.setText("12/05/2027")
    panel.reason_edit.setText("Nghỉ bù theo thông báo của tỉnh")
    panel.document_edit.setText("Thông báo 12/TB-UBND ngày 02/5/2027")
    panel.add_button.click()
    qtbot.waitUntil(lambda: date(2027, 5, 12) in panel.days)
    added = station.overrides()[-1]
    assert added.source == "local" and added.document == "Thông báo 12/TB-UBND ngày 02/5/2027"
    assert not station.calendar().is_working_day(date(2027, 5, 12))
    panel.table.setCurrentCell(panel.days.index(date(2027, 5, 12)), 0)
    panel.remove_button.click()
    qtbot.waitUntil(lambda: date(2027, 5, 12) not in panel.days)
    assert station.calendar().is_working_day(date(2027, 5, 12))


def test_a_year_without_decision_is_shown_until_the_admin_confirms_it(
    screen: SettingsScreen, station: Station, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.ui import calendar_warning

    # On 6/12/2026 the year 2027 is within the warning's 60 days and has no shipped decision.
    monkeypatch.setattr(calendar_warning, "today", lambda: date(2026, 12, 6))
    panel = screen.calendar
    qtbot.waitUntil(lambda: panel.provisional == [2027])
    assert panel.provisional_label.text().startswith(
        "Lịch nghỉ năm 2027 chưa có quyết định chính thức"
    )
    panel.confirm_button.click()
    qtbot.waitUntil(lambda: panel.provisional == [])
    assert panel.provisional_label.text() == ""
    assert station.calendar_years() == {2027: "local"}


def test_printer_chosen_from_the_installed_ones_and_language_for_next_start(
    qtbot: QtBot, station: Station, ops: Operations, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.ui import settings_form

    monkeypatch.setattr(settings_form, "available_printers", lambda: ["QuayMot", "QuayHai"])
    form = settings_form.SettingsForm(station, ops)
    qtbot.addWidget(form)
    printer = form.editors["printer"]
    assert isinstance(printer, qt_api.QtWidgets.QComboBox)
    qtbot.waitUntil(lambda: printer.count() == 3)
    qtbot.waitUntil(form.save_button.isEnabled)  # the stored values are in: choose after them
    assert printer.itemText(0) == "Máy in mặc định của máy tính"
    printer.setCurrentIndex(printer.findData("QuayHai"))
    language = form.editors["language"]
    assert isinstance(language, qt_api.QtWidgets.QComboBox)
    language.setCurrentIndex(language.findData("en"))
    qtbot.waitUntil(lambda: form.line("agency_name").text() != "")
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    assert station.settings()["printer"] == "QuayHai"
    assert station.settings()["language"] == "en"
    notes = [label.text() for label in form.findChildren(qt_api.QtWidgets.QLabel)]
    assert "Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau." in notes
    ops.wait(10_000)


def test_the_calendar_and_users_pages_are_built_when_first_opened(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    widget = SettingsScreen(station, ops, "qt")
    qtbot.addWidget(widget)
    widget.show()
    assert set(widget.page_tabs.built) == {"form"}
    station.set_override(day=date(2027, 5, 12), kind="day_off", reason="Nghỉ bù")
    widget.pages.setCurrentIndex(widget.page_tabs.index("calendar"))
    assert set(widget.page_tabs.built) == {"form", "calendar"}
    assert widget.pages.currentWidget() is widget.calendar
    assert widget.pages.tabText(widget.pages.currentIndex()) == "Lịch làm việc"
    qtbot.waitUntil(lambda: bool(widget.calendar.days))  # its overrides read on building
    ops.wait(10_000)
