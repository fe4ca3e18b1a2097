"""The period report across stations and agencies, from the events synced up (issue 6).

Figures come from the same domain code as the station's report: each dossier's applied events
become a trail with ``counter_app.domain.trails`` and ``build_report`` counts them, so one event
history gives the same figures on a station and on the server. A procedure's label and field
come from the published catalogue (its newest version).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.statistics import Period, PeriodReport, Trail, build_report
from counter_app.domain.trails import STEP_TYPES, trail
from counter_server import agencies, publications
from counter_server.models import Dossier, Event
from counter_server.projection import record_of


def period_report(
    session: Session,
    *,
    period: Period,
    agency: str,
    subtree: bool,
    field: str | None = None,
) -> PeriodReport:
    """The report for ``agency`` alone or with every agency below it (optionally one field)."""
    agencies.known(session, agency)
    scope = agencies.subtree(session, agency) if subtree else [agency]
    trails = _trails(session, scope)
    if field is not None:
        trails = (item for item in trails if item.field == field)
    return build_report(trails, period)


def _trails(session: Session, scope: Sequence[str]) -> Iterator[Trail]:
    labels = publications.current_labels(session)
    rows = session.execute(
        select(Event, Dossier.procedure_code, Dossier.channel, Dossier.return_method)
        .join(Dossier, Dossier.id == Event.dossier_id)
        .where(
            Dossier.agency_code.in_(list(scope)),
            Event.agency_code == Dossier.agency_code,
            Event.quarantine.is_(None),
            Event.type.in_(STEP_TYPES),
        )
        .order_by(Event.dossier_id)
    )
    for _dossier, group in groupby(rows, key=lambda row: row[0].dossier_id):
        items = list(group)
        code, channel, return_method = items[0][1], items[0][2], items[0][3]
        procedure, field = labels.get(code or "", (code or "", ""))
        yield trail(
            (record_of(item[0]) for item in items),
            procedure=procedure,
            field=field,
            channel=channel or "direct",
            return_method=return_method or "counter",
        )
