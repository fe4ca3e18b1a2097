"""Bearer tokens and one-time enrolment codes; only their SHA-256 is ever stored."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_server import agencies
from counter_server.errors import conflict, forbidden, unauthorised
from counter_server.models import COUNTER, Agency, EnrolmentCode, Station

CODE_TTL = timedelta(hours=72)


def digest(secret: str) -> str:
    """The stored form of a token or code."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> str:
    """A bearer token: 32 random bytes, URL-safe text."""
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """A one-time code a person can read aloud and type: 16 base32 letters in groups of 4."""
    letters = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def normalise_code(code: str) -> str:
    """Upper-case with spaces and dashes removed, so typing variations still match."""
    return "".join(code.split()).replace("-", "").upper()


def bearer(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header, or a 401."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorised("An 'Authorization: Bearer <token>' header is required.")
    return token.strip()


def station_for_token(*, session: Session, authorization: str | None) -> Station:
    """The counter station an ``Authorization: Bearer …`` header belongs to, or a 401."""
    token_hash = digest(bearer(authorization))
    station = session.scalar(
        select(Station).where(Station.token_hash == token_hash, Station.kind == COUNTER)
    )
    if station is None:
        raise unauthorised("The token is not known; enrol the station again.")
    if station.revoked:
        raise unauthorised("The token of this station has been revoked.")
    return station


def create_code(
    *,
    session: Session,
    agency_code: str,
    agency_name: str,
    slot: int,
    now: datetime,
    parent_code: str | None = None,
) -> str:
    """Record a one-time code for a station of ``agency_code`` in ``slot``; return the code."""
    agency = session.get(Agency, agency_code)
    if agency is None:
        agency = Agency(code=agency_code, name=agency_name, last_server_seq=0)
        session.add(agency)
    elif agency_name:
        agency.name = agency_name
    if parent_code is not None:
        agencies.set_parent(session, agency, parent_code)
    code = new_code()
    session.add(
        EnrolmentCode(
            code_hash=digest(normalise_code(code)),
            agency_code=agency_code,
            slot=slot,
            created_at=now,
            expires_at=now + CODE_TTL,
        )
    )
    return code


def redeem_code(
    *, session: Session, code: str, station_id: str, now: datetime, public_key: str | None = None
) -> tuple[str, Station]:
    """Use a one-time code: the station gets a fresh token (returned) and the code's slot."""
    entry = session.get(EnrolmentCode, digest(normalise_code(code)), with_for_update=True)
    if entry is None or entry.used_at is not None:
        raise forbidden("The enrolment code is unknown or has already been used.")
    if entry.expires_at <= now:
        raise forbidden("The enrolment code has expired; ask the administrator for a new one.")
    _check_slot_free(session=session, entry=entry, station_id=station_id)
    token = new_token()
    station = session.get(Station, station_id)
    if station is None:
        station = Station(id=station_id, held_seq=0)
        session.add(station)
    elif station.agency_code != entry.agency_code or station.kind != COUNTER:
        raise conflict("station_taken", "This station id is enrolled in another agency.")
    station.agency_code = entry.agency_code
    station.slot = entry.slot
    station.token_hash = digest(token)
    station.revoked = False
    station.enrolled_at = now
    station.public_key = public_key
    entry.used_at = now
    entry.used_by = station_id
    return token, station


def _check_slot_free(*, session: Session, entry: EnrolmentCode, station_id: str) -> None:
    """Two live stations of one agency in one slot would issue the same dossier codes."""
    holder = session.scalar(
        select(Station.id).where(
            Station.agency_code == entry.agency_code,
            Station.slot == entry.slot,
            Station.revoked.is_(False),
            Station.id != station_id,
        )
    )
    if holder is not None:
        raise conflict("slot_taken", f"Slot {entry.slot} is held by station {holder}.")


def revoke(*, session: Session, station_id: str) -> bool:
    """Refuse the station's token from now on; False when no such station."""
    station = session.get(Station, station_id)
    if station is None or station.kind != COUNTER:
        return False
    station.revoked = True
    return True
