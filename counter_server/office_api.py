"""``/v1/office``: a department's view of its agency's dossiers and the steps it records.

Every route is scoped by the officer's token to one agency: a dossier of another agency is
answered as unknown (404), never read nor changed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from counter_app.domain.lifecycle import State
from counter_app.sync.protocol import IsoDatetime
from counter_server import backoffice, office_access, sync
from counter_server.deps import ERRORS, OfficerDep, SessionDep
from counter_server.http import GzipRoute
from counter_server.schemas import DossierPage, OfficeDossier, StepRequest

router = APIRouter(prefix="/v1/office", route_class=GzipRoute, responses=ERRORS)  # type: ignore[arg-type]
Code = Annotated[str, Path(min_length=1, max_length=40)]


@router.get("/dossiers")
def list_dossiers(
    *,
    session: SessionDep,
    officer: OfficerDep,
    state: State | None = None,
    due_before: IsoDatetime | None = None,
    q: Annotated[str | None, Query(max_length=100, description="code or name")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> DossierPage:
    """The agency's dossiers, soonest due first; filter by state, due date, code or name.

    The page is on the agency's access log (what kind of query, never its text)."""
    page = backoffice.list_dossiers(
        session,
        agency=officer.agency_code,
        state=None if state is None else state.value,
        due_before=due_before,
        search=q,
        limit=limit,
        offset=offset,
    )
    filters = [name for name, value in (("state", state), ("due_before", due_before)) if value]
    office_access.listed(
        session, officer=officer, page=page, query=q, filters=filters, now=sync.utc_now()
    )
    session.commit()
    return page


@router.get("/dossiers/{code}")
def show_dossier(session: SessionDep, officer: OfficerDep, code: Code) -> OfficeDossier:
    """One dossier of the agency (on the agency's access log)."""
    dossier = backoffice.find(session, agency=officer.agency_code, code=code)
    office_access.opened(session, officer=officer, dossier=dossier, now=sync.utc_now())
    session.commit()
    return backoffice.view(dossier)


@router.post("/dossiers/{code}/steps")
def record_step(
    session: SessionDep, officer: OfficerDep, code: Code, step: StepRequest
) -> OfficeDossier:
    """Record a processing step; it reaches the agency's counters in their next pull."""
    result = backoffice.record_step(
        session, officer=officer, code=code, step=step, now=sync.utc_now()
    )
    session.commit()
    return result
