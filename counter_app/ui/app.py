"""Start the desktop application: Qt, Vietnamese, the station, login, the main window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from counter_app.domain.errors import CounterError
from counter_app.i18n import LANGUAGES, _, choose_language, current_language, set_language
from counter_app.station import Station, default_data_dir
from counter_app.ui import qt_translation
from counter_app.ui.login import LoginDialog
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations


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
    # Qt 6 scales for high DPI by itself; keep fractional factors (125 %) exact.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication([sys.argv[0] if sys.argv else "counter-app", *argv])
    app.setApplicationName("Counter")
    app.setOrganizationName("Counter")
    return app


def main(argv: list[str] | None = None) -> int:
    """Run the counter window; returns the process exit status."""
    args = _arguments(list(sys.argv[1:] if argv is None else argv))
    set_language(choose_language(args.lang))  # before the store opens, for its errors too
    app = _application([])
    try:
        station = Station(args.data_dir or default_data_dir())
    except CounterError as error:
        print(error.message, file=sys.stderr)
        return 1
    set_language(choose_language(args.lang, lambda: station.settings().get("language")))
    qt_translation.install(app, current_language())
    ops = Operations()
    try:
        login = LoginDialog(station, ops)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.user is None:
            return 0
        window = MainWindow(station, ops, login.user)
        window.show()
        return int(app.exec())
    finally:
        ops.wait()
        station.close()
