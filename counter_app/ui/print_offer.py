"""A print that failed, said once, with its reprint one key away on the screen that printed.

The dossier is saved before anything prints; what went wrong comes from the print path
(``print_dispatch``: what is wrong and what to check), and this line adds the one thing the
clerk needs besides: that the dossier is safe, and the button to print it again right here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.i18n import N_, _
from counter_app.printing.model import FormKind
from counter_app.station import Station
from counter_app.ui.messages import ERROR_STYLE
from counter_app.ui.operations import Operations
from counter_app.ui.print_jobs import PrintRequest, print_form

REPRINT_KEY = "F5"
FORM_NAMES: dict[FormKind, str] = {
    FormKind.SLIP: N_("giấy tiếp nhận"),
    FormKind.SUPPLEMENT: N_("phiếu yêu cầu bổ sung"),
    FormKind.REFUSAL: N_("phiếu từ chối"),
    FormKind.RECEIPT: N_("biên nhận trả kết quả"),
    FormKind.CONTROL: N_("phiếu kiểm soát"),
    FormKind.APOLOGY: N_("văn bản xin lỗi"),
    FormKind.STOP: N_("thông báo dừng giải quyết"),
}


def failure_text(kind: FormKind, code: str, reason: str) -> str:
    """One sentence: what did not print, why and what to check, and that the dossier is safe."""
    return _("Chưa in được {form} của hồ sơ {code}: {reason} Hồ sơ đã được lưu.").format(
        form=_(FORM_NAMES.get(kind, N_("giấy tờ"))), code=code, reason=reason.rstrip(".") + "."
    )


class PrintOffer(QWidget):
    """Hidden until a print fails; then the reason and «In lại (F5)» until it prints."""

    printed = Signal(str)  # the dossier code, after each attempt (recorded on the dossier)

    def __init__(
        self, station: Station, ops: Operations, actor: Callable[[], str], screen: QWidget
    ) -> None:
        super().__init__()
        self.station, self.ops, self._actor = station, ops, actor
        self.request: PrintRequest | None = None
        self.attempts = 0  # reprints finished, successful or not
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(ERROR_STYLE)
        text = _("In lại ({key})").format(key=REPRINT_KEY)
        self.button = QPushButton(text)
        self.button.setToolTip(text)
        self.button.clicked.connect(self.reprint)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.shortcut = QAction(text, screen)
        self.shortcut.setShortcut(QKeySequence(REPRINT_KEY))
        self.shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.triggered.connect(self.reprint)
        self.shortcut.setEnabled(False)
        screen.addAction(self.shortcut)
        self.hide()

    def print(self, request: PrintRequest) -> None:
        """Print ``request`` in the background; offer the reprint here if it fails."""
        actor, station = self._actor(), self.station
        self.button.setEnabled(False)
        self.ops.run_io(
            lambda: print_form(station, request, actor=actor),
            lambda outcome: self._on_printed(request, outcome.ok, outcome.error),
            lambda message: self._on_printed(request, False, message),
        )

    def reprint(self) -> None:
        """Print the offered form again."""
        if self.request is not None and self.isVisible() and self.button.isEnabled():
            self.print(self.request)

    def withdraw(self) -> None:
        """Nothing to offer any more."""
        self.request = None
        self.shortcut.setEnabled(False)
        self.hide()

    def _on_printed(self, request: PrintRequest, ok: bool, error: str | None) -> None:
        self.button.setEnabled(True)
        if request == self.request:
            self.attempts += 1
        if not ok:
            self.request = request
            self.label.setText(failure_text(request.kind, request.code, error or ""))
            self.shortcut.setEnabled(True)
            self.show()
        elif request == self.request:  # printed at last; another dossier's offer stays
            self.withdraw()
        self.printed.emit(request.code)
