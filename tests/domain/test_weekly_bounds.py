"""The weekly series at the period's edges (counter_app/domain/weekly.py; README "Statistics"):
the period runs from 00:00 of its first day, Vietnam time, so an acceptance or a resolution at
that very instant is in the first week; weeks are clipped to the period, so a period ending on
a Monday closes with a week of that one day."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.statistics import Period, Step, follow
from counter_app.domain.weekly import Week, WeekTally

# Sunday 1/3/2026 closes ISO week 9; Monday 2/3 opens week 10.
SUNDAY_TO_MONDAY = Period(date(2026, 3, 1), date(2026, 3, 2))
MIDNIGHT = datetime(2026, 3, 1, 0, 0, tzinfo=VN_TZ)


def _received(at: datetime) -> Step:
    return Step(
        "received", at, "lan", due_at=datetime(2026, 3, 31, 17, tzinfo=VN_TZ), received_at=at
    )


def test_an_acceptance_at_the_period_s_first_instant_is_in_its_first_week() -> None:
    """00:00 of the first day belongs to the period: the acceptance counts in week 9."""
    tally = WeekTally(SUNDAY_TO_MONDAY)
    tally.add(follow([_received(MIDNIGHT)], tally.period))
    assert tally.series() == [
        Week(2026, 9, date(2026, 3, 1), date(2026, 3, 1), 1, 0),
        Week(2026, 10, date(2026, 3, 2), date(2026, 3, 2), 0, 0),
    ]


def test_a_resolution_at_the_period_s_first_instant_is_in_its_first_week() -> None:
    """A dossier carried over from February and resolved at 00:00 of 1/3 is resolved in week 9
    (and received in no week of the period)."""
    tally = WeekTally(SUNDAY_TO_MONDAY)
    steps = [_received(datetime(2026, 2, 20, 9, tzinfo=VN_TZ)), Step("resolved", MIDNIGHT)]
    tally.add(follow(steps, tally.period))
    assert tally.series() == [
        Week(2026, 9, date(2026, 3, 1), date(2026, 3, 1), 0, 1),
        Week(2026, 10, date(2026, 3, 2), date(2026, 3, 2), 0, 0),
    ]


def test_a_one_day_period_is_one_week_of_one_day() -> None:
    """Weeks touching the period, clipped to it: a single Monday is one week of one day."""
    tally = WeekTally(Period(date(2026, 3, 2), date(2026, 3, 2)))
    assert tally.series() == [Week(2026, 10, date(2026, 3, 2), date(2026, 3, 2), 0, 0)]
