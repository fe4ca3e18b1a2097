"""The Settings screen (Cài đặt, admin): station settings, the calendar, the users."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from counter_app.i18n import _
from counter_app.station import Station
from counter_app.ui.calendar_panel import CalendarPanel
from counter_app.ui.operations import Operations
from counter_app.ui.screen_tabs import ScreenTabs
from counter_app.ui.settings_form import SettingsForm
from counter_app.ui.users_panel import UsersPanel


class SettingsScreen(QWidget):
    """Three pages: the settings form, the editable calendar, the users. The calendar and the
    users are built when first opened: the three together held the GUI thread over 100 ms."""

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.form = SettingsForm(station, ops)
        self.pages = QTabWidget()
        self.page_tabs = ScreenTabs(
            self.pages,
            [
                ("form", _("Thiết lập chung")),
                ("calendar", _("Lịch làm việc")),
                ("users", _("Người dùng")),
            ],
            self._build_page,
        )
        self.page_tabs.build_current()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    @property
    def calendar(self) -> CalendarPanel:
        """The calendar page (built now if it was not yet)."""
        page = self.page_tabs["calendar"]
        assert isinstance(page, CalendarPanel)
        return page

    @property
    def users(self) -> UsersPanel:
        """The users page (built now if it was not yet)."""
        page = self.page_tabs["users"]
        assert isinstance(page, UsersPanel)
        return page

    def _build_page(self, key: str) -> QWidget:
        if key == "calendar":
            return CalendarPanel(self.station, self.ops)
        if key == "users":
            return UsersPanel(self.station, self.ops)
        return self.form
