"""The access log in the window: views made there are recorded, and the leader reads them."""

from __future__ import annotations

from datetime import datetime

from pytestqt.qtbot import QtBot

from counter_app.domain.access import Via
from counter_app.domain.calendar import VN_TZ
from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui.access_log_view import AccessLogDialog, DossierViewsDialog
from counter_app.ui.dossier_view import DossierView
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from tests.factories import request


def test_a_dossier_opened_in_the_window_is_on_the_log_and_the_leader_sees_who(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    station.create_user(username="an", full_name="Lê Văn An", role="clerk", password="x" * 8)
    code = station.receive(request(), actor="an").code
    clerk_view = DossierView(station, ops, "an", role="clerk")
    qtbot.addWidget(clerk_view)
    with qtbot.waitSignal(clerk_view.page_loaded):
        clerk_view.open_code(code)
    assert clerk_view.views_button.isHidden()  # a clerk does not read the log
    [view] = station.privacy.views_of(code)
    assert (view.actor, view.kind, view.via) == ("an", "open", Via.GUI)

    leader_view = DossierView(station, ops, "lanhdao", role="leader")
    qtbot.addWidget(leader_view)
    leader_view.show()
    with qtbot.waitSignal(leader_view.page_loaded):
        leader_view.open_code(code)
    assert not leader_view.views_button.isHidden()
    leader_view.views_button.click()
    dialog = leader_view.views_dialog
    assert isinstance(dialog, DossierViewsDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)  # the clerk, then the leader
    rows = [
        [dialog.table.item(row, column).text() for column in range(5)]
        for row in range(dialog.table.rowCount())
    ]
    assert rows[1][1] == "Lê Văn An (an)"
    assert rows[1][2] == station.context().identity.station_name
    assert rows[1][3] == "Mở hồ sơ — Cửa sổ"
    assert rows[1][4] == code
    assert rows[0][1] == "lanhdao"  # no such user here: the login name as recorded
    assert dialog.summary.text() == "2 lượt xem."
    ops.wait(10_000)


def test_a_search_in_the_window_logs_its_kind_and_the_period_screen_lists_it(
    window: MainWindow, station: Station, clerk: UserInfo, qtbot: QtBot
) -> None:
    code = station.receive(request(), actor="an").code
    window.search_edit.setText("nguyen van duc")
    with qtbot.waitSignal(window.dossier_opened):  # one match opens the dossier at once
        window.search_edit.returnPressed.emit()
    window.ops.wait(10_000)
    opened, searched = station.privacy.views_of(code)
    assert (searched.kind, searched.detail["query"], searched.actor) == ("search", "name", "an")
    assert opened.kind == "open"
    dialog = AccessLogDialog(station, window.ops, datetime.now(VN_TZ).date(), window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.user_combo.count() == 2)  # everyone, and the clerk
    dialog.user_combo.setCurrentIndex(1)
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    assert dialog.table.item(1, 3).text() == "Tìm kiếm theo họ tên — Cửa sổ"
    assert dialog.table.item(1, 4).text() == code


def test_the_access_log_action_is_for_leaders(window: MainWindow) -> None:
    assert not window.actions_by_method["open_access_log"].isEnabled()  # the clerk «an»
