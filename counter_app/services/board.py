"""What is due and what is late: the counts a leader looks at first."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.lifecycle import OPEN_STATES
from counter_app.models.tables import DOSSIERS

_D = DOSSIERS


def board_counts(db: Connection, *, calendar: WorkingCalendar, now: datetime) -> dict[str, int]:
    """Open dossiers, those due before the end of today, and those already late."""
    open_states = [state.value for state in OPEN_STATES]
    local_today = now.astimezone(calendar.tz).date()
    end_of_today = datetime.combine(
        local_today + timedelta(days=1), datetime.min.time(), calendar.tz
    )

    def count(*conditions: object) -> int:
        query = select(func.count()).select_from(_D).where(_D.c.state.in_(open_states), *conditions)  # type: ignore[arg-type]
        return int(db.execute(query).scalar_one())

    return {
        "open": count(),
        "due_today": count(_D.c.due_at >= now, _D.c.due_at < end_of_today),
        "late": count(_D.c.due_at < now),
    }
