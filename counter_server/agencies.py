"""Agencies: each one's row is its write lock, they form a tree (communes and departments
under the province) for totals over a subtree, and each holds its centre's name, address
and phone for the citizen's lookup page."""

from __future__ import annotations

import re

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import clean, clean_optional
from counter_server.errors import ApiError, conflict
from counter_server.models import Agency

_PHONE = re.compile(r"^[0-9 +().-]{3,40}$")  # hotlines (1022) and fixed lines (0236 3821 234)

MAX_DEPTH = 16  # province → commune is 2 (two levels since 1/7/2025); far deeper is a mistake


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


def lock(session: Session, code: str) -> int:
    """Take the agency's write lock for the rest of the transaction; return its counter.

    An UPDATE, so PostgreSQL holds a row lock and SQLite its write lock until commit: every
    server process orders one agency's pushes, steps and enrolments through the database.
    """
    counter = session.execute(
        update(Agency)
        .where(Agency.code == code)
        .values(last_server_seq=Agency.last_server_seq)
        .returning(Agency.last_server_seq)
    ).scalar_one()
    return int(counter)


def advance(session: Session, code: str, *, last: int) -> None:
    """Record the last server_seq handed out (the lock itself ends with the transaction)."""
    session.execute(update(Agency).where(Agency.code == code).values(last_server_seq=last))


def set_contacts(
    agency: Agency,
    *,
    name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
) -> Agency:
    """Change what the lookup page shows of the centre; None keeps a value, "" clears it."""
    if name is not None:
        agency.name = clean(name, field="name", max_length=200)
    if address is not None:
        agency.address = clean_optional(address, field="address", max_length=300)
    if phone is not None:
        shown = clean_optional(phone, field="phone", max_length=40)
        if shown is not None and not _PHONE.match(shown):
            raise InvalidInput(
                f"the centre's phone {shown!r} may hold only digits, spaces and + ( ) . -",
                field="phone",
            )
        agency.phone = shown
    return agency
