"""``/v1/access``: stations push their access chains; administrators read who saw what."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from counter_app.sync.protocol import AccessHead, AccessPushRequest
from counter_server import access, sync
from counter_server.deps import ERRORS, AdminDep, SessionDep, StationDep
from counter_server.http import GzipRoute
from counter_server.models import AccessDossier, AccessEntry, Dossier

router = APIRouter(prefix="/v1", route_class=GzipRoute, responses=ERRORS)  # type: ignore[arg-type]


class AccessListing(BaseModel):
    """Access-log entries, newest first."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[dict[str, Any]]


@router.get("/access/head")
def access_head(session: SessionDep, station: StationDep) -> AccessHead:
    """How far the server holds the caller's access chain."""
    return access.head(session, station.id)


@router.post("/access")
def push_access(body: AccessPushRequest, session: SessionDep, station: StationDep) -> AccessHead:
    """Store a batch of the caller's access-log entries (idempotent)."""
    held = access.push(session, station=station, entries=body.entries, now=sync.utc_now())
    session.commit()
    return held


@router.get("/admin/access")
def list_access(
    session: SessionDep,
    _admin: AdminDep,
    agency: Annotated[str, Query(min_length=1, max_length=20)],
    dossier: Annotated[str | None, Query(max_length=40, description="a dossier code")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> AccessListing:
    """Who saw the agency's data (or one of its dossiers), at the counters and the back office."""
    query = select(AccessEntry).where(AccessEntry.agency_code == agency)
    if dossier is not None:
        ids = select(Dossier.id).where(Dossier.agency_code == agency, Dossier.code == dossier)
        linked = select(AccessDossier.entry_id).where(AccessDossier.dossier_id.in_(ids))
        query = query.where(AccessEntry.id.in_(linked))
    rows = session.scalars(query.order_by(AccessEntry.at.desc()).limit(limit))
    return AccessListing(entries=[_listed(row) for row in rows])


def _listed(row: AccessEntry) -> dict[str, Any]:
    return {
        "at": row.at,
        "station_id": row.station_id,
        "seq": row.seq,
        "actor": row.actor,
        "kind": row.kind,
        "via": row.via,
        "dossier_ids": row.dossier_ids,
        "detail": row.detail,
    }
