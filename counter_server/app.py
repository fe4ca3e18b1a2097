"""The FastAPI application: the stations' sync API, and the routers of the other callers.

OpenAPI at ``/docs``. Stations enrol, ask their status, push, pull and take back their own
events; departments use ``office_api``, administrators ``admin_api``, and reports are in
``reports_api``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import Annotated

import anyio.to_thread
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as SqlTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from counter_app import logs
from counter_app.domain.errors import CounterError
from counter_app.sync.protocol import (
    MAX_PULL,
    EnrolRequest,
    EnrolResponse,
    OwnEventsResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    QuarantinedOwnResponse,
    RelayRequest,
    SiblingsResponse,
    StationStatus,
    TransferKey,
)
from counter_app.sync.transfer import x25519_public_text
from counter_server import access_api, admin_api, auth, office_api, publications, reports_api, sync
from counter_server import transfer_key as transfer_key_file
from counter_server.admission import Admission
from counter_server.db import Database, upgrade
from counter_server.deps import (
    ERRORS,
    ClientVersionDep,
    SessionDep,
    StationDep,
    TransferKeyDep,
    client_version,
)
from counter_server.errors import ApiError
from counter_server.http import (
    BodyLimit,
    GzipRoute,
    on_api_error,
    on_counter_error,
    on_database_error,
    on_http_error,
    on_integrity_error,
    on_unexpected,
    on_validation_error,
)
from counter_server.lookup import page as lookup_page
from counter_server.lookup import tallies
from counter_server.settings import ServerSettings, from_environment

# every station request names its Counter version; one too old is refused (426)
router = APIRouter(
    prefix="/v1",
    route_class=GzipRoute,
    responses=ERRORS,  # type: ignore[arg-type]
    dependencies=[Depends(client_version)],
)
MAX_CURSOR = 2**63 - 1  # the largest value a BIGINT column holds
Cursor = Annotated[int, Query(ge=0, le=MAX_CURSOR, description="The cursor of the last pull")]


@router.post("/enrol")
def enrol(body: EnrolRequest, session: SessionDep, transfer: TransferKeyDep) -> EnrolResponse:
    """Trade a one-time enrolment code for the station's token and slot (keeps its public key);
    the answer carries the server's key that hand-carried files are encrypted to."""
    token, station = auth.redeem_code(
        session=session,
        code=body.code,
        station_id=body.station_id,
        now=sync.utc_now(),
        public_key=body.public_key,
    )
    session.commit()
    return EnrolResponse(
        token=token,
        agency_code=station.agency_code,
        slot=station.slot,
        transfer_key=x25519_public_text(transfer),
    )


@router.get("/transfer-key")
def transfer_key(_station: StationDep, transfer: TransferKeyDep) -> TransferKey:
    """The server's key that hand-carried files are encrypted to."""
    return TransferKey(transfer_key=x25519_public_text(transfer))


@router.get("/status")
def status(station: StationDep) -> StationStatus:
    """How far the server holds the caller's chain, and its clock."""
    return StationStatus(
        held_through_seq=station.held_seq, held_hash=station.held_hash, server_time=sync.utc_now()
    )


@router.post("/push")
def push(body: PushRequest, session: SessionDep, station: StationDep) -> PushResponse:
    """Store a batch of the caller's own events (idempotent); answer what the server holds."""
    result = sync.push(session=session, station=station, events=body.events, now=sync.utc_now())
    session.commit()
    return PushResponse(held_through_seq=result.held_through_seq, rejected=result.rejected)


@router.get("/pull")
def pull(
    session: SessionDep,
    station: StationDep,
    *,
    after: Cursor = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
    publications_after: Cursor = 0,
    version: ClientVersionDep = None,
) -> PullResponse:
    """Events of the caller's agency that it did not author, notices about its dossiers, and
    publications, after cursors (release announcements only to stations that name their
    version: they know the kind)."""
    page = sync.pull(session=session, station=station, after=after, limit=limit)
    published = publications.after(
        session,
        publications_after,
        publications.MAX_PUBLICATIONS_PER_PULL,
        releases=version is not None,
    )
    return PullResponse(
        events=page.events,
        notices=page.notices,
        next_cursor=after if page.last_seq is None else page.last_seq,
        publications=published,
        next_publication_cursor=published[-1].pub_seq if published else publications_after,
        server_time=sync.utc_now(),
    )


@router.get("/own")
def own(
    session: SessionDep,
    station: StationDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_CURSOR, description="The last seq the station still has")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
) -> OwnEventsResponse:
    """The caller's own held events after seq ``after``: for a station restored from a backup."""
    events = sync.own(session=session, station=station, after=after, limit=limit)
    return OwnEventsResponse(events=events, held_through_seq=station.held_seq)


@router.get("/own/quarantined")
def own_quarantined(
    session: SessionDep,
    station: StationDep,
    after: Annotated[
        int, Query(ge=0, le=MAX_CURSOR, description="The seq the station last acknowledged")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
) -> QuarantinedOwnResponse:
    """The caller's own links after seq ``after`` held but set aside (whoever carried them)."""
    events = sync.quarantined_own(session=session, station=station, after=after, limit=limit)
    return QuarantinedOwnResponse(events=events)


@router.get("/siblings")
def siblings(session: SessionDep, station: StationDep) -> SiblingsResponse:
    """The counters of the caller's agency, with their public keys and chain heads."""
    found = sync.siblings(session=session, station=station)
    return SiblingsResponse(stations=found, server_time=sync.utc_now())


@router.post("/relay")
def relay(body: RelayRequest, session: SessionDep, station: StationDep) -> PushResponse:
    """Store links another counter of the caller's agency signed, as its own push would."""
    result = sync.relay(
        session=session,
        carrier=station,
        events=body.events,
        signatures=body.signatures,
        now=sync.utc_now(),
    )
    session.commit()
    return PushResponse(held_through_seq=result.held_through_seq, rejected=result.rejected)


@router.get("/time")
def server_time() -> dict[str, datetime]:
    """The server's clock, for a station to measure its skew."""
    return {"server_time": sync.utc_now()}


def create_app(
    database_url: str,
    settings: ServerSettings | None = None,
    *,
    transfer: X25519PrivateKey | None = None,
) -> FastAPI:
    """The application on ``database_url``, migrated to the newest schema first; hand-carried
    files are decrypted with ``transfer`` (default: the key file, ``transfer_key``)."""
    logs.install()  # before anything can log a citizen's data
    settings = settings or ServerSettings(database_url)
    database = Database(database_url, pool_size=settings.capacity)
    upgrade(database.engine)
    app = FastAPI(title="Counter central server", version="1", lifespan=_threads(settings))
    app.state.database = database
    app.state.transfer_key = transfer or transfer_key_file.load()
    with database.sessions() as session:
        app.state.lookup_key = tallies.key_of(session)
    app.state.lookup_quotas = tallies.Quotas.from_environment()
    for part in (
        router,
        office_api.router,
        admin_api.router,
        reports_api.router,
        lookup_page.router,
        access_api.router,
    ):
        app.include_router(part)
    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(CounterError, on_counter_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(IntegrityError, on_integrity_error)
    app.add_exception_handler(DBAPIError, on_database_error)
    app.add_exception_handler(SqlTimeout, on_database_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
    # pulls of hundreds of events shrink about fivefold: what a commune's slow link can carry
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(Admission, limits=settings.limits)
    # outermost: a body is read whole (in time) before a slot is taken
    app.add_middleware(BodyLimit, read_timeout=settings.read_timeout)
    return app


def _threads(settings: ServerSettings) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A lifespan giving the worker one thread per admitted request (and two for the rest)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.capacity + 2
        yield

    return lifespan


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory --workers N``: the settings come from the environment."""
    settings = from_environment()
    return create_app(settings.database_url, settings)
