"""The Catalogue screen (Danh mục thủ tục): browse with a folded search, a procedure's detail and
versions; the administrator also imports a file (see catalogue_import)."""

from __future__ import annotations

import html
from datetime import date, datetime
from itertools import groupby

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.catalogue import (
    FORM_LABELS,
    LEVEL_LABELS,
    SOURCE_KEYS,
    STATUS_LABELS,
    UNIT_LABELS,
    ProcedureSpec,
    RequiredDocument,
    time_limit_missing,
)
from counter_app.domain.data_sources import SOURCES
from counter_app.domain.pauses import ground_label
from counter_app.domain.text import fold
from counter_app.i18n import N_, _
from counter_app.services.catalogue_types import CatalogueEntry, in_force
from counter_app.station import Station
from counter_app.ui.catalogue_import import ImportPanel
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.tables import ColumnShares, RowTable

COLUMNS = (N_("Mã"), N_("Tên thủ tục"), N_("Lĩnh vực"), N_("Thời hạn"), N_("Tình trạng"))
VERSION_COLUMNS = (
    N_("Phiên bản"),
    N_("Áp dụng"),
    N_("Quyết định, hiệu lực"),
    N_("Thời hạn"),
    N_("Lệ phí"),
    N_("Số giấy tờ"),
)
SOURCE_LABELS = {
    "listing": N_("Mã và tên"),
    "processing_time": N_("Thời hạn"),
    "fee": N_("Phí, lệ phí"),
    "legal_basis": N_("Căn cứ pháp lý"),
    "documents": N_("Thành phần hồ sơ"),
    "place": N_("Địa điểm"),
    "pause_grounds": N_("Căn cứ tạm dừng"),
}
NUDGE = N_("Danh mục mẫu — hãy nhập quyết định công bố của tỉnh")
IMPORT_ROLES = frozenset({"admin"})
CONFIRM_ROLES = frozenset({"leader", "admin"})


def time_limit(spec: ProcedureSpec) -> str:
    """«7 ngày làm việc», «Trong ngày» for a same-day procedure, «Chưa có» for none."""
    if time_limit_missing(spec):
        return _("Chưa có")
    if spec.time_amount == 0:
        return _("Trong ngày")
    return f"{spec.time_amount} {_(UNIT_LABELS.get(spec.time_unit, spec.time_unit))}"


def fee(spec: ProcedureSpec) -> str:
    """The fee in đồng, with its note (no single amount: the note alone)."""
    if spec.fee_amount is None:
        return spec.fee_text or "—"
    amount = _("Không thu") if not spec.fee_amount else f"{spec.fee_amount:,} đ".replace(",", ".")
    return f"{amount} — {spec.fee_text}" if spec.fee_text else amount


def obtainable(document: RequiredDocument) -> str:
    """Where the state's data can stand for the paper ("<br>hoặc: Xác thực qua VNeID"), or ""."""
    if not document.obtainable_from:
        return ""
    sources = "; ".join(_(SOURCES[key].printed) for key in document.obtainable_from)
    return "<br><i>" + html.escape(_("hoặc: {sources}").format(sources=sources)) + "</i>"


def detail_html(spec: ProcedureSpec) -> str:
    """Everything the catalogue says about a procedure, «chưa xác minh» where unconfirmed."""
    mark = f' <i style="color:#b00020">({_("chưa xác minh")})</i>'

    def flag(*fields: str) -> str:
        return mark if set(fields) & set(spec.unconfirmed) else ""

    e = html.escape
    rows = [
        (_("Lĩnh vực"), e(spec.field), ""),
        (_("Cấp thực hiện"), e(_(LEVEL_LABELS.get(spec.level, spec.level))), ""),
        (_("Thời hạn giải quyết"), e(time_limit(spec)), flag("time_amount", "time_unit")),
        (_("Phí, lệ phí"), e(fee(spec)), flag("fee_amount", "fee_text")),
        (_("Căn cứ pháp lý"), e(spec.legal_basis), flag("legal_basis")),
        (_("Địa điểm thực hiện"), e(spec.place), ""),
        (_("Căn cứ tạm dừng"), e(grounds_text(spec)), ""),
        (_("Quyết định công bố"), e(spec.decision or _(spec.source)), ""),
        (
            _("Hiệu lực từ"),
            e(spec.effective_from.strftime("%d/%m/%Y")) if spec.effective_from else "",
            "",
        ),
        (_("Tình trạng"), e(_(STATUS_LABELS.get(spec.status, spec.status))), ""),
        (_("Nguồn"), source_lines(spec), ""),
    ]
    body = "".join(f"<tr><th align=left>{k}</th><td>{v}{m}</td></tr>" for k, v, m in rows)
    documents = "".join(
        "<tr><td>{}</td><td>{}</td><td align=center>{}</td><td>{}</td></tr>".format(
            e(doc.name) + (mark if doc.unconfirmed else ""),
            e(_(FORM_LABELS[doc.form])) + obtainable(doc),
            doc.count,
            _("Bắt buộc") if doc.mandatory else e(_("Nếu có: {c}").format(c=doc.condition or "")),
        )
        for doc in spec.documents
    )
    heads = "".join(
        f"<th>{_(h)}</th>" for h in (N_("Giấy tờ"), N_("Hình thức"), N_("Số lượng"), N_("Yêu cầu"))
    )
    return (
        f"<h3>{e(spec.code)} — {e(spec.name)}</h3><table>{body}</table>"
        f"<h4>{_('Thành phần hồ sơ')}{flag('documents')}</h4>"
        f"<table border=1 cellspacing=0 cellpadding=3><tr>{heads}</tr>{documents}</table>"
    )


def grounds_text(spec: ProcedureSpec) -> str:
    """The lawful grounds the procedure's clock may stop on, or that it may not stop."""
    if not spec.pause_grounds:
        return _("Không có: không được tạm dừng")
    return "; ".join(ground_label(ground) for ground in spec.pause_grounds)


def source_lines(spec: ProcedureSpec) -> str:
    """Where each value was read, one a line (escaped HTML)."""
    sources = dict(spec.sources)
    return "<br>".join(
        f"{_(SOURCE_LABELS[key])}: {html.escape(sources[key])}"
        for key in SOURCE_KEYS
        if key in sources
    )


def decision_cell(spec: ProcedureSpec) -> str:
    """«9001/QĐ-UBND, từ 01/09/2025», or the starter set's mark."""
    if spec.effective_from is None:
        return spec.decision or _(spec.source)
    day = spec.effective_from.strftime("%d/%m/%Y")
    return _("{decision}, từ {day}").format(decision=spec.decision or _(spec.source), day=day)


def version_state(entry: CatalogueEntry, applying: CatalogueEntry | None, today: date) -> str:
    """Whether a version applies today, will apply from its day, or no longer applies."""
    if entry is applying:
        return N_("Đang áp dụng")
    if entry.spec.effective_from is not None and entry.spec.effective_from > today:
        return N_("Sắp áp dụng")
    return N_("Cũ")


def only_starter(entries: list[CatalogueEntry]) -> bool:
    """True while no procedure of the store came from a province's decision."""
    return bool(entries) and not any(entry.spec.decision for entry in entries)


class CatalogueScreen(ShowsMessages, QWidget):
    """Browse the catalogue; the import page is for administrators."""

    catalogue_loaded = Signal(int)
    message_shown = Signal(str)
    time_confirmed = Signal(str)

    def __init__(self, station: Station, ops: Operations, actor: str) -> None:
        super().__init__()
        self.station, self.ops, self.actor = station, ops, actor
        self.versions: dict[str, list[CatalogueEntry]] = {}
        self.shown: list[ProcedureSpec] = []
        self.role = ""
        self._build()
        self.filter_edit.textChanged.connect(lambda _text: self._show_list())
        self.table.currentCellChanged.connect(lambda row, *_rest: self._show_detail(row))
        self.importer.imported.connect(lambda _summary: self.refresh())
        self.nudge_button.clicked.connect(self._on_nudge_button_clicked)
        self.confirm_button.clicked.connect(self._on_confirm_button_clicked)
        self.refresh()

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            _("Lọc theo mã hoặc tên thủ tục (gõ không dấu cũng được)")
        )
        self.table = RowTable(COLUMNS, stretch=1)
        # a field's long name wraps in its share; the procedure's name keeps the room (125 %)
        self.column_shares = ColumnShares(self.table, {2: 0.2})
        self.table.setWordWrap(False)  # one line a procedure; the detail shows the whole name
        self.detail = QTextBrowser()
        self.version_table = RowTable(VERSION_COLUMNS)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.nudge = self._nudge()
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.detail, 3)
        self.confirm_button = QPushButton(_("Xác nhận thời hạn…"))
        self.confirm_button.setToolTip(
            _("Lãnh đạo xác nhận thời hạn giải quyết chưa xác minh; lưu thành phiên bản mới.")
        )
        self.confirm_button.setEnabled(False)
        column.addWidget(self.confirm_button)
        column.addWidget(QLabel(_("Các phiên bản của thủ tục")))
        column.addWidget(self.version_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([700, 500])  # the list's names need more than the detail, which wraps
        browse = QWidget()
        page = QVBoxLayout(browse)
        page.addWidget(self.filter_edit)
        page.addWidget(splitter, 1)
        self.importer = ImportPanel(self.station, self.ops)
        self.pages = QTabWidget()
        self.pages.addTab(browse, _("Tra cứu"))
        self.pages.addTab(self.importer, _("Nhập, xuất danh mục"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.nudge)
        layout.addWidget(self.pages)
        layout.addWidget(self.message_label)

    def _nudge(self) -> QWidget:
        """The administrator's reminder while the store holds only the starter set."""
        self.nudge_label = QLabel(_(NUDGE))
        self.nudge_label.setStyleSheet("font-weight: bold")
        self.nudge_button = QPushButton(_("Nhập quyết định công bố…"))
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.nudge_label, 1)
        line.addWidget(self.nudge_button)
        box.hide()
        return box

    def _on_nudge_button_clicked(self) -> None:
        self.pages.setCurrentIndex(1)
        self.importer.choose_button.click()

    def set_role(self, role: str) -> None:
        """Everyone browses; only an administrator imports."""
        allowed = role in IMPORT_ROLES
        self.pages.setTabEnabled(1, allowed)
        tip = "" if allowed else _("Chỉ quản trị viên được nhập danh mục.")
        self.pages.setTabToolTip(1, tip)
        self.role = role
        self._show_nudge()
        self._show_confirm()

    def _selected(self) -> ProcedureSpec | None:
        row = self.table.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _show_confirm(self) -> None:
        spec = self._selected()
        self.confirm_button.setEnabled(
            self.role in CONFIRM_ROLES and spec is not None and "time_amount" in spec.unconfirmed
        )

    def _on_confirm_button_clicked(self) -> None:
        spec = self._selected()
        if spec is None:
            return
        amount, ok = QInputDialog.getInt(
            self,
            _("Xác nhận thời hạn"),
            _("Thời hạn giải quyết của {code} (ngày làm việc; 0 = trong ngày):").format(
                code=spec.code
            ),
            spec.time_amount,
            0,
            365,
        )
        if ok:
            self.confirm_time(spec.code, amount)

    def confirm_time(self, code: str, amount: int) -> None:
        """Store the leader's confirmed limit (working days; 0 is the same day) as a version."""
        station, leader = self.station, self.actor
        self.ops.run_db(
            lambda: station.confirm_time_limit(
                code, amount=amount, unit="working_days", same_day=amount == 0, leader=leader
            ),
            lambda _summary: self._on_time_confirmed(code),
            self.show_error,
        )

    def _on_time_confirmed(self, code: str) -> None:
        self.show_info(_("Đã lưu thời hạn đã xác nhận của thủ tục {code}.").format(code=code))
        self.time_confirmed.emit(code)
        self.refresh()

    def _show_nudge(self) -> None:
        current = [versions[-1] for versions in self.versions.values()]
        self.nudge.setVisible(self.role in IMPORT_ROLES and only_starter(current))

    def refresh(self) -> None:
        """Read every version of every procedure in the background."""
        self.ops.run_db(
            lambda: self.station.catalogue(current_only=False), self._on_loaded, self.show_error
        )

    def _on_loaded(self, entries: list[CatalogueEntry]) -> None:
        self.versions = {
            code: list(group) for code, group in groupby(entries, key=lambda e: e.spec.code)
        }
        self._show_list()
        self._show_nudge()
        self.catalogue_loaded.emit(len(self.versions))

    def _show_list(self) -> None:
        words = fold(self.filter_edit.text()).split()
        today = datetime.now(VN_TZ).date()
        # what applies today (a decision taking effect later shows in the versions below)
        current = [(in_force(v, today) or v[-1]).spec for v in self.versions.values()]
        self.shown = [s for s in current if all(w in fold(f"{s.code} {s.name}") for w in words)]
        self.table.fill(
            [
                (s.code, s.name, s.field, time_limit(s), _(STATUS_LABELS.get(s.status, s.status)))
                for s in self.shown
            ]
        )
        if self.shown:
            self._show_detail(self.table.currentRow())  # the current row may not have moved
        else:
            self.detail.clear()
            self.version_table.fill([])

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.shown):
            return
        spec = self.shown[row]
        self.detail.setHtml(detail_html(spec))
        self._show_confirm()
        versions = self.versions[spec.code]
        today = datetime.now(VN_TZ).date()
        applying = in_force(versions, today)
        self.version_table.fill(
            [
                (
                    str(entry.version),
                    _(version_state(entry, applying, today)),
                    decision_cell(entry.spec),
                    time_limit(entry.spec),
                    fee(entry.spec),
                    str(len(entry.spec.documents)),
                )
                for entry in reversed(versions)
            ]
        )
