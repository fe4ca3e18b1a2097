"""What the window keeps in view besides the work: the counter's day and the backups."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from counter_app import store_cipher
from counter_app.domain import recovery
from counter_app.domain.calendar import VN_TZ
from counter_app.services.backup import check_backup
from tests.desktop.conftest import Demo, Launch, counter_app
from tests.desktop.test_findings import receive_typed


def _strip(text: str) -> tuple[int, ...]:
    return tuple(int(number) for number in re.findall(r"\d+", text))


def test_the_counters_day_is_in_view_and_follows_each_reception(launch: Launch) -> None:
    app = launch()
    app.wait("window().counter_strip.today is not None")
    before = _strip(app.ask("window().counter_strip.text()"))
    assert app.ask("whole(window().counter_strip)")
    receive_typed(app, "Tran Van Mot", "038090012345")
    app.wait("window().reception.result_label.text().startswith('Đã tiếp nhận')")
    app.wait(f"window().counter_strip.today.received == {before[0] + 1}")
    app.shot("counter-strip-after-a-reception")
    for key in ("ctrl+2", "ctrl+4", "ctrl+5"):  # always in view
        app.key(key)
        assert app.ask("whole(window().counter_strip)"), key


def test_closing_the_window_writes_a_checked_backup_to_the_chosen_folder(
    launch: Launch, demo_dir: Path, demo_template: Demo, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    counter_app(demo_dir, "settings", "set", "backup_folder", str(usb))
    app = launch()
    app.wait("window().backup_watch.isVisible()")  # nothing written there yet
    assert "Chưa có bản sao lưu" in app.ask("window().backup_watch.text()")
    app.shot("backup-none-yet")
    app.key("ctrl+q")
    assert app.process.wait(60) == 0
    today = datetime.now(VN_TZ).date().isoformat()  # the counter's day, Vietnam time
    daily = usb / "hang-ngay" / f"counter-{today}.sqlite3"
    assert daily.is_file()
    # intact, current schema, encrypted: the key the leader's sheet gives opens it
    key = recovery.store_key(recovery.parse(demo_template.recovery_key))
    check_backup(daily, local_station_id=None, key=key)
    assert not store_cipher.is_plaintext(daily)
    assert [path.name for path in (usb / "hang-tuan").iterdir()] != []
    again = launch()
    again.settle()
    assert not again.ask("window().backup_watch.isVisible()"), again.ask(
        "window().backup_watch.text()"
    )


def test_a_missing_backup_folder_is_warned_about(
    launch: Launch, demo_dir: Path, tmp_path: Path
) -> None:
    counter_app(demo_dir, "settings", "set", "backup_folder", str(tmp_path / "o-usb-da-rut"))
    app = launch()
    app.wait("window().backup_watch.isVisible()")
    assert "Không thấy thư mục sao lưu" in app.ask("window().backup_watch.text()")
    assert app.ask("window().backup_watch.toolTip()")  # whole text, where the bar is narrow
    app.shot("backup-folder-missing")
