"""What the counter knows that saves the clerk keystrokes and mistakes.

- A returning applicant: the latest dossiers of an ID number give back the address, phone and
  e-mail, and those still open warn of a duplicate (``ix_dossiers``' ``id_number`` index).
- The procedures this counter received last come first in the picker (the newest receipts,
  read backwards on ``ix_dossiers_received_at``).
- The counter's day (received, returned, appointments still waiting), counted on indexes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import Connection, func, select

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.lifecycle import OPEN_STATES, State
from counter_app.models.tables import DOSSIERS, PROCEDURES
from counter_app.services.desk_types import ApplicantHistory, CounterToday, OpenDossier

_D, _P = DOSSIERS.c, PROCEDURES.c
# a result not yet handed back: still being worked on, guided once, or resolved and waiting
NOT_RETURNED = frozenset({*OPEN_STATES, State.PENDING_SUPPLEMENT, State.RESOLVED})
CONTACT_ROWS = 5  # the latest dossiers an address or a phone is taken from
RECENT_WINDOW = 300  # the newest receipts looked at for the counter's usual procedures


def applicant_history(db: Connection, id_number: str) -> ApplicantHistory | None:
    """What the station knows of ``id_number``; None for somebody never seen."""
    latest = db.execute(
        select(_D.applicant_name, _D.dob, _D.address, _D.phone, _D.email)
        .where(_D.id_number == id_number)
        .order_by(_D.created_at.desc())
        .limit(CONTACT_ROWS)
    ).all()
    if not latest:
        return None

    def newest(column: str) -> str | None:
        return next((str(value) for row in latest if (value := getattr(row, column))), None)

    open_rows = db.execute(
        select(_D.code, _D.procedure_code, _P.name, _D.state, _D.due_at)
        .join(PROCEDURES, _P.id == _D.procedure_id)
        .where(_D.id_number == id_number, _D.state.in_(sorted(NOT_RETURNED)))
        .order_by(_D.due_at, _D.code)
    ).all()
    return ApplicantHistory(
        id_number=id_number,
        name=newest("applicant_name"),
        dob=newest("dob"),
        address=newest("address"),
        phone=newest("phone"),
        email=newest("email"),
        open_dossiers=tuple(
            OpenDossier(row.code, row.procedure_code, row.name, row.state, row.due_at)
            for row in open_rows
        ),
    )


def recent_procedures(db: Connection, station_id: str, *, limit: int = 8) -> list[str]:
    """The codes of the procedures this station received last, the latest first."""
    codes = db.execute(
        select(_D.procedure_code)
        .where(_D.received_at.is_not(None), _D.station_id == station_id)
        .order_by(_D.received_at.desc())
        .limit(RECENT_WINDOW)
    ).scalars()
    return list(dict.fromkeys(codes))[:limit]


def counter_today(db: Connection, station_id: str, now: datetime) -> CounterToday:
    """Today (Vietnam's day of ``now``) at this counter."""
    start = datetime.combine(now.astimezone(VN_TZ).date(), time.min, VN_TZ)
    end = start + timedelta(days=1)

    def count(*conditions: object) -> int:
        query = select(func.count()).select_from(DOSSIERS).where(*conditions)  # type: ignore[arg-type]
        return int(db.execute(query).scalar_one())

    here = _D.station_id == station_id
    return CounterToday(
        received=count(here, _D.received_at >= start, _D.received_at < end),
        returned=count(here, _D.returned_at >= start, _D.returned_at < end),
        waiting=count(
            here, _D.state.in_(sorted(NOT_RETURNED)), _D.due_at >= start, _D.due_at < end
        ),
    )
