"""Back-office officers and administrators: bearer tokens printed once and stored as hashes.

An officer's token is scoped to one agency; an administrator's token publishes catalogues and
calendars and imports hand-carried files. Each agency's back office writes its steps in a hash
chain of its own, under a station row of kind ``back_office`` whose id is derived from the
agency code (so every worker finds the same row).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_server.agencies import known
from counter_server.auth import bearer, digest, new_token
from counter_server.errors import forbidden, unauthorised
from counter_server.models import BACK_OFFICE, AdminToken, Officer, Station

_BACK_OFFICE_NAMESPACE = uuid.UUID("5d1f2a7e-3c4b-4e8a-9b61-0c2d3e4f5a6b")
BACK_OFFICE_SLOT = -1  # never a counter's slot: the back office issues no dossier codes


def create_officer(
    *, session: Session, agency_code: str, name: str, now: datetime
) -> tuple[str, str]:
    """A new back-office token for ``agency_code`` (a known agency); return (id, token)."""
    known(session, agency_code)
    token, officer_id = new_token(), str(uuid.uuid4())
    session.add(
        Officer(
            id=officer_id,
            agency_code=agency_code,
            name=name,
            token_hash=digest(token),
            revoked=False,
            created_at=now,
        )
    )
    return officer_id, token


def create_admin_token(*, session: Session, label: str, now: datetime) -> str:
    """A new administrator token; return it."""
    token = new_token()
    session.add(AdminToken(token_hash=digest(token), label=label, revoked=False, created_at=now))
    return token


def revoke_admin_tokens(*, session: Session, label: str) -> int:
    """Refuse every administrator token with this label from now on; return how many."""
    tokens = session.scalars(select(AdminToken).where(AdminToken.label == label)).all()
    for token in tokens:
        token.revoked = True
    return len(tokens)


def revoke_officer(*, session: Session, officer_id: str) -> bool:
    """Refuse an officer's token from now on; False when no such officer."""
    officer = session.get(Officer, officer_id)
    if officer is None:
        return False
    officer.revoked = True
    return True


def officer_for_token(*, session: Session, authorization: str | None) -> Officer:
    """The officer a bearer header belongs to, or a 401."""
    token_hash = digest(bearer(authorization))
    officer = session.scalar(select(Officer).where(Officer.token_hash == token_hash))
    if officer is None or officer.revoked:
        raise unauthorised("The token is not a valid back-office token.")
    return officer


def admin_for_token(*, session: Session, authorization: str | None) -> AdminToken:
    """The administrator credential of a bearer header, or a 401/403."""
    token_hash = digest(bearer(authorization))
    admin = session.get(AdminToken, token_hash)
    if admin is None:
        raise unauthorised("The token is not a valid administrator token.")
    if admin.revoked:
        raise forbidden("This administrator token has been revoked.")
    return admin


def admin_token_hash_valid(session: Session, token_hash: str) -> bool:
    """True when ``token_hash`` is a live administrator token."""
    admin = session.get(AdminToken, token_hash)
    return admin is not None and not admin.revoked


def back_office_id(agency_code: str) -> str:
    """The station id of an agency's back-office chain."""
    return str(uuid.uuid5(_BACK_OFFICE_NAMESPACE, f"back-office:{agency_code}"))


def back_office_station(*, session: Session, agency_code: str, now: datetime) -> Station:
    """The agency's back-office station row, created on first use (call under the agency lock)."""
    station = session.get(Station, back_office_id(agency_code))
    if station is None:
        station = Station(
            id=back_office_id(agency_code),
            agency_code=agency_code,
            slot=BACK_OFFICE_SLOT,
            token_hash=digest(new_token()),  # no one holds it: the chain is written only here
            revoked=False,
            enrolled_at=now,
            held_seq=0,
            kind=BACK_OFFICE,
        )
        session.add(station)
        session.flush()
    return station
