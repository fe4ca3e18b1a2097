"""The statistics screen's two charts, drawn with matplotlib beside the GUI thread.

Imported only when the screen is first shown: matplotlib takes a noticeable part of a second to
load and the window's start-up must not pay for it. Each chart is a new ``Figure`` (never
``pyplot``, so no global state) built, laid out and rasterised by Agg in a background operation
(80 to 170 ms a chart when it was drawn on the GUI thread); the picture is shown when it is
ready. One rendering runs at a time (matplotlib's font cache is shared), and a newer request
waits for it; the window's size is followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import fill

import shiboken6
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from counter_app.domain.statistics import Row
from counter_app.domain.weekly import Week
from counter_app.i18n import C_, _
from counter_app.reports import UNCLASSIFIED
from counter_app.ui.operations import Operations

RECEIVED_COLOUR, RESOLVED_COLOUR, RATE_COLOUR = "#1565c0", "#2e7d32", "#ef6c00"
MAX_WEEK_LABELS = 14  # beyond this, only every n-th week is labelled
LABEL_WIDTH = 22  # characters of a field name per line beside its bar
RESIZE_DELAY_MS = 200  # a chart is drawn again this long after the window stops resizing
DPI = 100


@dataclass(frozen=True)
class Drawing:
    """Both charts of one report: their bars (what they show) and their pictures."""

    received_bars: BarContainer
    resolved_bars: BarContainer
    rate_bars: BarContainer
    field_labels: list[str]
    images: tuple[QImage, QImage]  # weeks, fields


def draw(weeks: list[Week], rows: list[Row], sizes: tuple[QSize, QSize], ratio: float) -> Drawing:
    """Both charts built, laid out at ``sizes`` (logical pixels) and rasterised (background
    operation: making a figure alone took some 20 ms on the GUI thread)."""
    weeks_figure, received_bars, resolved_bars = _weeks_chart(weeks)
    fields_figure, rate_bars, field_labels = _fields_chart(rows)
    images = (
        _rasterise(weeks_figure, sizes[0], ratio),
        _rasterise(fields_figure, sizes[1], ratio),
    )
    return Drawing(received_bars, resolved_bars, rate_bars, field_labels, images)


def _figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=(5.5, 2.8), dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _weeks_chart(weeks: list[Week]) -> tuple[Figure, BarContainer, BarContainer]:
    """Two bars per week: newly received, resolved."""
    figure, axes = _figure()
    positions = list(range(len(weeks)))
    received_bars = axes.bar(
        [x - 0.2 for x in positions], [w.received for w in weeks], 0.4,
        color=RECEIVED_COLOUR, label=_("Tiếp nhận mới"),
    )  # fmt: skip
    resolved_bars = axes.bar(
        [x + 0.2 for x in positions], [w.resolved for w in weeks], 0.4,
        color=RESOLVED_COLOUR, label=_("Đã giải quyết"),
    )  # fmt: skip
    step = max(1, -(-len(weeks) // MAX_WEEK_LABELS))
    axes.set_xticks(positions[::step], [f"{w.first:%d/%m}" for w in weeks][::step])
    axes.set_title(_("Tiếp nhận mới và đã giải quyết theo tuần"), fontsize=10)
    axes.set_xlabel(_("Tuần bắt đầu từ ngày"), fontsize=8)
    axes.tick_params(labelsize=7)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(fontsize=7)
    return figure, received_bars, resolved_bars


def _fields_chart(rows: list[Row]) -> tuple[Figure, BarContainer, list[str]]:
    """One horizontal bar per field with something resolved: its on-time rate in %."""
    figure, axes = _figure()
    rated = [(row.key or C_("report", UNCLASSIFIED), row.figures.on_time_rate) for row in rows]
    shown = [(label, rate * 100) for label, rate in rated if rate is not None]
    labels = [label for label, _rate in shown]
    positions = list(range(len(shown)))
    rate_bars = axes.barh(positions, [rate for _label, rate in shown], color=RATE_COLOUR)
    axes.bar_label(rate_bars, fmt="%.1f", fontsize=7, padding=2)
    axes.set_yticks(positions, [fill(label, LABEL_WIDTH) for label in labels])
    axes.invert_yaxis()  # first field on top, as in the table
    axes.set_xlim(0, 110)  # room for the label of a 100 % bar
    axes.set_title(_("Tỷ lệ đúng và trước hạn\ntheo lĩnh vực (%)"), fontsize=10)
    axes.tick_params(labelsize=7)
    if not shown:
        axes.text(0.5, 0.5, _("Chưa có hồ sơ giải quyết trong kỳ"), ha="center",
                  transform=axes.transAxes, fontsize=8)  # fmt: skip
    return figure, rate_bars, labels


def _rasterise(figure: Figure, size: QSize, ratio: float) -> QImage:
    """Lay ``figure`` out at ``size`` (logical pixels) and draw it."""
    figure.set_dpi(DPI * ratio)
    figure.set_size_inches(max(size.width(), 1) / DPI, max(size.height(), 1) / DPI)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    width, height = canvas.get_width_height(physical=True)
    pixels = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    image = QImage(pixels, width, height, QImage.Format.Format_RGBA8888)
    image.setDevicePixelRatio(ratio)
    return image.copy()  # owns its pixels


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
        self.drawing: Drawing | None = None
        self._report: tuple[list[Week], list[Row]] | None = None
        self._rendering = False
        self._wanted = False  # drawn again when the rendering in progress has finished
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self.redraw)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.weeks_label, 3)
        layout.addWidget(self.fields_label, 2)

    @property
    def received_bars(self) -> BarContainer | None:
        """The weekly chart's bars of newly received dossiers, once drawn."""
        return None if self.drawing is None else self.drawing.received_bars

    @property
    def resolved_bars(self) -> BarContainer | None:
        """The weekly chart's bars of resolved dossiers, once drawn."""
        return None if self.drawing is None else self.drawing.resolved_bars

    @property
    def rate_bars(self) -> BarContainer | None:
        """The on-time rate bar of each field, once drawn."""
        return None if self.drawing is None else self.drawing.rate_bars

    @property
    def field_labels(self) -> list[str]:
        """The fields the rate chart shows, top to bottom."""
        return [] if self.drawing is None else self.drawing.field_labels

    def show_report(self, weeks: list[Week], rows: list[Row]) -> None:
        """Both charts for a new report, drawn in the background."""
        self._report = (weeks, rows)
        self.redraw()

    def redraw(self) -> None:
        """Draw both charts of the report at the labels' present size, beside the GUI thread."""
        if self._report is None:
            return
        if self._rendering:
            self._wanted = True
            return
        self._rendering, self._wanted = True, False
        (weeks, rows), ratio = self._report, self.devicePixelRatioF()
        sizes = (self.weeks_label.size(), self.fields_label.size())
        self.ops.run_io(
            lambda: draw(weeks, rows, sizes, ratio), self._on_drawn, self._on_render_failed
        )

    def _on_drawn(self, drawing: Drawing) -> None:
        if not shiboken6.isValid(self):  # the screen closed while the pictures were drawn
            return
        self._rendering = False
        self.drawing = drawing
        for label, image in zip((self.weeks_label, self.fields_label), drawing.images, strict=True):
            label.setPixmap(QPixmap.fromImage(image))
        if self._wanted:
            self.redraw()
        else:
            self.drawn.emit()

    def _on_render_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._rendering = False
        for label in (self.weeks_label, self.fields_label):
            label.setText(message)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Draw again at the new size once the resizing stops."""
        super().resizeEvent(event)
        self._resize_timer.start()
