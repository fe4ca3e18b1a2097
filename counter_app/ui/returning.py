"""A returning applicant at Reception: what the station knows of their ID number.

The latest dossiers of the number fill the fields still empty (address, phone, …: offered,
never overwriting what was typed or scanned), and a dossier of theirs still open for the same
procedure is shown before accepting — «Công dân này đang có hồ sơ … chưa trả kết quả» — with
that dossier one key away (F7). The clerk decides: accepting stays possible.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.lifecycle import STATE_LABELS, State
from counter_app.i18n import N_, _
from counter_app.services.desk_types import ApplicantHistory, OpenDossier
from counter_app.ui.procedure_text import procedure_text

OPEN_KEY = "F7"
WARNING_STYLE = "color: #8a4b00; font-weight: bold;"  # amber: a caution, not an error
FIELD_NAMES = {
    "name": N_("họ tên"),
    "dob": N_("ngày sinh"),
    "address": N_("địa chỉ"),
    "phone": N_("điện thoại"),
    "email": N_("thư điện tử"),
}


def offered(history: ApplicantHistory) -> dict[str, str]:
    """The field texts the history offers, by Reception's field keys (empty ones left out).

    Text boxes only: a box Tab reaches has its text selected, so a typist who did not look
    replaces it; the sex box would instead change with the arrow key that picks it."""
    day = history.dob or ""
    if len(day) == 10 and day[4] == "-":  # stored ISO, typed as the clerk writes it
        day = f"{day[8:10]}/{day[5:7]}/{day[0:4]}"
    texts = {
        "name": history.name or "",
        "dob": day,
        "address": history.address or "",
        "phone": history.phone or "",
        "email": history.email or "",
    }
    return {key: text for key, text in texts.items() if text}


def duplicate_text(dossier: OpenDossier) -> str:
    """The warning for an open dossier of the same procedure."""
    return _(
        "Công dân này đang có hồ sơ {code} ({procedure}) chưa trả kết quả: {state}, hẹn trả "
        "{due}. Xem hồ sơ ({key}); vẫn có thể tiếp nhận nếu đây là việc khác."
    ).format(
        code=dossier.code,
        procedure=procedure_text(dossier.procedure_name, dossier.procedure_code),
        state=_(STATE_LABELS[State(dossier.state)]),
        due="—"
        if dossier.due_at is None
        else dossier.due_at.astimezone(VN_TZ).strftime(_("%H:%M ngày %d/%m/%Y")),
        key=OPEN_KEY,
    )


class DuplicateNotice(QWidget):
    """Hidden unless the applicant has an open dossier of the chosen procedure."""

    open_requested = Signal(str)  # the open dossier's code

    def __init__(self, screen: QWidget) -> None:
        super().__init__()
        self.code = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(WARNING_STYLE)
        self.button = QPushButton(_("Xem hồ sơ ({key})").format(key=OPEN_KEY))
        self.button.clicked.connect(self.open_dossier)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.shortcut = QAction(self.button.text(), screen)
        self.shortcut.setShortcut(QKeySequence(OPEN_KEY))
        self.shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.triggered.connect(self.open_dossier)
        self.shortcut.setEnabled(False)
        screen.addAction(self.shortcut)
        self.hide()

    def warn(self, dossier: OpenDossier | None) -> None:
        """Show the warning for ``dossier``, or hide it (None)."""
        self.code = "" if dossier is None else dossier.code
        self.label.setText("" if dossier is None else duplicate_text(dossier))
        self.button.setToolTip(self.code)
        self.shortcut.setEnabled(dossier is not None)
        self.setVisible(dossier is not None)

    def open_dossier(self) -> None:
        """Ask the window to show the open dossier."""
        if self.code:
            self.open_requested.emit(self.code)
