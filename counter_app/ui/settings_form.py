"""The station's settings as a form, built from the declared registry (counter_app.settings).

Each option gets an editor by its type and choices and an error line under it; saving sends
every value to the store in one transaction, so a bad value saves nothing and is named in place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import N_, _
from counter_app.services.context import StationIdentity
from counter_app.settings import FORM_NAMES, OPTIONS, Option, forms_needing
from counter_app.station import Station
from counter_app.ui.messages import ERROR_STYLE, ShowsMessages
from counter_app.ui.operations import Operations

CHOICE_LABELS: dict[str, str] = {
    "vi": N_("Tiếng Việt"),
    "en": "English",
    "80mm": N_("Giấy cuộn 80 mm"),
    "on": N_("Bật"),
    "off": N_("Tắt"),
}
AGENCY_FIELDS = (
    ("agency_name", N_("Tên cơ quan")),
    ("parent_name", N_("Cơ quan cấp trên")),
    ("place_name", N_("Địa danh (in ở đầu giấy tờ)")),
)
NOTES: dict[str, str] = {
    "backup_folder": N_(
        "Bản sao lưu được ghi vào đây lúc giờ sao lưu và khi đóng phần mềm; giữ 7 ngày và 4 tuần."
    ),
    "language": N_("Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau."),
    "working_sessions": N_("Các buổi cách nhau bởi «;», ví dụ 07:30-11:30; 13:30-17:30."),
    "lookup_url": N_("Phải chứa {code} ở chỗ mã hồ sơ."),
}


def available_printers() -> list[str]:
    """The station's print queues (Qt's print support loads with the first look)."""
    from counter_app.ui import print_dispatch

    return print_dispatch.available_printers()


@dataclass(frozen=True)
class SaveOutcome:
    """What saving did: the values stored, or the field refused and why."""

    values: dict[str, Any]
    field: str | None = None
    message: str | None = None


def sessions_text(sessions: list[list[str]]) -> str:
    """[["07:30", "11:30"], …] as the clerk types it: 07:30-11:30; …"""
    return "; ".join(f"{start}-{end}" for start, end in sessions)


def sessions_json(text: str) -> str:
    """07:30-11:30; 13:30-17:30 as the JSON the store expects (checked there)."""
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return json.dumps([[p.strip() for p in part.split("-", 1)] for part in parts])


class SettingsForm(ShowsMessages, QWidget):
    """Agency names and every declared option; «Lưu» stores them all or nothing."""

    saved = Signal(object)  # dict of the stored values
    message_shown = Signal(str)

    def __init__(self, station: Station, ops: Operations) -> None:
        super().__init__()
        self.station, self.ops = station, ops
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.missing: dict[str, QLabel] = {}
        self.missing_label = QLabel()  # what printing cannot do without, above everything
        self.missing_label.setStyleSheet(ERROR_STYLE)
        self.missing_label.setWordWrap(True)
        self.missing_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.missing_label)
        layout.addWidget(self._scrolling_groups(), 1)
        self.save_button = QPushButton(_("Lưu thiết lập (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip(_("Lưu thiết lập (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)  # until the stored values are shown
        self._loading = 2
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message_label)
        ops.run_db(lambda: station.identity, self._on_identity_loaded, self.show_error)
        ops.run_db(station.settings, self._on_settings_loaded, self.show_error)
        ops.run_io(available_printers, self._on_printers_found)  # CUPS may be slow

    # -- building -----------------------------------------------------------------------------

    def _scrolling_groups(self) -> QScrollArea:
        """The fields scroll; «Lưu» and the message stay in view below them (the form is
        taller than a 1366×768 screen)."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._agency_group())
        column.addWidget(self._options_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _agency_group(self) -> QGroupBox:
        group = QGroupBox(_("Cơ quan và máy trạm"))
        form = QFormLayout(group)
        self.code_label, self.slot_label = QLabel(), QLabel()
        form.addRow(_("Mã định danh cơ quan (không sửa được)"), self.code_label)
        form.addRow(_("Số thứ tự máy trạm (không sửa được)"), self.slot_label)
        for key, label in AGENCY_FIELDS:
            form.addRow(_(label), self._with_error(key, QLineEdit()))
        return group

    def _options_group(self) -> QGroupBox:
        group = QGroupBox(_("Thiết lập của máy trạm"))
        form = QFormLayout(group)
        for option in OPTIONS.values():
            form.addRow(_(option.label), self._with_error(option.key, _editor(option)))
        return group

    def _with_error(self, key: str, editor: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._with_chooser(editor) if key == "backup_folder" else editor)
        if key in NOTES:
            column.addWidget(QLabel(_(NOTES[key])))
        if forms_needing(key):
            missing = QLabel()
            missing.setStyleSheet(ERROR_STYLE)
            missing.setWordWrap(True)
            missing.hide()
            column.addWidget(missing)
            self.missing[key] = missing
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.editors[key], self.errors[key] = editor, error
        return box

    def _with_chooser(self, editor: QWidget) -> QWidget:
        """The folder's box and «Chọn…», which asks for a folder (a USB drive's, say)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 1)
        self.folder_button = QPushButton(_("Chọn…"))
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        line.addWidget(self.folder_button)
        return row

    def _on_folder_button_clicked(self) -> None:
        edit = self.line("backup_folder")
        chosen = QFileDialog.getExistingDirectory(
            self, _("Chọn thư mục sao lưu tự động"), edit.text()
        )
        if chosen:
            edit.setText(chosen)

    # -- loading ------------------------------------------------------------------------------

    def _loaded_one(self) -> None:
        self._loading -= 1
        self.save_button.setEnabled(self._loading == 0)

    def _on_identity_loaded(self, identity: StationIdentity | None) -> None:
        self._loaded_one()
        if identity is None:
            return
        self.code_label.setText(identity.agency_code)
        self.slot_label.setText(f"{identity.slot} — {identity.station_name}")
        for key, value in (
            ("agency_name", identity.agency_name),
            ("parent_name", identity.parent_name),
            ("place_name", identity.place_name),
        ):
            self.line(key).setText(value or "")

    def _on_settings_loaded(self, values: dict[str, Any]) -> None:
        self._loaded_one()
        self.show_missing(values)
        for key, value in values.items():
            editor = self.editors.get(key)
            if isinstance(editor, QComboBox):
                _select(editor, value)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(str(value))
            elif isinstance(editor, QLineEdit):
                editor.setText(_shown(key, value))

    def _on_printers_found(self, names: list[str]) -> None:
        combo = self.editors["printer"]
        assert isinstance(combo, QComboBox)
        current = combo.currentData()
        for name in names:
            if combo.findData(name) < 0:
                combo.addItem(name, name)
        _select(combo, current)

    def show_missing(self, values: dict[str, Any]) -> None:
        """Name, beside each empty setting a form needs, the forms that cannot print without it."""
        empty = []
        for key, label in self.missing.items():
            forms = [_(FORM_NAMES[form]) for form in forms_needing(key)]
            lacking = key in values and not str(values[key]).strip()
            label.setText(_("Chưa có: cần để in {forms}.").format(forms=", ".join(forms)))
            label.setVisible(lacking)
            if lacking:
                empty.append(_(OPTIONS[key].label))
        self.missing_label.setText(
            _("Còn thiếu để in giấy tờ: {names}.").format(names="; ".join(empty))
        )
        self.missing_label.setVisible(bool(empty))

    def line(self, key: str) -> QLineEdit:
        """The line editor of ``key``."""
        editor = self.editors[key]
        assert isinstance(editor, QLineEdit)
        return editor

    # -- saving -------------------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        """Every option as the JSON text the store reads; InvalidInput for a non-number."""
        texts: dict[str, str] = {}
        for option in OPTIONS.values():
            editor = self.editors[option.key]
            if isinstance(editor, QComboBox):
                texts[option.key] = json.dumps(editor.currentData())
            elif option.key == "working_sessions":
                texts[option.key] = sessions_json(self.line(option.key).text())
            elif isinstance(editor, QPlainTextEdit):
                texts[option.key] = json.dumps(editor.toPlainText().strip())
            elif option.type is dict:
                texts[option.key] = _json_text(option, self.line(option.key).text())
            elif option.type is int:
                texts[option.key] = _int_text(option, self.line(option.key).text())
            else:
                texts[option.key] = json.dumps(self.line(option.key).text().strip())
        return texts

    def save(self) -> None:
        """Store everything in the background; a refused value is shown beside its field."""
        for label in self.errors.values():
            label.hide()
        try:
            texts = self.texts()
        except InvalidInput as error:
            self._on_outcome(SaveOutcome({}, error.field, error.message))
            return
        agency = {key: self.line(key).text() for key, _label in AGENCY_FIELDS}
        station = self.station

        def store() -> SaveOutcome:
            try:
                return SaveOutcome(station.set_settings(texts, agency=agency))
            except InvalidInput as error:
                return SaveOutcome({}, error.field, error.message)

        self.show_info(_("Đang lưu…"))
        self.ops.run_db(store, self._on_outcome, self.show_error)

    def _on_outcome(self, outcome: SaveOutcome) -> None:
        if outcome.message is None:
            self.show_info(_("Đã lưu thiết lập."))
            self.show_missing(outcome.values)
            self.saved.emit(outcome.values)
            return
        label = self.errors.get(outcome.field or "")
        if label is not None:
            label.setText(outcome.message)
            label.show()
            self.editors[outcome.field or ""].setFocus()
        self.show_error(_("Chưa lưu gì: {message}").format(message=outcome.message))


def _editor(option: Option) -> QWidget:
    if option.multiline:
        box = QPlainTextEdit()
        box.setMinimumHeight(120)
        return box
    if option.key == "printer":
        combo = QComboBox()
        combo.addItem(_("Máy in mặc định của máy tính"), "")
        return combo
    if option.choices:
        combo = QComboBox()
        for choice in option.choices:
            combo.addItem(_(CHOICE_LABELS.get(choice, str(choice).upper())), choice)
        return combo
    return QLineEdit()


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index < 0:
        combo.addItem(str(value), value)  # a printer set before it was unplugged
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _shown(key: str, value: Any) -> str:
    """A stored value as its line editor shows it."""
    if key == "working_sessions":
        return sessions_text(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_text(option: Option, text: str) -> str:
    """A JSON object typed in a line (e.g. ``{"Hộ tịch": 0, "*": 10}``), checked."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise InvalidInput(
            _('«{label}» phải có dạng {{"lĩnh vực": số năm, …}}.').format(label=_(option.label)),
            field=option.key,
        )
    return json.dumps(value, ensure_ascii=False)


def _int_text(option: Option, text: str) -> str:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise InvalidInput(
            _("«{label}» phải là một số nguyên không âm.").format(label=_(option.label)),
            field=option.key,
        )
    return cleaned
