"""The link half of ``bench/sync.py``: one station's dossiers up a slow, cut link and another
counter's pull of them down it, each two ways.

Batched: the station's own sync client (``SyncRound`` over ``ServerApi``, its default policy
and timeouts): gzip batches of the chain, idempotent, halved after a failure and grown again
after a success, round after round until nothing waits; down, the other counter's rounds pull
pages the server sends gzipped. Naive: every dossier as its own uncompressed JSON request to a
route that exists only in this process; down, pages asked for uncompressed
(``Accept-Encoding: identity``), of 50 events so that one fits between two cuts. All go through
the same fault proxy with the same link, one after the other, against the same server; the
proxy counts the bytes on the wire.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import httpx
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import JSON, Column, MetaData, String, Table, select
from sqlalchemy.dialects.sqlite import insert

from counter_app.models.tables import EVENTS
from counter_app.services.eventlog import record_from_row
from counter_app.station import Station
from counter_app.sync.client import DEFAULT_TIMEOUT, ServerApi
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import WireEvent
from counter_app.sync.round import RoundPolicy, SyncRound
from counter_server.app import create_app
from counter_server.cli import enrol
from tests.faults.proxy import FaultProxy, Link, Traffic

NAIVE_TABLE = Table(
    "bench_naive_events",
    MetaData(),
    Column("id", String(36), primary_key=True),
    Column("body", JSON),
)
Pusher = Callable[[httpx.Client, dict[str, str], Sequence[WireEvent], list[float]], int]
Puller = Callable[[httpx.Client, dict[str, str], list[float]], int]


@dataclass(frozen=True)
class LinkRun:
    """One side's figures: wall time, what crossed the link, and the requests' times."""

    name: str
    seconds: float
    traffic: Traffic
    request_seconds: list[float]


class NaiveDossier(BaseModel):
    """The naive client's request: one dossier's events."""

    events: list[WireEvent]


def app_with_naive_route(database_url: str) -> FastAPI:
    """The real server app plus ``POST /naive/dossier``, which stores a dossier's events."""
    app = create_app(database_url)
    database = app.state.database
    NAIVE_TABLE.create(database.engine, checkfirst=True)

    def naive_dossier(body: NaiveDossier) -> dict[str, int]:
        rows = [{"id": event.id, "body": event.model_dump(mode="json")} for event in body.events]
        with database.sessions.begin() as session:
            session.execute(insert(NAIVE_TABLE).values(rows).on_conflict_do_nothing())
        return {"held": len(rows)}

    app.add_api_route("/naive/dossier", naive_dossier, methods=["POST"])
    return app


def own_events(folder: Path) -> tuple[str, list[WireEvent]]:
    """The station's id and its whole chain in wire form."""
    station = Station(folder)
    station_id = station.context().identity.station_id
    query = select(EVENTS).where(EVENTS.c.station_id == station_id).order_by(EVENTS.c.seq)
    with station.store.read() as db:
        events = [WireEvent.from_record(record_from_row(r._mapping)) for r in db.execute(query)]
    station.close()
    return station_id, events


def enrolled_token(
    server_url: str, database_url: str, station_id: str, agency: str, slot: int = 0
) -> str:
    """Enrol the station directly on the server (not through the link) and return its token."""
    with contextlib.redirect_stdout(io.StringIO()):  # it prints the code for an administrator
        code = enrol(database_url, agency, "Bench agency", slot)
    answer = httpx.post(f"{server_url}/v1/enrol", json={"code": code, "station_id": station_id})
    answer.raise_for_status()
    return str(answer.json()["token"])


def _attempt(
    http: httpx.Client, path: str, body: bytes, headers: dict[str, str], timings: list[float]
) -> httpx.Response | None:
    """One POST; None when the link failed it (the caller decides what to resend)."""
    began = time.perf_counter()
    try:
        response = http.post(path, content=body, headers=headers)
    except httpx.TransportError:
        return None
    timings.append(time.perf_counter() - began)
    response.raise_for_status()
    return response


def push_with_client(folder: Path) -> Pusher:
    """The station's real sync client on the store in ``folder``: rounds until nothing waits."""

    def push(
        http: httpx.Client,
        headers: dict[str, str],
        events: Sequence[WireEvent],
        timings: list[float],
    ) -> int:
        station = Station(folder)
        identity = station.context().identity
        api = _Timed(http, headers["Authorization"].removeprefix("Bearer "), timings)
        policy = RoundPolicy()
        try:
            while station.sync_status().waiting:
                sync = SyncRound(
                    station.store,
                    api,
                    station_id=identity.station_id,
                    agency_code=identity.agency_code,
                    policy=policy,
                )
                try:
                    sync.run()
                except SyncError as error:  # the link gave out: the next round resumes
                    if error.kind is not ErrorKind.RETRY:
                        raise
            return len(events)
        finally:
            station.close()

    return push


class _Timed(ServerApi):
    """The client's endpoints, each request's time noted for the bench's median and p99."""

    def __init__(self, http: httpx.Client, token: str, timings: list[float]) -> None:
        super().__init__(http, token)
        self.timings = timings

    def _send(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        began = time.perf_counter()
        response = super()._send(method, path, **kwargs)
        self.timings.append(time.perf_counter() - began)
        return response


def push_naive(
    http: httpx.Client, headers: dict[str, str], events: Sequence[WireEvent], timings: list[float]
) -> int:
    """The baseline: each dossier POSTed alone as plain JSON, resent until it gets through."""
    ordered = sorted(events, key=lambda event: (event.dossier_id, event.seq))
    sent = 0
    for _dossier, group in groupby(ordered, key=lambda event: event.dossier_id):
        body = json.dumps({"events": [e.model_dump(mode="json") for e in group]}).encode()
        send_headers = {**headers, "Content-Type": "application/json"}
        while _attempt(http, "/naive/dossier", body, send_headers, timings) is None:
            pass
        sent += 1
    return sent


def pull_with_client(folder: Path) -> Puller:
    """The other counter's real sync client on its store: rounds until one pulls nothing."""

    def pull(http: httpx.Client, headers: dict[str, str], timings: list[float]) -> int:
        station = Station(folder)
        identity = station.context().identity
        api = _Timed(http, headers["Authorization"].removeprefix("Bearer "), timings)
        policy, pulled = RoundPolicy(), 0
        try:
            while True:
                sync = SyncRound(
                    station.store,
                    api,
                    station_id=identity.station_id,
                    agency_code=identity.agency_code,
                    policy=policy,
                )
                try:
                    report = sync.run()
                except SyncError as error:  # the link gave out: the next round resumes
                    if error.kind is not ErrorKind.RETRY:
                        raise
                    continue
                pulled += report.pulled + report.on_hold
                if not report.pulled and not report.on_hold:
                    return pulled
        finally:
            station.close()

    return pull


# ~38 kB uncompressed: a page of 200 (150 kB) would never get between two cuts of the link
NAIVE_PAGE = 50


def pull_naive(http: httpx.Client, headers: dict[str, str], timings: list[float]) -> int:
    """The baseline down: pages asked for uncompressed (as small as get through the link),
    resent until they arrive."""
    cursor, pulled = 0, 0
    plain = {**headers, "Accept-Encoding": "identity"}
    while True:
        began = time.perf_counter()
        try:
            params = {"after": cursor, "limit": NAIVE_PAGE}
            response = http.get("/v1/pull", params=params, headers=plain)
            page = response.raise_for_status().json()
        except (httpx.TransportError, json.JSONDecodeError):
            continue
        timings.append(time.perf_counter() - began)
        if not page["events"]:
            return pulled
        pulled += len(page["events"])
        cursor = page["next_cursor"]


def run_side(
    name: str,
    push: Pusher,
    *,
    proxy: FaultProxy,
    link: Link,
    token: str,
    events: Sequence[WireEvent],
) -> LinkRun:
    """Push everything through a fresh copy of the link; what it cost."""
    return _through(name, proxy, link, token, lambda http, h, t: push(http, h, events, t))


def run_pull_side(name: str, pull: Puller, *, proxy: FaultProxy, link: Link, token: str) -> LinkRun:
    """Pull everything through a fresh copy of the link; what it cost."""
    return _through(name, proxy, link, token, pull)


def _through(name: str, proxy: FaultProxy, link: Link, token: str, work: Puller) -> LinkRun:
    proxy.link = link
    proxy.reset_traffic()
    timings: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    began = time.perf_counter()
    with httpx.Client(base_url=proxy.url, timeout=DEFAULT_TIMEOUT) as http:  # the client's own
        work(http, headers, timings)
    return LinkRun(name, time.perf_counter() - began, proxy.reset_traffic(), timings)
