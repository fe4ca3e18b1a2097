"""The citizen's rights in the window: the notice of processing, and one person's data.

The notice is shown to the administrator at the first start, to adapt and save (Luật
91/2025/QH15: the citizen's right to know); the short notice prints on every slip. A leader
writes everything held about one person to a file for that person.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.access import Via
from counter_app.domain.cccd import validate_id_number
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.services.context import StationIdentity
from counter_app.station import Station
from counter_app.ui.operations import Operations
from counter_app.ui.screen_fit import resize_within_screen

NOTICE_KEYS = ("privacy_notice", "privacy_notice_short", "privacy_notice_url")


class NoticeDialog(QDialog):
    """The notice of processing (full, short, where to read it) for the agency to adapt."""

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.setWindowTitle(_("Thông báo xử lý dữ liệu cá nhân"))
        intro = QLabel(
            _(
                "Cơ quan thông báo cho công dân về việc xử lý dữ liệu cá nhân của họ. Hãy đọc, "
                "sửa cho đúng với cơ quan mình rồi lưu. Đoạn ngắn được in trên giấy hẹn trả kết "
                "quả; bản đầy đủ được niêm yết tại nơi ghi dưới đây."
            )
        )
        intro.setWordWrap(True)
        self.full_edit = QPlainTextEdit()
        self.full_edit.setMinimumHeight(160)
        self.short_edit = QPlainTextEdit()
        self.short_edit.setMaximumHeight(90)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(
            _("Ví dụ: https://… hoặc «bảng niêm yết tại Bộ phận một cửa»")
        )
        form = QFormLayout()
        form.addRow(_("Thông báo đầy đủ"), self.full_edit)
        form.addRow(_("In trên giấy hẹn"), self.short_edit)
        form.addRow(_("Nơi đọc thông báo đầy đủ"), self.url_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Để sau (Esc)"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        resize_within_screen(self, 820, 620)
        ops.run_db(lambda: (station.settings(), station.identity), self._on_loaded)

    def _on_loaded(self, loaded: tuple[dict[str, object], StationIdentity | None]) -> None:
        values, identity = loaded
        agency = identity.agency_name if identity is not None else ""
        self.full_edit.setPlainText(str(values["privacy_notice"]).replace("{agency}", agency))
        self.short_edit.setPlainText(str(values["privacy_notice_short"]))
        self.url_edit.setText(str(values["privacy_notice_url"]))

    def save(self) -> None:
        """Store the three texts in one transaction; close when saved."""
        texts = {
            "privacy_notice": json.dumps(self.full_edit.toPlainText().strip()),
            "privacy_notice_short": json.dumps(self.short_edit.toPlainText().strip()),
            "privacy_notice_url": json.dumps(self.url_edit.text().strip()),
        }
        station = self.station
        self.ops.run_db(lambda: station.set_settings(texts), self._on_saved, self.message.setText)

    def _on_saved(self, _values: object) -> None:
        self.accept()


class SubjectExportDialog(QDialog):
    """Everything held about one person, by ID number, into a file for them (leaders)."""

    def __init__(
        self, station: Station, ops: Operations, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station, self.ops, self.actor = station, ops, actor
        self.setWindowTitle(_("Xuất dữ liệu của một người"))
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(_("Số định danh cá nhân (12 chữ số)"))
        self.path_edit = QLineEdit()
        choose = QPushButton(_("Chọn tệp…"))
        choose.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(choose)
        form = QFormLayout()
        form.addRow(_("Số định danh"), self.id_edit)
        form.addRow(_("Ghi vào tệp"), where)
        self.export_button = QPushButton(_("Xuất"))
        self.export_button.clicked.connect(self.export)
        self.message = QLabel(
            _("Tệp gồm các hồ sơ, quá trình giải quyết và những lần hồ sơ được xem; chỉ người "
              "xuất đọc được tệp trên máy này. Việc xuất được ghi vào nhật ký truy cập.")
        )  # fmt: skip
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng (Esc)"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.export_button)
        layout.addWidget(self.message)
        layout.addWidget(close)
        resize_within_screen(self, 640, 240)

    def choose_file(self) -> None:
        """Pick where to write the file."""
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Ghi dữ liệu vào tệp"), "", "JSON (*.json)"
        )
        if path:
            self.path_edit.setText(path)

    def export(self) -> None:
        """Check the number and the file, then write in the background."""
        try:
            number = validate_id_number(self.id_edit.text())
        except InvalidInput as error:
            self.message.setText(error.message)
            return
        if not self.path_edit.text().strip():
            self.message.setText(_("Hãy chọn tệp để ghi."))
            return
        target, station, actor = Path(self.path_edit.text().strip()), self.station, self.actor
        self.message.setText(_("Đang xuất…"))
        self.ops.run_db(
            lambda: station.privacy.subject_export(number, target, actor=actor, via=Via.GUI),
            lambda count: self.message.setText(
                _("Đã ghi {n} hồ sơ vào {path}.").format(n=count, path=target)
            ),
            self.message.setText,
        )
