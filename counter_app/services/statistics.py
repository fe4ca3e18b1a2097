"""Period statistics read from the store, in one pass or in shares side by side.

What a pass reads and folds is ``services.statistics_pass``. A period in which many dossiers
were accepted (a year over a big store) is split into one share per processor core: the first
is folded here, on the caller's connection, the others in worker processes that open the store
read-only, and the shares' tallies are added up. A worker reads the newest committed state, so
a dossier saved while a report runs may be counted as of just before or just after it; each
dossier is in exactly one share, so none is counted twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from counter_app import store_cipher, store_keys
from counter_app.domain.periods import check_period
from counter_app.domain.statistics import Period, PeriodReport, report_from_tally
from counter_app.domain.weekly import Week, WeekTally
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver
from counter_app.services.statistics_pass import (
    Job,
    Share,
    fold_share,
    fold_share_of_file,
)
from counter_app.spawned import SpawnedWorkers

if TYPE_CHECKING:
    import sqlite3

    from counter_app.station import Station

# below this many dossiers accepted in the period one pass is quicker than starting workers
SHARED_FROM = 40_000
MAX_SHARES = 4
_ACCEPTED = "SELECT count(*) FROM dossiers WHERE received_at >= :start AND received_at < :end"


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
    shares: int | None = None,
) -> PeriodReport:
    """The period report over every dossier in the store (optionally one field only).

    With ``weeks`` the same pass also counts received and resolved per ISO week into it.
    ``shares`` (at least 1) sets how many shares the pass is split into; by default that
    follows how many dossiers were accepted in the period.
    """
    connection = driver(db)
    start, end = to_utc_text(period.start), to_utc_text(period.end)
    job = Job(period.first, period.last, start, end, field_filter, weeks is not None)
    path = store_cipher.path_of(connection)
    count = (shares or _share_count(connection, job)) if path else 1
    key = store_keys.require_key(Path(path)) if count > 1 else b""
    others = [
        (Share(i, count), _WORKERS.submit(fold_share_of_file, path, key, job, Share(i, count)))
        for i in range(1, count)
    ]
    result = fold_share(connection, job, Share(0, count))
    for share, running in others:
        result.add(_WORKERS.result(running, partial(fold_share, connection, job, share)))
    if weeks is not None:
        weeks.received.update(result.received)
        weeks.resolved.update(result.resolved)
    return report_from_tally(result.tally, period)


def _share_count(connection: sqlite3.Connection, job: Job) -> int:
    accepted = connection.execute(_ACCEPTED, {"start": job.start, "end": job.end}).fetchone()[0]
    return min(os.cpu_count() or 1, MAX_SHARES) if accepted >= SHARED_FROM else 1


_WORKERS = SpawnedWorkers(MAX_SHARES - 1)  # started with the first shared report


def period_report(
    station: Station,
    period_from: date,
    period_to: date,
    field: str | None = None,
    *,
    shares: int | None = None,
) -> PeriodReport:
    """The station's report for the days ``period_from`` … ``period_to`` (inclusive)."""
    with station.store.read() as db:
        return report(db, period_of(period_from, period_to), field_filter=field, shares=shares)


def worker_pid() -> int:
    """The process id of one of the report's worker processes (started if need be)."""
    running = _WORKERS.submit(os.getpid)
    if running is None:
        raise OSError("no worker process could be started")
    return running.result(timeout=120)


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
