"""The Dossier view: every fact, the documents, the timeline, the steps allowed now, reprints.

Reads and steps go through the station façade in background operations; each step asks what
it needs in a small dialog and the view refreshes from the store once the step is saved.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.access import Via
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.catalogue import FORM_LABELS, DocumentForm, RequiredDocument
from counter_app.domain.codes import looks_like_code
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import InvalidInput
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import (
    STATE_LABELS,
    EventType,
    State,
    allowed_events,
    event_label,
)
from counter_app.domain.numbers import read_issued
from counter_app.domain.pauses import ground_label
from counter_app.i18n import C_, N_, _
from counter_app.printing.model import FormKind
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_app.ui.access_log_view import DossierViewsDialog
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.print_jobs import PrintRequest, print_form
from counter_app.ui.print_offer import failure_text
from counter_app.ui.procedure_text import procedure_text
from counter_app.ui.results import METHODS, RATING_LABELS, format_moment

NOT_HERE = frozenset({EventType.RECEIVED, EventType.REFUSED, EventType.PRINTED, EventType.RETURNED})
NOT_HERE |= {EventType.SUPPLEMENT_RECEIVED}  # brought documents are taken at Reception
NOT_HERE |= {EventType.ERASED}  # by the retention rules only
STEPS_PER_ROW = 4
DOCUMENT_ROWS = 6  # the documents shown before their list scrolls
SIGNING_ROLES = frozenset({"leader", "admin"})
CORRECTABLE: tuple[tuple[str, str], ...] = (
    ("name", N_("Họ và tên")),
    ("address", N_("Địa chỉ")),
    ("phone", N_("Điện thoại")),
    ("email", N_("Thư điện tử")),
)
CHANNEL_LABELS: Mapping[str, str] = {
    "direct": N_("Trực tiếp"),
    "online": N_("Trực tuyến"),
    "post": N_("Qua bưu chính"),
}
REPRINTS: tuple[tuple[FormKind, str], ...] = (
    (FormKind.SLIP, N_("Giấy tiếp nhận")),
    (FormKind.SUPPLEMENT, N_("Phiếu bổ sung")),
    (FormKind.REFUSAL, N_("Phiếu từ chối")),
    (FormKind.CONTROL, N_("Phiếu kiểm soát")),
    (FormKind.RECEIPT, N_("Biên nhận trả kết quả")),
    (FormKind.APOLOGY, N_("Phiếu xin lỗi")),
)


@dataclass(frozen=True)
class DossierPage:
    """Everything the view shows, read in one background operation."""

    facts: DossierFacts
    events: tuple[EventRecord, ...]
    catalogue_documents: tuple[RequiredDocument, ...]
    station_names: dict[str, str]
    pause_grounds: tuple[str, ...] = ()  # the lawful grounds the procedure's entry lists
    procedure_name: str = ""


def load_page(station: Station, code: str, *, actor: str) -> DossierPage:
    """Read a dossier, its events and its procedure version's documents (worker thread); the
    view is on the access log."""
    read = station.privacy.open_dossier(code, actor=actor, via=Via.GUI)
    facts, events = read.facts, read.events
    ctx = station.context()
    spec = ctx.procedure_version(facts.procedure_id).spec
    names = {ctx.identity.station_id: ctx.identity.station_name}
    return DossierPage(facts, events, tuple(spec.documents), names, spec.pause_grounds, spec.name)


def format_day(iso: object) -> str:
    """A stored ISO day (``1990-05-17``) as the clerk writes it (``17/05/1990``)."""
    if not isinstance(iso, str) or not iso:
        return "—"
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def event_number(payload: Mapping[str, object]) -> str:
    """The number the event gave out: its document's ("03/TC"), or the register's ("Sổ 2026: 7")."""
    issued = read_issued(payload.get("number"))
    if issued is not None:
        return issued.text
    entry = read_issued(payload.get("register"))
    if entry is None:
        return ""
    return _("Sổ {year}: {number}").format(year=entry.year, number=entry.text)


def applicable_forms(facts: DossierFacts) -> list[FormKind]:
    """The forms this dossier has had reason to print."""
    received = facts.received_at is not None
    kinds = {
        FormKind.SLIP: received,
        FormKind.SUPPLEMENT: facts.supplement_count > 0
        or facts.state in (State.PENDING_SUPPLEMENT, State.SUPPLEMENT_REQUESTED),
        FormKind.REFUSAL: facts.state is State.REFUSED,
        FormKind.CONTROL: received,
        FormKind.RECEIPT: facts.state is State.RETURNED,
        FormKind.APOLOGY: facts.apology_count > 0,
    }
    return [kind for kind, applies in kinds.items() if applies]


def two_columns(left: Sequence[str], right: Sequence[str]) -> str:
    """Two columns of lines as rich text, each line on a line of its own in the source: the
    dossier's facts beside the applicant's, so the timeline below is in view at 1366×768."""

    def cell(lines: Sequence[str]) -> str:
        return "<br>\n".join(html.escape(line, quote=False) for line in lines)

    return (
        '<table width="100%"><tr><td width="55%" valign="top">\n'
        f'{cell(left)}</td><td valign="top">\n{cell(right)}</td></tr></table>'
    )


def fit_rows(table: QTableWidget, most: int) -> None:
    """As tall as its rows (``most`` at the most, then it scrolls): a short list leaves its
    room to what follows it."""
    rows = [table.rowHeight(row) for row in range(min(table.rowCount(), most))]
    row = table.verticalHeader().defaultSectionSize()
    height = table.horizontalHeader().sizeHint().height() + (sum(rows) if rows else row)
    table.setFixedHeight(height + 2 * table.frameWidth())


def timeline_text(event: EventRecord) -> str:
    """An event as the timeline names it; a print says which form and, if it failed, why."""
    if event.type != EventType.PRINTED.value:
        return event_label(EventType(event.type))
    payload = event.payload
    kind = dict(REPRINTS).get(FormKind(payload.get("kind", "slip")), N_("Giấy tờ"))
    if payload.get("ok"):
        return _("In {form} (máy in {printer})").format(
            form=_(kind), printer=payload.get("printer") or "—"
        )
    return _("In {form}: không in được — {reason}").format(
        form=_(kind), reason=payload.get("error") or "—"
    )


E = EventType
# what each step asks for; "note" is an optional reason, "reason" a required one
ASKS: Mapping[EventType, tuple[str, ...]] = {
    E.TRANSFERRED: ("to", "note"),
    E.PROCESSING_STARTED: ("note",),
    E.SUPPLEMENT_REQUESTED: ("missing", "reason"),
    E.PAUSED: ("kind", "reason"),
    E.RESUMED: ("note",),
    E.RESOLVED: ("result",),
    E.WITHDRAWN: ("reason",),
    E.STOPPED: ("reason",),
    E.APOLOGISED: ("new_due_at", "reason"),
    E.CORRECTED: (*(key for key, _label in CORRECTABLE), "reason"),
}
FIELD_LABELS: Mapping[str, str] = {
    "to": N_("Chuyển đến (bộ phận, cơ quan)"),
    "note": N_("Ghi chú"),
    "reason": N_("Lý do (bắt buộc)"),
    "missing": N_("Giấy tờ cần bổ sung"),
    "kind": N_("Loại tạm dừng"),
    "result": N_("Kết quả giải quyết"),
    "new_due_at": N_("Ngày hẹn trả mới"),
    **dict(CORRECTABLE),
}


class StepDialog(QDialog):
    """Asks what one step needs; ``fields`` maps a name to its input widget."""

    def __init__(self, event: EventType, page: DossierPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_event, self.page = event, page
        self.setWindowTitle(event_label(event))
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()
        for name in ASKS[event]:
            self.fields[name] = self._widget(name)
            form.addRow(_(FIELD_LABELS[name]), self.fields[name])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Ghi"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quay lại (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(640)  # document names are long
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _widget(self, name: str) -> QWidget:
        if name in ("note", "reason"):
            return QPlainTextEdit()
        if name == "missing":
            docs = QListWidget()
            docs.setWordWrap(True)
            for doc in self.page.catalogue_documents:
                item = QListWidgetItem(doc.name)
                item.setData(Qt.ItemDataRole.UserRole, doc.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                docs.addItem(item)
            return docs
        if name == "kind":
            kinds = QComboBox()
            for value in self.page.pause_grounds:
                kinds.addItem(ground_label(value), value)
            if not self.page.pause_grounds:  # saving then says why no pause is lawful here
                kinds.addItem(_("(Thủ tục không có căn cứ tạm dừng hợp pháp)"), "")
            return kinds
        if name == "new_due_at":
            when = QDateTimeEdit(QDateTime.currentDateTime().addDays(3))
            when.setDisplayFormat("HH:mm dd/MM/yyyy")
            when.setCalendarPopup(True)
            return when
        return QLineEdit(self.page.facts.applicant.get(name) or "")

    def text(self, name: str) -> str | None:
        """The text of a line or text box or the chosen value, None when empty or absent."""
        widget = self.fields.get(name)
        if isinstance(widget, QPlainTextEdit):
            value = widget.toPlainText()
        elif isinstance(widget, QComboBox):
            value = str(widget.currentData())
        elif isinstance(widget, QLineEdit):
            value = widget.text()
        else:
            return None
        return value.strip() or None

    def checked(self) -> list[str]:
        """The keys of the ticked catalogue documents."""
        widget = self.fields.get("missing")
        if not isinstance(widget, QListWidget):
            return []
        items = (widget.item(row) for row in range(widget.count()))
        ticked = [item for item in items if item.checkState() == Qt.CheckState.Checked]
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in ticked]

    def moment(self) -> datetime | None:
        """The new due date typed, in Vietnam time."""
        widget = self.fields.get("new_due_at")
        if not isinstance(widget, QDateTimeEdit):
            return None
        day, clock = widget.dateTime().date(), widget.dateTime().time()
        return datetime(
            day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=VN_TZ
        )

    def step_input(self) -> StepInput:
        """What was typed, as the step's input; InvalidInput when a correction changes nothing."""
        current = self.page.facts.applicant
        changes = {
            key: self.text(key)
            for key, _label in CORRECTABLE
            if key in self.fields and self.text(key) != (current.get(key) or None)
        }
        if self.step_event is EventType.CORRECTED and not changes:
            raise InvalidInput(_("Chưa sửa thông tin nào."), field="changes")
        return StepInput(
            reason=self.text("reason") or self.text("note"),
            to=self.text("to"),
            kind=self.text("kind"),
            result=self.text("result"),
            new_due_at=self.moment(),
            missing_keys=self.checked(),
            changes=changes,
        )


class DossierView(ShowsMessages, QWidget):
    """One dossier in full, with the steps the state machine allows now."""

    page_loaded = Signal(object)  # DossierPage
    step_done = Signal(str)
    message_shown = Signal(str)
    printed = Signal(str)  # a dossier code, once a reprint was tried and logged

    def __init__(
        self, station: Station, ops: Operations, actor: str, *, role: str = "clerk"
    ) -> None:
        super().__init__()
        self.station, self.ops, self.actor, self.role = station, ops, actor, role
        self.page: DossierPage | None = None
        self.step_dialog: StepDialog | None = None
        self._busy = False
        self._build()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("Gõ hoặc quét mã hồ sơ rồi nhấn Enter"))
        self.code_edit.returnPressed.connect(lambda: self.open_code(self.code_edit.text()))
        self.facts_label = QLabel()
        self.facts_label.setTextFormat(Qt.TextFormat.RichText)
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.documents = self._table([_("Giấy tờ"), _("Hình thức"), _("Số lượng")], 0)
        self.timeline = self._table(
            [_("Thời gian"), _("Sự kiện"), _("Số"), _("Người thực hiện"), _("Nơi")], 1
        )
        self.step_buttons: dict[EventType, QPushButton] = {}
        self.steps_grid = QGridLayout()
        for event in EventType:
            if event not in NOT_HERE:
                button = QPushButton(event_label(event), self)
                button.clicked.connect(lambda _c=False, e=event: self.ask_step(e))
                button.hide()
                self.step_buttons[event] = button
        self.reprint_buttons: dict[FormKind, QPushButton] = {}
        reprints = QHBoxLayout()
        for kind, label in REPRINTS:
            button = QPushButton(_("In lại: {form}").format(form=_(label)))
            button.clicked.connect(lambda _c=False, k=kind: self.reprint(k))
            button.hide()
            self.reprint_buttons[kind] = button
            reprints.addWidget(button)
        self.views_button = QPushButton(_("Ai đã xem hồ sơ này"))
        self.views_button.setToolTip(_("Những lần hồ sơ này được mở, in, tìm thấy (lãnh đạo)"))
        self.views_button.clicked.connect(self.show_views)
        self.views_button.hide()
        reprints.addStretch(1)
        reprints.addWidget(self.views_button)
        self.views_dialog: DossierViewsDialog | None = None
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_edit)
        layout.addWidget(self._scrolling_body(), 1)
        layout.addLayout(self.steps_grid)
        layout.addLayout(reprints)
        layout.addWidget(self.message_label)

    def _scrolling_body(self) -> QScrollArea:
        """The facts, documents and timeline: they scroll on a short screen (1366×768 at
        125 %), so the code box and the step buttons always stay in view."""
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.facts_label)
        for title, table, stretch in (
            (_("Thành phần hồ sơ"), self.documents, 0),  # as tall as its rows
            (_("Quá trình"), self.timeline, 1),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            inner.addWidget(box, stretch)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    @staticmethod
    def _table(headers: Sequence[str], stretch: int) -> QTableWidget:
        """A read-only table whose column ``stretch`` (the document, the event) takes the room
        the others leave."""
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    # -- loading -------------------------------------------------------------------------------

    def open_code(self, code: str) -> None:
        """Fetch the dossier with this code and show it."""
        cleaned = code.strip().upper()
        self.code_edit.setText(cleaned)
        if not looks_like_code(cleaned):
            self.show_error(_("Mã hồ sơ «{code}» không đúng định dạng.").format(code=cleaned[:60]))
            return
        station, actor = self.station, self.actor
        self.ops.run_db(
            lambda: load_page(station, cleaned, actor=actor), self._show_page, self.show_error
        )

    def set_role(self, role: str) -> None:
        """The logged-in user's role (leader or admin may apologise); re-judges the buttons."""
        self.role = role
        if self.page is not None:
            self._show_page(self.page)

    def refresh(self) -> None:
        """Read the shown dossier again."""
        if self.page is not None:
            self.open_code(self.page.facts.code)

    def _show_page(self, page: DossierPage) -> None:
        self.page = page
        facts = page.facts
        lines = [
            _("Mã hồ sơ: {v}").format(v=facts.code),
            _("Thủ tục: {v}").format(v=procedure_text(page.procedure_name, facts.procedure_code)),
            _("Trạng thái: {v}").format(v=_(STATE_LABELS[facts.state])),
        ]
        person = [f"{_('Số định danh')}: {facts.applicant.get('id_number') or '—'}"]
        person.append(f"{_('Ngày sinh')}: {format_day(facts.applicant.get('dob'))}")
        for key, label in CORRECTABLE:
            person.append(f"{_(label)}: {facts.applicant.get(key) or '—'}")
        moments = (
            (C_("moment", "Tiếp nhận"), facts.received_at),
            (C_("moment", "Hẹn trả"), facts.due_at),
            (C_("moment", "Hẹn trả ban đầu"), facts.original_due_at),
            (C_("moment", "Kết thúc"), facts.ended_at),
            (C_("moment", "Trả kết quả"), facts.returned_at),
        )
        lines += [f"{label}: {format_moment(value)}" for label, value in moments]
        lines.append(
            _("Kênh nộp: {c}; hình thức trả: {m}").format(
                c=_(CHANNEL_LABELS.get(facts.channel, facts.channel)),
                m=_(dict(METHODS).get(facts.return_method, facts.return_method)),
            )
        )
        if facts.fee_paid is not None or facts.rating is not None:
            rating = RATING_LABELS.get(facts.rating or "", "—")
            lines.append(
                _("Phí đã thu: {fee} đồng; đánh giá: {rating}").format(
                    fee=f"{facts.fee_paid or 0:,}".replace(",", "."), rating=_(rating)
                )
            )
        self.facts_label.setText(two_columns(lines, person))
        self._fill_documents(facts)
        self._fill_timeline(page)
        allowed = set(allowed_events(facts.state))
        for event, button in self.step_buttons.items():
            offered = event in allowed and (
                event is not EventType.APOLOGISED or self.role in SIGNING_ROLES
            )
            button.setVisible(offered)
            button.setEnabled(offered)
        self._arrange_steps()
        forms = applicable_forms(facts)
        for kind, button in self.reprint_buttons.items():
            button.setVisible(kind in forms)
        self.views_button.setVisible(self.role in SIGNING_ROLES)
        self.page_loaded.emit(page)

    def _arrange_steps(self) -> None:
        """The offered steps, STEPS_PER_ROW to a row: one row of eight is wider than a
        1366-pixel screen at 125 %."""
        for button in self.step_buttons.values():
            self.steps_grid.removeWidget(button)
        offered = [button for button in self.step_buttons.values() if not button.isHidden()]
        for index, button in enumerate(offered):
            self.steps_grid.addWidget(button, index // STEPS_PER_ROW, index % STEPS_PER_ROW)

    def _fill_documents(self, facts: DossierFacts) -> None:
        self.documents.setRowCount(0)
        for row, doc in enumerate(facts.documents):
            self.documents.insertRow(row)
            form = _(FORM_LABELS.get(DocumentForm(doc["form"]), str(doc["form"])))
            for column, text in enumerate((str(doc["name"]), form, str(doc["count"]))):
                self.documents.setItem(row, column, QTableWidgetItem(text))
        fit_rows(self.documents, DOCUMENT_ROWS)

    def _fill_timeline(self, page: DossierPage) -> None:
        self.timeline.setRowCount(0)
        for row, event in enumerate(page.events):
            self.timeline.insertRow(row)
            cells = (
                event.wall_clock.astimezone(VN_TZ).strftime("%H:%M:%S %d/%m/%Y"),
                timeline_text(event),
                event_number(event.payload),
                event.actor,
                page.station_names.get(event.station_id, event.station_id[:8]),
            )
            for column, text in enumerate(cells):
                self.timeline.setItem(row, column, QTableWidgetItem(text))

    # -- steps ---------------------------------------------------------------------------------

    def ask_step(self, event: EventType) -> None:
        """Open the dialog asking what ``event`` needs; OK saves the step."""
        if self.page is None or self._busy:
            return
        dialog = StepDialog(event, self.page, self)
        dialog.accepted.connect(lambda: self._on_step_dialog_accepted(event, dialog))
        self.step_dialog = dialog
        dialog.open()

    def _on_step_dialog_accepted(self, event: EventType, dialog: StepDialog) -> None:
        self.step_dialog = None
        if self.page is None:
            return
        try:
            data = dialog.step_input()
        except InvalidInput as error:
            self.show_error(error.message)
            return
        code, actor = self.page.facts.code, self.actor
        self._busy = True
        self.ops.run_db(
            lambda: self.station.step(code, event, data, actor=actor),
            lambda facts: self._on_step_saved(event, facts),
            self._on_step_failed,
        )

    def _on_step_failed(self, message: str) -> None:
        self._busy = False
        self.show_error(message)

    def _on_step_saved(self, event: EventType, facts: DossierFacts) -> None:
        self._busy = False
        self.show_info(_("Đã ghi: {step}.").format(step=event_label(event)))
        self.step_done.emit(event.value)
        self.open_code(facts.code)

    # -- who saw it -----------------------------------------------------------------------------

    def show_views(self) -> None:
        """The leader's «Ai đã xem hồ sơ này» for the shown dossier."""
        if self.page is None or self.role not in SIGNING_ROLES:
            return
        self.views_dialog = DossierViewsDialog(self.station, self.ops, self.page.facts.code, self)
        self.views_dialog.open()

    # -- reprints --------------------------------------------------------------------------------

    def reprint(self, kind: FormKind) -> None:
        """Print a form of the shown dossier again; the timeline then shows the attempt."""
        if self.page is None:
            return
        code, actor = self.page.facts.code, self.actor
        self.ops.run_io(
            lambda: print_form(self.station, PrintRequest(kind, code), actor=actor),
            lambda outcome: self._on_reprinted(kind, code, outcome.ok, outcome.error),
            self.show_error,
        )

    def _on_reprinted(self, kind: FormKind, code: str, ok: bool, error: str | None) -> None:
        if ok:
            self.show_info(_("Đã gửi lệnh in."))
        else:
            self.show_error(failure_text(kind, code, error or ""))
        self.printed.emit(code)
        self.refresh()

    # -- messages --------------------------------------------------------------------------------
