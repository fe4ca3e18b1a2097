"""Received and resolved per ISO week of a period, from the same folds as the period report.

Definitions (those of ``counter_app.domain.statistics``):

* **Received in a week**: dossiers *accepted* in it (the report's "new"; dossiers carried over
  from before the period belong to no week of it). The weeks' sum is the report's ``new``.
* **Resolved in a week**: dossiers whose end in the period is a ``resolved`` event in that week.
  The weeks' sum is the report's ``resolved``.
* Weeks are ISO weeks (Monday to Sunday) of Vietnam days, clipped to the period: the first and
  the last week may be shorter. A week with nothing in it is listed with zeros.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from counter_app.domain.statistics import Fold, Period

_VN_OFFSET = 7 * 3600  # Vietnam keeps UTC+7 all year: its days are UTC days shifted by 7 h
_EPOCH = date(1970, 1, 1)  # a Thursday: Monday-based week n starts on day 7n - 3


@dataclass(frozen=True)
class Week:
    """One week of the series: which week, its days inside the period, its two counts."""

    year: int
    number: int
    first: date
    last: date
    received: int
    resolved: int


def _week_of(moment: datetime) -> int:
    """The Monday-based week of ``moment``'s Vietnam day, counted from 1970."""
    # plain arithmetic: this runs once or twice per dossier of a year's report
    return (int(moment.timestamp() + _VN_OFFSET) // 86_400 + 3) // 7


def _week_of_day(day: date) -> int:
    return ((day - _EPOCH).days + 3) // 7


@dataclass
class WeekTally:
    """Counts per ISO week, fed one fold at a time (see ``statistics.build_report``)."""

    period: Period
    received: Counter[int] = field(default_factory=Counter)
    resolved: Counter[int] = field(default_factory=Counter)

    def add(self, state: Fold) -> None:
        """Count one dossier's acceptance and resolution when they fall in the period."""
        start, _end = self.period.bounds
        accepted, ended = state.accepted, state.ended
        if accepted is None:
            return
        if accepted >= start:
            self.received[_week_of(accepted)] += 1
        if ended is not None and ended[0] == "resolved" and ended[1] >= start:
            self.resolved[_week_of(ended[1])] += 1

    def series(self) -> list[Week]:
        """Every week touching the period, in order, with its counts (zeros included)."""
        weeks: list[Week] = []
        day = self.period.first
        while day <= self.period.last:
            iso = day.isocalendar()
            last = min(day + timedelta(days=7 - iso.weekday), self.period.last)
            key = _week_of_day(day)
            weeks.append(
                Week(iso.year, iso.week, day, last, self.received[key], self.resolved[key])
            )
            day = last + timedelta(days=1)
        return weeks
