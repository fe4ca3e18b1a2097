"""FastAPI dependencies: one session per request, and the caller behind each kind of token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from counter_app.sync.protocol import ErrorResponse
from counter_server import auth, credentials
from counter_server.db import Database
from counter_server.models import AdminToken, Officer, Station


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; what is not committed is rolled back on close."""
    database: Database = request.app.state.database
    yield from database.session()


SessionDep = Annotated[Session, Depends(get_session)]
AuthHeader = Annotated[str | None, Header()]


def current_station(session: SessionDep, authorization: AuthHeader = None) -> Station:
    """The calling station, from its bearer token."""
    return auth.station_for_token(session=session, authorization=authorization)


def current_officer(session: SessionDep, authorization: AuthHeader = None) -> Officer:
    """The calling back-office officer, from their bearer token."""
    return credentials.officer_for_token(session=session, authorization=authorization)


def current_admin(session: SessionDep, authorization: AuthHeader = None) -> AdminToken:
    """The calling administrator, from the admin token."""
    return credentials.admin_for_token(session=session, authorization=authorization)


StationDep = Annotated[Station, Depends(current_station)]
OfficerDep = Annotated[Officer, Depends(current_officer)]
AdminDep = Annotated[AdminToken, Depends(current_admin)]
ERRORS = {code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 415, 422)}
