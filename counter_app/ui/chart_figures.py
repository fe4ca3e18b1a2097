"""The statistics screen's two charts as matplotlib figures, rasterised by Agg.

Loaded only in the charts' process (``chart_process``). Each chart is a new ``Figure`` (never
``pyplot``, so no global state).
"""

from __future__ import annotations

from textwrap import fill

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from counter_app.domain.statistics import Row
from counter_app.domain.weekly import Week
from counter_app.i18n import C_, _
from counter_app.reports import UNCLASSIFIED
from counter_app.ui.chart_process import ChartRequest, Drawing, Picture, Size

RECEIVED_COLOUR, RESOLVED_COLOUR, RATE_COLOUR = "#1565c0", "#2e7d32", "#ef6c00"
MAX_WEEK_LABELS = 14  # beyond this, only every n-th week is labelled
LABEL_WIDTH = 22  # characters of a field name per line beside its bar
DPI = 100


def draw(request: ChartRequest) -> Drawing:
    """Both charts built, laid out at the request's sizes and rasterised."""
    weeks_figure, received_bars, resolved_bars = _weeks_chart(request.weeks)
    fields_figure, rate_bars, field_labels = _fields_chart(request.rows)
    weeks_size, fields_size = request.sizes
    return Drawing(
        received=[int(bar.get_height()) for bar in received_bars],
        resolved=[int(bar.get_height()) for bar in resolved_bars],
        rates=[float(bar.get_width()) for bar in rate_bars],
        field_labels=field_labels,
        weeks=_rasterise(weeks_figure, weeks_size, request.ratio),
        fields=_rasterise(fields_figure, fields_size, request.ratio),
    )


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


def _rasterise(figure: Figure, size: Size, ratio: float) -> Picture:
    """Lay ``figure`` out at ``size`` (logical pixels) and draw it."""
    width, height = size
    figure.set_dpi(DPI * ratio)
    figure.set_size_inches(max(width, 1) / DPI, max(height, 1) / DPI)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    physical_width, physical_height = canvas.get_width_height(physical=True)
    pixels = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    return Picture(pixels, physical_width, physical_height, ratio)
