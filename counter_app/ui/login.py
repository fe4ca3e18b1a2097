"""The login dialog, and on the first run the agency and administrator set-up.

Both check the store through background operations; the dialog stays responsive meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.codes import MAX_SLOT, validate_agency_code
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.services.user_types import PASSWORD_MIN, Role, UserInfo
from counter_app.station import Station
from counter_app.ui.operations import Operations


@dataclass(frozen=True)
class SetupAnswers:
    """What the first-run form asked for."""

    agency_code: str
    agency_name: str
    parent_name: str
    place_name: str
    slot: int
    username: str
    full_name: str
    password: str


def first_run_needed(station: Station) -> bool:
    """True while the station has no agency or no user (runs on the database thread)."""
    return station.identity is None or not station.has_users()


def log_in(station: Station, username: str, password: str) -> UserInfo:
    """Check a user's password (database thread)."""
    return station.authenticate(username, password)


def set_up(station: Station, answers: SetupAnswers) -> UserInfo:
    """Create the agency (unless done already) and the administrator (database thread)."""
    if station.identity is None:
        station.initialise(
            agency_code=answers.agency_code,
            agency_name=answers.agency_name,
            parent_name=answers.parent_name,
            place_name=answers.place_name,
            slot=answers.slot,
        )
    return station.create_user(
        username=answers.username,
        full_name=answers.full_name,
        role=Role.ADMIN,
        password=answers.password,
    )


class LoginDialog(QDialog):
    """Username and password (Enter logs in, Esc quits); the set-up form on a first run."""

    logged_in = Signal(object)  # UserInfo
    mode_decided = Signal(bool)  # True: first run

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.user: UserInfo | None = None
        self.first_run = False
        self._busy = False
        self.setWindowTitle(_("Đăng nhập — Bộ phận tiếp nhận và trả kết quả"))
        self.username_edit, self.password_edit = QLineEdit(), QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.setup_edits = {
            key: QLineEdit()
            for key in (
                "agency_code",
                "agency_name",
                "parent_name",
                "place_name",
                "full_name",
                "username",
                "password",
            )
        }
        self.setup_edits["password"].setEchoMode(QLineEdit.EchoMode.Password)
        self.setup_edits["agency_code"].setPlaceholderText("000.17.22.H56")
        self.slot_spin = QSpinBox()
        self.slot_spin.setRange(0, MAX_SLOT)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._login_page())
        self.pages.addWidget(self._setup_page())
        self.setMinimumWidth(440)  # room for an agency's full name
        self._show_page(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setText(_("Đăng nhập (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Thoát (Esc)"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.ops.run_db(lambda: first_run_needed(station), self._on_mode_decided, self._show)

    def _login_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(_("Tên đăng nhập"), self.username_edit)
        form.addRow(_("Mật khẩu"), self.password_edit)
        return page

    def _setup_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(QLabel(_("Lần chạy đầu tiên: khai báo cơ quan và tài khoản quản trị.")))
        labels = {
            "agency_code": _("Mã định danh cơ quan"),
            "agency_name": _("Tên cơ quan"),
            "parent_name": _("Cơ quan cấp trên"),
            "place_name": _("Địa danh"),
        }
        for key, label in labels.items():
            form.addRow(label, self.setup_edits[key])
        form.addRow(_("Số khe của máy (0–9)"), self.slot_spin)
        form.addRow(_("Họ tên quản trị viên"), self.setup_edits["full_name"])
        form.addRow(_("Tên đăng nhập"), self.setup_edits["username"])
        form.addRow(_("Mật khẩu"), self.setup_edits["password"])
        form.addRow(_("Nhập lại mật khẩu"), self.repeat_edit)
        return page

    def _on_mode_decided(self, first_run: bool) -> None:
        self.first_run = first_run
        self._show_page(1 if first_run else 0)
        if first_run:
            self.submit_button.setText(_("Khởi tạo và đăng nhập (Enter)"))
        (self.setup_edits["agency_code"] if first_run else self.username_edit).setFocus()
        self.mode_decided.emit(first_run)

    def _show_page(self, index: int) -> None:
        """Show one page and size the dialog to it (a stack is as big as its biggest page)."""
        for number in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            page = self.pages.widget(number)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.adjustSize()

    def _show(self, message: str) -> None:
        self._busy = False
        self.message_label.setText(message)

    def accept(self) -> None:
        """Enter submits instead of closing; the dialog closes itself once logged in."""
        self.submit()

    def submit(self) -> None:
        """Log in, or set the station up on a first run."""
        if self._busy:
            return
        if self.first_run:
            self._submit_setup()
            return
        name, password = self.username_edit.text(), self.password_edit.text()
        self._busy = True
        self.ops.run_db(
            lambda: log_in(self.station, name, password), self._on_logged_in, self._wrong
        )

    def _wrong(self, message: str) -> None:
        self._show(message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _submit_setup(self) -> None:
        try:
            answers = self._answers()
        except InvalidInput as error:
            self._show(error.message)
            return
        self._busy = True
        self.ops.run_db(lambda: set_up(self.station, answers), self._on_logged_in, self._show)

    def _answers(self) -> SetupAnswers:
        text = {key: edit.text().strip() for key, edit in self.setup_edits.items()}
        validate_agency_code(text["agency_code"])
        if len(text["password"]) < PASSWORD_MIN:
            raise InvalidInput(_("Mật khẩu phải có ít nhất {n} ký tự.").format(n=PASSWORD_MIN))
        if self.setup_edits["password"].text() != self.repeat_edit.text():
            raise InvalidInput(_("Hai lần nhập mật khẩu không khớp; hãy nhập lại."))
        return SetupAnswers(
            agency_code=text["agency_code"],
            agency_name=text["agency_name"],
            parent_name=text["parent_name"],
            place_name=text["place_name"],
            slot=self.slot_spin.value(),
            username=text["username"],
            full_name=text["full_name"],
            password=self.setup_edits["password"].text(),
        )

    def _on_logged_in(self, user: UserInfo) -> None:
        self._busy = False
        self.user = user
        self.message_label.clear()
        self.password_edit.clear()
        self.logged_in.emit(user)
        super().accept()
