"""The window's desk: the counter's day in the toolbar, backups on closing, their warning."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.domain.calendar import VN_TZ
from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui.backup_watch import until
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from tests.factories import request, vn


def test_the_counters_day_follows_a_saved_dossier(
    window: MainWindow, station: Station, qtbot: QtBot
) -> None:
    strip = window.counter_strip
    qtbot.waitUntil(lambda: strip.today is not None)
    assert strip.text() == "Quầy hôm nay: nhận 0 · trả 0 · hẹn trả còn chờ 0"
    code = station.receive(request(), actor="an").code
    window.reception.dossier_saved.emit(code)  # as Reception does once it saved one
    qtbot.waitUntil(lambda: strip.today is not None and strip.today.received == 1)


def test_closing_the_window_backs_the_store_up_in_the_chosen_folder(
    qtbot: QtBot, station: Station, ops: Operations, clerk: UserInfo, tmp_path: Path
) -> None:
    station.set_setting("backup_folder", json.dumps(str(tmp_path)))
    main = MainWindow(station, ops, clerk)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.watching)
    qtbot.waitUntil(main.backup_watch.isVisible)
    assert main.backup_watch.text() == f"Chưa có bản sao lưu nào trong {tmp_path}."
    main.close()
    ops.wait(20_000)
    day = datetime.now(VN_TZ).date().isoformat()
    assert (tmp_path / "hang-ngay" / f"counter-{day}.sqlite3").is_file()


def test_a_missing_folder_is_warned_about(
    qtbot: QtBot, station: Station, ops: Operations, clerk: UserInfo, tmp_path: Path
) -> None:
    station.set_setting("backup_folder", json.dumps(str(tmp_path / "usb")))
    main = MainWindow(station, ops, clerk)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(main.backup_watch.isVisible)
    assert main.backup_watch.text() == (
        f"Không thấy thư mục sao lưu {tmp_path / 'usb'} (ổ USB chưa cắm?)."
    )
    main.close()


def test_the_closing_time_is_today_or_else_tomorrow() -> None:
    assert until("17:30", vn(2026, 3, 18, 9)).total_seconds() == 8.5 * 3600
    assert until("17:30", vn(2026, 3, 18, 18)).total_seconds() == 23.5 * 3600
    assert until("17:30", vn(2026, 3, 18, 17, 30)).total_seconds() == 24 * 3600
