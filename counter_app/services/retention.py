"""Which closed dossiers have outlived their retention period, and the card texts kept before.

A dossier's personal fields are kept for the years its field of law (lĩnh vực) is given in the
``retention_years`` setting, counted in whole years from the year the dossier closed (its result
returned, or it was refused, withdrawn or stopped, or, guided once and never completed, the year
it was guided): the Archives Law counts a retention period by years from the year the work
ended (Luật Lưu trữ 33/2024/QH15 Điều 15), so a dossier closed in 2026 and kept 10 years is due
from 1 January 2037, whichever of 2026 or 2027 is taken as the first year. The year is Vietnam's.
0 years: never erased. A dossier still waiting for its result is never due. The default rules
and their sources are in counter_app/domain/retention_rules.py and docs/legal.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, func, literal_column, select

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.lifecycle import State
from counter_app.domain.retention_rules import DEFAULT_FIELD, DEFAULT_YEARS
from counter_app.models.tables import DOSSIERS, EVENTS, PROCEDURES

_D, _P = DOSSIERS, PROCEDURES
CLOSED = (
    State.RETURNED.value,
    State.REFUSED.value,
    State.WITHDRAWN.value,
    State.STOPPED.value,
    State.PENDING_SUPPLEMENT.value,
)
_LEGACY_SCAN = "json_extract(events.payload, '$.dossier.scan_raw') IS NOT NULL"


@dataclass(frozen=True)
class DueErasure:
    """A closed dossier whose personal fields are due for erasure."""

    dossier_id: str
    code: str
    field: str
    years: int
    closed_at: datetime


def years_for(rules: Mapping[str, int], field: str) -> int:
    """The retention of ``field`` (its own rule, else the ``*`` rule, else 10 years)."""
    return int(rules.get(field, rules.get(DEFAULT_FIELD, DEFAULT_YEARS)))


def due(db: Connection, *, rules: Mapping[str, int], now: datetime) -> list[DueErasure]:
    """Closed dossiers past their field's retention whose personal fields are still held."""
    closed_at = func.coalesce(_D.c.returned_at, _D.c.ended_at, _D.c.created_at)
    query = (
        select(_D.c.id, _D.c.code, _P.c.field, closed_at.label("closed_at"))
        .join(_P, _P.c.id == _D.c.procedure_id)
        .where(_D.c.state.in_(CLOSED), _D.c.applicant_name != "")
        .order_by(literal_column("closed_at"))
    )
    found: list[DueErasure] = []
    for dossier_id, code, field, closed in db.execute(query):
        years = years_for(rules, field)
        moment = closed if isinstance(closed, datetime) else datetime.fromisoformat(closed)
        if years > 0 and due_from(moment, years) <= now:
            found.append(DueErasure(dossier_id, code, field, years, moment))
    return found


def due_from(closed: datetime, years: int) -> datetime:
    """The first moment a dossier closed at ``closed`` and kept ``years`` years may be erased:
    1 January (Vietnam's time) of the year after the last year of its period."""
    return datetime(closed.astimezone(VN_TZ).year + years + 1, 1, 1, tzinfo=VN_TZ)


def legacy_scans(db: Connection) -> list[str]:
    """Dossiers whose first event still holds a scanned card's text (written before it was
    dropped at reception): minimum data removes it whatever the dossier's state."""
    query = (
        select(EVENTS.c.dossier_id)
        .where(and_(EVENTS.c.type.in_(("received", "supplement_requested", "refused"))))
        .where(literal_column(_LEGACY_SCAN))
        .distinct()
    )
    return list(db.execute(query).scalars())
