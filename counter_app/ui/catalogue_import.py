"""Importing a catalogue file (admin): read it in full, show what changes, write on confirm.

The file is Counter's catalogue (JSON, XLSX) or a province's decision (DOCX, or an XLSX annex):
reading it runs beside the database thread, comparing and writing on it; both show progress if
they take over a second. A broken file lists every problem (file, table or row, column) and
nothing is written. A decision shows its number and the day it takes effect; what the file does
not say is typed in and the file is read again.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.catalogue import ProcedureSpec
from counter_app.domain.catalogue_reading import CatalogueProblem
from counter_app.domain.pauses import ground_label
from counter_app.i18n import N_, _
from counter_app.services.catalogue import ImportSummary
from counter_app.services.catalogue_io import dump_catalogue, load_catalogue
from counter_app.services.catalogue_preview import FIELD_LABELS, FilePreview, PreviewRow
from counter_app.services.decision_import import DecisionSource, read_decision
from counter_app.station import Station
from counter_app.ui.messages import ShowsMessages
from counter_app.ui.operations import Operations
from counter_app.ui.progress import Progress, Report, run_with_progress
from counter_app.ui.tables import RowTable

CHANGE_LABELS = {
    "added": N_("Thêm mới"),
    "changed": N_("Thay đổi"),
    "unchanged": N_("Không đổi"),
    "abolished": N_("Bãi bỏ"),
    "ignored": N_("Bỏ qua"),
}
COLUMNS = (
    N_("Mã"),
    N_("Tên thủ tục"),
    N_("Thay đổi"),
    N_("Căn cứ tạm dừng đọc được"),  # before the long list of fields, so that it is seen
    N_("Những gì khác"),
    N_("Ô không đọc được"),
)
FILE_TYPES = N_("Danh mục hoặc quyết định công bố (*.json *.xlsx *.docx)")
Read = list[ProcedureSpec] | DecisionSource | CatalogueProblem


def change_cells(row: PreviewRow) -> tuple[str, str, str, str, str, str]:
    """One preview line as the table shows it."""
    fields = ", ".join(_(FIELD_LABELS.get(name, name)) for name in row.fields)
    grounds = "; ".join(
        _("{ground}: «{phrase}» (cột {column})").format(
            ground=ground_label(g.ground), phrase=g.phrase, column=g.column
        )
        for g in row.grounds
    )
    change = _(CHANGE_LABELS[row.change])
    return (row.code, row.name, change, grounds, fields, "; ".join(row.notes))


def read_file(path: Path) -> Read:
    """A catalogue's specs or a decision's rows; the problems of a broken file, in full."""
    from counter_app.services.decision_files import is_decision_workbook

    try:
        suffix = path.suffix.lower()
        if suffix == ".docx" or (suffix == ".xlsx" and is_decision_workbook(path)):
            return read_decision(path)
        return load_catalogue(path)
    except CatalogueProblem as problem:
        return problem  # shown in full, not only its first lines


def typed_day(text: str) -> date | None:
    """A day typed as dd/mm/yyyy (None when blank or not a date)."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


class ImportPanel(ShowsMessages, QWidget):
    """Choose a file, read the preview, confirm; or export the catalogue as a template."""

    previewed = Signal(object)  # FilePreview
    problems_found = Signal(object)  # tuple[Problem, ...]
    imported = Signal(object)  # ImportSummary
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations) -> None:
        super().__init__()
        self.station, self.ops = station, ops
        self.preview: FilePreview | None = None
        self.source: DecisionSource | None = None
        self.choose_button = QPushButton(_("Chọn tệp danh mục…"))
        self.confirm_button = QPushButton(_("Xác nhận nhập"))
        self.confirm_button.setEnabled(False)
        self.export_button = QPushButton(_("Xuất danh mục hiện hành (làm mẫu)…"))
        buttons = QHBoxLayout()
        for button in (self.choose_button, self.confirm_button, self.export_button):
            buttons.addWidget(button)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.decision_row = self._decision_row()
        self.table = RowTable(COLUMNS, stretch=1)
        self.problem_list = QListWidget()
        self.problem_list.hide()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.decision_row)
        for widget in (self.summary_label, self.table, self.problem_list, self.message_label):
            layout.addWidget(widget)
        self.progress = Progress(self, _("Đang đọc và ghi danh mục…"))
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.confirm_button.clicked.connect(self.confirm)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.reread_button.clicked.connect(self._on_reread_button_clicked)

    def _decision_row(self) -> QWidget:
        """The decision's number and effective day, as read; editable when the file lacks them."""
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(_("ví dụ 1234/QĐ-UBND"))
        self.effective_edit = QLineEdit()
        self.effective_edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.reread_button = QPushButton(_("Đọc lại với số và ngày này"))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(_("Quyết định số")))
        line.addWidget(self.number_edit, 1)
        line.addWidget(QLabel(_("có hiệu lực từ ngày")))
        line.addWidget(self.effective_edit)
        line.addWidget(self.reread_button)
        row.hide()
        return row

    # -- preview ------------------------------------------------------------------------------

    def _on_choose_button_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Chọn tệp danh mục"), "", _(FILE_TYPES))
        if name:
            self.preview_file(Path(name))

    def preview_file(self, path: Path) -> None:
        """Read ``path`` beside the database thread, then compare it there, and show the changes."""
        self._reset()
        self.number_edit.clear()
        self.effective_edit.clear()
        self.show_info(_("Đang đọc tệp {name}…").format(name=path.name))
        run_with_progress(
            self.ops,
            self.progress,
            lambda _report: read_file(path),
            lambda outcome: self._on_file_read(path.name, outcome),
            self.show_error,
            database=False,  # parsing a big XLSX must not hold up the database thread
        )

    def _on_reread_button_clicked(self) -> None:
        if self.source is not None:
            self._reset()
            self._preview_decision(self.source)

    def _on_file_read(self, file: str, outcome: Read) -> None:
        if isinstance(outcome, CatalogueProblem):
            self._on_read(outcome)
            return
        if isinstance(outcome, DecisionSource):
            self._show_decision_fields(outcome)
            self._preview_decision(outcome)
            return
        station = self.station
        run_with_progress(
            self.ops,
            self.progress,
            lambda _report: station.preview_catalogue_specs(file, outcome),
            self._on_read,
            self.show_error,
        )

    def _show_decision_fields(self, source: DecisionSource) -> None:
        self.source = source
        decision = source.decision
        self.number_edit.setText(decision.number)
        day = decision.effective_from
        self.effective_edit.setText(day.strftime("%d/%m/%Y") if day else "")
        self.decision_row.show()

    def _preview_decision(self, source: DecisionSource) -> None:
        station, number = self.station, self.number_edit.text().strip()
        effective = typed_day(self.effective_edit.text())

        def compare(_report: Report) -> FilePreview | CatalogueProblem:
            try:
                return station.preview_decision(source, number=number, effective=effective)
            except CatalogueProblem as problem:
                return problem

        run_with_progress(self.ops, self.progress, compare, self._on_read, self.show_error)

    def _reset(self) -> None:
        self.preview = None
        self.confirm_button.setEnabled(False)
        self.table.fill([])
        self.summary_label.clear()
        self.problem_list.clear()
        self.problem_list.hide()

    def _on_read(self, outcome: FilePreview | CatalogueProblem) -> None:
        if isinstance(outcome, CatalogueProblem):
            self._show_problems(outcome)
            return
        self.preview = outcome
        self.table.fill([change_cells(row) for row in outcome.rows])
        summary = outcome.summary
        decision = outcome.decision
        abolished = sum(1 for row in outcome.rows if row.change == "abolished")
        text = _("{file}: {added} thêm mới, {changed} thay đổi, {unchanged} không đổi.").format(
            file=outcome.file,
            added=len(summary.added),
            changed=len(summary.changed) - abolished,  # a bãi bỏ is counted on its own
            unchanged=len(summary.unchanged),
        )
        if decision is not None and decision.effective_from is not None:
            text = _(
                "Quyết định {label}, có hiệu lực từ ngày {day}: {abolished} bãi bỏ. {text}"
            ).format(
                label=decision.label(),
                day=decision.effective_from.strftime("%d/%m/%Y"),
                abolished=abolished,
                text=text,
            )
        ignored = sum(1 for row in outcome.rows if row.change == "ignored")
        if ignored:
            text += " " + _("{n} dòng bỏ qua, không nhập (xem cột «Ô không đọc được»).").format(
                n=ignored
            )
        self.summary_label.setText(text)
        self.confirm_button.setEnabled(summary.writes > 0)
        if summary.writes:
            self.show_info(_("Chưa ghi gì. Kiểm tra danh sách rồi bấm «Xác nhận nhập»."))
        else:
            self.show_info(_("Tệp không có gì mới so với danh mục hiện hành."))
        self.previewed.emit(outcome)

    def _show_problems(self, problem: CatalogueProblem) -> None:
        self.problem_list.addItems([str(item) for item in problem.problems])
        self.problem_list.show()
        self.show_error(
            _(
                "Tệp có {n} lỗi (danh sách dưới đây); chưa nhập gì. Hãy sửa tệp rồi chọn lại."
            ).format(n=len(problem.problems))
        )
        self.problems_found.emit(problem.problems)

    # -- writing ------------------------------------------------------------------------------

    def confirm(self) -> None:
        """Store the previewed file: a new version of each new or changed procedure."""
        if self.preview is None or not self.confirm_button.isEnabled():
            return
        specs, station = self.preview.specs, self.station
        self.confirm_button.setEnabled(False)
        self.show_info(_("Đang ghi danh mục…"))
        run_with_progress(
            self.ops,
            self.progress,
            lambda _report: station.import_catalogue(specs),
            self._on_imported,
            self._on_import_failed,
        )

    def _on_import_failed(self, message: str) -> None:
        self.confirm_button.setEnabled(self.preview is not None)
        self.show_error(message)

    def _on_imported(self, summary: ImportSummary) -> None:
        self.preview = None
        self.show_info(
            _("Đã nhập: {added} thủ tục mới, {changed} thủ tục có phiên bản mới.").format(
                added=len(summary.added), changed=len(summary.changed)
            )
        )
        self.imported.emit(summary)

    # -- export -------------------------------------------------------------------------------

    def _on_export_button_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Xuất danh mục"), "danh-muc.xlsx", _(FILE_TYPES)
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the current catalogue to ``path`` (.json or .xlsx), a template to fill in."""
        station = self.station

        def write() -> Path:
            dump_catalogue([entry.spec for entry in station.catalogue()], path)
            return path

        self.ops.run_db(
            write,
            lambda done: self.show_info(_("Đã xuất danh mục ra {name}.").format(name=done.name)),
            self.show_error,
        )
