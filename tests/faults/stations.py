"""Real stations for the fault tests, and the bare uplink they use until the sync client lands.

A ``Party`` is a real ``counter_app.station.Station`` (its own store, slot and hash chain),
enrolled on the real server, talking to it only through the fault proxy. ``BareUplink`` is not
a sync client: it sends the protocol's push and pull with plain httpx and retries a failed
request as it is, which is all the server-side proofs need. When ``counter_app.sync.client``
exists, ``Party.sync`` becomes one call of it on the same ``httpx.Client``, and these tests
prove the client too.
"""

from __future__ import annotations

import gzip
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select

from counter_app.domain.lifecycle import EventType
from counter_app.models.tables import EVENTS
from counter_app.services.eventlog import record_from_row
from counter_app.services.steps import StepInput
from counter_app.station import Station
from counter_app.sync.protocol import (
    PulledEvent,
    PullResponse,
    PushRequest,
    PushResponse,
    WireEvent,
)
from counter_server.cli import enrol
from tests.factories import request, vn

PATIENCE = 20.0  # seconds a request may keep failing before the test gives up
PAGE = 10  # events per pull: pull answers are not compressed, so a page must fit between cuts
_agencies = itertools.count(1)


def new_agency() -> str:
    """An agency code no other test of this run uses."""
    number = next(_agencies)
    return f"000.{number // 100:02d}.77.H{number % 100:02d}"


class BareUplink:
    """Protocol requests with plain httpx: a failed request is sent again unchanged."""

    def __init__(self, http: httpx.Client, token: str) -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {token}"}
        self.held = 0  # what the server last said it holds of our chain
        self.cursor = 0

    def push(self, events: Sequence[WireEvent], *, batch: int = 20) -> int:
        """Send every event the server does not hold yet; return the seq it holds through."""
        while events and self.held < events[-1].seq:
            chunk = [event for event in events if event.seq > self.held][:batch]
            body = gzip.compress(PushRequest(events=chunk).model_dump_json().encode())
            headers = {**self.headers, "Content-Encoding": "gzip"}
            headers["Content-Type"] = "application/json"
            answer = self._send("POST", "/v1/push", content=body, headers=headers)
            self.held = PushResponse.model_validate_json(answer).held_through_seq
        return self.held

    def pull(self) -> list[PulledEvent]:
        """Everything after the cursor, page by page."""
        pulled: list[PulledEvent] = []
        while True:
            params = {"after": self.cursor, "limit": PAGE}
            page = PullResponse.model_validate_json(self._send("GET", "/v1/pull", params=params))
            pulled += page.events
            if not page.events:
                return pulled
            self.cursor = page.next_cursor

    def _send(self, method: str, path: str, **kwargs: object) -> bytes:
        """The answer's body; transport failures and 5xx are retried, a refusal is an error."""
        deadline = time.monotonic() + PATIENCE
        kwargs.setdefault("headers", self.headers)
        while time.monotonic() < deadline:
            try:
                response = self.http.request(method, path, **kwargs)  # type: ignore[arg-type]
            except httpx.TransportError:
                time.sleep(0.02)
                continue
            if response.status_code == 200:
                return response.content
            if response.status_code < 500 and response.json().get("error") != "conflict":
                raise AssertionError(f"{method} {path} refused: {response.text}")
        raise AssertionError(f"{method} {path} kept failing for {PATIENCE:.0f} s")


@dataclass
class Party:
    """A station of an agency, its uplink through the proxy, and the dossiers it received."""

    station: Station
    agency: str
    uplink: BareUplink
    codes: list[str] = field(default_factory=list)
    pulled: list[PulledEvent] = field(default_factory=list)

    @property
    def station_id(self) -> str:
        """This station's id (it authors its chain under it)."""
        return self.station.context().identity.station_id

    def work(self, dossiers: int) -> None:
        """Receive ``dossiers`` dossiers; every second one is also transferred."""
        for _ in range(dossiers):
            at = vn(2026, 3, 10, 7, 30) + timedelta(minutes=len(self.codes))
            code = self.station.receive(request(received_at=at), actor="canbo", now=at).code
            self.codes.append(code)
            if len(self.codes) % 2 == 0:
                step = StepInput(to="Công an phường")
                self.station.step(code, EventType.TRANSFERRED, step, actor="canbo", now=at)

    def own_events(self) -> list[WireEvent]:
        """This station's chain, in seq order, in its wire form."""
        query = select(EVENTS).where(EVENTS.c.station_id == self.station_id).order_by(EVENTS.c.seq)
        with self.station.store.read() as db:
            rows = db.execute(query).all()
        return [WireEvent.from_record(record_from_row(row._mapping)) for row in rows]

    def sync(self) -> None:
        """Push every own event, then pull what the others wrote (the sync client's round)."""
        self.uplink.push(self.own_events())
        self.pulled += self.uplink.pull()


def make_party(
    folder: Path, *, agency: str, slot: int, server_url: str, database_url: str, proxy_url: str
) -> Party:
    """A new station in ``folder``, enrolled directly on the server, syncing through the proxy."""
    station = Station(folder)
    station.initialise(agency_code=agency, agency_name=f"UBND {agency}", slot=slot)
    code = enrol(database_url, agency, f"UBND {agency}", slot)
    station_id = station.context().identity.station_id
    answer = httpx.post(f"{server_url}/v1/enrol", json={"code": code, "station_id": station_id})
    answer.raise_for_status()
    http = httpx.Client(base_url=proxy_url, timeout=httpx.Timeout(5.0))
    return Party(station, agency, BareUplink(http, answer.json()["token"]))
