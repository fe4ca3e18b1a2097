"""Starting the application: the login decides, then the main window opens for that user."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from pytestqt.qt_compat import qt_api

from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui import collection
from counter_app.ui.app import LoggedIn, ask_login, run
from counter_app.ui.login import LoginDialog, log_in
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from tests.gui.conftest import PASSWORD

QApplication, QTimer = qt_api.QtWidgets.QApplication, qt_api.QtCore.QTimer


def _shown_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_quitting_at_the_login_opens_no_window(data_dir: Path, qapp: object) -> None:
    def login(_station: Station, _ops: Operations, logged_in: LoggedIn) -> None:
        QTimer.singleShot(0, lambda: logged_in(None))

    assert run(data_dir, login) == 0
    assert _shown_windows() == []


def test_the_window_opens_for_the_user_who_logged_in(
    data_dir: Path, clerk: UserInfo, qapp: object
) -> None:
    seen: list[str] = []

    def close_when_shown() -> None:
        windows = _shown_windows()
        if not windows:
            QTimer.singleShot(10, close_when_shown)
            return
        seen.append(windows[0].user.username)
        windows[0].close()  # the last window: the application quits

    def login(station: Station, ops: Operations, logged_in: LoggedIn) -> None:
        QTimer.singleShot(0, close_when_shown)
        ops.run_db(lambda: log_in(station, "an", PASSWORD), logged_in)

    assert run(data_dir, login) == 0
    assert seen == ["an"]


def test_the_login_dialog_leads_to_the_window(
    data_dir: Path, clerk: UserInfo, qapp: object
) -> None:
    seen: list[str] = []

    def fill_in() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)]
        shown = [d for d in dialogs if d.isVisible() and d.username_edit.isEnabled()]
        if not shown or shown[0].first_run:
            QTimer.singleShot(10, fill_in)
            return
        shown[0].username_edit.setText("an")
        shown[0].password_edit.setText(PASSWORD)
        shown[0].submit()
        QTimer.singleShot(10, close_when_shown)

    def close_when_shown() -> None:
        windows = _shown_windows()
        if not windows:
            QTimer.singleShot(10, close_when_shown)
            return
        seen.append(windows[0].user.username)
        windows[0].close()

    QTimer.singleShot(0, fill_in)
    assert run(data_dir, ask_login) == 0
    assert seen == ["an"]


def test_closing_the_login_dialog_quits(data_dir: Path, qapp: object) -> None:
    def close_it() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)]
        if not any(d.isVisible() for d in dialogs):
            QTimer.singleShot(10, close_it)
            return
        next(d for d in dialogs if d.isVisible()).reject()

    QTimer.singleShot(0, close_it)
    assert run(data_dir, ask_login) == 0
    assert _shown_windows() == []


def test_the_window_is_built_while_the_login_waits_and_shown_once_logged_in(
    data_dir: Path, clerk: UserInfo, qapp: object
) -> None:
    built: list[MainWindow] = []
    shown: list[MainWindow] = []
    earlier = set(QApplication.topLevelWidgets())  # other tests' closed windows

    def hidden_windows() -> list[MainWindow]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w not in earlier
        ]

    def log_in_once_built(station: Station, logged_in: LoggedIn) -> None:
        if not hidden_windows():
            QTimer.singleShot(10, lambda: log_in_once_built(station, logged_in))
            return
        built.extend(hidden_windows())
        assert not built[0].isVisible() and not built[0].watching
        logged_in(log_in(station, "an", PASSWORD))
        QTimer.singleShot(0, close_when_shown)

    def close_when_shown() -> None:
        if not _shown_windows():
            QTimer.singleShot(10, close_when_shown)
            return
        shown.extend(_shown_windows())
        shown[0].close()

    def login(station: Station, _ops: Operations, logged_in: LoggedIn) -> None:
        QTimer.singleShot(0, lambda: log_in_once_built(station, logged_in))

    assert run(data_dir, login) == 0
    assert len(built) == 1 and shown == built and shown[0].user.username == "an"


def test_collection_is_held_until_the_windows_first_reads_have_reported(
    data_dir: Path, clerk: UserInfo, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    held_at_login: list[bool] = []
    reads_in_at_resume: list[bool] = []
    resume = collection.resume

    def recording_resume() -> None:
        windows = _shown_windows()
        if windows:  # (a resume after the window closed, or left over by an earlier test)
            reads_in_at_resume.append(windows[0].reception.catalogue_ready)
            QTimer.singleShot(0, windows[0].close)
        resume()

    def login(station: Station, ops: Operations, logged_in: LoggedIn) -> None:
        held_at_login.append(not gc.isenabled())
        ops.run_db(lambda: log_in(station, "an", PASSWORD), logged_in)

    monkeypatch.setattr(collection, "resume", recording_resume)
    assert run(data_dir, login) == 0
    assert held_at_login == [True] and reads_in_at_resume == [True] and gc.isenabled()


def _collectable(probe: object) -> bool:
    """Whether the collector still traverses ``probe`` (frozen objects are in no generation)."""
    return any(tracked is probe for tracked in gc.get_objects())


def test_a_held_collection_resumes_with_what_exists_frozen() -> None:
    collection.hold()
    assert not gc.isenabled()
    made_while_held: list[object] = []
    collection.resume()
    assert gc.isenabled() and not _collectable(made_while_held)
    made_after: list[object] = []
    collection.resume()  # not held: nothing is frozen
    assert _collectable(made_after)
    gc.unfreeze()
