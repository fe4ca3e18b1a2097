"""The statistics screen's two bar charts, laid out here and painted with QPainter on images.

A few dozen bars need no plotting library: each chart is laid out as rectangles that carry the
value they show (``Bar``), then painted onto a ``QImage``. Painting on an image is allowed
outside the GUI thread, so a background operation draws both while the screen stays live.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from textwrap import fill

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from counter_app.domain.statistics import Row
from counter_app.domain.weekly import Week
from counter_app.i18n import C_, _, current_language
from counter_app.reports import UNCLASSIFIED

RECEIVED_COLOUR, RESOLVED_COLOUR, RATE_COLOUR = "#1565c0", "#2e7d32", "#ef6c00"
AXIS_COLOUR, GRID_COLOUR, TEXT_COLOUR = "#424242", "#e0e0e0", "#212121"
MAX_WEEK_LABELS = 14  # beyond this, only every n-th week is labelled
LABEL_WIDTH = 22  # characters of a field name per line beside its bar
RATE_AXIS_MAX = 110.0  # % : room for the label of a 100 % bar
MARGIN = 8.0
Size = tuple[int, int]  # logical pixels: width, height


@dataclass(frozen=True)
class Bar:
    """One painted bar: where (logical pixels), its colour and the value it shows."""

    rect: QRectF
    colour: str
    value: float


@dataclass(frozen=True)
class Chart:
    """One chart's picture and its bars."""

    image: QImage
    bars: list[Bar]


@dataclass(frozen=True)
class Drawing:
    """Both charts of one report: the values they show and their pictures."""

    received: list[int]  # per week
    resolved: list[int]  # per week
    rates: list[float]  # on-time rate in %, per field shown
    field_labels: list[str]
    weeks: Chart
    fields: Chart


def draw(weeks: list[Week], rows: list[Row], sizes: tuple[Size, Size], ratio: float) -> Drawing:
    """Both charts at ``sizes`` (logical pixels), ``ratio`` physical pixels to a logical one."""
    weeks_chart = _weeks_chart(weeks, sizes[0], ratio)
    shown = _rated_fields(rows)
    fields_chart = _fields_chart(shown, sizes[1], ratio)
    received = [int(bar.value) for bar in weeks_chart.bars if bar.colour == RECEIVED_COLOUR]
    resolved = [int(bar.value) for bar in weeks_chart.bars if bar.colour == RESOLVED_COLOUR]
    return Drawing(
        received=received,
        resolved=resolved,
        rates=[bar.value for bar in fields_chart.bars],
        field_labels=[label for label, _rate in shown],
        weeks=weeks_chart,
        fields=fields_chart,
    )


def _rated_fields(rows: list[Row]) -> list[tuple[str, float]]:
    """(label, on-time rate in %) of each field with something resolved, in table order."""
    rated = [(row.key or C_("report", UNCLASSIFIED), row.figures.on_time_rate) for row in rows]
    return [(label, rate * 100) for label, rate in rated if rate is not None]


def _image(size: Size, ratio: float) -> tuple[QImage, QPainter]:
    width, height = max(size[0], 1), max(size[1], 1)
    image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _title(painter: QPainter, area: QRectF, text: str) -> float:
    """Paint the title centred at the top of ``area``; returns its height."""
    painter.setFont(_font(10, bold=True))
    painter.setPen(QColor(TEXT_COLOUR))
    height = QFontMetricsF(painter.font()).lineSpacing() * (text.count("\n") + 1)
    painter.drawText(
        QRectF(area.left(), area.top(), area.width(), height), Qt.AlignmentFlag.AlignHCenter, text
    )
    return height + 4


def nice_step(top: float, ticks: int = 5) -> int:
    """A whole step (1, 2, 5 × 10ⁿ) that divides 0 … ``top`` into at most ``ticks`` parts."""
    raw = max(top, 1) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return max(1, round(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)))


def _weeks_chart(weeks: list[Week], size: Size, ratio: float) -> Chart:
    """Two bars per week: newly received, resolved."""
    image, painter = _image(size, ratio)
    area = QRectF(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN)
    top = area.top() + _title(painter, area, _("Tiếp nhận mới và đã giải quyết theo tuần"))
    painter.setFont(_font(7))
    metrics = QFontMetricsF(painter.font())
    line = metrics.lineSpacing()
    top += _legend(painter, area.right(), top, line)
    highest = max([w.received for w in weeks] + [w.resolved for w in weeks] + [1])
    step = nice_step(highest)
    axis_top = step * math.ceil(highest / step)
    left = area.left() + metrics.horizontalAdvance(str(axis_top)) + 6
    plot = QRectF(left, top, area.right() - left, area.bottom() - 2 * line - 4 - top)
    _value_axis(painter, plot, axis_top, step)
    bars: list[Bar] = []
    slot = plot.width() / max(len(weeks), 1)
    label_every = max(1, -(-len(weeks) // MAX_WEEK_LABELS))
    for index, week in enumerate(weeks):
        x = plot.left() + slot * index
        for offset, value, colour in (
            (0.1, week.received, RECEIVED_COLOUR),
            (0.5, week.resolved, RESOLVED_COLOUR),
        ):
            height = plot.height() * value / axis_top
            rect = QRectF(x + slot * offset, plot.bottom() - height, slot * 0.4, height)
            painter.fillRect(rect, QColor(colour))
            bars.append(Bar(rect, colour, float(value)))
        if index % label_every == 0:
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(
                QRectF(x, plot.bottom() + 2, slot * label_every, line),
                Qt.AlignmentFlag.AlignLeft,
                f"{week.first:%d/%m}",
            )
    painter.drawText(
        QRectF(plot.left(), area.bottom() - line, plot.width(), line),
        Qt.AlignmentFlag.AlignHCenter,
        _("Tuần bắt đầu từ ngày"),
    )
    painter.end()
    return Chart(image, bars)


def _legend(painter: QPainter, right: float, top: float, line: float) -> float:
    """The two series' names at the top right; returns the height used."""
    metrics = QFontMetricsF(painter.font())
    x = right
    for text, colour in (
        (_("Đã giải quyết"), RESOLVED_COLOUR),
        (_("Tiếp nhận mới"), RECEIVED_COLOUR),
    ):
        x -= metrics.horizontalAdvance(text)
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QPointF(x, top + metrics.ascent()), text)
        x -= line + 2
        painter.fillRect(QRectF(x, top + 1, line - 2, line - 2), QColor(colour))
        x -= 10
    return line + 4


def _value_axis(painter: QPainter, plot: QRectF, axis_top: int, step: int) -> None:
    """Grid lines and whole-number labels up the left side of ``plot``."""
    metrics = QFontMetricsF(painter.font())
    for value in range(0, axis_top + 1, step):
        y = plot.bottom() - plot.height() * value / axis_top
        painter.setPen(QPen(QColor(GRID_COLOUR if value else AXIS_COLOUR), 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(TEXT_COLOUR))
        text = str(value)
        painter.drawText(
            QPointF(
                plot.left() - 4 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2 - 1
            ),
            text,
        )


def _rate_text(rate: float) -> str:
    text = f"{rate:.1f}"
    return text.replace(".", ",") if current_language() == "vi" else text


def _fields_chart(shown: list[tuple[str, float]], size: Size, ratio: float) -> Chart:
    """One horizontal bar per field with something resolved: its on-time rate in %."""
    image, painter = _image(size, ratio)
    area = QRectF(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN)
    top = area.top() + _title(painter, area, _("Tỷ lệ đúng và trước hạn\ntheo lĩnh vực (%)"))
    painter.setFont(_font(7))
    metrics = QFontMetricsF(painter.font())
    labels = [fill(label, LABEL_WIDTH) for label, _rate in shown]
    widest = max(
        [metrics.horizontalAdvance(part) for text in labels for part in text.splitlines()] + [0]
    )
    plot = QRectF(
        area.left() + widest + 6, top, area.right() - area.left() - widest - 6, area.bottom() - top
    )
    bars: list[Bar] = []
    if not shown:
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(
            area.adjusted(0, top - area.top(), 0, 0),
            Qt.AlignmentFlag.AlignCenter,
            _("Chưa có hồ sơ giải quyết trong kỳ"),
        )
    slot = plot.height() / max(len(shown), 1)
    for index, ((_label, rate), text) in enumerate(zip(shown, labels, strict=True)):
        y = plot.top() + slot * index  # first field on top, as in the table
        rect = QRectF(plot.left(), y + slot * 0.15, plot.width() * rate / RATE_AXIS_MAX, slot * 0.7)
        painter.fillRect(rect, QColor(RATE_COLOUR))
        bars.append(Bar(rect, RATE_COLOUR, rate))
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(
            QRectF(area.left(), y, widest, slot),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        painter.drawText(
            QRectF(rect.right() + 2, y, plot.right() - rect.right(), slot),
            Qt.AlignmentFlag.AlignVCenter,
            _rate_text(rate),
        )
    painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    painter.end()
    return Chart(image, bars)
