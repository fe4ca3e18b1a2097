"""The pause audit: every pause begun in a period, who made it, on what ground, how long it
lasted, and the patterns that signal a clock stopped to hide lateness.

Patterns (each pause may show several):

- ``near_due``: begun when one working day or less was left before the due date in force
  (or after it had passed);
- ``repeated``: the dossier's second or later pause;
- ``over_limit``: it lasted longer than the procedure's own time limit (in the limit's unit; a
  same-day procedure's limit counts as one working day);
- ``no_ground``: recorded without a lawful ground (the kind ``other`` of older versions).

Station and server build the same rows from the same events, so their audits agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from counter_app.domain.calendar import ProcessingTime, TimeUnit, WorkingCalendar
from counter_app.domain.dossier import DossierFacts, apply
from counter_app.domain.errors import CounterError
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import EventType, State
from counter_app.domain.pauses import is_lawful
from counter_app.i18n import N_

PATTERNS: dict[str, str] = {
    "near_due": N_("Tạm dừng khi còn không quá 1 ngày làm việc đến hạn"),
    "repeated": N_("Tạm dừng nhiều lần một hồ sơ"),
    "over_limit": N_("Tạm dừng dài hơn thời hạn giải quyết của thủ tục"),
    "no_ground": N_("Tạm dừng không có căn cứ hợp pháp"),
}
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class AuditDossier:
    """One dossier's events (in fold order) and its procedure's time limit."""

    code: str
    procedure: str
    limit: ProcessingTime | None
    events: Sequence[EventRecord]


@dataclass(frozen=True)
class PauseRow:
    """One pause and what it shows."""

    code: str
    procedure: str
    clerk: str
    ground: str
    started: datetime
    ended: datetime | None  # None: still paused when the audit was taken
    working_days: float  # working time paused, in working days
    calendar_days: float
    due_at: datetime | None  # the due date in force when the pause began
    number: int  # 1 for the dossier's first pause, 2 for the second, …
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class AuditGroup:
    """Pauses of one clerk, procedure or ground."""

    key: str
    pauses: int
    working_days: float
    flagged: int


@dataclass(frozen=True)
class PauseAudit:
    """The audit of a period."""

    first: date
    last: date
    rows: tuple[PauseRow, ...]
    by_clerk: tuple[AuditGroup, ...] = field(default=())
    by_procedure: tuple[AuditGroup, ...] = field(default=())
    by_ground: tuple[AuditGroup, ...] = field(default=())

    @property
    def flagged(self) -> int:
        """Pauses showing at least one pattern."""
        return sum(1 for row in self.rows if row.patterns)


@dataclass
class _Open:
    event: EventRecord
    due_at: datetime | None
    number: int


def audit_pauses(
    dossiers: Iterable[AuditDossier],
    *,
    first: date,
    last: date,
    calendar: WorkingCalendar,
    until: datetime,
) -> PauseAudit:
    """Every pause begun from ``first`` to ``last`` (local days); open ones measured to
    ``until`` or the period's end, whichever comes first."""
    start = datetime.combine(first, time(0), calendar.tz)
    end = datetime.combine(last + _DAY, time(0), calendar.tz)
    until = min(until, end)
    rows = [
        row
        for dossier in dossiers
        for row in _dossier_rows(dossier, calendar, until)
        if start <= row.started < end
    ]
    rows.sort(key=lambda row: (row.started, row.code))
    return PauseAudit(
        first,
        last,
        tuple(rows),
        _groups(rows, lambda row: row.clerk),
        _groups(rows, lambda row: row.procedure),
        _groups(rows, lambda row: row.ground),
    )


def _dossier_rows(
    dossier: AuditDossier, calendar: WorkingCalendar, until: datetime
) -> list[PauseRow]:
    """The pauses of one dossier, folding its events as the projection does."""
    rows: list[PauseRow] = []
    facts: DossierFacts | None = None
    pause: _Open | None = None
    count = 0
    for event in dossier.events:
        try:
            after = apply(facts, event)
        except (CounterError, KeyError, TypeError, ValueError):
            continue  # skipped by the fold: not part of the dossier's life
        if pause is not None and after.state is not State.PAUSED:
            rows.append(_row(dossier, pause, event.wall_clock, calendar))
            pause = None
        if event.type == EventType.PAUSED.value and facts is not None:
            count += 1
            pause = _Open(event, facts.due_at, count)
        facts = after
    if pause is not None:
        rows.append(_row(dossier, pause, None, calendar, until))
    return rows


def _row(
    dossier: AuditDossier,
    pause: _Open,
    ended: datetime | None,
    calendar: WorkingCalendar,
    until: datetime | None = None,
) -> PauseRow:
    started = pause.event.wall_clock
    stop = ended if ended is not None else max(started, until or started)
    working = calendar.working_time_between(started, stop)
    day_length = calendar.hours.day_length
    ground = str(pause.event.payload.get("kind") or "")
    patterns = [
        name
        for name, shown in (
            ("near_due", _near_due(started, pause.due_at, calendar)),
            ("repeated", pause.number > 1),
            ("over_limit", _over_limit(dossier.limit, working, stop - started, day_length)),
            ("no_ground", not is_lawful(ground)),
        )
        if shown
    ]
    return PauseRow(
        code=dossier.code,
        procedure=dossier.procedure,
        clerk=pause.event.actor,
        ground=ground or "—",
        started=started,
        ended=ended,
        working_days=round(working / day_length, 2),
        calendar_days=round((stop - started) / _DAY, 2),
        due_at=pause.due_at,
        number=pause.number,
        patterns=tuple(patterns),
    )


def _near_due(started: datetime, due: datetime | None, calendar: WorkingCalendar) -> bool:
    """One working day or less left before the due date (or none at all)."""
    if due is None:
        return False
    return calendar.working_time_between(started, due) <= calendar.hours.day_length


def _over_limit(
    limit: ProcessingTime | None, working: timedelta, elapsed: timedelta, day_length: timedelta
) -> bool:
    """Longer than the procedure's own time limit, counted in the limit's unit."""
    if limit is None:
        return False
    if limit.unit is TimeUnit.CALENDAR_DAYS:
        return elapsed > max(limit.amount, 1) * _DAY
    if limit.unit is TimeUnit.WORKING_HOURS:
        return working > timedelta(hours=limit.amount)
    return working > max(limit.amount, 1) * day_length


def _groups(rows: Sequence[PauseRow], key: Callable[[PauseRow], str]) -> tuple[AuditGroup, ...]:
    """Rows summed by ``key``, the most paused first."""
    found: dict[str, list[PauseRow]] = {}
    for row in rows:
        found.setdefault(key(row), []).append(row)
    groups = [
        AuditGroup(
            name,
            len(items),
            round(sum(item.working_days for item in items), 2),
            sum(1 for item in items if item.patterns),
        )
        for name, items in found.items()
    ]
    return tuple(sorted(groups, key=lambda group: (-group.pauses, group.key)))
