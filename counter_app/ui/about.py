"""«Giới thiệu Counter»: version, store, schema, station, log file and licence notices; and
«Xuất gói chẩn đoán», the zip an administrator sends when something is wrong."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import _
from counter_app.resources import resource_dir
from counter_app.services.diagnostics import AboutFacts, about, write_bundle
from counter_app.station import Station
from counter_app.ui.operations import Operations
from counter_app.ui.screen_fit import resize_within_screen

NOTICES = "THIRD-PARTY-NOTICES.txt"


def read_about(station: Station) -> tuple[AboutFacts, str]:
    """The facts and the licence notices (database thread)."""
    return about(station), (resource_dir("licences") / NOTICES).read_text(encoding="utf-8")


class AboutDialog(QDialog):
    """The About box; its facts arrive from the database thread."""

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.setWindowTitle(_("Giới thiệu Counter"))
        self.facts = QFormLayout()
        self.notices = QPlainTextEdit()
        self.notices.setReadOnly(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_button = QPushButton(_("Xuất gói chẩn đoán…"))
        self.export_button.clicked.connect(self.export_diagnostics)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(QLabel(_("Giấy phép và phần mềm bên thứ ba:")))
        layout.addWidget(self.notices, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        resize_within_screen(self, 720, 560)
        ops.run_db(lambda: read_about(station), self._on_about_loaded)

    def _on_about_loaded(self, loaded: tuple[AboutFacts, str]) -> None:
        facts, notices = loaded
        rows = (
            (_("Phiên bản"), facts.version),
            (_("Kho dữ liệu"), facts.store_path),
            (_("Phiên bản lược đồ dữ liệu"), facts.schema_revision),
            (_("Máy trạm"), facts.station),
            (_("Tệp nhật ký"), facts.log_path),
            (_("Nền tảng"), f"Python {facts.python}, Qt {qVersion()}, "
                            f"PySide6 {PySide6.__version__}, {facts.system}"),
        )  # fmt: skip
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            self.facts.addRow(label, shown)
        self.notices.setPlainText(notices)

    def export_diagnostics(self) -> None:
        """Ask where, then write the diagnostics zip in the background."""
        suggested = Path.home() / f"counter-chan-doan-{datetime.now():%Y%m%d-%H%M}.zip"
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Xuất gói chẩn đoán"), str(suggested), _("Tệp nén (*.zip)")
        )
        if path:
            self.write_diagnostics(Path(path))

    def write_diagnostics(self, target: Path) -> None:
        """Write the zip to ``target`` (database thread) and say where it went."""
        self.export_button.setEnabled(False)
        self.ops.run_db(
            lambda: write_bundle(self.station, target), self._on_written, self._on_write_failed
        )

    def _on_written(self, target: Path) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(
            _("Đã ghi gói chẩn đoán (không có dữ liệu công dân) vào {path}.").format(path=target)
        )

    def _on_write_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(_("Không ghi được gói chẩn đoán: {reason}").format(reason=message))
