"""The window's way with the store's key: a store this PC holds no key for asks for the recovery
key before the login; a recovery key not yet kept is shown to a leader or administrator."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app import store_keys
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from counter_app.ui.app import LoggedIn, open_station, run
from counter_app.ui.login import log_in
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from counter_app.ui.recovery_dialog import RecoveryKeyDialog
from counter_app.ui.unlock_dialog import UnlockDialog
from tests.conftest import RECOVERY_KEYS, MemoryVault
from tests.gui.conftest import PASSWORD

QApplication, QTimer = qt_api.QtWidgets.QApplication, qt_api.QtCore.QTimer
QMessageBox = qt_api.QtWidgets.QMessageBox


@pytest.fixture
def other_pc(store_vault: MemoryVault) -> Iterator[MemoryVault]:
    """Another PC's keyring, holding none of this one's keys."""
    vault = MemoryVault()
    store_keys.use_vault(vault)
    yield vault
    store_keys.use_vault(store_vault)


def _when_shown(kind: type, then: Callable[[object], None]) -> None:
    """Call ``then`` with the first visible top-level widget of ``kind`` once there is one."""

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not shown:
            QTimer.singleShot(10, look)
            return
        then(shown[0])

    QTimer.singleShot(0, look)


def test_a_copied_store_asks_for_the_recovery_key_then_opens(
    template_dir: Path, tmp_path: Path, other_pc: MemoryVault, qapp: object
) -> None:
    copied = tmp_path / "copied"
    copied.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, copied / STORE_FILENAME)
    seen: list[str] = []

    def type_key(dialog: object) -> None:
        assert isinstance(dialog, UnlockDialog)
        seen.append(dialog.findChildren(qt_api.QtWidgets.QLabel)[0].text())
        dialog.key_edit.setText("111111")  # too short: said in the dialog, which stays
        dialog.submit()
        seen.append(dialog.message_label.text())
        dialog.key_edit.setText(RECOVERY_KEYS[template_dir])
        dialog.submit()

    _when_shown(UnlockDialog, type_key)
    ops = Operations()
    station = open_station(copied, ops)
    ops.wait(10_000)
    assert station is not None and station.identity is not None
    station.close()
    assert "không có trong kho khóa bí mật của máy này" in seen[0]
    assert "48 chữ số" in seen[1]


def test_quitting_the_unlock_dialog_opens_nothing(
    template_dir: Path, tmp_path: Path, other_pc: MemoryVault, qapp: object
) -> None:
    copied = tmp_path / "copied"
    copied.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, copied / STORE_FILENAME)
    _when_shown(UnlockDialog, lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    assert run(copied, lambda *_args: None) == 1
    assert store_keys.stored_key(copied / STORE_FILENAME) is None


def test_no_keyring_is_said_in_a_message_box(
    tmp_path: Path, store_vault: MemoryVault, qapp: object
) -> None:
    shown: list[str] = []

    def read_and_close(box: object) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.close()

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    store_keys.use_vault(None)
    try:
        _when_shown(QMessageBox, read_and_close)
        assert run(tmp_path / "data", lambda *_args: None) == 1
    finally:
        store_keys.use_vault(store_vault)
        keyring.set_keyring(previous)
    assert "kho khóa bí mật" in shown[0] and "gnome-keyring" in shown[0]
    assert not (tmp_path / "data" / STORE_FILENAME).exists()


@pytest.fixture
def new_station(tmp_path: Path) -> Iterator[Station]:
    """A station just set up: its recovery key has not been shown yet; a leader and a clerk."""
    station = Station(tmp_path / "new")
    station.initialise(agency_code="000.17.22.H56", agency_name="UBND phường Quảng Hưng", slot=1)
    for username, role in (("vuong", "leader"), ("an", "clerk")):
        station.create_user(username=username, full_name=username, role=role, password=PASSWORD)
    yield station
    station.close()


def _close_windows() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()


def _log_in_as(username: str) -> Callable[[Station, Operations, LoggedIn], None]:
    def login(station: Station, ops: Operations, logged_in: LoggedIn) -> None:
        ops.run_db(lambda: log_in(station, username, PASSWORD), logged_in)

    return login


def test_a_leader_is_shown_the_waiting_recovery_key_until_it_is_kept(
    new_station: Station, qapp: object, tmp_path: Path
) -> None:
    key = new_station.pending_recovery_key()
    assert key is not None
    seen: dict[str, object] = {}

    def keep(dialog: object) -> None:
        assert isinstance(dialog, RecoveryKeyDialog)
        seen["key"] = dialog.key_label.text()
        seen["done before"] = dialog.done_button.isEnabled()
        dialog.save_to(tmp_path / "sheet.pdf")
        dialog.confirm_box.setChecked(True)
        dialog.kept.connect(_close_windows)
        QTimer.singleShot(200, dialog.done_button.click)

    _when_shown(RecoveryKeyDialog, keep)
    assert run(new_station.data_dir, _log_in_as("vuong")) == 0
    assert "-".join(str(seen["key"]).split()) == key
    assert seen["done before"] is False
    assert stat.S_IMODE((tmp_path / "sheet.pdf").stat().st_mode) == 0o600
    assert new_station.pending_recovery_key() is None


def test_a_clerk_is_told_to_call_a_leader(new_station: Station, qapp: object) -> None:
    said: list[str] = []

    def read_and_quit(box: object) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        _close_windows()

    _when_shown(QMessageBox, read_and_quit)
    assert run(new_station.data_dir, _log_in_as("an")) == 0
    assert "lãnh đạo" in said[0]
    assert new_station.pending_recovery_key() is not None  # still waiting for a leader


def test_the_dialog_keeps_done_off_until_the_key_is_confirmed_kept(
    new_station: Station, qtbot: QtBot
) -> None:
    station = new_station
    key = station.pending_recovery_key()
    assert key is not None
    ops = Operations()
    dialog = RecoveryKeyDialog(station, ops, key)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.done_button.isEnabled()
    dialog.confirm_box.setChecked(True)
    assert dialog.done_button.isEnabled()
    with qtbot.waitSignal(dialog.kept, timeout=10_000):
        dialog.done_button.click()
    assert station.pending_recovery_key() is None
    ops.wait(10_000)
