"""The back office: departments list their agency's dossiers and record processing steps.

A step is judged and shaped by the station's own code (``services.steps.step_payload`` over a
fold of the dossier's applied events), then written in the agency's back-office chain with an
HLC above the dossier's last one, under the agency lock like any push, so it reaches the
agency's stations in their next pull. A step the state forbids is a 409 and nothing is stored.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import NotFound
from counter_app.domain.events import EventRecord, HybridClock, event_hash
from counter_app.domain.lifecycle import EventType
from counter_app.domain.text import fold
from counter_app.i18n import _
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.context import StationContext, StationIdentity
from counter_app.services.step_types import StepInput
from counter_app.services.steps import step_payload
from counter_app.sync.protocol import WireEvent
from counter_server import agencies, publications, sync
from counter_server.credentials import back_office_station
from counter_server.errors import ApiError
from counter_server.models import Agency, Dossier, Officer, Station
from counter_server.projection import Judge
from counter_server.schemas import DossierPage, OfficeDossier, StepRequest


def list_dossiers(
    session: Session,
    *,
    agency: str,
    state: str | None,
    due_before: datetime | None,
    search: str | None,
    limit: int,
    offset: int,
) -> DossierPage:
    """One page of the agency's dossiers, soonest due first."""
    query = select(Dossier).where(Dossier.agency_code == agency, Dossier.state.is_not(None))
    if state is not None:
        query = query.where(Dossier.state == state)
    if due_before is not None:
        query = query.where(Dossier.due_at < due_before)
    if search:
        query = query.where(
            or_(
                Dossier.code.startswith(search.strip().upper(), autoescape=True),
                Dossier.applicant_folded.contains(fold(search), autoescape=True),
            )
        )
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = session.scalars(
        query.order_by(Dossier.due_at.is_(None), Dossier.due_at, Dossier.id)
        .limit(limit)
        .offset(offset)
    ).all()
    following = offset + len(rows)
    return DossierPage(
        dossiers=[view(row) for row in rows],
        total=total,
        next_offset=following if following < total else None,
    )


def view(row: Dossier) -> OfficeDossier:
    """The listing form of a projection row."""
    return OfficeDossier(
        code=row.code,
        state=row.state,
        procedure_code=row.procedure_code,
        applicant_name=row.applicant_name,
        received_at=row.received_at,
        due_at=row.due_at,
        station_id=row.station_id,
        last_hlc=row.last_hlc,
        conflicts=row.conflicts,
    )


def find(session: Session, *, agency: str, code: str) -> Dossier:
    """The agency's dossier with this code; 404 also when it belongs to another agency."""
    row = session.scalar(
        select(Dossier).where(Dossier.agency_code == agency, Dossier.code == code.strip().upper())
    )
    if row is None:
        raise ApiError(404, "unknown_dossier", f"No dossier {code[:60]} in agency {agency}.")
    return row


def record_step(
    session: Session, *, officer: Officer, code: str, step: StepRequest, now: datetime
) -> OfficeDossier:
    """Judge and record one step on the officer's agency's dossier ``code``."""
    agency = officer.agency_code
    next_server_seq = agencies.lock(session, agency)
    dossier = find(session, agency=agency, code=code)
    judge = Judge(session, agency, now)
    judge.load([dossier.id])
    facts = judge.facts(dossier.id)
    assert facts is not None
    station = back_office_station(session=session, agency_code=agency, now=now)
    ctx = _context(session, station, facts)
    payload = step_payload(ctx, facts, EventType(step.event), _input(step), now)
    event = _chained(station, facts, kind=step.event, actor=officer.name, payload=payload, now=now)
    row = sync.store(
        session, event, judge=judge, station=station, server_seq=next_server_seq + 1, now=now
    )
    if row["quarantine"] is not None:  # judged allowed above: only a bug gets here
        raise ApiError(409, "step_conflict", row["quarantine"])
    sync.insert_events(session, [row])
    agencies.advance(session, agency, last=next_server_seq + 1)
    return view(dossier)


def _input(step: StepRequest) -> StepInput:
    return StepInput(
        reason=step.reason,
        to=step.to,
        kind=step.kind,
        result=step.result,
        missing_keys=tuple(step.missing),
    )


def _chained(
    station: Station,
    facts: DossierFacts,
    *,
    kind: str,
    actor: str,
    payload: dict[str, object],
    now: datetime,
) -> WireEvent:
    """The back-office chain's next event, its HLC above everything the dossier has seen."""
    wall_clock = now.astimezone(UTC)  # as a station writes it
    record = EventRecord(
        id=str(uuid.uuid4()),
        dossier_id=facts.id,
        station_id=station.id,
        seq=station.held_seq + 1,
        type=kind,
        actor=actor,
        wall_clock=wall_clock,
        hlc=HybridClock(max(facts.last_hlc, station.held_hlc)).tick(wall_clock),
        payload=payload,
        prev_hash=station.held_hash,
    )
    return WireEvent.from_record(replace(record, hash=event_hash(record)))


def _context(session: Session, station: Station, facts: DossierFacts) -> StationContext:
    """What the station's step code needs: the published calendar and catalogue version."""
    agency = session.get(Agency, station.agency_code)
    assert agency is not None
    identity = StationIdentity(
        station_id=station.id,
        station_name=_("Bộ phận chuyên môn"),
        slot=station.slot,
        agency_code=agency.code,
        agency_name=agency.name,
        parent_name="",
        place_name="",
    )

    def version(_procedure_id: str) -> CatalogueEntry:
        return _dossier_version(session, facts)

    return StationContext(
        identity=identity,
        calendar=publications.working_calendar(session),
        current_procedure=version,
        procedure_version=version,
    )


def _dossier_version(session: Session, facts: DossierFacts) -> CatalogueEntry:
    """The published version of the dossier's procedure in force when it was received."""
    at = facts.received_at or facts.created_at
    found = publications.version_in_force(session, facts.procedure_code, at)
    if found is None:
        raise NotFound(
            _("Thủ tục {code} chưa có trong danh mục đã công bố trên máy chủ.").format(
                code=facts.procedure_code
            )
        )
    spec = publications.spec_of(found)
    return CatalogueEntry(id=str(found.id), version=found.version, is_current=True, spec=spec)
