"""The notice of processing at the first start, and a leader's export of one person's data."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.services.user_types import Role, UserInfo
from counter_app.station import Station
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from counter_app.ui.privacy_dialogs import NoticeDialog, SubjectExportDialog
from tests.factories import request


def admin_window(qtbot: QtBot, station: Station, ops: Operations) -> MainWindow:
    admin = UserInfo("u9", "quantri", "Quản Trị", Role.ADMIN, True)
    window = MainWindow(station, ops, admin)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_first_start_shows_the_notice_to_adapt_and_saving_it_ends_that(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    window = admin_window(qtbot, station, ops)
    qtbot.waitUntil(lambda: window.notice is not None and window.notice.isVisible())
    dialog = window.notice
    assert isinstance(dialog, NoticeDialog)
    qtbot.waitUntil(lambda: "91/2025/QH15" in dialog.full_edit.toPlainText())
    dialog.short_edit.setPlainText("UBND phường xử lý thông tin của ông/bà để giải quyết hồ sơ.")
    dialog.url_edit.setText("https://quanghung.example.vn/du-lieu-ca-nhan")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    settings = station.settings()
    assert settings["privacy_notice_url"] == "https://quanghung.example.vn/du-lieu-ca-nhan"
    assert settings["privacy_notice_short"].startswith("UBND phường xử lý")
    assert not station.notice_pending()
    window.close()
    again = admin_window(qtbot, station, ops)
    ops.wait(10_000)
    qtbot.wait(50)
    assert again.notice is None  # asked once


def test_a_leader_exports_one_persons_data_to_a_file(
    qtbot: QtBot, station: Station, ops: Operations, tmp_path: Path
) -> None:
    code = station.receive(request(), actor="an").code
    dialog = SubjectExportDialog(station, ops, "lanhdao")
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "out.json"))
    dialog.id_edit.setText("12")
    dialog.export()
    assert dialog.message.text() == "Số định danh phải gồm đúng 12 chữ số (đang có 2)."
    assert not (tmp_path / "out.json").exists()
    dialog.id_edit.setText("001090012345")
    dialog.export()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Đã ghi 1 hồ sơ"))
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert exported["dossiers"][0]["code"] == code
    [view] = station.privacy.views_of(code)
    assert (view.kind, view.via, view.actor) == ("subject_export", "gui", "lanhdao")
