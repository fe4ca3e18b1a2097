"""The statistics screen's two charts, drawn with matplotlib inside Qt.

Imported only when the screen is first shown: matplotlib takes a noticeable part of a second to
load and the window's start-up must not pay for it. Figures are built from ``Figure`` objects,
never from ``pyplot``, so no global state is shared between canvases.
"""

from __future__ import annotations

from textwrap import fill

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from counter_app.domain.statistics import Row
from counter_app.domain.weekly import Week
from counter_app.i18n import C_, _
from counter_app.reports import UNCLASSIFIED

RECEIVED_COLOUR, RESOLVED_COLOUR, RATE_COLOUR = "#1565c0", "#2e7d32", "#ef6c00"
MAX_WEEK_LABELS = 14  # beyond this, only every n-th week is labelled
LABEL_WIDTH = 22  # characters of a field name per line beside its bar


class _Canvas(FigureCanvasQTAgg):
    """One figure with one set of axes."""

    def __init__(self) -> None:
        self.figure_ = Figure(figsize=(5.5, 2.8), layout="constrained")
        super().__init__(self.figure_)  # type: ignore[no-untyped-call]
        self.axes = self.figure_.add_subplot()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)


class StatisticsCharts(QWidget):
    """Received vs resolved per week, and the on-time rate per field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks_canvas, self.fields_canvas = _Canvas(), _Canvas()
        self.received_bars: BarContainer | None = None
        self.resolved_bars: BarContainer | None = None
        self.rate_bars: BarContainer | None = None
        self.field_labels: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.weeks_canvas, 3)
        layout.addWidget(self.fields_canvas, 2)

    def show_weeks(self, weeks: list[Week]) -> None:
        """Two bars per week: newly received, resolved."""
        axes = self.weeks_canvas.axes
        axes.clear()
        positions = list(range(len(weeks)))
        self.received_bars = axes.bar(
            [x - 0.2 for x in positions], [w.received for w in weeks], 0.4,
            color=RECEIVED_COLOUR, label=_("Tiếp nhận mới"),
        )  # fmt: skip
        self.resolved_bars = axes.bar(
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
        self.weeks_canvas.draw_idle()  # type: ignore[no-untyped-call]

    def show_fields(self, rows: list[Row]) -> None:
        """One horizontal bar per field with something resolved: its on-time rate in %."""
        axes = self.fields_canvas.axes
        axes.clear()
        rated = [(row.key or C_("report", UNCLASSIFIED), row.figures.on_time_rate) for row in rows]
        shown = [(label, rate * 100) for label, rate in rated if rate is not None]
        self.field_labels = [label for label, _rate in shown]
        positions = list(range(len(shown)))
        self.rate_bars = axes.barh(positions, [rate for _label, rate in shown], color=RATE_COLOUR)
        axes.bar_label(self.rate_bars, fmt="%.1f", fontsize=7, padding=2)
        axes.set_yticks(positions, [fill(label, LABEL_WIDTH) for label in self.field_labels])
        axes.invert_yaxis()  # first field on top, as in the table
        axes.set_xlim(0, 110)  # room for the label of a 100 % bar
        axes.set_title(_("Tỷ lệ đúng và trước hạn\ntheo lĩnh vực (%)"), fontsize=10)
        axes.tick_params(labelsize=7)
        if not shown:
            axes.text(0.5, 0.5, _("Chưa có hồ sơ giải quyết trong kỳ"), ha="center",
                      transform=axes.transAxes, fontsize=8)  # fmt: skip
        self.fields_canvas.draw_idle()  # type: ignore[no-untyped-call]
