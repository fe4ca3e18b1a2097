"""The Reception screen (Tiếp nhận): applicant, procedure, checklist, due date, three outcomes.

Everything reaches the store through the station façade in background operations; the GUI
thread only checks typed text and the checklist (pure, fast domain code).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.catalogue import FORM_LABELS, DocumentForm
from counter_app.domain.checklist import HandedDocument, check
from counter_app.domain.data_sources import SOURCES
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType, State
from counter_app.i18n import C_, N_, _
from counter_app.printing.model import FormKind
from counter_app.services.applicant import ApplicantInput, from_qr_text, validate
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.desk_types import ApplicantHistory
from counter_app.services.reception_types import IntakeRequest, Receipt
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_app.ui.messages import ShowsMessages, room_for_marks
from counter_app.ui.operations import Operations
from counter_app.ui.print_jobs import PrintRequest
from counter_app.ui.print_offer import PrintOffer
from counter_app.ui.procedure_picker import ProcedurePicker
from counter_app.ui.refusal_dialog import RefusalDialog
from counter_app.ui.returning import FIELD_NAMES, DuplicateNotice, offered
from counter_app.ui.supplement_return import (
    SEX_INDEX,
    GuidedDossier,
    brought,
    load_guided,
    receipt_of,
)
from counter_app.ui.tables import ColumnShares

ONCE_ONLY = N_(
    "Hồ sơ này đã được hướng dẫn bổ sung một lần; hãy nhận đủ giấy tờ còn thiếu rồi Enter, "
    "hoặc Làm lại (Esc)."
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ID_LENGTH = 12
NEEDED = ("name", "id_number", "dob", "address", "phone")  # e-mail is seldom given


DATA_COLUMN = 5
SOURCE_CHARS = 10  # what the data-source column shows of a source's name
ELECTRONIC = DocumentForm.ELECTRONIC


def source_combo(sources: tuple[str, ...]) -> QComboBox:
    """The choice for a document the state's data can give: "—" (paper), or where it came from
    ("Khai thác dữ liệu: Cơ sở dữ liệu quốc gia về dân cư", "Xác thực qua VNeID")."""
    combo = QComboBox()
    combo.addItem("—", None)
    for key in sources:
        combo.addItem(_(SOURCES[key].printed), key)
    combo.setToolTip(_("Không yêu cầu bản giấy khi đã khai thác được dữ liệu."))
    # a narrow column, the whole names in the list it opens: the sources' names would
    # otherwise widen the column until the documents' names are a sliver at 125 %
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(SOURCE_CHARS)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0))
    return combo


def format_due(moment: datetime | None) -> str:
    """A due date as the clerk reads it aloud."""
    if moment is None:
        return "—"
    return moment.astimezone(VN_TZ).strftime(_("%H:%M ngày %d/%m/%Y"))


def warm_calendar(station: Station) -> None:
    """Build this year's working days now, while the clerk types the applicant, so that the
    first due date shown does not wait for the holiday tables (database thread)."""
    station.calendar().is_working_day(datetime.now(VN_TZ).date())


class ReceptionScreen(ShowsMessages, QWidget):
    """Receive one citizen's dossier, mostly from the keyboard and the scanner."""

    catalogue_loaded = Signal(int)
    due_previewed = Signal(str)
    dossier_saved = Signal(str)
    guided_opened = Signal(str)
    message_shown = Signal(str)
    printed = Signal(str)  # a dossier code, once a print of it was tried and logged
    history_found = Signal(object)  # ApplicantHistory: a returning applicant, fields offered

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self._entry: CatalogueEntry | None = None
        self._scan_raw: str | None = None
        self.guided: GuidedDossier | None = None  # a dossier back with its supplement
        self._saving = False
        self.refusal_dialog: RefusalDialog | None = None
        self.history: ApplicantHistory | None = None  # what the station knows of the ID number
        self._looked_up = ""  # the ID number asked about last
        self._edits = 0  # keystrokes that changed a field: a lookup's answer must not race them
        self._reading_card = False
        self._build()
        self._connect_signals()
        self.reload_catalogue()
        self.ops.run_db(lambda: warm_calendar(station))

    def reload_catalogue(self) -> None:
        """Read the catalogue in force today again (at start and after an import)."""
        self.ops.run_db(self.station.offered_catalogue, self._on_catalogue_fetched, self.show_error)
        self._load_recent()

    def _load_recent(self) -> None:
        self.ops.run_db(self.station.recent_procedures, self.picker.set_recent)

    @property
    def catalogue_ready(self) -> bool:
        """True once the catalogue has arrived from the database thread."""
        return self.picker.ready

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.name_edit, self.id_edit = QLineEdit(), QLineEdit()
        self.dob_edit, self.address_edit = QLineEdit(), QLineEdit()
        self.phone_edit, self.email_edit = QLineEdit(), QLineEdit()
        self.dob_edit.setPlaceholderText(_("ngày/tháng/năm"))
        self.id_edit.setMaxLength(12)
        self.sex_combo = QComboBox()
        self.sex_combo.addItems(["", _("Nam"), _("Nữ")])
        applicant = QGroupBox(_("Người nộp hồ sơ (gõ hoặc quét mã QR thẻ căn cước)"))
        form = QFormLayout(applicant)
        # keyed by the field names InvalidInput reports, in tab order
        widgets: list[QWidget] = [self.name_edit, self.id_edit, self.dob_edit, self.sex_combo]
        widgets += [self.address_edit, self.phone_edit, self.email_edit]
        keys = ("name", "id_number", "dob", "sex", "address", "phone", "email")
        self.fields: dict[str, QWidget] = dict(zip(keys, widgets, strict=True))
        labels = [_("Họ và tên"), _("Số định danh (CCCD)"), _("Ngày sinh"), _("Giới tính")]
        labels += [_("Địa chỉ"), _("Điện thoại"), _("Thư điện tử")]
        for label, widget in zip(labels, self.fields.values(), strict=True):
            form.addRow(label, widget)
        self.due_label, self.message_label, self.result_label = QLabel(), QLabel(), QLabel()
        self.message_label.setWordWrap(True)
        self.result_label.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1b5e20;")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        room_for_marks(self.result_label)
        self.print_offer = PrintOffer(self.station, self.ops, lambda: self.actor, self)
        self.duplicate = DuplicateNotice(self)
        self.history_label = QLabel()  # what a returning applicant's earlier dossiers filled in
        self.history_label.setWordWrap(True)
        procedure = self._build_procedure()
        self._build_actions()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(applicant, 1)  # the checklist's document names need the width
        top.addWidget(procedure, 2)
        layout.addLayout(top)
        layout.addWidget(self.history_label)
        layout.addWidget(self.duplicate)
        layout.addWidget(self.message_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.print_offer)
        layout.addLayout(self._buttons)
        self._set_tab_order()

    def _build_procedure(self) -> QGroupBox:
        self.picker = ProcedurePicker()
        self.procedure_edit, self.procedure_list = self.picker.edit, self.picker.matches
        self.checklist = QTableWidget(0, 6)
        self.checklist.setHorizontalHeaderLabels(
            [
                _("Đã nhận"),
                _("Giấy tờ"),
                _("Hình thức"),
                _("Số lượng"),
                _("Yêu cầu"),
                _("Dữ liệu điện tử"),
            ]
        )
        self.checklist.setTabKeyNavigation(False)
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the document's name takes what is left; its form and its condition wrap in their
        # shares, so at 125 % the name is neither a sliver nor pushed off to the side
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.column_shares = ColumnShares(self.checklist, {2: 0.13, 4: 0.22})
        header.sectionResized.connect(lambda *_args: self.checklist.resizeRowsToContents())
        self.checklist.setWordWrap(True)
        self.extra_edit = QLineEdit()
        self.extra_edit.setPlaceholderText(_("Giấy tờ khác (không bắt buộc), cách nhau bởi «;»"))
        self.digitised_box = QCheckBox(_("Thành phần hồ sơ đã được số hóa (quét) tại quầy"))
        self.digitised_box.setToolTip(
            _("Đánh dấu khi giấy tờ đã được quét lưu; số liệu «tỷ lệ số hóa» lấy từ đây.")
        )
        procedure = QGroupBox(_("Thủ tục và thành phần hồ sơ"))
        column = QVBoxLayout(procedure)
        for widget in (self.picker, self.checklist):
            column.addWidget(widget)
        column.addWidget(self.extra_edit)
        column.addWidget(self.digitised_box)
        self.time_mark = QLabel(_("Thời hạn của thủ tục này chưa xác minh"))
        self.time_mark.setStyleSheet("color: gray; font-size: small")  # a quiet mark, no alarm
        self.time_mark.setToolTip(
            _("Danh mục chưa ghi nguồn cho thời hạn giải quyết; ngày hẹn dựa trên giá trị mẫu.")
        )
        self.time_mark.hide()
        due_line = QHBoxLayout()
        due_line.addWidget(self.due_label, 1)
        due_line.addWidget(self.time_mark)
        column.addLayout(due_line)
        return procedure

    def _build_actions(self) -> None:
        self._buttons = QHBoxLayout()
        specs: list[tuple[str, str, str, Callable[[], None]]] = [
            ("accept", C_("button", "Tiếp nhận"), "Ctrl+Return", self.accept_dossier),
            ("supplement", C_("button", "Yêu cầu bổ sung"), "F6", self.request_supplement),
            ("refuse", _("Từ chối"), "F8", self.refuse_dossier),
            ("all_mandatory", _("Đủ giấy tờ bắt buộc"), "F4", self.tick_mandatory),
            ("clear", _("Làm lại"), "Esc", self.clear),
        ]
        self.buttons: dict[str, QPushButton] = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            shown = keys.replace("Return", "Enter")  # the key is labelled Enter
            button = QPushButton(f"{text} ({shown})")
            button.setToolTip(f"{text} ({shown})")
            button.clicked.connect(slot)
            self._buttons.addWidget(button)
            self.buttons[name] = button
        self.buttons["accept"].setToolTip(_("Tiếp nhận (Enter hoặc Ctrl+Enter)"))

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.fields.values(),
            self.procedure_edit,
            self.checklist,
            self.extra_edit,
            self.digitised_box,
            *self.buttons.values(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.picker.entry_chosen.connect(self._on_picker_entry_chosen)
        self.print_offer.printed.connect(self.printed)
        # the next citizen's work begins: the last one's messages go
        for edit in (*self.fields.values(), self.procedure_edit, self.extra_edit):
            if isinstance(edit, QLineEdit):
                edit.textEdited.connect(self._begin_work)
        self.sex_combo.activated.connect(self._begin_work)
        self.id_edit.textChanged.connect(self._on_id_edit_text_changed)

    # -- keyboard -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter (not taken by a child) accepts; Esc clears."""
        button = QApplication.focusWidget()
        if event.key() in _ENTER and isinstance(button, QPushButton):
            button.click()  # Enter on a focused button does what the button says
        elif event.key() in _ENTER and not self._saving:
            self.accept_dossier()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        else:
            super().keyPressEvent(event)

    # -- catalogue and procedure --------------------------------------------------------------

    def _on_catalogue_fetched(self, entries: list[CatalogueEntry]) -> None:
        self.catalogue_loaded.emit(self.picker.set_entries(entries))

    def _on_picker_entry_chosen(self, entry: CatalogueEntry | None) -> None:
        self._set_entry(entry)
        if entry is not None:
            self.checklist.setFocus()
            self.checklist.setCurrentCell(0, 0)

    def _set_entry(self, entry: CatalogueEntry | None) -> None:
        self._entry = entry
        self._warn_of_duplicate()
        self.checklist.setRowCount(0)
        self.due_label.clear()
        self.time_mark.setVisible(entry is not None and "time_amount" in entry.spec.unconfirmed)
        if entry is None:
            return
        # the data-source column only for a procedure with a document the state's data can give
        obtainable = any(doc.obtainable_from for doc in entry.spec.documents)
        self.checklist.setColumnHidden(DATA_COLUMN, not obtainable)
        for row, doc in enumerate(entry.spec.documents):
            self.checklist.insertRow(row)
            condition = _("Bắt buộc") if doc.mandatory else _("Nếu có: {c}").format(c=doc.condition)
            cells = ["", doc.name, _(FORM_LABELS[doc.form]), str(doc.count), condition]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 0 or (column == 4 and not doc.mandatory):
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                self.checklist.setItem(row, column, item)
            if doc.obtainable_from:
                self.checklist.setCellWidget(row, DATA_COLUMN, source_combo(doc.obtainable_from))
        self.checklist.resizeRowsToContents()
        # again once the new rows are laid out: the first pass measures some at a stale width
        QTimer.singleShot(0, self.checklist.resizeRowsToContents)
        code, now = entry.spec.code, datetime.now(UTC)
        self.ops.run_db(
            lambda: self.station.preview_due(code, now),
            lambda due: self._on_due_previewed(code, due),
            self.show_error,
        )

    def _on_due_previewed(self, code: str, due: datetime) -> None:
        if self._entry is not None and self._entry.spec.code == code:
            text = _("Ngày hẹn trả nếu tiếp nhận bây giờ: {due}").format(due=format_due(due))
            self.due_label.setText(text)
            self.due_previewed.emit(text)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.checklist.item(row, column)
        assert item is not None
        return item

    def data_source(self, row: int) -> str | None:
        """The database the clerk obtained row ``row``'s document from, or None."""
        combo = self.checklist.cellWidget(row, DATA_COLUMN)
        return combo.currentData() if isinstance(combo, QComboBox) else None

    def tick_mandatory(self) -> None:
        """Mark every mandatory document as handed over."""
        if self._entry is None:
            return
        for row, doc in enumerate(self._entry.spec.documents):
            if doc.mandatory:
                self._cell(row, 0).setCheckState(Qt.CheckState.Checked)

    # -- the applicant from a scan ------------------------------------------------------------

    def fill_from_qr(self, raw: str) -> None:
        """Fill the applicant from an ID card's QR; a bad scan changes nothing."""
        self._begin_work()
        try:
            person = from_qr_text(raw)
        except InvalidInput as error:
            self.show_error(error.message)
            return
        self.name_edit.setText(person.name)
        self._reading_card = True  # the number is the card's: the lookup may move the cursor
        self.id_edit.setText(person.id_number or "")
        self._reading_card = False
        self.dob_edit.setText("" if person.dob is None else person.dob.strftime("%d/%m/%Y"))
        self.sex_combo.setCurrentIndex(0 if person.sex is None else 1 + (person.sex != "male"))
        self.address_edit.setText(person.address or "")
        self.address_edit.setCursorPosition(0)  # show where the address starts
        self._scan_raw = raw
        self.show_info(_("Đã đọc thẻ căn cước của {name}.").format(name=person.name))
        self.phone_edit.setFocus()  # the card has no phone: unless the station knows it

    # -- a returning applicant ----------------------------------------------------------------

    def _on_id_edit_text_changed(self, text: str) -> None:
        number = text.strip()
        if number == self._looked_up:
            return
        self.history = None
        self._show_history(None)
        self._warn_of_duplicate()
        self._looked_up = ""
        if len(number) == ID_LENGTH and number.isdigit() and self.guided is None:
            self._looked_up, scanned = number, self._reading_card
            QTimer.singleShot(0, lambda: self._look_up(number, scanned))  # after the signals

    def _look_up(self, number: str, scanned: bool) -> None:
        ticket = self._edits
        self.ops.run_db(
            lambda: self.station.applicant_history(number),
            lambda history: self._on_history_loaded(number, ticket if scanned else None, history),
        )

    def _on_history_loaded(
        self, number: str, scan_ticket: int | None, history: ApplicantHistory | None
    ) -> None:
        """Fill what is empty. After a scan with nothing typed since, the cursor goes on to what
        is still missing (else the procedure); a typist's cursor stays where it is (a field Tab
        reaches has its offered text selected, so typing replaces it)."""
        if history is None or number != self.id_edit.text().strip() or self.guided is not None:
            return
        self.history = history
        untouched = scan_ticket == self._edits  # a scan, and nothing typed since
        filled = self._fill_empty(offered(history), even_focused=untouched)
        self._show_history(filled)
        self._warn_of_duplicate()
        if untouched and self._cursor_in_applicant():
            self._focus_next_empty()
        self.history_found.emit(history)

    def _fill_empty(self, texts: dict[str, str], *, even_focused: bool) -> list[str]:
        """Fill the empty fields with ``texts`` (the one with the cursor only ``even_focused``:
        the clerk may be typing in it); the keys filled."""
        filled = []
        for key, text in texts.items():
            widget = self.fields[key]
            free = even_focused or not widget.hasFocus()
            if isinstance(widget, QLineEdit) and not widget.text() and free:
                widget.setText(text)
                widget.setCursorPosition(0)
                filled.append(key)
        return filled

    def _cursor_in_applicant(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is None or focused in self.fields.values()

    def _focus_next_empty(self) -> None:
        for key in NEEDED:
            widget = self.fields[key]
            if isinstance(widget, QLineEdit) and not widget.text():
                widget.setFocus()
                return
        self.procedure_edit.setFocus()

    def _show_history(self, filled: list[str] | None) -> None:
        if not filled:
            self.history_label.clear()
            self.history_label.hide()
            return
        names = ", ".join(_(FIELD_NAMES[key]) for key in filled)
        self.history_label.setText(
            _(
                "Đã nộp hồ sơ ở đây trước: đã điền sẵn {fields}; hãy hỏi lại nếu có thay đổi."
            ).format(fields=names)
        )
        self.history_label.show()

    def _warn_of_duplicate(self) -> None:
        open_one = None
        if self.history is not None and self._entry is not None and self.guided is None:
            open_one = self.history.open_of(self._entry.spec.code)
        self.duplicate.warn(open_one)

    # -- outcomes -----------------------------------------------------------------------------

    def _request(self) -> IntakeRequest:
        if self._entry is None:
            raise InvalidInput(
                _("Chưa chọn thủ tục; hãy gõ mã hoặc tên thủ tục rồi nhấn Enter."),
                field="procedure",
            )
        person = validate(
            ApplicantInput(
                name=self.name_edit.text(),
                id_number=self.id_edit.text(),
                dob=self.dob_edit.text(),
                sex=self.sex_combo.currentText(),
                address=self.address_edit.text(),
                phone=self.phone_edit.text(),
                email=self.email_edit.text(),
            )
        )
        handed, applicable = [], []
        for row, doc in enumerate(self._entry.spec.documents):
            ticked = self._cell(row, 0).checkState() == Qt.CheckState.Checked
            applies = self._cell(row, 4).checkState() == Qt.CheckState.Checked
            source = self.data_source(row)
            if source is not None:  # obtained from the state's data: satisfies it, no paper
                handed.append(HandedDocument(doc.key, doc.name, ELECTRONIC, doc.count, source))
            elif ticked:
                handed.append(HandedDocument(doc.key, doc.name, doc.form, doc.count))
            if not doc.mandatory and (ticked or applies):
                applicable.append(doc.key)
        for name in filter(None, (part.strip() for part in self.extra_edit.text().split(";"))):
            handed.append(HandedDocument(None, name[:200], DocumentForm.COPY, 1))
        return IntakeRequest(
            self._entry.spec.code,
            person,
            handed,
            applicable,
            scan_raw=self._scan_raw,
            digitised=self.digitised_box.isChecked(),
        )

    def _checked_request(self, *, want_complete: bool) -> IntakeRequest | None:
        self._begin_work()
        try:
            request = self._request()
            assert self._entry is not None
            verdict = check(
                self._entry.spec.documents, request.documents or [], applicable=request.applicable
            )
        except InvalidInput as error:
            self._show_field_error(error)
            return None
        if want_complete and not verdict.complete:
            names = "; ".join(item.document.name for item in verdict.missing)
            self.show_error(
                _("Hồ sơ còn thiếu: {names}. Hãy nhận đủ hoặc bấm «Yêu cầu bổ sung» (F6).").format(
                    names=names
                )
            )
            return None
        if not want_complete and verdict.complete:
            self.show_error(_("Hồ sơ đã đủ giấy tờ; hãy bấm «Tiếp nhận» (Enter)."))
            return None
        return request

    def accept_dossier(self) -> None:
        """Save a complete dossier (or complete a guided one), then print form 01."""
        if self.guided is not None:
            self._accept_supplement(self.guided)
        else:
            self._receive(want_complete=True, kind=FormKind.SLIP)

    def request_supplement(self) -> None:
        """Save the one-time supplement request, then print form 02."""
        if self.guided is not None:
            self.show_error(_(ONCE_ONLY))
        else:
            self._receive(want_complete=False, kind=FormKind.SUPPLEMENT)

    def _receive(self, *, want_complete: bool, kind: FormKind) -> None:
        request = None if self._saving else self._checked_request(want_complete=want_complete)
        if request is not None:
            self._save(lambda: self.station.receive(request, actor=self.actor), kind)

    def refuse_dossier(self) -> None:
        """Ask for the reasons, save the refusal, then print form 03."""
        if self._saving:
            return
        if self.guided is not None:
            self.show_error(_(ONCE_ONLY))
            return
        self._begin_work()
        try:
            request = self._request()
        except InvalidInput as error:
            self._show_field_error(error)
            return
        dialog = RefusalDialog(self)
        dialog.accepted.connect(lambda: self._on_refusal_dialog_accepted(request, dialog))
        self.refusal_dialog = dialog
        dialog.open()

    def _on_refusal_dialog_accepted(self, request: IntakeRequest, dialog: RefusalDialog) -> None:
        reasons = dialog.reasons()
        self.refusal_dialog = None
        self._save(
            lambda: self.station.refuse(request, reasons=reasons, actor=self.actor),
            FormKind.REFUSAL,
        )

    def _save(self, fn: Callable[[], Receipt], kind: FormKind) -> None:
        self._saving = True
        self.show_info(_("Đang lưu hồ sơ…"))
        self.ops.run_db(fn, lambda receipt: self._on_saved(receipt, kind), self._on_save_failed)

    def _on_save_failed(self, message: str) -> None:
        self._saving = False
        self.show_error(message)

    def _on_saved(self, receipt: Receipt, kind: FormKind) -> None:
        self._saving = False
        if receipt.state is State.RECEIVED:
            text = _("Đã tiếp nhận hồ sơ {code} — hẹn trả {due}")
        elif receipt.state is State.REFUSED:
            text = _("Đã từ chối tiếp nhận, số hồ sơ {code}")
        else:
            text = _("Đã lập phiếu yêu cầu bổ sung, số hồ sơ {code}")
        self.clear()
        self.result_label.setText(text.format(code=receipt.code, due=format_due(receipt.due_at)))
        self.dossier_saved.emit(receipt.code)
        self.print_offer.print(PrintRequest(kind, receipt.code))
        self._load_recent()

    # -- a guided dossier back with its supplement --------------------------------------------

    def continue_if_guided(self, code: str, otherwise: Callable[[str], None]) -> None:
        """Continue ``code`` here if it waits for its supplement; else hand it to ``otherwise``."""
        actor = self.actor
        self.ops.run_db(
            lambda: load_guided(self.station, code, actor=actor),
            lambda guided: otherwise(code) if guided is None else self.continue_guided(guided),
            lambda _message: otherwise(code),  # the dossier screen tells what is wrong
        )

    def continue_guided(self, guided: GuidedDossier) -> None:
        """Show the guided dossier: applicant and handed documents fixed, the rest to tick."""
        self.clear()
        self.guided = guided
        texts = guided.applicant_texts()
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                widget.setText(texts.get(key, ""))
            widget.setEnabled(False)
        self.sex_combo.setCurrentIndex(SEX_INDEX.get(texts.get("sex", ""), 0))
        self.picker.show_entry(guided.entry)
        self.picker.setEnabled(False)
        self._set_entry(guided.entry)
        self._fix_handed_rows(guided)
        self.show_info(
            _(
                "Hồ sơ {code} quay lại bổ sung: chỉ cần đánh dấu giấy tờ còn thiếu rồi Enter."
            ).format(code=guided.facts.code)
        )
        self.guided_opened.emit(guided.facts.code)

    def _fix_handed_rows(self, guided: GuidedDossier) -> None:
        first_missing = None
        for row, doc in enumerate(guided.entry.spec.documents):
            applies = self._cell(row, 4)
            if doc.key in guided.facts.applicable:
                applies.setCheckState(Qt.CheckState.Checked)
            tick = self._cell(row, 0)
            if not guided.tickable(doc.key):
                handed = doc.key in guided.handed_keys
                tick.setCheckState(Qt.CheckState.Checked if handed else Qt.CheckState.Unchecked)
                tick.setFlags(Qt.ItemFlag.ItemIsSelectable)  # not asked for now: stays as it was
            elif first_missing is None:
                first_missing = row
        self.checklist.setFocus()
        self.checklist.setCurrentCell(first_missing or 0, 0)

    def _accept_supplement(self, guided: GuidedDossier) -> None:
        if self._saving:
            return
        rows = self.checklist.rowCount()
        ticked = [r for r in range(rows) if self._cell(r, 0).checkState() == Qt.CheckState.Checked]
        missing = guided.still_missing(ticked)
        if missing:
            self.show_error(
                _("Hồ sơ vẫn còn thiếu: {names}. Hãy nhận đủ rồi Enter.").format(
                    names="; ".join(missing)
                )
            )
            return
        documents = brought(guided, ticked)
        code, actor = guided.facts.code, self.actor
        step = StepInput(documents=documents)
        self._save(
            lambda: receipt_of(
                self.station.step(code, EventType.SUPPLEMENT_RECEIVED, step, actor=actor)
            ),
            FormKind.SLIP,
        )

    # -- messages and clearing ----------------------------------------------------------------

    def _begin_work(self) -> None:
        """A new action starts: the last one's banner and message go (a failed print's
        reprint stays offered until it prints)."""
        self._edits += 1
        self.result_label.clear()
        self.message_label.clear()

    def _show_field_error(self, error: InvalidInput) -> None:
        self.show_error(error.message)
        field = error.field or ""
        widget = self.procedure_edit if field == "procedure" else self.fields.get(field)
        if widget is not None:
            widget.setFocus()

    def _end_guided(self) -> None:
        self.guided = None
        for widget in self.fields.values():
            widget.setEnabled(True)
        self.picker.setEnabled(True)

    def clear(self) -> None:
        """Empty the form for the next citizen and put the cursor on the name."""
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        self.sex_combo.setCurrentIndex(0)
        self.digitised_box.setChecked(False)
        self.picker.clear()
        self._set_entry(None)
        self._scan_raw = None
        self._end_guided()
        self.history, self._looked_up = None, ""
        self._show_history(None)
        self.duplicate.warn(None)
        self.message_label.clear()
        self.result_label.clear()
        self.name_edit.setFocus()
