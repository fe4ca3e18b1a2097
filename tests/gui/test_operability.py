"""What a clerk sees when the start goes wrong: a second start, a refused store, an error
nobody handled — each a Vietnamese dialog, and nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.logs import log_path, start_file_log
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from counter_app.ui import crash
from counter_app.ui.app import LoggedIn, run
from counter_app.ui.operations import Operations
from counter_app.ui.single_instance import SingleInstance

QApplication, QMessageBox = qt_api.QtWidgets.QApplication, qt_api.QtWidgets.QMessageBox
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
    with sqlite3.connect(path) as connection:
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
    assert "boom from a slot" in log_path().read_text(encoding="utf-8")
