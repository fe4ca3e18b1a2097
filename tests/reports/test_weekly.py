"""Received and resolved per ISO week: the hand-built history and the week boundaries."""

from __future__ import annotations

from dataclasses import astuple
from datetime import UTC, date, datetime

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.statistics import Period, Step, Trail, build_report
from counter_app.domain.weekly import WeekTally
from counter_app.services.statistics import period_report, statistics_view, weekly_series
from counter_app.station import Station
from tests.factories import vn
from tests.reports.history import EXPECTED, EXPECTED_WEEKS, FIRST, LAST, build


def test_weeks_of_the_march_history(station: Station) -> None:
    build(station)
    with station.store.read() as db:
        weeks = weekly_series(db, Period(FIRST, LAST))
    assert [astuple(week) for week in weeks] == EXPECTED_WEEKS
    assert sum(week.received for week in weeks) == EXPECTED["new"]
    assert sum(week.resolved for week in weeks) == EXPECTED["resolved"]


def test_one_pass_gives_the_same_report_and_weeks(station: Station) -> None:
    build(station)
    view = statistics_view(station, FIRST, LAST)
    assert view.report.totals == period_report(station, FIRST, LAST).totals
    assert [astuple(week) for week in view.weeks] == EXPECTED_WEEKS
    # Hộ tịch holds only C: received online 2/3 and resolved the same day (W10)
    only = statistics_view(station, FIRST, LAST, field="Hộ tịch")
    assert [(w.number, w.received, w.resolved) for w in only.weeks if w.received or w.resolved] == [
        (10, 1, 1)
    ]


def test_a_period_ending_before_it_starts_is_refused(station: Station) -> None:
    with pytest.raises(InvalidInput, match="không được trước ngày đầu kỳ"):
        statistics_view(station, LAST, FIRST)


def test_weeks_across_the_new_year_are_iso_weeks() -> None:
    # 2026 has 53 ISO weeks: Mon 28/12/2026 – Sun 3/1/2027 is week 53 of 2026
    tally = WeekTally(Period(date(2026, 12, 30), date(2027, 1, 5)))
    weeks = [(w.year, w.number, w.first, w.last) for w in tally.series()]
    assert weeks == [
        (2026, 53, date(2026, 12, 30), date(2027, 1, 3)),
        (2027, 1, date(2027, 1, 4), date(2027, 1, 5)),
    ]


def test_the_week_is_the_vietnam_day_of_the_event() -> None:
    # accepted Sunday 8/3 23:30 UTC = Monday 9/3 06:30 in Vietnam → week 11, not week 10;
    # resolved Sunday 15/3 16:59 UTC = 23:59 the same Sunday in Vietnam → week 11
    accepted = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)
    steps = [
        Step("received", accepted, "lan", due_at=vn(2026, 3, 18, 9), received_at=accepted),
        Step("resolved", datetime(2026, 3, 15, 16, 59, tzinfo=UTC), "lan"),
    ]
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    tally = WeekTally(period)
    build_report([Trail("Cư trú", "x", "direct", "counter", steps)], period, weeks=tally)
    counts = {w.number: (w.received, w.resolved) for w in tally.series() if w.received}
    assert counts == {11: (1, 1)}
