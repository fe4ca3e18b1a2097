"""The status bar's sync corner against a live server, driven through Qt (offscreen)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from counter_app.services import outbox
from counter_app.services.publications import remember_release
from counter_app.station import Station
from counter_app.sync.protocol import ReleaseBody
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from counter_app.ui.sync_status import SyncStatusWidget
from counter_server.cli import enrol
from counter_server.db import Database
from counter_server.publications import publish_release
from tests.conftest import AGENCY_CODE
from tests.factories import request
from tests.gui.conftest import clerk, ops, printed, window
from tests.sync.conftest import LiveServer
from tests.sync.helpers import received

__all__ = ["clerk", "ops", "printed", "window"]


@pytest.fixture
def online_station(
    station: Station, live_server: LiveServer, real_keyring: KeyringBackend
) -> Station:
    """The test station enrolled with the live server, one dossier waiting to go up."""
    code = enrol(live_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    station.enrol(live_server.url, code)
    received(station)
    return station


def _shown(qtbot: QtBot, widget: SyncStatusWidget) -> None:
    with qtbot.waitSignal(widget.status_shown, timeout=20_000):
        widget.refresh()


def test_sync_now_sends_the_waiting_events_and_shows_online(
    qtbot: QtBot, online_station: Station, ops: Operations
) -> None:
    widget = SyncStatusWidget(online_station, ops)
    qtbot.addWidget(widget)
    _shown(qtbot, widget)
    assert widget.waiting_label.text() == "Chờ gửi: 1"
    assert widget.state_label.text() == "Ngoại tuyến"
    with qtbot.waitSignal(widget.round_finished, timeout=30_000):
        widget.sync_now()
        assert widget.state_label.text() == "Đang đồng bộ…"  # the round is not on this thread
    assert widget.problem is None
    qtbot.waitUntil(lambda: widget.waiting_label.text() == "Chờ gửi: 0", timeout=20_000)
    assert widget.state_label.text() == "Trực tuyến"
    assert "chưa có" not in widget.last_label.text()
    assert not widget.skew_label.isVisible()


def test_an_unreachable_server_shows_offline_with_the_reason(
    qtbot: QtBot, online_station: Station, ops: Operations
) -> None:
    online_station.set_setting("server_url", "http://127.0.0.1:9")
    widget = SyncStatusWidget(online_station, ops)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.round_finished, timeout=60_000) as finished:
        widget.sync_now()
    assert "Không kết nối được máy chủ" in (finished.args[0].problem or "")
    qtbot.waitUntil(lambda: "Không kết nối" in widget.state_label.toolTip(), timeout=20_000)
    assert widget.state_label.text() == "Ngoại tuyến"
    assert widget.waiting_label.text() == "Chờ gửi: 1"
    assert "Không kết nối" in widget.state_label.toolTip()


def test_a_clock_more_than_five_minutes_off_is_warned(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    with station.store.write() as db:
        outbox.save_state(db, clock_offset_ms=-12 * 60_000, last_success_at=datetime.now(UTC))
    widget = SyncStatusWidget(station, ops)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.skew_label.isVisible, timeout=20_000)
    assert "12 phút" in widget.skew_label.text()


def test_the_window_has_the_sync_action_and_corner(
    qtbot: QtBot, online_station: Station, window: MainWindow
) -> None:
    action = window.actions_by_method["sync_now"]
    assert action.shortcut().toString() == "F9"
    with qtbot.waitSignal(window.sync_status.round_finished, timeout=30_000):
        action.trigger()
    corner = window.sync_status
    qtbot.waitUntil(lambda: corner.waiting_label.text() == "Chờ gửi: 0", timeout=20_000)


def test_end_of_day_reconciliation_lists_counters_and_what_needs_attention(
    qtbot: QtBot, online_station: Station, window: MainWindow
) -> None:
    now = datetime.now(UTC)
    online_station.receive(request(received_at=now), actor="clerk", now=now)
    window.actions_by_method["open_reconciliation"].trigger()
    dialog = window.reconciliation
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, column).text() for column in range(5)]
    assert cells[0].endswith("(máy này)") and cells[1:] == ["1", "0", "1", "0"]
    assert "Chờ gửi: 2 sự kiện" in dialog.attention.text()
    assert "Chưa từng đồng bộ" in dialog.attention.text()
    online_station.sync_once()
    dialog.loaded = False
    dialog.refresh_button.click()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert dialog.table.item(0, 4).text() == "1"
    assert "Chưa từng" not in dialog.attention.text()
    dialog.close()


def test_a_server_that_refuses_this_counter_as_too_old_is_shown_plainly(
    qtbot: QtBot, online_station: Station, ops: Operations, live_server: LiveServer
) -> None:
    database = Database(live_server.database_url)
    with database.sessions() as session:
        body = ReleaseBody(version="99.0", required_from=date(2020, 1, 1))
        publish_release(session, body, now=datetime.now(UTC))
        session.commit()
    database.dispose()
    widget = SyncStatusWidget(online_station, ops)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.round_finished, timeout=60_000):
        widget.sync_now()
    qtbot.waitUntil(widget.update_label.isVisible, timeout=20_000)
    assert widget.update_label.text().startswith("Máy chủ chỉ nhận Counter 99.0 trở lên")
    assert "vẫn giữ nguyên" in widget.update_label.text()
    assert widget.waiting_label.text() == "Chờ gửi: 1"  # the dossier still waits to go up


def test_an_announced_release_is_shown_until_it_is_installed(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    release = ReleaseBody(version="99.0", required_from=date(2027, 1, 15), note="")
    with station.store.write() as db:
        remember_release(db, release)
    widget = SyncStatusWidget(station, ops)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.update_label.isVisible, timeout=20_000)
    assert widget.update_label.text() == (
        "Đã có Counter 99.0, bắt buộc từ ngày 15/01/2027; hãy nhờ cán bộ quản trị cài đặt."
    )
