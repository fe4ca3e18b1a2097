"""The main window: screens from a registry, menu actions from a registry, status bar, idle lock."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from counter_app.domain.access import Via
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.cccd import looks_like_qr
from counter_app.domain.codes import looks_like_code
from counter_app.i18n import N_, _
from counter_app.services.context import StationIdentity
from counter_app.services.search_types import DossierSummary
from counter_app.services.user_types import UserInfo
from counter_app.station import Station
from counter_app.ui import calendar_warning
from counter_app.ui.activity import ActivityFilter
from counter_app.ui.backup_watch import BackupWatch
from counter_app.ui.calendar_warning import provisional_warning
from counter_app.ui.counter_strip import CounterStrip
from counter_app.ui.elided_label import ElidedLabel
from counter_app.ui.login import LoginDialog
from counter_app.ui.on_screen import when_on_screen
from counter_app.ui.operations import Operations
from counter_app.ui.reception import ReceptionScreen
from counter_app.ui.roles import RoleAware, apply_action_roles, apply_role, may_open
from counter_app.ui.scanner import ScanFilter
from counter_app.ui.screen_tabs import LaterScreen, ScreenFactory, ScreenTabs, fit_titles
from counter_app.ui.sync_status import RoundOutcome, SyncStatusWidget

if TYPE_CHECKING:  # the other screens load when first opened
    from counter_app.ui.access_log_view import AccessLogDialog
    from counter_app.ui.catalogue_screen import CatalogueScreen
    from counter_app.ui.dossier_view import DossierPage, DossierView
    from counter_app.ui.due_board import DueBoard
    from counter_app.ui.privacy_dialogs import NoticeDialog, SubjectExportDialog
    from counter_app.ui.reconciliation import ReconciliationDialog
    from counter_app.ui.results import ResultsScreen
    from counter_app.ui.search_screen import SearchScreen
    from counter_app.ui.settings_screen import SettingsScreen

PRINTING_MODULE = "counter_app.ui.print_dispatch"  # Qt's print support and the PDF renderer
NORMAL_WIDTH, NORMAL_HEIGHT = 1280, 800  # the restored size, where the screen has room for it


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
    ScreenSpec("reception", N_("Tiếp nhận"), "Ctrl+1", ReceptionScreen),
    ScreenSpec("results", N_("Trả kết quả"), "Ctrl+2", LaterScreen("results", "ResultsScreen")),
    ScreenSpec("dossier", N_("Hồ sơ"), "Ctrl+3", LaterScreen("dossier_view", "DossierView")),
    ScreenSpec("due", N_("Hạn giải quyết"), "Ctrl+4", LaterScreen("due_board", "DueBoard")),
    ScreenSpec("search", N_("Tìm kiếm"), "Ctrl+5", LaterScreen("search_screen", "SearchScreen")),
    ScreenSpec(
        "catalogue",
        N_("Danh mục thủ tục"),
        "Ctrl+6",
        LaterScreen("catalogue_screen", "CatalogueScreen"),
    ),
    ScreenSpec(
        "settings", N_("Cài đặt"), "Ctrl+7", LaterScreen("settings_screen", "SettingsScreen")
    ),
    ScreenSpec(
        "statistics", N_("Thống kê"), "Ctrl+8", LaterScreen("statistics", "StatisticsScreen")
    ),
)

# Where each screen's work starts: its shortcut puts the cursor there (Reception: see
# ``_focus_work``); the toolbar's search box must not keep it.
WORK_STARTS: dict[str, str] = {
    "results": "code_edit",
    "dossier": "code_edit",
    "due": "table",
    "search": "query_edit",
    "catalogue": "filter_edit",
}

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(N_("Hồ sơ"), N_("Tiếp nhận mới"), "F2", "new_reception"),
    ActionSpec(N_("Hồ sơ"), N_("Tìm hồ sơ"), "Ctrl+F", "focus_search"),
    ActionSpec(N_("Phiên làm việc"), N_("Khóa phiên"), "F10", "lock"),
    ActionSpec(N_("Phiên làm việc"), N_("Thoát"), "Ctrl+Q", "close"),
    ActionSpec(N_("Hồ sơ"), N_("Tìm kiếm có điều kiện lọc"), "Ctrl+Shift+F", "open_search"),
    ActionSpec(N_("Quản trị"), N_("Danh mục thủ tục"), "Ctrl+Shift+D", "open_catalogue"),
    ActionSpec(N_("Quản trị"), N_("Nhập danh mục thủ tục"), "Ctrl+I", "open_catalogue_import"),
    ActionSpec(N_("Quản trị"), N_("Cài đặt"), "Ctrl+,", "open_settings"),
    ActionSpec(N_("Báo cáo"), N_("Thống kê, báo cáo theo kỳ"), "Ctrl+Shift+R", "show_statistics"),
    ActionSpec(
        N_("Báo cáo"), N_("Nhật ký truy cập dữ liệu cá nhân"), "Ctrl+Shift+L", "open_access_log"
    ),
    ActionSpec(
        N_("Báo cáo"), N_("Xuất dữ liệu của một người"), "Ctrl+Shift+E", "open_subject_export"
    ),
    ActionSpec(
        N_("Quản trị"), N_("Thông báo xử lý dữ liệu cá nhân"), "Ctrl+Shift+N", "open_notice"
    ),
    ActionSpec(N_("Đồng bộ"), N_("Đồng bộ ngay"), "F9", "sync_now"),
    ActionSpec(N_("Đồng bộ"), N_("Đối soát cuối ngày"), "Ctrl+F9", "open_reconciliation"),
    ActionSpec(N_("Trợ giúp"), N_("Giới thiệu Counter"), "F1", "show_about"),
)


class MainWindow(QMainWindow):
    """Holds the screens; routes scans; locks after the admin-set idle minutes.

    The window can be built before anybody has logged in (the application builds it while the
    password is checked); :meth:`sign_in` then gives it its user, before it is shown.
    """

    locked_changed = Signal(bool)
    dossier_opened = Signal(object)  # DossierFacts

    def __init__(self, station: Station, ops: Operations, user: UserInfo | None = None) -> None:
        super().__init__()
        self.station, self.ops = station, ops
        self._user: UserInfo | None = None
        self.locked = False
        self.lock_dialog: LoginDialog | None = None
        self.dossier_box: QMessageBox | None = None
        self.reconciliation: ReconciliationDialog | None = None
        self.access_log: AccessLogDialog | None = None
        self.subject_export: SubjectExportDialog | None = None
        self.notice: NoticeDialog | None = None
        self.setWindowTitle(_("Bộ phận tiếp nhận và trả kết quả"))
        self.tabs = QTabWidget()
        pages = [(spec.key, f"{_(spec.title)} ({spec.shortcut})") for spec in SCREENS]
        self.screens = ScreenTabs(self.tabs, pages, self._build_screen, self._on_screen_built)
        self.setCentralWidget(self.tabs)
        self.resize(NORMAL_WIDTH, NORMAL_HEIGHT)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Tìm: mã hồ sơ, số định danh, điện thoại, tên"))
        self.actions_by_method: dict[str, QAction] = {}
        self.action_tips: dict[str, str] = {}
        self._build_menus()
        self._build_status_bar()
        self.scan_filter = ScanFilter(self)
        self.activity_filter = ActivityFilter(self)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self._connect_signals()
        self.screens.build_current()  # the one the role lands on; the others when opened
        self.watching = False  # keystrokes and clicks, app-wide, from the first time on screen
        ops.run_db(lambda: station.identity, self._on_identity_loaded)
        ops.run_db(station.settings, self._on_settings_loaded)
        if user is not None:
            self.sign_in(user)

    @property
    def user(self) -> UserInfo:
        """Who works at the window now."""
        if self._user is None:
            raise RuntimeError("nobody has signed in to this window yet")
        return self._user

    def show_on_screen(self) -> None:
        """Show the window maximised on its screen's free area (inside the task bar), its
        restored size cut to that area: a 1366×768 laptop at 125 % has 1093×582 pixels free."""
        screen = self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            self.resize(min(NORMAL_WIDTH, free.width()), min(NORMAL_HEIGHT, free.height()))
            self.move(free.topLeft())
        self.showMaximized()
        self._focus_work(self.screens.keys_in_order[self.tabs.currentIndex()])

    def load_screens_code(self) -> None:
        """Import the code of every screen the user may open, and of printing (a background
        operation).

        Creating the screens' Python classes makes PySide6 create many of its enums, some
        100 ms the first time; loading Qt's print support (the first print, or Settings' list
        of printers) holds Python's lock for tens of ms. Done here, after start-up, a screen's
        first opening only builds its widgets.
        """
        role = "" if self._user is None else self._user.role.value
        for spec in SCREENS:
            if isinstance(spec.factory, LaterScreen) and may_open(spec.key, role):
                spec.factory.load()
        importlib.import_module(PRINTING_MODULE)

    def sign_in(self, user: UserInfo) -> None:
        """Work as ``user``: their role's screens and actions, their name on the screens built
        so far (the others are built for them) and in the status bar."""
        self._user = user
        self.statusBar().clearMessage()  # a wrong password typed before is no news now
        for screen in self.screens.built.values():
            if hasattr(screen, "actor"):
                screen.actor = user.username
        self._apply_role()
        self._show_user()
        self._check_calendar()
        if user.role.value == "admin":
            self.ops.run_db(self.station.notice_pending, self._on_notice_pending)

    @property
    def reception(self) -> ReceptionScreen:
        """The Reception screen."""
        screen = self.screens["reception"]
        assert isinstance(screen, ReceptionScreen)
        return screen

    @property
    def results(self) -> ResultsScreen:
        """The Results counter."""
        return cast("ResultsScreen", self.screens["results"])

    @property
    def due_board(self) -> DueBoard:
        """The due and late board."""
        return cast("DueBoard", self.screens["due"])

    @property
    def search_screen(self) -> SearchScreen:
        """The Search screen."""
        return cast("SearchScreen", self.screens["search"])

    @property
    def catalogue(self) -> CatalogueScreen:
        """The Catalogue screen."""
        return cast("CatalogueScreen", self.screens["catalogue"])

    @property
    def settings_screen(self) -> SettingsScreen:
        """The Settings screen."""
        return cast("SettingsScreen", self.screens["settings"])

    @property
    def dossier_view(self) -> DossierView:
        """The Dossier screen."""
        return cast("DossierView", self.screens["dossier"])

    def _build_menus(self) -> None:
        menus: dict[str, object] = {}
        for spec in ACTIONS:
            menu = menus.get(spec.menu) or self.menuBar().addMenu(_(spec.menu))
            menus[spec.menu] = menu
            action = QAction(_(spec.text), self)
            action.setShortcut(QKeySequence(spec.shortcut))
            self.action_tips[spec.method] = f"{_(spec.text)} ({spec.shortcut})"
            action.setToolTip(self.action_tips[spec.method])
            action.triggered.connect(getattr(self, spec.method))
            menu.addAction(action)  # type: ignore[attr-defined]
            self.actions_by_method[spec.method] = action
        toolbar = self.addToolBar(_("Công cụ"))
        toolbar.setObjectName("main_toolbar")
        toolbar.addAction(self.actions_by_method["new_reception"])
        toolbar.addWidget(self.search_edit)
        self.counter_strip = CounterStrip(self.station, self.ops)
        toolbar.addWidget(self.counter_strip)  # in view on every screen
        for index, screen in enumerate(SCREENS):
            switch = QAction(_(screen.title), self)
            switch.setShortcut(QKeySequence(screen.shortcut))
            switch.triggered.connect(lambda _c=False, i=index: self._switch_to(i))
            self.addAction(switch)

    def _apply_role(self) -> None:
        role = self.user.role.value
        apply_role(self.tabs, self.screens.keys_in_order, self.screens.built, role)
        apply_action_roles(self.actions_by_method, self.action_tips, role)

    def _build_screen(self, key: str) -> QWidget:
        factory = next(spec.factory for spec in SCREENS if spec.key == key)
        return factory(self.station, self.ops, "" if self._user is None else self._user.username)

    def _on_screen_built(self, key: str, screen: QWidget) -> None:
        """A screen built on first use gets the role and the window's connections."""
        if isinstance(screen, RoleAware) and self._user is not None:
            screen.set_role(self._user.role.value)
        wire: Callable[[], object] | None = {
            "reception": self._wire_reception,
            "results": self._wire_results,
            "dossier": self._wire_dossier_view,
            "due": self._wire_due_board,
            "search": self._wire_search_screen,
            "catalogue": self._wire_catalogue,
            "settings": self._wire_settings_screen,
        }.get(key)
        if wire is not None:
            wire()

    def _wire_reception(self) -> None:
        self.reception.guided_opened.connect(
            lambda _code: self.tabs.setCurrentWidget(self.reception)
        )
        self.reception.dossier_saved.connect(self._on_work_saved)
        self.reception.printed.connect(self._on_work_saved)
        self.reception.duplicate.open_requested.connect(self.open_dossier)

    def _wire_results(self) -> None:
        self.results.dossier_returned.connect(self._on_work_saved)
        self.results.printed.connect(self._on_work_saved)

    def _wire_dossier_view(self) -> None:
        self.dossier_view.page_loaded.connect(self._on_dossier_view_page_loaded)
        self.dossier_view.step_done.connect(self._on_work_saved)
        self.dossier_view.printed.connect(self._on_work_saved)

    def _wire_due_board(self) -> None:
        self.due_board.dossier_requested.connect(self.open_dossier)

    def _wire_search_screen(self) -> None:
        self.search_screen.dossier_requested.connect(self.open_dossier)

    def _wire_settings_screen(self) -> None:
        self.settings_screen.form.saved.connect(self._on_settings_form_saved)
        self.settings_screen.form.saved.connect(self.backup_watch.on_settings_saved)

    def _wire_catalogue(self) -> None:
        self.catalogue.importer.imported.connect(lambda _s: self.reception.reload_catalogue())
        self.catalogue.time_confirmed.connect(lambda _code: self.reception.reload_catalogue())

    def _switch_to(self, index: int) -> None:
        self.statusBar().clearMessage()  # the last screen's news
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)
            self._focus_work(self.screens.keys_in_order[index])
        else:
            self.statusBar().showMessage(self.tabs.tabToolTip(index), 10_000)

    def _focus_work(self, key: str) -> None:
        """Put the cursor where the work of screen ``key`` starts."""
        screen = self.screens[key]
        target: object = getattr(screen, WORK_STARTS.get(key, ""), None)
        if key == "reception":  # an empty form starts at the name, a begun one where it was
            target = self.reception.focusWidget() or self.reception.name_edit
        if isinstance(target, QWidget) and target.isEnabled():
            target.setFocus()
            if isinstance(target, QLineEdit):
                target.selectAll()

    def _build_status_bar(self) -> None:
        self.backup_watch = BackupWatch(self.station, self.ops)
        self.statusBar().addPermanentWidget(self.backup_watch)
        self.user_label, self.station_label = ElidedLabel(), ElidedLabel()
        self.clock_label = QLabel()
        for label in (self.user_label, self.station_label, self.clock_label):
            self.statusBar().addPermanentWidget(label)
        # a message (an error, what a search found) needs the room more than who and where
        self.statusBar().messageChanged.connect(self._on_status_bar_message_changed)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._on_clock_timeout)
        self.clock.start()
        self._on_clock_timeout()
        self.sync_status = SyncStatusWidget(self.station, self.ops, self)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.calendar_warning = ElidedLabel()
        self.calendar_warning.setStyleSheet("color: #9a3412; font-weight: bold;")
        self.calendar_warning.setVisible(False)
        self.statusBar().addPermanentWidget(self.calendar_warning, 1)
        self.sync_asked = False  # F9: the round's outcome is told in the status bar

    def _connect_signals(self) -> None:
        self.scan_filter.scanned.connect(self._on_scan_filter_scanned)
        self.activity_filter.activity_seen.connect(self._on_activity_filter_activity_seen)
        self.idle_timer.timeout.connect(self.lock)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.ops.operation_failed.connect(self._on_ops_operation_failed)
        self.sync_status.round_finished.connect(self._on_sync_status_round_finished)

    # -- status bar and settings --------------------------------------------------------------

    def _show_user(self) -> None:
        self.user_label.setText(
            _("Cán bộ: {name} ({user})").format(name=self.user.full_name, user=self.user.username)
        )

    def _check_calendar(self) -> None:
        """An administrator is told of a year soon in use that has no official decision."""
        if self.user.role.value != "admin":
            self.calendar_warning.setVisible(False)
            return
        today = calendar_warning.today()
        self.ops.run_db(lambda: self.station.provisional_years(today), self._on_provisional_years)

    def _on_provisional_years(self, years: list[int]) -> None:
        text = provisional_warning(years)
        self.calendar_warning.setText(text)
        self.calendar_warning.setToolTip(text)
        self.calendar_warning.setVisible(bool(years))

    def _on_status_bar_message_changed(self, message: str) -> None:
        for label in (self.user_label, self.station_label):
            label.setVisible(not message)

    def _on_clock_timeout(self) -> None:
        self.clock_label.setText(datetime.now(VN_TZ).strftime("%H:%M:%S %d/%m/%Y"))

    def _on_identity_loaded(self, identity: StationIdentity | None) -> None:
        if identity is not None:  # the agency in the title bar: the status bar keeps room for who
            self.setWindowTitle(f"{_('Bộ phận tiếp nhận và trả kết quả')} — {identity.agency_name}")
            self.station_label.setText(identity.station_name)
            self.station_label.setToolTip(f"{identity.agency_name} — {identity.station_name}")

    def _on_settings_loaded(self, settings: dict[str, object]) -> None:
        minutes = settings.get("idle_lock_minutes")
        self.set_idle_minutes(minutes if isinstance(minutes, int) else 10)

    def _on_settings_form_saved(self, values: dict[str, object]) -> None:
        self._on_settings_loaded(values)  # a new idle time applies at once

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
        self.statusBar().clearMessage()
        self.tabs.setCurrentWidget(self.reception)
        self.reception.clear()

    def show_statistics(self) -> None:
        """Show the statistics screen (leaders and administrators)."""
        self._switch_to(self.screens.index("statistics"))

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def open_search(self) -> None:
        """The Search screen, cursor in its box."""
        self._switch_to(self.tabs.indexOf(self.search_screen))

    def open_catalogue(self) -> None:
        """The catalogue, to browse."""
        self._switch_to(self.tabs.indexOf(self.catalogue))

    def open_catalogue_import(self) -> None:
        """The catalogue's import page (administrators)."""
        self.open_catalogue()
        self.catalogue.pages.setCurrentWidget(self.catalogue.importer)

    def open_settings(self) -> None:
        """The Settings screen (administrators)."""
        self._switch_to(self.tabs.indexOf(self.settings_screen))

    def _on_search_edit_return_pressed(self) -> None:
        query = self.search_edit.text().strip()
        if looks_like_code(query):
            self.open_code(query)
        elif query:
            station, actor = self.station, self.user.username
            self.ops.run_db(
                lambda: station.privacy.search(query, actor=actor, via=Via.GUI),
                self._on_search_found,
            )

    def _on_search_found(self, found: list[DossierSummary]) -> None:
        if len(found) == 1:
            self.open_code(found[0].code)
            return
        self.statusBar().showMessage(_("Tìm thấy {n} hồ sơ.").format(n=len(found)), 10_000)
        if found:
            self.tabs.setCurrentWidget(self.search_screen)
            self.search_screen.show_found(self.search_edit.text().strip(), found)

    def sync_now(self) -> None:
        """Sync with the central server now, in the background; say how it went."""
        self.sync_asked = True
        self.statusBar().showMessage(_("Đang đồng bộ với máy chủ…"))
        self.sync_status.sync_now()

    def show_about(self) -> None:
        """The About box: version, store, station, log file, licences, diagnostics export."""
        from counter_app.ui.about import AboutDialog  # built when first asked for

        dialog = AboutDialog(self.station, self.ops, self)
        dialog.setModal(True)
        dialog.show()

    def _on_sync_status_round_finished(self, outcome: RoundOutcome) -> None:
        if self.sync_asked:
            self.sync_asked = False
            said = outcome.problem or _("Đã đồng bộ xong với máy chủ.")
            self.statusBar().showMessage(said, 15_000)

    def _on_work_saved(self, _code: str) -> None:
        """A dossier was saved, stepped or printed: the counts on screen follow at once."""
        self.sync_status.refresh()
        self.counter_strip.refresh()

    def open_access_log(self) -> None:
        """What each clerk saw over a period (leaders and administrators)."""
        from counter_app.ui.access_log_view import AccessLogDialog

        self.access_log = AccessLogDialog(self.station, self.ops, datetime.now(VN_TZ).date(), self)
        self.access_log.open()

    def open_subject_export(self) -> None:
        """Everything held about one person, to a file for them (leaders and administrators)."""
        from counter_app.ui.privacy_dialogs import SubjectExportDialog

        self.subject_export = SubjectExportDialog(self.station, self.ops, self.user.username, self)
        self.subject_export.open()

    def open_notice(self) -> None:
        """The notice of processing, to adapt (administrators)."""
        from counter_app.ui.privacy_dialogs import NoticeDialog

        self.notice = NoticeDialog(self.station, self.ops, self)
        self.notice.open()

    def _on_notice_pending(self, pending: bool) -> None:
        if pending and self.user.role.value == "admin" and self.notice is None:
            from counter_app.ui.privacy_dialogs import NoticeDialog

            # the first start: the agency adapts its notice (beside the window, not blocking it)
            self.notice = NoticeDialog(self.station, self.ops, self)
            self.notice.show()

    def open_reconciliation(self) -> None:
        """Show the end-of-day reconciliation."""
        from counter_app.ui.reconciliation import ReconciliationDialog

        self.reconciliation = ReconciliationDialog(
            self.station, self.ops, actor=self.user.username, role=self.user.role.value, parent=self
        )
        self.reconciliation.open_requested.connect(self.open_dossier)
        self.reconciliation.open()

    # -- scanner ------------------------------------------------------------------------------

    def _on_scan_filter_scanned(self, text: str) -> None:
        if self.locked:
            return
        self.statusBar().clearMessage()  # a scan is a new action: the last one's news goes
        if looks_like_qr(text):
            self.tabs.setCurrentWidget(self.reception)
            self.reception.fill_from_qr(text)
        elif looks_like_code(text):
            code = text.strip().upper()
            if self.tabs.currentWidget() is self.results:
                self.results.open_code(code)  # the results clerk scans the citizen's slip
            else:
                self.open_code(code)
        else:
            message = _("Mã quét không hợp lệ: không phải thẻ căn cước hay mã hồ sơ.")
            self.statusBar().showMessage(message, 10_000)
            self.reception.show_error(message)

    def open_code(self, code: str) -> None:
        """A scanned or typed code: continue it at Reception if it waits for a supplement."""
        self.reception.continue_if_guided(code, self.open_dossier)

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
        self._set_tools_enabled(False)  # the search box must not reach dossiers either
        dialog = LoginDialog(self.station, self.ops, self)
        dialog.logged_in.connect(self._on_lock_dialog_logged_in)
        dialog.rejected.connect(self.close)
        self.lock_dialog = dialog
        self.locked_changed.emit(True)
        dialog.open()

    def _on_lock_dialog_logged_in(self, user: UserInfo) -> None:
        self.sign_in(user)
        self.locked = False
        self.lock_dialog = None
        self.tabs.show()
        self.tabs.setEnabled(True)
        self._set_tools_enabled(True)
        self.idle_timer.start()
        self.locked_changed.emit(False)

    def _set_tools_enabled(self, enabled: bool) -> None:
        self.menuBar().setEnabled(enabled)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(enabled)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The tabs name their shortcuts when the width allows it."""
        super().resizeEvent(event)
        fit_titles(
            self.tabs,
            [f"{_(spec.title)} ({spec.shortcut})" for spec in SCREENS],
            [_(spec.title) for spec in SCREENS],
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Start watching keystrokes and clicks once on screen: the first show's flood of
        layout and paint events would otherwise each pass through both filters in Python."""
        super().showEvent(event)
        if not self.watching:
            when_on_screen(self, self._start_watching)

    def _start_watching(self) -> None:
        if self.watching or not self.isVisible():  # closed before it reached the screen
            return
        self.watching = True
        self.scan_filter.install()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity_filter)
        self.counter_strip.start()
        self.backup_watch.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Back the store up (the process waits for it before it ends); stop watching the
        application's events."""
        if self._user is not None:
            self.backup_watch.back_up()
        self.backup_watch.stop()
        self.counter_strip.stop()
        self.watching = False
        self.scan_filter.uninstall()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity_filter)
        self.clock.stop()
        self.idle_timer.stop()
        self.sync_status.timer.stop()
        self.sync_status.lan.stop()
        super().closeEvent(event)
