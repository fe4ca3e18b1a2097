"""``/v1/admin``: publications, hand-carried imports, the quarantine and the centres' contacts,
behind the admin token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query

from counter_app.sync.protocol import ReleaseBody
from counter_server import agencies, imports, publications, sync
from counter_server import quarantine as quarantined
from counter_server.deps import ERRORS, AdminDep, SessionDep, TransferKeyDep
from counter_server.http import GzipRoute
from counter_server.models import Publication
from counter_server.publications import CalendarBody
from counter_server.schemas import (
    AgencyContacts,
    AgencyShown,
    CataloguePublish,
    ImportResult,
    Published,
    QuarantinedEvent,
    QuarantineReview,
)

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


@router.post("/admin/release")
def publish_release(session: SessionDep, _admin: AdminDep, body: ReleaseBody) -> Published:
    """Announce a Counter version to every station; with ``required_from``, stations running an
    older one are refused (426 ``client_too_old``) from that day on."""
    row = publications.publish_release(session, body, now=sync.utc_now())
    session.commit()
    return _published(row)


@router.post("/import")
def import_transfer(
    session: SessionDep,
    _admin: AdminDep,
    transfer: TransferKeyDep,
    data: Annotated[bytes, Body(media_type="application/octet-stream")],
) -> ImportResult:
    """Import a sealed file a station wrote with ``sync export`` (idempotent, like a push)."""
    result = imports.import_file(session, data, now=sync.utc_now(), server_key=transfer)
    session.commit()
    return result


@router.get("/admin/quarantine")
def quarantine(
    session: SessionDep,
    _admin: AdminDep,
    agency: Annotated[str | None, Query(max_length=20)] = None,
    state: quarantined.Listing = "open",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[QuarantinedEvent]:
    """Links held in a chain but not applied, newest first, with the reason (open: not reviewed)."""
    return quarantined.listed(session, agency=agency, state=state, limit=limit)


@router.post("/admin/quarantine/{event_id}/review")
def review_quarantined(
    session: SessionDep,
    admin: AdminDep,
    event_id: Annotated[str, Path(min_length=1, max_length=36)],
    body: QuarantineReview,
) -> QuarantinedEvent:
    """Record what was done about a quarantined link; it stays held and leaves the open list."""
    row = quarantined.review(session, event_id, by=admin.label, note=body.note, now=sync.utc_now())
    session.commit()
    return quarantined.described(row)


@router.put("/admin/agencies/{code}")
def agency_contacts(
    session: SessionDep,
    _admin: AdminDep,
    code: Annotated[str, Path(min_length=1, max_length=20)],
    body: AgencyContacts,
) -> AgencyShown:
    """Set what the public lookup page shows of an enrolled agency's centre."""
    row = agencies.set_contacts(
        agencies.known(session, code.strip().upper()),
        name=body.name,
        address=body.address,
        phone=body.phone,
    )
    session.commit()
    return AgencyShown(code=row.code, name=row.name, address=row.address, phone=row.phone)


def _published(row: Publication) -> Published:
    return Published(pub_seq=row.pub_seq, kind=row.kind, published_at=row.published_at)
