"""Dossiers late, due today or due soon: the list a leader works through each morning.

Each group is read with the ``ix_dossiers_state_due`` index (``state IN (...) AND due_at`` in
the group's range ``ORDER BY due_at``): at most ROWS_PER_GROUP rows, the most overdue first, and
its exact count. An office with a backlog of many thousand late dossiers still gets a list read
in a moment and the true numbers. The working days late are computed in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, Select, func, select

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import OPEN_STATES, STATE_LABELS, State
from counter_app.i18n import _
from counter_app.models.tables import DOSSIERS, PROCEDURES

_D, _P = DOSSIERS, PROCEDURES
MAX_WITHIN_DAYS = 60
ROWS_PER_GROUP = 500  # listed of each group; the counts are of every dossier

Group = Literal["late", "today", "soon"]
GROUPS: tuple[Group, ...] = ("late", "today", "soon")


@dataclass(frozen=True)
class DueRow:
    """One open dossier on the due board."""

    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str  # of the version the dossier was received under
    state: State
    state_label: str
    due_at: datetime
    group: Group
    days_late: int  # working days late; 0 unless ``group`` is "late"
    hours_late: int  # working hours late (whole), for one late less than a working day
    apology_count: int


def _end_of(day: date, calendar: WorkingCalendar) -> datetime:
    """The first moment of the day after ``day``, in the calendar's zone."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), calendar.tz)


def due_limits(
    *, calendar: WorkingCalendar, now: datetime, within_days: int
) -> tuple[datetime, datetime]:
    """(end of today, end of the ``within_days``-th next working day) in local time."""
    if within_days < 0 or within_days > MAX_WITHIN_DAYS:
        raise InvalidInput(
            _("Số ngày làm việc phải từ 0 đến {n}.").format(n=MAX_WITHIN_DAYS),
            field="within_days",
        )
    today = now.astimezone(calendar.tz).date()
    last = today
    for _step in range(within_days):
        last = calendar.next_working_day(last)
    return _end_of(today, calendar), _end_of(last, calendar)


@dataclass(frozen=True)
class DueList:
    """The board: its rows, late then due today then due soon, and every group's full count."""

    rows: list[DueRow]
    counts: dict[Group, int]

    @property
    def shortened(self) -> bool:
        """True when a group has more dossiers than are listed."""
        listed = dict.fromkeys(GROUPS, 0)
        for row in self.rows:
            listed[row.group] += 1
        return any(self.counts[group] > listed[group] for group in GROUPS)


def _in_range(since: datetime | None, before: datetime) -> list[Any]:
    open_states = sorted(state.value for state in OPEN_STATES)
    conditions = [_D.c.state.in_(open_states), _D.c.due_at < before]
    return conditions if since is None else [*conditions, _D.c.due_at >= since]


def due_query(since: datetime | None, before: datetime) -> Select[Any]:
    """Open dossiers due in [since, before), by due date (served by ``ix_dossiers_state_due``)."""
    return (
        select(
            _D.c.code,
            _D.c.applicant_name,
            _D.c.procedure_code,
            _P.c.name.label("procedure_name"),
            _D.c.state,
            _D.c.due_at,
            _D.c.apology_count,
        )
        .join(_P, _P.c.id == _D.c.procedure_id)
        .where(*_in_range(since, before))
        .order_by(_D.c.due_at, _D.c.code)
    )


def _row(record: Any, group: Group, calendar: WorkingCalendar, now: datetime) -> DueRow:
    due: datetime = record.due_at
    state = State(record.state)
    late = group == "late"
    days = max(calendar.working_days_between(due, now), 0) if late else 0
    hours = (
        calendar.working_time_between(due, now) // timedelta(hours=1) if late and not days else 0
    )
    return DueRow(
        code=record.code,
        applicant_name=record.applicant_name,
        procedure_code=record.procedure_code,
        procedure_name=record.procedure_name,
        state=state,
        state_label=_(STATE_LABELS[state]),
        due_at=due,
        group=group,
        days_late=days,
        hours_late=max(hours, 0),
        apology_count=int(record.apology_count or 0),
    )


def due_list(
    db: Connection,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    within_days: int,
    per_group: int = ROWS_PER_GROUP,
) -> DueList:
    """Open dossiers late, due today, or due within ``within_days`` working days.

    Late ones come first, most overdue first, then the others by due date; at most
    ``per_group`` of each group are listed, and each group is counted whole.
    """
    end_of_today, limit = due_limits(calendar=calendar, now=now, within_days=within_days)
    ranges: dict[Group, tuple[datetime | None, datetime]] = {
        "late": (None, now),
        "today": (now, end_of_today),
        "soon": (end_of_today, limit),
    }
    rows: list[DueRow] = []
    counts: dict[Group, int] = dict.fromkeys(GROUPS, 0)
    for group, (since, before) in ranges.items():
        if since is not None and before <= since:
            continue
        found = db.execute(due_query(since, before).limit(per_group))
        rows += [_row(record, group, calendar, now) for record in found]
        total = select(func.count()).select_from(_D).where(*_in_range(since, before))
        counts[group] = int(db.execute(total).scalar_one())
    return DueList(rows, counts)
