"""Period statistics read from the store: candidate dossiers by index, figures from their events.

Candidates are found with indexed columns of the projection (accepted in the period, ended at or
after its start, still open at its start, or returned in it); every figure is then derived by the
domain (``counter_app.domain.statistics``) from those dossiers' events, read in one pass from
the covering index of the events by dossier (no payload is parsed). The projection only supplies
the dossier's attributes (procedure, channel, return method), themselves a fold of its events.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby, pairwise
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from counter_app.domain.lifecycle import OPEN_STATES
from counter_app.domain.periods import check_period
from counter_app.domain.statistics import Period, PeriodReport, Trail, build_report
from counter_app.domain.trails import STEP_TYPES, steps_from_rows
from counter_app.domain.weekly import Week, WeekTally
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver

if TYPE_CHECKING:
    from counter_app.station import Station

_ATTRIBUTES = "SELECT id, procedure_id, channel, return_method FROM dossiers"
# the last eight columns are what ``domain.trails.steps_from_rows`` reads: the event row's copies
# of its payload fields (``domain.trails.payload_texts``), all in the covering index by dossier
# accepted and not ended: what "ended_at IS NULL AND received_at IS NOT NULL" means, found
# through the state index (the ended/returned indexes leave out rows that have not ended)
_OPEN = ",".join(f"'{state.value}'" for state in sorted(OPEN_STATES))
# four disjoint sets: accepted in the period; accepted before it and open at its start; never
# accepted and ended in it (refused at the counter); ended before it and returned in it
_CANDIDATES = f"""
    {_ATTRIBUTES} WHERE received_at >= :start AND received_at < :end
    UNION ALL {_ATTRIBUTES} WHERE ended_at >= :start AND received_at < :start
    UNION ALL {_ATTRIBUTES} WHERE state IN ({_OPEN}) AND received_at < :start
    UNION ALL {_ATTRIBUTES} WHERE ended_at >= :start AND ended_at < :end AND received_at IS NULL
    UNION ALL {_ATTRIBUTES} WHERE returned_at >= :start AND returned_at < :end
        AND ended_at < :start AND received_at < :start
"""
_TYPE_LIST = ",".join(f"'{t}'" for t in STEP_TYPES)
_EVENTS = f"""
    SELECT c.id, c.procedure_id, c.channel, c.return_method, e.hlc,
           e.type, e.wall_clock, e.actor, e.due_at, e.received_at, e.return_method, e.rating,
           e.digitised
    FROM ({_CANDIDATES}) AS c
    CROSS JOIN events AS e INDEXED BY ix_events_dossier_steps ON e.dossier_id = c.id
    WHERE e.type IN ({_TYPE_LIST})
"""
_PROCEDURES = "SELECT id, code, name, field FROM procedures"


def period_of(first: date, last: date) -> Period:
    """A period of whole Vietnam days; a last day before the first is refused."""
    check_period(first, last)
    return Period(first, last)


def report(
    db: Connection,
    period: Period,
    *,
    field_filter: str | None = None,
    weeks: WeekTally | None = None,
) -> PeriodReport:
    """The period report over every dossier in the store (optionally one field only).

    With ``weeks`` the same pass also counts received and resolved per ISO week into it.
    """
    procedures = {
        row[0]: (f"{row[1]} — {row[2]}", row[3]) for row in driver(db).execute(_PROCEDURES)
    }
    bounds = {"start": to_utc_text(period.start), "end": to_utc_text(period.end)}
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples: no cyclic garbage to look for
    try:
        rows = driver(db).execute(_EVENTS, bounds)
        return build_report(_trails(rows, procedures, field_filter), period, weeks=weeks)
    finally:
        if collecting:
            gc.enable()


def _trails(
    rows: Any, procedures: dict[str, tuple[str, str]], field_filter: str | None
) -> Iterator[Trail]:
    for _id, group in groupby(rows, key=_DOSSIER):
        events = list(group)
        if len(events) > 1 and any(a[4] > b[4] for a, b in pairwise(events)):
            events.sort(key=_HLC)
        head = events[0]
        procedure, field = procedures.get(head[1], (head[1], ""))
        if field_filter is not None and field != field_filter:
            continue
        yield Trail(field, procedure, head[2], head[3], steps_from_rows(events))


_DOSSIER = itemgetter(0)
_HLC = itemgetter(4)


def period_report(
    station: Station, period_from: date, period_to: date, field: str | None = None
) -> PeriodReport:
    """The station's report for the days ``period_from`` … ``period_to`` (inclusive)."""
    with station.store.read() as db:
        return report(db, period_of(period_from, period_to), field_filter=field)


@dataclass(frozen=True)
class StatisticsView:
    """What the statistics screen shows: the period report and its weekly series."""

    report: PeriodReport
    weeks: list[Week]


def weekly_series(db: Connection, period: Period, *, field_filter: str | None = None) -> list[Week]:
    """Received and resolved per ISO week of the period (definitions: ``domain.weekly``)."""
    tally = WeekTally(period)
    report(db, period, field_filter=field_filter, weeks=tally)
    return tally.series()


def statistics_view(
    station: Station, period_from: date, period_to: date, field: str | None = None
) -> StatisticsView:
    """The report and the weekly series of one period, from one pass over its events."""
    period = period_of(period_from, period_to)
    tally = WeekTally(period)
    with station.store.read() as db:
        built = report(db, period, field_filter=field, weeks=tally)
    return StatisticsView(built, tally.series())
