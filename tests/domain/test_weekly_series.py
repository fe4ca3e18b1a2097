"""Received and resolved per week of a period (counter_app/domain/weekly.py's definitions, those of
README "Statistics"): received in a week = accepted in it, carried-over dossiers in no week;
resolved in a week = ended by ``resolved`` in it; weeks are ISO weeks (Monday to Sunday) of
Vietnam days clipped to the period, empty weeks listed with zeros."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.statistics import Period, Step, follow
from counter_app.domain.weekly import Week, WeekTally

# Sunday 1/3/2026 is the last day of ISO week 9; Tuesday 31/3 is in week 14.
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def _vn(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def _received(at: datetime) -> Step:
    return Step("received", at, "lan", due_at=_vn(31, 17), received_at=at)


def test_each_dossier_counts_in_the_vietnam_week_of_its_acceptance_and_resolution() -> None:
    tally = WeekTally(MARCH)
    dossiers = [
        # accepted 23:30 on Sunday 1/3, resolved 00:10 on Monday 2/3 (both Vietnam time)
        [_received(_vn(1, 23, 30)), Step("resolved", _vn(2, 0, 10))],
        # carried over from February, resolved at the last minute of the period
        [_received(_vn(27, 9, month=2)), Step("resolved", _vn(31, 23, 59))],
        # accepted in week 11 and stopped: received, never resolved
        [_received(_vn(10, 9)), Step("stopped", _vn(12, 9))],
        # refused at the counter: never accepted
        [Step("refused", _vn(11, 9), "lan")],
        # accepted the last second of Sunday 8/3: week 10
        [_received(datetime(2026, 3, 8, 23, 59, 59, tzinfo=VN_TZ))],
        # resolved in February: nothing in March
        [_received(_vn(2, 9, month=2)), Step("resolved", _vn(20, 9, month=2))],
    ]
    for steps in dossiers:
        tally.add(follow(steps, MARCH))
    assert tally.series() == [
        Week(2026, 9, date(2026, 3, 1), date(2026, 3, 1), 1, 0),
        Week(2026, 10, date(2026, 3, 2), date(2026, 3, 8), 1, 1),
        Week(2026, 11, date(2026, 3, 9), date(2026, 3, 15), 1, 0),
        Week(2026, 12, date(2026, 3, 16), date(2026, 3, 22), 0, 0),
        Week(2026, 13, date(2026, 3, 23), date(2026, 3, 29), 0, 0),
        Week(2026, 14, date(2026, 3, 30), date(2026, 3, 31), 0, 1),
    ]


def test_a_period_across_the_new_year_names_each_week_by_its_iso_year() -> None:
    tally = WeekTally(Period(date(2026, 12, 30), date(2027, 1, 5)))
    tally.add(follow([_received(datetime(2027, 1, 3, 10, 0, tzinfo=VN_TZ))], tally.period))
    assert tally.series() == [
        Week(2026, 53, date(2026, 12, 30), date(2027, 1, 3), 1, 0),
        Week(2027, 1, date(2027, 1, 4), date(2027, 1, 5), 0, 0),
    ]
