"""The window in English and back in Vietnamese: our texts and Qt's own."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.i18n import catalogue_path, set_language
from counter_app.pofile import load
from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui import qt_translation
from counter_app.ui.login import LoginDialog
from counter_app.ui.main_window import ACTIONS, SCREENS, MainWindow
from counter_app.ui.operations import Operations
from counter_app.ui.reception import RefusalDialog

Switch = Callable[[str], MainWindow]
QApplication = qt_api.QtWidgets.QApplication
QLocale = qt_api.QtCore.QLocale
QMessageBox = qt_api.QtWidgets.QMessageBox


@pytest.fixture
def switch(qtbot: QtBot, station: Station, ops: Operations, clerk: UserInfo) -> Iterator[Switch]:
    """Start the window in a language, as app.main does; Qt left as it was afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = QLocale()
    installed = []

    def start(language: str) -> MainWindow:
        set_language(language)
        installed.extend(qt_translation.install(app, language))
        window = MainWindow(station, ops, clerk)
        qtbot.addWidget(window)
        return window

    yield start
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(saved)


def texts(window: MainWindow) -> dict[str, list[str]]:
    """The menus, tabs and group boxes of the window, and its reception checklist header."""
    header = window.reception.checklist
    return {
        "menus": [action.text() for action in window.menuBar().actions()],
        "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
        "groups": [
            box.title() for box in window.reception.findChildren(qt_api.QtWidgets.QGroupBox)
        ],
        "checklist": [header.horizontalHeaderItem(i).text() for i in range(header.columnCount())],
    }


def qt_texts() -> list[str]:
    """What Qt itself writes: message-box buttons and a line edit's context menu."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "",
        "",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    buttons = [
        box.button(QMessageBox.StandardButton.Ok),
        box.button(QMessageBox.StandardButton.Cancel),
    ]
    edit = qt_api.QtWidgets.QLineEdit()  # the menu belongs to the edit: keep it alive
    menu = edit.createStandardContextMenu()
    copy = next(a.text() for a in menu.actions() if a.text().endswith("\tCtrl+C"))
    return [button.text() for button in buttons] + [copy.removesuffix("\tCtrl+C")]


def test_the_window_starts_in_english_then_again_in_vietnamese(switch: Switch) -> None:
    english = texts(switch("en"))
    assert english["menus"] == ["Dossier", "Session", "Administration", "Reports", "Sync", "Help"]
    assert english["tabs"][:4] == [
        "Reception (Ctrl+1)",
        "Result handover (Ctrl+2)",
        "Dossier (Ctrl+3)",
        "Due and late (Ctrl+4)",
    ]
    assert english["groups"] == [
        "Applicant (type, or scan the ID card's QR code)",
        "Procedure and required documents",
    ]
    assert english["checklist"] == [
        "Handed in",
        "Document",
        "Form",
        "Count",
        "Requirement",
        "Electronic data",
    ]
    assert qt_texts() == ["OK", "Cancel", "&Copy"]

    vietnamese = texts(switch("vi"))
    assert vietnamese["menus"] == [
        "Hồ sơ",
        "Phiên làm việc",
        "Quản trị",
        "Báo cáo",
        "Đồng bộ",
        "Trợ giúp",
    ]
    assert vietnamese["tabs"][0] == "Tiếp nhận (Ctrl+1)"
    assert vietnamese["checklist"][0] == "Đã nhận"
    assert qt_texts() == ["Đồng ý", "Hủy", "&Sao chép"]


def test_the_dossier_screen_reads_in_english(switch: Switch, qtbot: QtBot) -> None:
    window = switch("en")
    view = window.dossier_view
    assert view.code_edit.placeholderText() == "Type or scan a dossier code, then press Enter"
    view.code_edit.setText("not-a-code")
    view.code_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: "not in the right format" in view.message_label.text())


def test_every_screen_and_menu_action_has_an_english_title() -> None:
    """Catches a screen or action added to the registries without its N_() marker."""
    english = load(catalogue_path("en"))
    titles = [spec.title for spec in SCREENS]
    titles += [text for spec in ACTIONS for text in (spec.menu, spec.text)]
    assert [title for title in titles if english.gettext(title) == title] == []


def test_qt_vietnamese_falls_back_to_our_catalogue(qapp: QApplication) -> None:
    """PySide6 ships no qtbase_vi.qm; Counter's own catalogue of Qt texts stands in."""
    app = qapp
    saved = QLocale()
    installed = qt_translation.install(app, "vi")
    try:
        assert [type(t).__name__ for t in installed][-1] == "PoTranslator"
        assert QLocale().language() == QLocale.Language.Vietnamese
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
        assert QApplication.translate("QPlatformTheme", "not a Qt text") == "not a Qt text"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        QLocale.setDefault(saved)


_VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def widget_texts(root: object) -> list[str]:
    """The fixed texts of a widget tree: titles, labels, buttons, hints, headers, actions."""
    widgets = qt_api.QtWidgets
    found: list[str] = []
    for item in [root, *root.findChildren(qt_api.QtCore.QObject)]:  # type: ignore[attr-defined]
        for name in ("text", "title", "placeholderText", "toolTip", "windowTitle", "suffix"):
            value = getattr(item, name, None)
            if callable(value) and not isinstance(item, widgets.QComboBox):
                found.append(str(value()))
        if isinstance(item, widgets.QTableWidget):
            headers = (item.horizontalHeaderItem(i) for i in range(item.columnCount()))
            found += [header.text() for header in headers if header is not None]
        if isinstance(item, widgets.QTabWidget):
            found += [item.tabText(i) for i in range(item.count())]
    return found


def test_no_screen_shows_vietnamese_in_english(switch: Switch, clerk: UserInfo) -> None:
    """Every screen of the registry, before any data but the clerk's name is loaded."""
    texts = [text.replace(clerk.full_name, "") for text in widget_texts(switch("en"))]
    assert [text for text in texts if _VIETNAMESE.search(text)] == []


def test_the_login_and_refusal_dialogs_read_in_english(
    switch: Switch, station: Station, ops: Operations, qtbot: QtBot
) -> None:
    switch("en")
    login, refusal = LoginDialog(station, ops), RefusalDialog()
    for dialog in (login, refusal):
        qtbot.addWidget(dialog)
        assert [text for text in widget_texts(dialog) if _VIETNAMESE.search(text)] == []
    assert login.windowTitle() == "Sign in — Reception and Results Counter"
    assert refusal.windowTitle() == "Refuse the dossier"
