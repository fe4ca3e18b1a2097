"""Bearer tokens and one-time enrolment codes; only their SHA-256 is ever stored."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_server import agencies
from counter_server.errors import ApiError, conflict, forbidden, unauthorised
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
    """Record a one-time code for a new station of ``agency_code`` in ``slot``; return it."""
    agency = session.get(Agency, agency_code)
    if agency is None:
        agency = Agency(code=agency_code, name=agency_name, last_server_seq=0)
        session.add(agency)
    elif agency_name:
        agency.name = agency_name
    if parent_code is not None:
        agencies.set_parent(session, agency, parent_code)
    return _new_code(session, agency_code=agency_code, slot=slot, now=now)


def create_rekey_code(*, session: Session, station_id: str, now: datetime) -> str:
    """Record a one-time code that gives the enrolled station ``station_id`` a new token (its
    old one is refused from then on): for a station whose keyring was lost, or revoked by
    mistake. Only that station id can redeem it."""
    station = session.get(Station, station_id)
    if station is None or station.kind != COUNTER:
        raise ApiError(404, "unknown_station", f"No station {station_id[:40]} is enrolled.")
    return _new_code(
        session, agency_code=station.agency_code, slot=station.slot, now=now, station_id=station_id
    )


def _new_code(
    session: Session, *, agency_code: str, slot: int, now: datetime, station_id: str | None = None
) -> str:
    code = new_code()
    session.add(
        EnrolmentCode(
            code_hash=digest(normalise_code(code)),
            agency_code=agency_code,
            slot=slot,
            station_id=station_id,
            created_at=now,
            expires_at=now + CODE_TTL,
        )
    )
    return code


def redeem_code(
    *, session: Session, code: str, station_id: str, now: datetime, public_key: str | None = None
) -> tuple[str, Station]:
    """Use a one-time code: the station gets a fresh token (returned) and the code's slot.

    The database decides, so that concurrent requests on any number of server processes
    agree: the code is claimed by a conditional update (the first claim wins; the others find
    it used), then the agency's row lock orders enrolments of one agency, so the slot check
    sees every station enrolled before. A refusal rolls back the claim: the code stays usable.
    """
    entry = _claim(session, code=code, station_id=station_id, now=now)
    agencies.lock(session, entry.agency_code)
    station = session.get(Station, station_id)
    if entry.station_id is None and station is not None:
        raise conflict("station_taken", f"Station id {station_id} is already enrolled.")
    if entry.station_id is not None and entry.station_id != station_id:
        raise forbidden("This code gives a new token to another station.")
    _check_slot_free(
        session=session, agency_code=entry.agency_code, slot=entry.slot, station_id=station_id
    )
    if station is None:
        station = Station(id=station_id, held_seq=0, agency_code=entry.agency_code, slot=entry.slot)
        session.add(station)
    token = new_token()
    station.token_hash = digest(token)
    station.revoked = False  # a re-key code names this very station: an administrator's decision
    station.enrolled_at = now
    station.public_key = public_key
    return token, station


def _claim(session: Session, *, code: str, station_id: str, now: datetime) -> EnrolmentCode:
    """Mark the code used by ``station_id`` unless it is used already; the code's row."""
    code_hash = digest(normalise_code(code))
    claimed = session.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.code_hash == code_hash, EnrolmentCode.used_at.is_(None))
        .values(used_at=now, used_by=station_id)
        .returning(EnrolmentCode.code_hash)
    ).first()
    if claimed is None:
        raise forbidden("The enrolment code is unknown or has already been used.")
    entry = session.get(EnrolmentCode, code_hash, populate_existing=True)
    assert entry is not None
    if entry.expires_at <= now:
        raise forbidden("The enrolment code has expired; ask the administrator for a new one.")
    return entry


def _check_slot_free(*, session: Session, agency_code: str, slot: int, station_id: str) -> None:
    """Two live stations of one agency in one slot would issue the same dossier codes."""
    holder = session.scalar(
        select(Station.id).where(
            Station.agency_code == agency_code,
            Station.slot == slot,
            Station.revoked.is_(False),
            Station.kind == COUNTER,
            Station.id != station_id,
        )
    )
    if holder is not None:
        raise conflict("slot_taken", f"Slot {slot} is held by station {holder}.")


def revoke(*, session: Session, station_id: str) -> bool:
    """Refuse the station's token from now on; False when no such station."""
    station = session.get(Station, station_id)
    if station is None or station.kind != COUNTER:
        return False
    station.revoked = True
    return True
