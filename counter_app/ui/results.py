"""The Results counter (Trả kết quả): find a resolved dossier, record its return, print a receipt.

The dossier is read and the return is saved through the station façade in background
operations; the GUI thread only checks what was typed (the fee, the receiver).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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

from counter_app.domain.access import Via
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.codes import looks_like_code
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import STATE_LABELS, EventType, State
from counter_app.i18n import N_, _
from counter_app.printing.model import FormKind
from counter_app.services.step_types import RATINGS, StepInput
from counter_app.station import Station
from counter_app.ui.messages import ShowsMessages, room_for_marks
from counter_app.ui.operations import Operations
from counter_app.ui.print_jobs import PrintRequest
from counter_app.ui.print_offer import PrintOffer
from counter_app.ui.procedure_text import procedure_text

_RATING_STYLE = "QPushButton { font-size: 16pt; padding: 12px; } QPushButton:checked "
_RATING_STYLE += "{ background: #1b5e20; color: white; }"
RATING_LABELS: dict[str, str] = {
    "very_satisfied": N_("Rất hài lòng"),
    "satisfied": N_("Hài lòng"),
    "dissatisfied": N_("Không hài lòng"),
}
METHODS: tuple[tuple[str, str], ...] = (("counter", N_("Tại quầy")), ("post", N_("Qua bưu chính")))
FEE_MAX = 1_000_000_000


def format_moment(moment: datetime | None) -> str:
    """A moment in Vietnam time, as the clerk reads it."""
    if moment is None:
        return "—"
    return moment.astimezone(VN_TZ).strftime(_("%H:%M ngày %d/%m/%Y"))


def load_dossier(station: Station, code: str, actor: str) -> tuple[DossierFacts, str]:
    """A dossier's facts and its procedure's name (database thread); the view is on the access
    log."""
    facts = station.privacy.open_dossier(code, actor=actor, via=Via.GUI).facts
    return facts, station.context().procedure_version(facts.procedure_id).spec.name


def parse_fee(text: str) -> int:
    """Đồng typed with or without thousands separators («20.000», «20 000»); empty is 0."""
    digits = text.strip().replace(".", "").replace(",", "").replace(" ", "")
    if not digits:
        return 0
    if not digits.isdigit() or int(digits) > FEE_MAX:
        raise InvalidInput(
            _("Số tiền phí, lệ phí không hợp lệ: chỉ gõ số đồng, không âm."), field="fee"
        )
    return int(digits)


class ResultsScreen(ShowsMessages, QWidget):
    """Hand a resolved dossier's result back to the citizen."""

    dossier_loaded = Signal(object)  # DossierFacts
    dossier_returned = Signal(str)
    message_shown = Signal(str)
    printed = Signal(str)  # a dossier code, once its receipt was tried and logged

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.facts: DossierFacts | None = None
        self.procedure_name = ""
        self._saving = False
        self._build()
        self._connect_signals()
        self.return_box.hide()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("Gõ hoặc quét mã hồ sơ rồi nhấn Enter"))
        self.info_labels: dict[str, QLabel] = {}
        info = QGroupBox(_("Hồ sơ"))
        form = QFormLayout(info)
        rows = (
            ("code", _("Mã hồ sơ")),
            ("applicant", _("Người nộp")),
            ("procedure", _("Thủ tục")),
            ("state", _("Trạng thái")),
            ("received", _("Ngày tiếp nhận")),
            ("due", _("Ngày hẹn trả")),
        )
        for key, title in rows:
            label = QLabel("—")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            room_for_marks(label)  # names are printed in capitals on ID cards
            self.info_labels[key] = label
            form.addRow(title, label)
        self.info_labels["procedure"].setWordWrap(True)  # a procedure's name is long
        self.message_label, self.result_label = QLabel(), QLabel()
        self.message_label.setWordWrap(True)
        self.result_label.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1b5e20;")
        self.print_offer = PrintOffer(self.station, self.ops, lambda: self.actor, self)
        self.print_offer.printed.connect(self.printed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_edit)
        # side by side: one above the other is taller than a 1366×768 screen at 125 %
        columns = QHBoxLayout()
        columns.addWidget(info, 2)
        columns.addWidget(self._build_return_box(), 3)
        layout.addLayout(columns)
        layout.addWidget(self.message_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.print_offer)
        layout.addStretch(1)

    def _build_return_box(self) -> QGroupBox:
        self.return_box = QGroupBox(_("Trả kết quả"))
        form = QFormLayout(self.return_box)
        self.authorised_check = QCheckBox(_("Người được ủy quyền nhận thay"))
        self.receiver_name_edit, self.receiver_id_edit = QLineEdit(), QLineEdit()
        self.receiver_id_edit.setMaxLength(12)
        self.fee_edit = QLineEdit()
        self.fee_edit.setPlaceholderText(_("Số đồng đã thu (0 nếu miễn phí)"))
        self.method_combo = QComboBox()
        for value, label in METHODS:
            self.method_combo.addItem(_(label), value)
        self.rating_group = QButtonGroup(self)
        self.rating_buttons: dict[str, QPushButton] = {}
        ratings = QHBoxLayout()
        for rating in RATINGS:
            button = QPushButton(_(RATING_LABELS[rating]))
            button.setCheckable(True)
            button.setMinimumHeight(64)
            button.setStyleSheet(_RATING_STYLE)
            self.rating_group.addButton(button)
            self.rating_buttons[rating] = button
            ratings.addWidget(button)
        self.return_button = QPushButton(_("Trả kết quả (Ctrl+Enter)"))
        self.return_button.setShortcut("Ctrl+Return")
        form.addRow("", self.authorised_check)
        form.addRow(_("Họ tên người nhận thay"), self.receiver_name_edit)
        form.addRow(_("Số định danh người nhận thay"), self.receiver_id_edit)
        form.addRow(_("Phí, lệ phí đã thu (đồng)"), self.fee_edit)
        form.addRow(_("Hình thức trả"), self.method_combo)
        form.addRow(_("Mức độ hài lòng"), ratings)
        form.addRow("", self.return_button)
        return self.return_box

    def _connect_signals(self) -> None:
        self.code_edit.returnPressed.connect(lambda: self.open_code(self.code_edit.text()))
        self.authorised_check.toggled.connect(self._on_authorised_check_toggled)
        self.return_button.clicked.connect(self.return_result)
        self._on_authorised_check_toggled(False)

    def _on_authorised_check_toggled(self, checked: bool) -> None:
        self.receiver_name_edit.setEnabled(checked)
        self.receiver_id_edit.setEnabled(checked)
        if checked:
            self.receiver_name_edit.setFocus()

    # -- finding the dossier -------------------------------------------------------------------

    def open_code(self, code: str) -> None:
        """Fetch the dossier with this code (typed or scanned) and show it."""
        cleaned = code.strip().upper()
        self.code_edit.setText(cleaned)
        self.result_label.clear()
        if not looks_like_code(cleaned):
            self._show_facts(None)
            self.show_error(
                _(
                    "Mã hồ sơ «{code}» không đúng định dạng (ví dụ 000.17.22.H56-260310-0001)."
                ).format(code=cleaned[:60])
            )
            return
        self.show_info(_("Đang tìm hồ sơ…"))
        station, actor = self.station, self.actor
        self.ops.run_db(
            lambda: load_dossier(station, cleaned, actor), self._on_fetched, self._on_not_found
        )

    def _on_not_found(self, message: str) -> None:
        self._show_facts(None)
        self.show_error(message)

    def _on_fetched(self, found: tuple[DossierFacts, str]) -> None:
        facts, self.procedure_name = found
        self._show_facts(facts)
        if facts.state is State.RESOLVED:
            self._reset_form()
            self.show_info(_("Hồ sơ đã có kết quả; mời công dân nhận và đánh giá."))
            self.fee_edit.setFocus()
        elif facts.state is State.RETURNED:
            self.show_error(
                _("Hồ sơ {code} đã được trả kết quả lúc {when}; không trả lại lần nữa.").format(
                    code=facts.code, when=format_moment(facts.returned_at)
                )
            )
        else:
            self.show_error(
                _("Chưa thể trả kết quả: hồ sơ {code} đang ở trạng thái «{state}».").format(
                    code=facts.code, state=_(STATE_LABELS[facts.state])
                )
            )
        self.dossier_loaded.emit(facts)

    def _show_facts(self, facts: DossierFacts | None) -> None:
        self.facts = facts
        self.return_box.setVisible(facts is not None and facts.state is State.RESOLVED)
        if facts is None:
            for label in self.info_labels.values():
                label.setText("—")
            return
        values = {
            "code": facts.code,
            "applicant": facts.applicant.get("name") or "",
            "procedure": procedure_text(self.procedure_name, facts.procedure_code),
            "state": _(STATE_LABELS[facts.state]),
            "received": format_moment(facts.received_at),
            "due": format_moment(facts.due_at),
        }
        for key, value in values.items():
            self.info_labels[key].setText(value)

    def _reset_form(self) -> None:
        self.authorised_check.setChecked(False)
        self.receiver_name_edit.clear()
        self.receiver_id_edit.clear()
        self.fee_edit.clear()
        self.rating_group.setExclusive(False)
        for button in self.rating_buttons.values():
            button.setChecked(False)
        self.rating_group.setExclusive(True)
        assert self.facts is not None
        index = self.method_combo.findData(self.facts.return_method)
        self.method_combo.setCurrentIndex(max(index, 0))

    # -- returning -------------------------------------------------------------------------------

    def selected_rating(self) -> str | None:
        """The rating button the citizen pressed, if any."""
        for rating, button in self.rating_buttons.items():
            if button.isChecked():
                return rating
        return None

    def _step_input(self) -> StepInput:
        fee = parse_fee(self.fee_edit.text())
        name, id_number = None, None
        if self.authorised_check.isChecked():
            name = self.receiver_name_edit.text().strip()
            id_number = self.receiver_id_edit.text().strip()
            if not name:
                raise InvalidInput(_("Hãy nhập họ tên người nhận thay."), field="receiver_name")
            if not (id_number.isdigit() and len(id_number) in (9, 12)):
                raise InvalidInput(
                    _("Số định danh người nhận thay phải có 12 chữ số (hoặc CMND 9 số)."),
                    field="receiver_id_number",
                )
        return StepInput(
            fee_paid=fee,
            rating=self.selected_rating(),
            method=str(self.method_combo.currentData()),
            receiver_name=name,
            receiver_id_number=id_number,
        )

    def return_result(self) -> None:
        """Save the return of the shown dossier, then print the receipt."""
        facts = self.facts
        if self._saving or facts is None:
            return
        if facts.state is not State.RESOLVED:
            self.show_error(_("Chỉ trả được hồ sơ đã có kết quả."))
            return
        try:
            data = self._step_input()
        except InvalidInput as error:
            self.show_error(error.message)
            widget = {
                "fee": self.fee_edit,
                "receiver_name": self.receiver_name_edit,
                "receiver_id_number": self.receiver_id_edit,
            }.get(error.field or "")
            if widget is not None:
                widget.setFocus()
            return
        code, actor = facts.code, self.actor
        self._saving = True
        self.show_info(_("Đang lưu…"))
        self.ops.run_db(
            lambda: self.station.step(code, EventType.RETURNED, data, actor=actor),
            self._on_returned,
            self._on_return_failed,
        )

    def _on_return_failed(self, message: str) -> None:
        self._saving = False
        self.show_error(message)

    def _on_returned(self, facts: DossierFacts) -> None:
        self._saving = False
        self._show_facts(facts)
        self.message_label.clear()
        self.result_label.setText(_("Đã trả kết quả hồ sơ {code}.").format(code=facts.code))
        self.dossier_returned.emit(facts.code)
        self.print_offer.print(PrintRequest(FormKind.RECEIPT, facts.code))
        self.code_edit.clear()
        self.code_edit.setFocus()

    # -- messages ------------------------------------------------------------------------------
