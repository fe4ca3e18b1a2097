"""The store's recovery key, shown to a leader or an administrator until they confirm that it is
printed (or copied by hand) and locked away; then this PC forgets it.

The sheet is built and printed in the background; the key itself was read from the keyring
before the dialog opened, so the dialog only shows it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import _
from counter_app.private_file import write_private
from counter_app.station import Station
from counter_app.ui.messages import ERROR_STYLE
from counter_app.ui.operations import Operations


def print_sheet(station: Station, key: str) -> tuple[bool, str]:
    """Build the sheet and send it to the station's printer (worker thread): (printed, printer)."""
    from counter_app.ui import print_dispatch

    printer = str(station.settings().get("printer") or "") or None
    outcome = print_dispatch.print_pdf(
        station.recovery_sheet(key), printer_name=printer, job_name="Counter"
    )
    return outcome.ok, outcome.printer


def save_sheet(station: Station, key: str, target: Path) -> Path:
    """Write the sheet as a PDF readable by its owner only (worker thread)."""
    write_private(target, station.recovery_sheet(key))
    return target


class RecoveryKeyDialog(QDialog):
    """The 48 digits, a way to print or save the sheet, and the leader's confirmation."""

    kept = Signal()  # the key was confirmed kept and this PC has forgotten it

    def __init__(
        self, station: Station, ops: Operations, key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station, self.ops, self.key = station, ops, key
        self.setWindowTitle(_("Khóa khôi phục dữ liệu"))
        self.setMinimumWidth(560)
        intro = QLabel(
            _(
                "Dữ liệu của máy này được mã hóa. Khóa khôi phục dưới đây là cách duy nhất để mở "
                "dữ liệu khi máy hỏng, khi khôi phục bản sao lưu sang máy mới hoặc khi kho khóa "
                "bí mật của máy bị xóa. Khóa chỉ hiển thị đến khi anh/chị xác nhận đã cất giữ."
            )
        )
        intro.setWordWrap(True)
        groups = key.split("-")
        self.key_label = QLabel("  ".join(groups[:4]) + "\n" + "  ".join(groups[4:]))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        self.print_button = QPushButton(_("In phiếu khôi phục"))
        self.save_button = QPushButton(_("Lưu phiếu thành tệp PDF…"))
        self.confirm_box = QCheckBox(
            _("Tôi đã in phiếu (hoặc chép tay khóa) và giao lãnh đạo cất trong tủ có khóa.")
        )
        self.done_button = QPushButton(_("Xong"))
        self.done_button.setEnabled(False)
        self.later_button = QPushButton(_("Để sau"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self._layout(intro)
        self._connect_signals()

    def _layout(self, intro: QLabel) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(self.later_button)
        closing.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        for widget in (intro, self.key_label):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)
        layout.addWidget(self.confirm_box)
        layout.addLayout(closing)

    def _connect_signals(self) -> None:
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.confirm_box.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self._on_done_clicked)
        self.later_button.clicked.connect(self.reject)

    def _show(self, message: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else "")
        self.message_label.setText(message)

    def _on_print_clicked(self) -> None:
        self.print_button.setEnabled(False)
        self._show(_("Đang in phiếu khôi phục…"))
        self.ops.run_io(
            lambda: print_sheet(self.station, self.key), self._on_printed, self._on_failed
        )

    def _on_printed(self, outcome: tuple[bool, str]) -> None:
        self.print_button.setEnabled(True)
        printed, printer = outcome
        if printed:
            self._show(_("Đã gửi phiếu khôi phục tới máy in «{printer}».").format(printer=printer))
            return
        self._show(
            _(
                "Không in được phiếu khôi phục; hãy kiểm tra máy in rồi bấm In lại, hoặc lưu "
                "phiếu thành tệp PDF, hoặc chép tay khóa."
            ),
            error=True,
        )

    def _on_failed(self, message: str) -> None:
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._show(message, error=True)

    def _on_save_clicked(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Lưu phiếu khôi phục"), "phieu-khoi-phuc.pdf", "PDF (*.pdf)"
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, target: Path) -> None:
        """Write the sheet to ``target`` in the background."""
        self.save_button.setEnabled(False)
        self.ops.run_io(
            lambda: save_sheet(self.station, self.key, target), self._on_saved, self._on_failed
        )

    def _on_saved(self, target: Path) -> None:
        self.save_button.setEnabled(True)
        self._show(_("Đã lưu phiếu vào {path}: hãy in ra rồi xóa tệp này.").format(path=target))

    def _on_done_clicked(self) -> None:
        self.done_button.setEnabled(False)
        self.ops.run_io(self.station.recovery_key_shown, self._on_forgotten, self._on_failed)

    def _on_forgotten(self, _none: object) -> None:
        self.kept.emit()
        self.accept()
