"""Files carried by hand: decrypted, checked against the station's key, stored as a push would.

A station encrypts the file to the server's transfer key (``counter_server.transfer_key``); a
signed file without that layer, written by a Counter from before encryption, is still read.
A file is refused whole (nothing stored) when it is damaged, not a transfer file, from a station
the server does not know or that never sent a public key, signed by another key, or for another
agency. Its events then go through ``sync.push`` with the station as author, so importing twice
changes nothing and a later push of the same events is a no-op.
"""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.sync.transfer import (
    TransferError,
    decrypt_for_server,
    is_encrypted,
    open_sealed,
    verify_signature,
)
from counter_server import sync
from counter_server.errors import ApiError
from counter_server.models import COUNTER, Event, Station
from counter_server.schemas import ImportResult


def refused(detail: str) -> ApiError:
    """422: the file cannot be imported."""
    return ApiError(422, "bad_transfer", detail)


def import_file(
    session: Session, data: bytes, *, now: datetime, server_key: X25519PrivateKey
) -> ImportResult:
    """Import one sealed transfer file, decrypting it with ``server_key`` (the caller commits)."""
    try:
        if is_encrypted(data):
            data = decrypt_for_server(data, server_key)
        sealed = open_sealed(data)
    except TransferError as error:
        raise refused(str(error)) from None
    transfer = sealed.transfer
    station = session.get(Station, transfer.station_id)
    if station is None or station.kind != COUNTER:
        raise refused(f"Station {transfer.station_id} is not enrolled on this server.")
    if station.revoked:
        raise refused(f"Station {station.id} has been revoked; its files are refused too.")
    if station.public_key is None:
        raise refused(f"Station {station.id} sent no public key at enrolment; it cannot sign.")
    if not verify_signature(sealed, station.public_key):
        raise refused("The file's signature is not the station's: it was not signed by it.")
    if transfer.agency_code != station.agency_code:
        raise refused(f"The file names agency {transfer.agency_code}, not {station.agency_code}.")
    before = _held(session, station.id)
    result = sync.push(session=session, station=station, events=transfer.events, now=now)
    return ImportResult(
        station_id=station.id,
        events_in_file=len(transfer.events),
        stored=_held(session, station.id) - before,
        held_through_seq=result.held_through_seq,
        rejected=len(result.rejected),
    )


def _held(session: Session, station_id: str) -> int:
    session.flush()
    count = session.scalar(select(func.count()).where(Event.station_id == station_id))
    return int(count or 0)
