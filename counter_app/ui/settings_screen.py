"""The Settings screen (Cài đặt, admin): station settings, the calendar, the users."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from counter_app.i18n import _
from counter_app.station import Station
from counter_app.ui.calendar_panel import CalendarPanel
from counter_app.ui.operations import Operations
from counter_app.ui.settings_form import SettingsForm
from counter_app.ui.users_panel import UsersPanel


class SettingsScreen(QWidget):
    """Three pages: the settings form, the editable calendar, the users."""

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.form = SettingsForm(station, ops)
        self.calendar = CalendarPanel(station, ops)
        self.users = UsersPanel(station, ops)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.pages = QTabWidget()
        self.pages.addTab(scroll, _("Thiết lập chung"))
        self.pages.addTab(self.calendar, _("Lịch làm việc"))
        self.pages.addTab(self.users, _("Người dùng"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
