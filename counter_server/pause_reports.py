"""The pause audit across communes, from the events synced up: the station's own rules
(``counter_app.domain.pause_audit``) over each dossier's applied events in HLC order, with the
published calendar and the procedure version in force when the dossier was received."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import ProcessingTime, TimeUnit
from counter_app.domain.dossier import DossierFacts, fold_kept
from counter_app.domain.pause_audit import AuditDossier, PauseAudit, audit_pauses
from counter_server import agencies, publications
from counter_server.models import Event
from counter_server.projection import record_of


def pause_audit(
    session: Session, *, first: date, last: date, agency: str, subtree: bool, now: datetime
) -> PauseAudit:
    """Every pause begun in the period in ``agency`` (or it and every agency below it)."""
    agencies.known(session, agency)
    scope = agencies.subtree(session, agency) if subtree else [agency]
    calendar = publications.working_calendar(session)
    return audit_pauses(
        _dossiers(session, scope), first=first, last=last, calendar=calendar, until=now
    )


def _dossiers(session: Session, scope: Sequence[str]) -> Iterator[AuditDossier]:
    paused = (
        select(Event.dossier_id)
        .where(Event.agency_code.in_(list(scope)), Event.type == "paused")
        .distinct()
    )
    rows = session.scalars(
        select(Event)
        .where(
            Event.dossier_id.in_(paused),
            Event.agency_code.in_(list(scope)),
            Event.quarantine.is_(None),
        )
        .order_by(Event.dossier_id, Event.hlc, Event.station_id, Event.seq)
    )
    for _dossier, group in groupby(rows, key=lambda row: row.dossier_id):
        records = [record_of(row) for row in group]
        facts = fold_kept(records).facts
        if facts is None:
            continue
        yield AuditDossier(facts.code, facts.procedure_code, _limit(session, facts), records)


def _limit(session: Session, facts: DossierFacts) -> ProcessingTime | None:
    """The time limit of the published version in force when the dossier was received."""
    at = facts.received_at or facts.created_at
    found = publications.version_in_force(session, facts.procedure_code, at)
    if found is None:
        return None
    spec = publications.spec_of(found)
    return ProcessingTime(spec.time_amount, TimeUnit(spec.time_unit), spec.same_day_cutoff)
