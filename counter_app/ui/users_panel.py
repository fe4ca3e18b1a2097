"""Users of the station (admin): list, add with a role, reset a password, deactivate."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import C_, N_, NC_, _
from counter_app.services.user_types import Role, UserInfo
from counter_app.station import Station
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.tables import RowTable

ROLE_LABELS: dict[Role, str] = {
    Role.CLERK: NC_("role", "Cán bộ tiếp nhận"),
    Role.LEADER: NC_("role", "Lãnh đạo"),
    Role.ADMIN: NC_("role", "Quản trị"),
}
COLUMNS = (N_("Tên đăng nhập"), N_("Họ và tên"), N_("Vai trò"), N_("Tình trạng"))


class UsersPanel(ShowsMessages, QWidget):
    """Who may log in at this station, and with which role."""

    users_loaded = Signal(object)  # list[UserInfo]
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations) -> None:
        super().__init__()
        self.station, self.ops = station, ops
        self.users: list[UserInfo] = []
        self.table = RowTable(COLUMNS, stretch=1)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._selected_actions())
        layout.addWidget(self._add_group())
        layout.addWidget(self.message_label)
        self.refresh()

    def _selected_actions(self) -> QHBoxLayout:
        self.new_password_edit = QLineEdit()
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password_edit.setPlaceholderText(_("Mật khẩu mới cho người đang chọn"))
        self.reset_button = QPushButton(_("Đặt lại mật khẩu"))
        self.active_button = QPushButton(_("Khóa / mở tài khoản"))
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        row = QHBoxLayout()
        for widget in (self.new_password_edit, self.reset_button, self.active_button):
            row.addWidget(widget)
        return row

    def _add_group(self) -> QGroupBox:
        group = QGroupBox(_("Thêm người dùng"))
        form = QFormLayout(group)
        self.username_edit, self.full_name_edit = QLineEdit(), QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.role_combo = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role_combo.addItem(C_("role", label), role.value)
        self.add_button = QPushButton(_("Thêm người dùng"))
        self.add_button.clicked.connect(self.add_user)
        form.addRow(_("Tên đăng nhập"), self.username_edit)
        form.addRow(_("Họ và tên"), self.full_name_edit)
        form.addRow(_("Vai trò"), self.role_combo)
        form.addRow(_("Mật khẩu (ít nhất 8 ký tự)"), self.password_edit)
        form.addRow(self.add_button)
        return group

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the users again."""
        self.ops.run_db(self.station.users, self._on_users_loaded, self.show_error)

    def _on_users_loaded(self, users: list[UserInfo]) -> None:
        self.users = users
        self.table.fill(
            [
                (
                    user.username,
                    user.full_name,
                    C_("role", ROLE_LABELS[user.role]),
                    _("Đang dùng") if user.active else _("Đã khóa"),
                )
                for user in users
            ]
        )
        self.users_loaded.emit(users)

    def selected(self) -> UserInfo | None:
        """The user on the current row."""
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    # -- changes ------------------------------------------------------------------------------

    def add_user(self) -> None:
        """Create the user typed below the list."""
        username, full_name = self.username_edit.text(), self.full_name_edit.text()
        role, password = self.role_combo.currentData(), self.password_edit.text()
        self._change(
            lambda: self.station.create_user(
                username=username, full_name=full_name, role=role, password=password
            ),
            _("Đã thêm người dùng «{name}»."),
            clear=(self.username_edit, self.full_name_edit, self.password_edit),
        )

    def reset_password(self) -> None:
        """Give the selected user the new password typed beside the button."""
        user, password = self.selected(), self.new_password_edit.text()
        if user is None:
            self.show_error(_("Hãy chọn một người dùng trong danh sách trước."))
            return
        self._change(
            lambda: self.station.reset_password(user.username, password),
            _("Đã đặt lại mật khẩu cho «{name}»."),
            clear=(self.new_password_edit,),
        )

    def toggle_active(self) -> None:
        """Deactivate the selected user, or let a deactivated one log in again."""
        user = self.selected()
        if user is None:
            self.show_error(_("Hãy chọn một người dùng trong danh sách trước."))
            return
        done = _("Đã khóa tài khoản «{name}».") if user.active else _("Đã mở lại «{name}».")
        self._change(lambda: self.station.set_user_active(user.username, not user.active), done)

    def _change(
        self, fn: Callable[[], UserInfo], done: str, *, clear: tuple[QLineEdit, ...] = ()
    ) -> None:
        def succeeded(user: UserInfo) -> None:
            for edit in clear:
                edit.clear()
            self.show_info(done.format(name=user.username))
            self.refresh()

        self.ops.run_db(fn, succeeded, self.show_error)  # a refusal keeps what was typed
