"""The FastAPI application: enrolment, push and pull (OpenAPI at ``/docs``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from counter_app.sync.protocol import (
    MAX_PULL,
    EnrolRequest,
    EnrolResponse,
    ErrorResponse,
    OwnEventsResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    StationStatus,
)
from counter_server import auth, sync
from counter_server.db import Database, upgrade
from counter_server.errors import ApiError
from counter_server.http import (
    BodyLimit,
    GzipRoute,
    on_api_error,
    on_http_error,
    on_integrity_error,
    on_validation_error,
)
from counter_server.models import Station

DATABASE_URL_ENV = "COUNTER_SERVER_DATABASE_URL"


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; what is not committed is rolled back on close."""
    database: Database = request.app.state.database
    yield from database.session()


SessionDep = Annotated[Session, Depends(get_session)]


def current_station(
    session: SessionDep, authorization: Annotated[str | None, Header()] = None
) -> Station:
    """The calling station, from its bearer token."""
    return auth.station_for_token(session=session, authorization=authorization)


StationDep = Annotated[Station, Depends(current_station)]
_ERRORS = {code: {"model": ErrorResponse} for code in (400, 401, 403, 409, 413, 415, 422)}
router = APIRouter(prefix="/v1", route_class=GzipRoute, responses=_ERRORS)  # type: ignore[arg-type]


@router.post("/enrol")
def enrol(body: EnrolRequest, session: SessionDep) -> EnrolResponse:
    """Trade a one-time enrolment code for the station's token and slot."""
    token, station = auth.redeem_code(
        session=session, code=body.code, station_id=body.station_id, now=sync.utc_now()
    )
    session.commit()
    return EnrolResponse(token=token, agency_code=station.agency_code, slot=station.slot)


@router.post("/push")
def push(body: PushRequest, session: SessionDep, station: StationDep) -> PushResponse:
    """Store a batch of the caller's own events (idempotent); answer what the server holds."""
    held = sync.push(session=session, station=station, events=body.events, now=sync.utc_now())
    session.commit()
    return PushResponse(held_through_seq=held)


@router.get("/pull")
def pull(
    session: SessionDep,
    station: StationDep,
    after: Annotated[int, Query(ge=0, description="The cursor of the last pull")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
) -> PullResponse:
    """Events of the caller's agency that it did not author, after ``after``."""
    events = sync.pull(session=session, station=station, after=after, limit=limit)
    cursor = events[-1].server_seq if events else after
    return PullResponse(events=events, next_cursor=cursor, server_time=sync.utc_now())


@router.get("/status")
def station_status(station: StationDep) -> StationStatus:
    """How far the server holds the caller's chain, and the server's clock."""
    return sync.status(station=station)


@router.get("/own")
def own_events(
    session: SessionDep,
    station: StationDep,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 100_000,
) -> OwnEventsResponse:
    """The caller's own events the server holds after seq ``after`` (restore from backup)."""
    return sync.own(session=session, station=station, after=after, limit=limit)


@router.get("/time")
def server_time() -> dict[str, datetime]:
    """The server's clock, for a station to measure its skew."""
    return {"server_time": sync.utc_now()}


def create_app(database_url: str) -> FastAPI:
    """The application on ``database_url``, migrated to the newest schema first."""
    database = Database(database_url)
    upgrade(database.engine)
    app = FastAPI(title="Counter central server", version="1")
    app.state.database = database
    app.include_router(router)
    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(IntegrityError, on_integrity_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_middleware(BodyLimit)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory --workers N``: the URL comes from the environment."""
    return create_app(os.environ[DATABASE_URL_ENV])
