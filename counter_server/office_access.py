"""The back office's reads, on the agency's access chain: every list and every dossier opened."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.access import AccessKind, search_detail
from counter_server import access
from counter_server.models import Dossier, Officer
from counter_server.schemas import DossierPage


def listed(
    session: Session,
    *,
    officer: Officer,
    page: DossierPage,
    query: str | None,
    filters: list[str],
    now: datetime,
) -> None:
    """Record a page of the agency's dossiers shown with names (the query's kind, not its text)."""
    codes = [dossier.code for dossier in page.dossiers if dossier.code is not None]
    found = select(Dossier.code, Dossier.id).where(
        Dossier.agency_code == officer.agency_code, Dossier.code.in_(codes)
    )
    by_code = dict(session.execute(found).all())
    shown = [by_code[code] for code in codes if code in by_code]
    detail = search_detail(query or "", filters, len(page.dossiers))
    access.record_office(
        session, officer=officer, kind=AccessKind.SEARCH, dossier_ids=shown, detail=detail, now=now
    )


def opened(session: Session, *, officer: Officer, dossier: Dossier, now: datetime) -> None:
    """Record one dossier shown to the officer."""
    access.record_office(
        session, officer=officer, kind=AccessKind.OPEN, dossier_ids=[dossier.id], detail={}, now=now
    )
