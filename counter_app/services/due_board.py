"""Dossiers late, due today or due soon: the list a leader works through each morning.

Read with the ``ix_dossiers_state_due`` index (``state IN (...) AND due_at < :limit ORDER BY
due_at``); the grouping and the working days late are computed in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, Select, select

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import OPEN_STATES, STATE_LABELS, State
from counter_app.i18n import _
from counter_app.models.tables import DOSSIERS

_D = DOSSIERS
MAX_WITHIN_DAYS = 60

Group = Literal["late", "today", "soon"]
GROUPS: tuple[Group, ...] = ("late", "today", "soon")


@dataclass(frozen=True)
class DueRow:
    """One open dossier on the due board."""

    code: str
    applicant_name: str
    procedure_code: str
    state: State
    state_label: str
    due_at: datetime
    group: Group
    days_late: int  # working days late; 0 unless ``group`` is "late"
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


def due_query(limit: datetime) -> Select[Any]:
    """Open dossiers due before ``limit``, by due date (served by ``ix_dossiers_state_due``)."""
    open_states = sorted(state.value for state in OPEN_STATES)
    return (
        select(
            _D.c.code,
            _D.c.applicant_name,
            _D.c.procedure_code,
            _D.c.state,
            _D.c.due_at,
            _D.c.apology_count,
        )
        .where(_D.c.state.in_(open_states), _D.c.due_at < limit)
        .order_by(_D.c.due_at, _D.c.code)
    )


def due_rows(
    db: Connection, *, calendar: WorkingCalendar, now: datetime, within_days: int
) -> list[DueRow]:
    """Open dossiers late, due today, or due within ``within_days`` working days.

    Late ones come first, most overdue first, then the others by due date.
    """
    end_of_today, limit = due_limits(calendar=calendar, now=now, within_days=within_days)
    query = due_query(limit)
    rows: list[DueRow] = []
    for record in db.execute(query):
        due: datetime = record.due_at
        group: Group
        if due < now:
            group = "late"
            days_late = max(calendar.working_days_between(due, now), 0)
        else:
            group = "today" if due < end_of_today else "soon"
            days_late = 0
        state = State(record.state)
        rows.append(
            DueRow(
                code=record.code,
                applicant_name=record.applicant_name,
                procedure_code=record.procedure_code,
                state=state,
                state_label=_(STATE_LABELS[state]),
                due_at=due,
                group=group,
                days_late=days_late,
                apology_count=int(record.apology_count or 0),
            )
        )
    return rows


def group_counts(rows: list[DueRow]) -> dict[Group, int]:
    """How many rows fall in each group."""
    counts: dict[Group, int] = dict.fromkeys(GROUPS, 0)
    for row in rows:
        counts[row.group] += 1
    return counts
