"""What a clerk sees when the start goes wrong: a second start, a refused store, an error
nobody handled — each a Vietnamese dialog, and nothing lost."""

from __future__ import annotations

import json
import logging
import sys
import zipfile
from pathlib import Path

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app import __version__
from counter_app.logs import log_path, start_file_log
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME, shipped_head
from counter_app.ui import crash
from counter_app.ui.about import AboutDialog
from counter_app.ui.app import LoggedIn, run
from counter_app.ui.operations import Operations
from counter_app.ui.single_instance import SingleInstance
from tests.conftest import AGENCY_CODE, store_connection
from tests.factories import applicant, request, vn

QApplication, QMessageBox = qt_api.QtWidgets.QApplication, qt_api.QtWidgets.QMessageBox
QFormLayout = qt_api.QtWidgets.QFormLayout
QTimer = qt_api.QtCore.QTimer


def _close_message_box(seen: list[str]) -> None:
    """Read and close the next message box, however it was opened."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    shown = [box for box in boxes if box.isVisible()]
    if not shown:
        QTimer.singleShot(10, lambda: _close_message_box(seen))
        return
    seen.append(shown[0].text())
    shown[0].done(0)


def _never_asked(_station: Station, _ops: Operations, _logged_in: LoggedIn) -> None:
    raise AssertionError("the login must not be asked for")


def test_a_second_start_brings_the_first_forward_and_says_so(
    qtbot: QtBot, data_dir: Path, qapp: object
) -> None:
    first = SingleInstance(data_dir)
    assert first.listen()
    before = (data_dir / STORE_FILENAME).read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _close_message_box(seen))
    with qtbot.waitSignal(first.raise_requested):
        assert run(data_dir, _never_asked) == 0
    first.close()
    assert seen and "Counter đã đang mở trên máy này" in seen[0]
    assert (data_dir / STORE_FILENAME).read_bytes() == before


def test_another_folder_is_another_station(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.listen()
    assert not SingleInstance(tmp_path / "other").ask_running()
    assert SingleInstance(data_dir).ask_running()
    first.close()
    assert not SingleInstance(data_dir).ask_running()


def test_a_store_from_a_newer_counter_is_explained_and_left_untouched(
    data_dir: Path, qapp: object
) -> None:
    path = data_dir / STORE_FILENAME
    with store_connection(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = path.read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _close_message_box(seen))
    assert run(data_dir, _never_asked) == 1
    assert "phiên bản Counter mới hơn" in seen[0]
    assert str(log_path()) in seen[0]
    assert path.read_bytes() == before


def test_an_error_nobody_handled_is_logged_and_shown(qtbot: QtBot, qapp: object) -> None:
    assert start_file_log() == log_path()
    try:
        raise RuntimeError("boom from a slot")
    except RuntimeError as error:
        crash.on_uncaught(RuntimeError, error, error.__traceback__)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    shown = [box for box in boxes if box.isVisible()]
    assert len(shown) == 1
    assert "Những gì đã lưu không bị mất" in shown[0].text()
    assert str(log_path()) in shown[0].text()
    shown[0].done(0)
    logged = log_path().read_text(encoding="utf-8")
    # where it failed is on record; what it said is not (a message may quote a citizen's data)
    assert "in test_an_error_nobody_handled_is_logged_and_shown" in logged
    assert "RuntimeError (message withheld: it may hold personal data)" in logged
    assert "boom from a slot" not in logged


def test_the_about_box_names_version_store_schema_station_and_licences(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    dialog = AboutDialog(station, ops)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.facts.rowCount() == 6)
    shown = [
        dialog.facts.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
        for row in range(dialog.facts.rowCount())
    ]
    assert shown[0] == __version__
    assert shown[1] == str(station.data_dir / STORE_FILENAME)
    assert shown[2] == shipped_head()
    assert AGENCY_CODE in shown[3] and "slot 1" in shown[3]
    assert shown[4] == str(log_path())
    notices = dialog.notices.toPlainText()
    assert "LGPL-3.0-only" in notices and "SIL Open Font License" in notices


def test_the_diagnostics_zip_holds_no_citizen_data(
    qtbot: QtBot, station: Station, ops: Operations, tmp_path: Path
) -> None:
    person = applicant()
    at = vn(2026, 3, 10, 9)
    code = station.receive(request(received_at=at), actor="clerk", now=at).code
    start_file_log()
    logging.getLogger("counter_app.test").warning("a dossier received: %s", code)
    dialog = AboutDialog(station, ops)
    qtbot.addWidget(dialog)
    target = tmp_path / "chan-doan.zip"
    dialog.write_diagnostics(target)
    qtbot.waitUntil(lambda: "Đã ghi gói chẩn đoán" in dialog.message.text())
    with zipfile.ZipFile(target) as bundle:
        names = set(bundle.namelist())
        texts = [bundle.read(name).decode("utf-8") for name in names]
    assert {"about.json", "versions.json", "settings.json", "verify.json"} <= names
    assert "logs/counter.log" in names
    verify = json.loads(zipfile.ZipFile(target).read("verify.json"))
    assert verify["ok"] is True and verify["dossiers"] == 1
    everything = "\n".join(texts)
    assert code in everything  # the log line: codes are not personal data
    for personal in (person.name, person.id_number, person.phone, person.address):
        assert personal is not None and personal not in everything


def test_while_the_window_runs_errors_are_shown_and_still_reach_the_hook_before(
    qtbot: QtBot, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, value, _tb: heard.append(value))
    before = sys.excepthook
    error = RuntimeError("boom while running")
    with crash.reported():
        sys.excepthook(RuntimeError, error, None)
    assert heard == [error]
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    visible = [box for box in shown if box.isVisible()]
    assert len(visible) == 1 and "không lường trước" in visible[0].text()
    visible[0].done(0)
    assert sys.excepthook is before  # put back on leaving
