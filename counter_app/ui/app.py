"""Start the desktop application: Qt, Vietnamese, the station, login, the main window."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from counter_app import logs
from counter_app.domain.errors import CounterError
from counter_app.i18n import LANGUAGES, _, choose_language, current_language, set_language
from counter_app.services.user_types import Role, UserInfo
from counter_app.station import Station, default_data_dir
from counter_app.store_keys import StoreLocked
from counter_app.ui import collection, crash, qt_translation, qt_types
from counter_app.ui.fonts import ensure_vietnamese_font
from counter_app.ui.login import LoginDialog
from counter_app.ui.on_screen import when_on_screen
from counter_app.ui.operations import DeferredWork, Operations
from counter_app.ui.single_instance import SingleInstance, already_running_message, bring_forward
from counter_app.ui.unlock_dialog import UnlockDialog

if TYPE_CHECKING:  # the screens load while the login is asked for
    from counter_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)
LoggedIn = Callable[[UserInfo | None], None]
# Who is working: starts asking (the login dialog, or another way in for the benches), calls
# back with the user or None when the clerk quits, and returns what must stay alive meanwhile.
Login = Callable[[Station, Operations, LoggedIn], object]
WINDOW_MODULE = "counter_app.ui.main_window"
# Every Qt event passes the window's application-wide filters (scanner, idle lock), which are
# Python and so need Python's lock. While a worker runs Python (charts, reports, an import) the
# GUI thread waits up to the interpreter's switch interval (5 ms by default) for each of them,
# and the few hundred events of a first paint stalled 120-145 ms; at 1 ms, 55 ms.
GUI_SWITCH_INTERVAL_S = 0.001


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="counter-app", description=_("Mở cửa sổ tiếp nhận."))
    parser.add_argument("--data-dir", type=Path, default=None, help=_("Thư mục dữ liệu"))
    parser.add_argument("--lang", choices=tuple(LANGUAGES), default=None, help=_("Ngôn ngữ"))
    parsed, _unknown = parser.parse_known_args(argv)
    return parsed


def _application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt 6 scales for high DPI by itself and keeps fractional factors (125 %) exact: its
    # default rounding policy is PassThrough (tests/gui check it).
    app = QApplication([sys.argv[0] if sys.argv else "counter-app", *argv])
    app.setApplicationName("Counter")
    app.setOrganizationName("Counter")
    return app


def qt_application() -> QApplication:
    """The application object, with a font that draws Vietnamese; workers hand Python's lock
    to the GUI thread within :data:`GUI_SWITCH_INTERVAL_S`."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    app = _application([])
    ensure_vietnamese_font(app)
    return app


def ask_login(station: Station, ops: Operations, logged_in: LoggedIn) -> object:
    """Show the login dialog (the first-run set-up on a new station)."""
    dialog = LoginDialog(station, ops)
    dialog.logged_in.connect(logged_in)
    dialog.rejected.connect(lambda: logged_in(None))
    dialog.show()
    when_on_screen(dialog, lambda: log.info("login window on screen"))
    return dialog


def main(argv: list[str] | None = None) -> int:
    """Run the counter window; returns the process exit status."""
    logs.install()
    args = _arguments(list(sys.argv[1:] if argv is None else argv))
    return run(args.data_dir or default_data_dir(), ask_login, args.lang)


class Session:
    """The login, then the main window, on one station.

    The window's code is imported and the window built, hidden and for nobody yet, while the
    login is asked for and the password checked (on the database thread, outside Python's
    lock), so that they share that wait; logging in then only signs the window in and shows it.
    Once it is on screen, PySide6's classes are loaded (``qt_types``), then its first reads
    start, then the other screens' code is imported in the background; garbage collection,
    held from the start, resumes after that (``collection``).
    """

    def __init__(self, station: Station, ops: Operations) -> None:
        collection.hold()
        self.station, self.ops = station, ops
        self.asking: object = None
        self.window: MainWindow | None = None
        self.window_reads: DeferredWork | None = None
        self.recovery: QDialog | None = None  # the recovery key's dialog, while one is open

    def build_window(self) -> MainWindow:
        """The window, built the first time (its code imported), hidden, for nobody yet."""
        if self.window is None:
            window_class: type[MainWindow] = importlib.import_module(WINDOW_MODULE).MainWindow
            with self.ops.deferring() as reads:  # they start once the window is on screen
                self.window = window_class(self.station, self.ops)
            self.window_reads = reads
        return self.window

    def on_logged_in(self, user: UserInfo | None) -> None:
        """Show the main window for ``user``; quit when nobody logged in."""
        if user is None:
            if not isinstance(self.asking, QWidget):  # a closing dialog ends the loop itself
                QApplication.quit()
            return
        window = self.build_window()
        window.sign_in(user)
        window.show_on_screen()
        when_on_screen(window, lambda: qt_types.load_ahead(then=lambda: self._start(window)))
        self.asking = None

    def _start(self, window: MainWindow) -> None:
        """The window's first reads, then the other screens' code, then collection."""
        if self.window_reads is not None:
            self.window_reads.start()
            self.window_reads = None
        # one database thread, first come first served: this reports after the reads above
        self.ops.run_db(
            lambda: None, lambda _none: self.ops.run_io(window.load_screens_code, _resume, _resume)
        )
        self.ops.run_io(
            self.station.pending_recovery_key,
            lambda key: self._on_recovery_key_pending(window, key),
            lambda _message: None,  # the store opened, so the keyring answers; nothing to say
        )

    def _on_recovery_key_pending(self, window: MainWindow, key: str | None) -> None:
        """Until the recovery key has been kept, a leader or administrator is shown it; anyone
        else is told to call one of them."""
        if key is None:
            return
        if window.user.role in (Role.ADMIN, Role.LEADER):
            from counter_app.ui.recovery_dialog import RecoveryKeyDialog

            self.recovery = RecoveryKeyDialog(self.station, self.ops, key, parent=window)
        else:
            self.recovery = QMessageBox(
                QMessageBox.Icon.Warning,
                _("Khóa khôi phục dữ liệu"),
                _(
                    "Khóa khôi phục của dữ liệu máy này chưa được lưu giữ. Hãy báo lãnh đạo hoặc "
                    "quản trị viên đăng nhập để in phiếu khôi phục và cất giữ."
                ),
                QMessageBox.StandardButton.Ok,
                window,
            )
        self.recovery.open()


def _resume(_outcome: object) -> None:
    collection.resume()


def open_station(data_dir: Path, ops: Operations) -> Station | None:
    """The station of ``data_dir``; a store this PC holds no key for asks for its recovery key
    first (None when the user quits there). Any other refusal is raised, with its message."""
    try:
        return Station(data_dir)
    except StoreLocked as error:
        locked = Station(data_dir, open_now=False)
        dialog = UnlockDialog(locked, ops, error.message)
        return locked if dialog.exec() == QDialog.DialogCode.Accepted else None


def run(data_dir: Path, login: Login, lang: str | None = None) -> int:
    """Open the store, ask who works, show the main window until it closes.

    A second start on the same data folder brings the running window forward instead; a store
    that cannot be opened is explained in a dialog; an error nobody handled is logged and shown.
    """
    set_language(choose_language(lang))  # before the store opens, for its errors too
    app = qt_application()
    guard = SingleInstance(data_dir)
    if guard.ask_running():
        log.info("a window already runs on this data folder: brought forward")
        QMessageBox.information(None, "Counter", already_running_message())
        return 0
    guard.listen()
    try:
        with crash.reported():
            return _run_station(app, data_dir, login, lang, guard)
    finally:
        guard.close()


def _run_station(
    app: QApplication, data_dir: Path, login: Login, lang: str | None, guard: SingleInstance
) -> int:
    ops = Operations()
    try:
        station = open_station(data_dir, ops)
    except CounterError as error:
        log.error("the store was refused: %s", error.message)
        crash.tell(crash.refused_message(error.message), wait=True)
        station = None
    if station is None:
        ops.wait()
        return 1
    set_language(choose_language(lang, lambda: station.settings().get("language")))
    qt_translation.install(app, current_language())
    session = Session(station, ops)
    guard.raise_requested.connect(bring_forward)
    try:
        session.asking = login(station, ops, session.on_logged_in)
        QTimer.singleShot(0, session.build_window)
        return int(app.exec())
    finally:
        ops.wait()
        collection.resume()  # when the window closed before its reads reported
        station.close()
