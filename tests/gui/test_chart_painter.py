"""The statistics charts as painted: each bar as tall (or long) as its value, in its colour."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qt_compat import qt_api

from counter_app.domain.statistics import Figures, Row
from counter_app.domain.weekly import Week
from counter_app.ui.chart_painter import (
    RATE_COLOUR,
    RECEIVED_COLOUR,
    RESOLVED_COLOUR,
    Bar,
    Chart,
    draw,
    nice_step,
)

QColor, QPointF = qt_api.QtGui.QColor, qt_api.QtCore.QPointF
MONDAY = date(2026, 3, 2)
SIZES = ((420, 260), (300, 260))


def _week(index: int, received: int, resolved: int) -> Week:
    first = MONDAY + timedelta(weeks=index)
    return Week(2026, 10 + index, first, first + timedelta(days=6), received, resolved)


def _colour_at_centre(chart: Chart, bar: Bar) -> str:
    ratio = chart.image.devicePixelRatio()
    centre = bar.rect.center()
    pixel = chart.image.pixelColor(round(centre.x() * ratio), round(centre.y() * ratio))
    return str(pixel.name())


def test_week_bars_stand_on_one_line_in_proportion_to_their_counts(qapp: object) -> None:
    weeks = [_week(0, 8, 2), _week(1, 0, 4), _week(2, 6, 6)]
    drawing = draw(weeks, [], SIZES, 1.0)
    assert drawing.received == [8, 0, 6]
    assert drawing.resolved == [2, 4, 6]
    bars = drawing.weeks.bars
    assert {bar.rect.bottom() for bar in bars} == {bars[0].rect.bottom()}  # one base line
    unit = bars[0].rect.height() / 8  # the week of 8 received
    for bar in bars:
        assert bar.rect.height() == pytest.approx(bar.value * unit)
    left_to_right = sorted(bars, key=lambda bar: bar.rect.left())
    assert [bar.colour for bar in left_to_right] == [RECEIVED_COLOUR, RESOLVED_COLOUR] * 3
    for bar in bars:
        if bar.value:
            assert _colour_at_centre(drawing.weeks, bar) == bar.colour


def test_field_bars_are_as_long_as_their_on_time_rate(qapp: object) -> None:
    rows = [
        Row("Cư trú", Figures(resolved=5, early=2, on_time=1, late=2)),
        Row("Chứng thực", Figures(received=3)),  # nothing resolved: no rate, no bar
        Row("Hộ tịch", Figures(resolved=1, on_time=1)),
    ]
    drawing = draw([], rows, SIZES, 2.0)
    assert drawing.field_labels == ["Cư trú", "Hộ tịch"]
    assert drawing.rates == pytest.approx([60.0, 100.0])
    first, second = drawing.fields.bars
    assert first.rect.width() / second.rect.width() == pytest.approx(0.6)
    assert first.rect.left() == second.rect.left()
    assert first.rect.top() < second.rect.top()  # the table's order, top down
    for bar in drawing.fields.bars:
        assert _colour_at_centre(drawing.fields, bar) == RATE_COLOUR
    image = drawing.fields.image
    assert (image.width(), image.height()) == (600, 520)  # physical pixels at ratio 2


def test_no_resolved_dossier_leaves_the_rate_chart_without_bars(qapp: object) -> None:
    drawing = draw([_week(0, 0, 0)], [Row("Cư trú", Figures(received=2))], SIZES, 1.0)
    assert drawing.fields.bars == [] and drawing.rates == []
    image = drawing.fields.image
    below_title = [
        image.pixelColor(x, y)
        for y in range(image.height() // 3, image.height())
        for x in range(0, image.width(), 2)
    ]
    assert any(colour.lightness() < 128 for colour in below_title)  # the sentence is there
    assert [bar.rect.height() for bar in drawing.weeks.bars] == [0, 0]


@pytest.mark.parametrize(
    ("top", "step"), [(1, 1), (4, 1), (7, 2), (10, 2), (23, 5), (100, 20), (999, 200)]
)
def test_the_value_axis_counts_in_whole_round_steps(top: int, step: int) -> None:
    assert nice_step(top) == step
