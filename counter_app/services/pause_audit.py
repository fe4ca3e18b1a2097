"""The station's pause audit: the dossiers paused in a period, read from the event log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, select

from counter_app.domain.pause_audit import AuditDossier, PauseAudit, audit_pauses
from counter_app.models.tables import EVENTS
from counter_app.services.context import StationContext
from counter_app.services.dossier_fold import fold_records, procedure_aliases
from counter_app.services.eventlog import load_events
from counter_app.services.reception import processing_time


def paused_dossiers(db: Connection, start: datetime, end: datetime) -> list[str]:
    """Ids of the dossiers with a pause begun in [start, end) (the partial index's query)."""
    e = EVENTS.c
    query = (
        select(e.dossier_id)
        .where(e.type == "paused", e.wall_clock >= start, e.wall_clock < end)
        .distinct()
    )
    return list(db.execute(query).scalars())


def pause_audit(
    db: Connection, *, ctx: StationContext, first: date, last: date, now: datetime | None = None
) -> PauseAudit:
    """Every pause begun from ``first`` to ``last`` (days in Vietnam), with its patterns."""
    tz = ctx.calendar.tz
    start = datetime.combine(first, time(0), tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tz)
    aliases = procedure_aliases(db)
    dossiers = []
    for dossier_id in paused_dossiers(db, start, end):
        records = load_events(db, dossier_id)
        facts = fold_records(records, aliases).facts
        if facts is None:
            continue
        entry = ctx.procedure_version(facts.procedure_id)
        limit = processing_time(entry)
        dossiers.append(AuditDossier(facts.code, facts.procedure_code, limit, records))
    until = now or datetime.now(UTC)
    return audit_pauses(dossiers, first=first, last=last, calendar=ctx.calendar, until=until)
