"""One pass of the period statistics over the store: the dossiers of one share, folded.

Candidates are found with indexed columns of the projection (accepted in the period, ended at or
after its start, still open at its start, or returned in it); every figure is then derived by the
domain (``counter_app.domain.statistics``) from those dossiers' events, read in one pass from
the covering index of the events by dossier (no payload is parsed). The projection only supplies
the dossier's attributes (procedure, channel, return method), themselves a fold of its events.

A long period over a big store is split into shares by the last hex digit of the dossier id,
folded side by side in worker processes (``services.statistics``): so this module imports only
SQLCipher and the domain, and a worker opens the store file itself, read-only, with the key it
is handed (never written anywhere on the way).
"""

from __future__ import annotations

import gc
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby, pairwise
from operator import itemgetter
from typing import Any

from counter_app import store_cipher
from counter_app.domain.lifecycle import OPEN_STATES
from counter_app.domain.statistics import Period, Signature, Trail, tally_trails
from counter_app.domain.trails import STEP_TYPES, steps_from_rows
from counter_app.domain.weekly import WeekTally

_ATTRIBUTES = "SELECT id, procedure_id, channel, return_method FROM dossiers"
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
# the last eight columns are what ``domain.trails.steps_from_rows`` reads: the event row's copies
# of its payload fields (``domain.trails.payload_texts``), all in the covering index by dossier.
# A share is the dossiers whose id ends in a digit whose code point is ``share`` modulo ``shares``.
_EVENTS = f"""
    SELECT c.id, c.procedure_id, c.channel, c.return_method, e.hlc,
           e.type, e.wall_clock, e.actor, e.due_at, e.received_at, e.return_method, e.rating,
           e.digitised
    FROM ({_CANDIDATES}) AS c
    CROSS JOIN events AS e INDEXED BY ix_events_dossier_steps ON e.dossier_id = c.id
    WHERE e.type IN ({_TYPE_LIST}) AND unicode(substr(c.id, -1)) % :shares = :share
"""
_PROCEDURES = "SELECT id, code, name, field FROM procedures"


@dataclass(frozen=True)
class Job:
    """What every share's pass is given: the period's days and bounds (as stored text), the
    field filter, and whether to count accepted and resolved per week too."""

    first: date
    last: date
    start: str
    end: str
    field_filter: str | None = None
    weekly: bool = False


@dataclass(frozen=True)
class Share:
    """Which dossiers a pass folds: share ``index`` of ``count`` (0 of 1: all of them)."""

    index: int = 0
    count: int = 1


@dataclass
class PassResult:
    """What a pass found: dossiers per signature, and accepted/resolved per week."""

    tally: Counter[Signature] = field(default_factory=Counter)
    received: Counter[int] = field(default_factory=Counter)
    resolved: Counter[int] = field(default_factory=Counter)

    def add(self, other: PassResult) -> None:
        """Add the result of a pass over other dossiers."""
        self.tally.update(other.tally)
        self.received.update(other.received)
        self.resolved.update(other.resolved)


def fold_share(connection: sqlite3.Connection, job: Job, share: Share) -> PassResult:
    """Fold the dossiers of the share."""
    procedures = {
        row[0]: (f"{row[1]} — {row[2]}", row[3]) for row in connection.execute(_PROCEDURES)
    }
    period = Period(job.first, job.last)
    weeks = WeekTally(period) if job.weekly else None
    parameters = {"start": job.start, "end": job.end, "share": share.index, "shares": share.count}
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples: no cyclic garbage to look for
    try:
        trails = _trails(connection.execute(_EVENTS, parameters), procedures, job.field_filter)
        tally = tally_trails(trails, period, weeks=weeks)
    finally:
        if collecting:
            gc.enable()
    if weeks is None:
        return PassResult(tally)
    return PassResult(tally, weeks.received, weeks.resolved)


def fold_share_of_file(path: str, key: bytes, job: Job, share: Share) -> PassResult:
    """:func:`fold_share` on the store file at ``path``, opened read-only with ``key`` (a
    worker's pass)."""
    connection = store_cipher.connect(path, key, read_only=True)
    try:
        return fold_share(connection, job, share)
    finally:
        connection.close()


def _trails(
    rows: Any, procedures: dict[str, tuple[str, str]], field_filter: str | None
) -> Iterator[Trail]:
    for _id, group in groupby(rows, key=_DOSSIER):
        events = list(group)
        if len(events) > 1 and any(a[4] > b[4] for a, b in pairwise(events)):
            events.sort(key=_HLC)
        head = events[0]
        procedure, field_ = procedures.get(head[1], (head[1], ""))
        if field_filter is not None and field_ != field_filter:
            continue
        yield Trail(field_, procedure, head[2], head[3], steps_from_rows(events))


_DOSSIER = itemgetter(0)
_HLC = itemgetter(4)
