"""The main window: screens from a registry, menu actions from a registry, status bar, idle lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.cccd import looks_like_qr
from counter_app.domain.codes import looks_like_code
from counter_app.i18n import _
from counter_app.services.context import StationIdentity
from counter_app.services.search import DossierSummary
from counter_app.services.users import UserInfo
from counter_app.station import Station
from counter_app.ui.dossier_view import DossierPage, DossierView
from counter_app.ui.due_board import DueBoard
from counter_app.ui.login import LoginDialog
from counter_app.ui.operations import Operations
from counter_app.ui.reception import ReceptionScreen
from counter_app.ui.reconciliation import ReconciliationDialog
from counter_app.ui.results import ResultsScreen
from counter_app.ui.scanner import ScanFilter
from counter_app.ui.sync_status import SyncStatusWidget

ScreenFactory = Callable[[Station, Operations, str], QWidget]


@dataclass(frozen=True)
class ScreenSpec:
    """One screen of the window: its key, its (untranslated) tab title and how to build it."""

    key: str
    title: str
    shortcut: str
    factory: ScreenFactory


@dataclass(frozen=True)
class ActionSpec:
    """One menu action: menu title, text, shortcut and the window method it calls."""

    menu: str
    text: str
    shortcut: str
    method: str


# Adding a screen is one line here.
SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("reception", "Tiếp nhận", "Ctrl+1", ReceptionScreen),
    ScreenSpec("results", "Trả kết quả", "Ctrl+2", ResultsScreen),
    ScreenSpec("dossier", "Hồ sơ", "Ctrl+3", DossierView),
    ScreenSpec("due", "Hạn giải quyết", "Ctrl+4", DueBoard),
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Hồ sơ", "Tiếp nhận mới", "F2", "new_reception"),
    ActionSpec("Hồ sơ", "Tìm hồ sơ", "Ctrl+F", "focus_search"),
    ActionSpec("Phiên làm việc", "Khóa phiên", "F10", "lock"),
    ActionSpec("Phiên làm việc", "Thoát", "Ctrl+Q", "close"),
    ActionSpec("Đồng bộ", "Đồng bộ ngay", "F9", "sync_now"),
    ActionSpec("Đồng bộ", "Đối soát cuối ngày", "Ctrl+F9", "open_reconciliation"),
)

_ACTIVITY = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
)


class _ActivityFilter(QObject):
    """Reports any keystroke or click in the application (restarts the idle timer)."""

    activity_seen = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Never consumes the event."""
        if event.type() in _ACTIVITY:
            self.activity_seen.emit()
        return False


class MainWindow(QMainWindow):
    """Holds the screens; routes scans; locks after the admin-set idle minutes."""

    locked_changed = Signal(bool)
    dossier_opened = Signal(object)  # DossierFacts

    def __init__(self, station: Station, ops: Operations, user: UserInfo) -> None:
        super().__init__()
        self.station, self.ops, self.user = station, ops, user
        self.locked = False
        self.lock_dialog: LoginDialog | None = None
        self.dossier_box: QMessageBox | None = None
        self.reconciliation: ReconciliationDialog | None = None
        self.setWindowTitle(_("Bộ phận tiếp nhận và trả kết quả"))
        self.tabs = QTabWidget()
        self.screens: dict[str, QWidget] = {}
        for spec in SCREENS:
            screen = spec.factory(station, ops, user.username)
            self.screens[spec.key] = screen
            self.tabs.addTab(screen, f"{_(spec.title)} ({spec.shortcut})")
        self.setCentralWidget(self.tabs)
        self.dossier_view.set_role(user.role.value)
        self.resize(1280, 800)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Tìm: mã hồ sơ, số định danh, điện thoại, tên"))
        self.actions_by_method: dict[str, QAction] = {}
        self._build_menus()
        self._build_status_bar()
        self.scan_filter = ScanFilter(self)
        self.activity_filter = _ActivityFilter(self)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self._connect_signals()
        self.scan_filter.install()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity_filter)
        ops.run_db(lambda: station.identity, self._on_identity_loaded)
        ops.run_db(station.settings, self._on_settings_loaded)

    @property
    def reception(self) -> ReceptionScreen:
        """The Reception screen."""
        screen = self.screens["reception"]
        assert isinstance(screen, ReceptionScreen)
        return screen

    @property
    def results(self) -> ResultsScreen:
        """The Results counter."""
        screen = self.screens["results"]
        assert isinstance(screen, ResultsScreen)
        return screen

    @property
    def due_board(self) -> DueBoard:
        """The due and late board."""
        screen = self.screens["due"]
        assert isinstance(screen, DueBoard)
        return screen

    @property
    def dossier_view(self) -> DossierView:
        """The Dossier screen."""
        screen = self.screens["dossier"]
        assert isinstance(screen, DossierView)
        return screen

    def _build_menus(self) -> None:
        menus: dict[str, object] = {}
        for spec in ACTIONS:
            menu = menus.get(spec.menu) or self.menuBar().addMenu(_(spec.menu))
            menus[spec.menu] = menu
            action = QAction(_(spec.text), self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setToolTip(f"{_(spec.text)} ({spec.shortcut})")
            action.triggered.connect(getattr(self, spec.method))
            menu.addAction(action)  # type: ignore[attr-defined]
            self.actions_by_method[spec.method] = action
        toolbar = self.addToolBar(_("Công cụ"))
        toolbar.setObjectName("main_toolbar")
        toolbar.addAction(self.actions_by_method["new_reception"])
        toolbar.addWidget(self.search_edit)
        for index, screen in enumerate(SCREENS):
            switch = QAction(_(screen.title), self)
            switch.setShortcut(QKeySequence(screen.shortcut))
            switch.triggered.connect(lambda _c=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(switch)

    def _build_status_bar(self) -> None:
        self.user_label, self.station_label, self.clock_label = QLabel(), QLabel(), QLabel()
        for label in (self.user_label, self.station_label, self.clock_label):
            self.statusBar().addPermanentWidget(label)
        self._show_user()
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._on_clock_timeout)
        self.clock.start()
        self._on_clock_timeout()
        self.sync_status = SyncStatusWidget(self.station, self.ops, self)
        self.statusBar().addPermanentWidget(self.sync_status)

    def _connect_signals(self) -> None:
        self.scan_filter.scanned.connect(self._on_scan_filter_scanned)
        self.dossier_view.page_loaded.connect(self._on_dossier_view_page_loaded)
        self.due_board.dossier_requested.connect(self.open_dossier)
        self.activity_filter.activity_seen.connect(self._on_activity_filter_activity_seen)
        self.idle_timer.timeout.connect(self.lock)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.ops.operation_failed.connect(self._on_ops_operation_failed)

    # -- status bar and settings --------------------------------------------------------------

    def _show_user(self) -> None:
        self.user_label.setText(
            _("Cán bộ: {name} ({user})").format(name=self.user.full_name, user=self.user.username)
        )

    def _on_clock_timeout(self) -> None:
        self.clock_label.setText(datetime.now(VN_TZ).strftime("%H:%M:%S %d/%m/%Y"))

    def _on_identity_loaded(self, identity: StationIdentity | None) -> None:
        if identity is not None:
            self.station_label.setText(f"{identity.agency_name} — {identity.station_name}")

    def _on_settings_loaded(self, settings: dict[str, object]) -> None:
        minutes = settings.get("idle_lock_minutes")
        self.set_idle_minutes(minutes if isinstance(minutes, int) else 10)

    def set_idle_minutes(self, minutes: int) -> None:
        """Lock after ``minutes`` without a keystroke or click (0: never)."""
        self.idle_timer.stop()
        if minutes > 0:
            self.idle_timer.setInterval(minutes * 60_000)
            self.idle_timer.start()

    def _on_activity_filter_activity_seen(self) -> None:
        if not self.locked and self.idle_timer.interval() > 0 and self.idle_timer.isActive():
            self.idle_timer.start()

    def _on_ops_operation_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    # -- actions ------------------------------------------------------------------------------

    def new_reception(self) -> None:
        """Show the Reception screen, empty, cursor on the name."""
        self.tabs.setCurrentWidget(self.reception)
        self.reception.clear()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_search_edit_return_pressed(self) -> None:
        query = self.search_edit.text().strip()
        if looks_like_code(query):
            self.open_dossier(query)
        elif query:
            self.ops.run_db(lambda: self.station.search(query), self._on_search_found)

    def _on_search_found(self, found: list[DossierSummary]) -> None:
        if len(found) == 1:
            self.open_dossier(found[0].code)
        else:
            self.statusBar().showMessage(_("Tìm thấy {n} hồ sơ.").format(n=len(found)), 10_000)

    def sync_now(self) -> None:
        """Sync with the central server now, in the background."""
        self.sync_status.sync_now()

    def open_reconciliation(self) -> None:
        """Show the end-of-day reconciliation."""
        self.reconciliation = ReconciliationDialog(self.station, self.ops, self)
        self.reconciliation.open()

    # -- scanner ------------------------------------------------------------------------------

    def _on_scan_filter_scanned(self, text: str) -> None:
        if self.locked:
            return
        if looks_like_qr(text):
            self.tabs.setCurrentWidget(self.reception)
            self.reception.fill_from_qr(text)
        elif looks_like_code(text):
            code = text.strip().upper()
            if self.tabs.currentWidget() is self.results:
                self.results.open_code(code)  # the results clerk scans the citizen's slip
            else:
                self.open_dossier(code)
        else:
            message = _("Mã quét không hợp lệ: không phải thẻ căn cước hay mã hồ sơ.")
            self.statusBar().showMessage(message, 10_000)
            self.reception.show_error(message)

    def open_dossier(self, code: str) -> None:
        """Show the dossier screen on ``code``."""
        self.tabs.setCurrentWidget(self.dossier_view)
        self.dossier_view.open_code(code)

    def _on_dossier_view_page_loaded(self, page: DossierPage) -> None:
        self.dossier_opened.emit(page.facts)

    # -- idle lock ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide the work and ask for a login again."""
        if self.locked:
            return
        self.locked = True
        self.idle_timer.stop()
        self.tabs.setEnabled(False)
        self.tabs.hide()
        dialog = LoginDialog(self.station, self.ops, self)
        dialog.logged_in.connect(self._on_lock_dialog_logged_in)
        dialog.rejected.connect(self.close)
        self.lock_dialog = dialog
        self.locked_changed.emit(True)
        dialog.open()

    def _on_lock_dialog_logged_in(self, user: UserInfo) -> None:
        self.user = user
        self.reception.actor = user.username
        self.results.actor = user.username
        self.dossier_view.actor = user.username
        self.dossier_view.set_role(user.role.value)
        self._show_user()
        self.locked = False
        self.lock_dialog = None
        self.tabs.show()
        self.tabs.setEnabled(True)
        self.idle_timer.start()
        self.locked_changed.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop watching the application's events."""
        self.scan_filter.uninstall()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity_filter)
        self.clock.stop()
        self.idle_timer.stop()
        self.sync_status.timer.stop()
        super().closeEvent(event)
