"""The tree of agencies: communes under districts under the province, for totals over a subtree."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_server.errors import ApiError, conflict
from counter_server.models import Agency

MAX_DEPTH = 16  # province → district → commune is 3; anything deeper is a mistake


def known(session: Session, code: str) -> Agency:
    """The agency ``code``, or a 404."""
    agency = session.get(Agency, code)
    if agency is None:
        raise ApiError(404, "unknown_agency", f"No agency {code} is known to the server.")
    return agency


def set_parent(session: Session, agency: Agency, parent_code: str | None) -> None:
    """Place ``agency`` under ``parent_code`` (None: at the top), refusing a loop."""
    if parent_code is not None:
        if parent_code in (agency.code, *subtree(session, agency.code)):
            raise conflict("agency_loop", f"{parent_code} lies under {agency.code}: a loop.")
        if session.get(Agency, parent_code) is None:
            session.add(Agency(code=parent_code, name=parent_code, last_server_seq=0))
    agency.parent_code = parent_code


def subtree(session: Session, code: str) -> list[str]:
    """``code`` and every agency below it, breadth first."""
    found, frontier = [code], [code]
    for _depth in range(MAX_DEPTH):
        frontier = list(
            session.scalars(select(Agency.code).where(Agency.parent_code.in_(frontier)))
        )
        frontier = [child for child in frontier if child not in found]
        if not frontier:
            break
        found.extend(frontier)
    return found
