"""FastAPI dependencies: one session per request, and the caller behind each kind of token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from counter_app.domain.calendar import VN_TZ
from counter_app.sync.protocol import CLIENT_TOO_OLD, VERSION_HEADER, ErrorResponse, version_key
from counter_server import auth, credentials, publications
from counter_server.db import Database
from counter_server.errors import ApiError
from counter_server.models import AdminToken, Officer, Station
from counter_server.sync import utc_now


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; what is not committed is rolled back on close."""
    database: Database = request.app.state.database
    yield from database.session()


# closed as soon as the route has its answer, before the answer travels: a slow link reading it
# holds no connection
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
AuthHeader = Annotated[str | None, Header()]


VersionHeader = Annotated[str | None, Header(alias=VERSION_HEADER)]


def client_version(session: SessionDep, version: VersionHeader = None) -> str | None:
    """The Counter version the station runs (None: older than the header); refused with 426
    when a release announced as required by today is newer."""
    minimum = publications.minimum_client_version(session, utc_now().astimezone(VN_TZ).date())
    if minimum is not None and version_key(version or "") < version_key(minimum):
        raise ApiError(
            426,
            CLIENT_TOO_OLD,
            f"Counter {minimum} or newer is required; this station runs "
            f"{version or 'an older version'}",
            minimum_version=minimum,
        )
    return version


def current_station(session: SessionDep, authorization: AuthHeader = None) -> Station:
    """The calling station, from its bearer token."""
    return auth.station_for_token(session=session, authorization=authorization)


def current_officer(session: SessionDep, authorization: AuthHeader = None) -> Officer:
    """The calling back-office officer, from their bearer token."""
    return credentials.officer_for_token(session=session, authorization=authorization)


def current_admin(session: SessionDep, authorization: AuthHeader = None) -> AdminToken:
    """The calling administrator, from the admin token."""
    return credentials.admin_for_token(session=session, authorization=authorization)


def transfer_key(request: Request) -> X25519PrivateKey:
    """The server's private key that hand-carried files are encrypted to."""
    key: X25519PrivateKey = request.app.state.transfer_key
    return key


StationDep = Annotated[Station, Depends(current_station)]
TransferKeyDep = Annotated[X25519PrivateKey, Depends(transfer_key)]
OfficerDep = Annotated[Officer, Depends(current_officer)]
AdminDep = Annotated[AdminToken, Depends(current_admin)]
ClientVersionDep = Annotated[str | None, Depends(client_version)]
ERRORS = {
    code: {"model": ErrorResponse}
    for code in (400, 401, 403, 404, 408, 409, 413, 415, 422, 426, 429, 503)
}
