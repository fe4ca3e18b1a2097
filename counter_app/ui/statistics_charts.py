"""The statistics screen's two charts, painted in the background and shown as pictures.

The charts are laid out and painted on images by ``chart_painter`` in a background operation
(Qt 6 draws text on an image in any thread); the pictures are shown when they are ready. One
drawing runs at a time, and a newer request waits for it; the window's size is followed.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from counter_app.domain.statistics import Row
from counter_app.domain.weekly import Week
from counter_app.i18n import _
from counter_app.ui.chart_painter import Drawing, draw
from counter_app.ui.operations import Operations

RESIZE_DELAY_MS = 200  # a chart is drawn again this long after the window stops resizing


class _ChartLabel(QLabel):
    """Where one chart's picture is shown."""

    def __init__(self) -> None:
        super().__init__(_("Đang vẽ biểu đồ…"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 220)


class StatisticsCharts(QWidget):
    """Received vs resolved per week, and the on-time rate per field."""

    drawn = Signal()  # both pictures are up to date

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.weeks_label, self.fields_label = _ChartLabel(), _ChartLabel()
        self.drawing: Drawing | None = None  # what the pictures show
        self._report: tuple[list[Week], list[Row]] | None = None
        self._drawing_now = False
        self._wanted = False  # drawn again when the drawing in progress has finished
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self.redraw)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.weeks_label, 3)
        layout.addWidget(self.fields_label, 2)

    def show_report(self, weeks: list[Week], rows: list[Row]) -> None:
        """Both charts for a new report, drawn in the background."""
        self._report = (weeks, rows)
        self.redraw()

    def redraw(self) -> None:
        """Draw both charts of the report at the labels' present size."""
        if self._report is None:
            return
        if self._drawing_now:
            self._wanted = True
            return
        self._drawing_now, self._wanted = True, False
        weeks, rows = self._report
        sizes = ((self.weeks_label.width(), self.weeks_label.height()),
                 (self.fields_label.width(), self.fields_label.height()))  # fmt: skip
        ratio = self.devicePixelRatioF()
        self.ops.run_io(
            lambda: draw(weeks, rows, sizes, ratio), self._on_drawn, self._on_drawing_failed
        )

    def _labels(self) -> tuple[QLabel, QLabel]:
        return self.weeks_label, self.fields_label

    def _on_drawn(self, drawing: Drawing) -> None:
        if not shiboken6.isValid(self):  # the screen closed while the pictures were drawn
            return
        self._drawing_now = False
        self.drawing = drawing
        for label, chart in zip(self._labels(), (drawing.weeks, drawing.fields), strict=True):
            label.setPixmap(QPixmap.fromImage(chart.image))
        if self._wanted:
            self.redraw()
        else:
            self.drawn.emit()

    def _on_drawing_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._drawing_now = False
        for label in self._labels():
            label.setText(message)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Draw again at the new size once the resizing stops."""
        super().resizeEvent(event)
        self._resize_timer.start()
