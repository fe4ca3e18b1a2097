"""What each role may open: screens closed to a role are disabled with a tooltip saying why.

Within a screen, finer rules (only an administrator imports the catalogue, only a leader or an
administrator signs an apology) are the screen's own ``set_role``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from counter_app.i18n import N_, _

# screen key -> (roles that may open it, why the others may not)
SCREEN_ROLES: Mapping[str, tuple[frozenset[str], str]] = {
    "settings": (frozenset({"admin"}), N_("Chỉ quản trị viên được thay đổi cài đặt.")),
    "statistics": (
        frozenset({"leader", "admin"}),
        N_("Chỉ lãnh đạo và quản trị viên xem thống kê, báo cáo."),
    ),
}


# menu action (window method) -> (roles that may use it, why the others may not)
ACTION_ROLES: Mapping[str, tuple[frozenset[str], str]] = {
    "open_settings": SCREEN_ROLES["settings"],
    "show_statistics": SCREEN_ROLES["statistics"],
    "open_catalogue_import": (frozenset({"admin"}), N_("Chỉ quản trị viên được nhập danh mục.")),
    "open_access_log": (
        frozenset({"leader", "admin"}),
        N_("Chỉ lãnh đạo và quản trị viên xem nhật ký truy cập."),
    ),
    "open_subject_export": (
        frozenset({"leader", "admin"}),
        N_("Chỉ lãnh đạo và quản trị viên xuất dữ liệu của một người."),
    ),
    "open_notice": (frozenset({"admin"}), N_("Chỉ quản trị viên sửa thông báo xử lý dữ liệu.")),
}


@runtime_checkable
class RoleAware(Protocol):
    """A screen whose buttons depend on the logged-in role."""

    def set_role(self, role: str) -> None:
        """Show, hide or disable what ``role`` may or may not do."""


def may_open(key: str, role: str) -> bool:
    """True when ``role`` may open the screen ``key``."""
    roles, _reason = SCREEN_ROLES.get(key, (None, ""))
    return roles is None or role in roles


def apply_role(
    tabs: QTabWidget, keys: Sequence[str], built: Mapping[str, QWidget], role: str
) -> None:
    """Enable the tabs ``role`` may open (``keys`` in tab order), explain the others, and tell
    every screen built so far the role (a screen built later is told when it is built)."""
    for index, key in enumerate(keys):
        allowed = may_open(key, role)
        tabs.setTabEnabled(index, allowed)
        tabs.setTabToolTip(index, "" if allowed else _(SCREEN_ROLES[key][1]))
    for screen in built.values():
        if isinstance(screen, RoleAware):
            screen.set_role(role)
    if not tabs.isTabEnabled(tabs.currentIndex()):
        tabs.setCurrentIndex(0)


def apply_action_roles(actions: Mapping[str, QAction], tips: Mapping[str, str], role: str) -> None:
    """Disable the menu actions ``role`` may not use; their tooltip says why."""
    for method, (roles, reason) in ACTION_ROLES.items():
        action = actions.get(method)
        if action is not None:
            allowed = role in roles
            action.setEnabled(allowed)
            action.setToolTip(tips[method] if allowed else f"{tips[method]} — {_(reason)}")
