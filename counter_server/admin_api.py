"""``/v1/admin``: publications, hand-carried imports and the quarantine, behind the admin token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query
from sqlalchemy import select

from counter_server import imports, publications, sync
from counter_server.deps import ERRORS, AdminDep, SessionDep
from counter_server.http import GzipRoute
from counter_server.models import Event, Publication
from counter_server.publications import CalendarBody
from counter_server.schemas import CataloguePublish, ImportResult, Published, QuarantinedEvent

router = APIRouter(prefix="/v1", route_class=GzipRoute, responses=ERRORS)  # type: ignore[arg-type]


@router.post("/admin/catalogue")
def publish_catalogue(session: SessionDep, _admin: AdminDep, body: CataloguePublish) -> Published:
    """Publish a catalogue file to every station (validated as a station's import would)."""
    document = body.model_dump()
    row = publications.publish_catalogue(session, document, file="catalogue", now=sync.utc_now())
    session.commit()
    return _published(row)


@router.post("/admin/calendar")
def publish_calendar(session: SessionDep, _admin: AdminDep, body: CalendarBody) -> Published:
    """Publish extra days off, make-up working days and removals to every station."""
    row = publications.publish_calendar(session, body, now=sync.utc_now())
    session.commit()
    return _published(row)


@router.post("/import")
def import_transfer(
    session: SessionDep,
    _admin: AdminDep,
    data: Annotated[bytes, Body(media_type="application/octet-stream")],
) -> ImportResult:
    """Import a sealed file a station wrote with ``sync export`` (idempotent, like a push)."""
    result = imports.import_file(session, data, now=sync.utc_now())
    session.commit()
    return result


@router.get("/admin/quarantine")
def quarantine(
    session: SessionDep,
    _admin: AdminDep,
    agency: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[QuarantinedEvent]:
    """Links held in a chain but not applied, newest first, with the reason."""
    query = select(Event).where(Event.quarantine.is_not(None))
    if agency is not None:
        query = query.where(Event.agency_code == agency)
    rows = session.scalars(query.order_by(Event.received_at.desc()).limit(limit))
    return [
        QuarantinedEvent(
            id=row.id,
            agency_code=row.agency_code,
            station_id=row.station_id,
            seq=row.seq,
            server_seq=row.server_seq,
            dossier_id=row.dossier_id,
            type=row.type,
            reason=row.quarantine or "",
        )
        for row in rows
    ]


def _published(row: Publication) -> Published:
    return Published(pub_seq=row.pub_seq, kind=row.kind, published_at=row.published_at)
