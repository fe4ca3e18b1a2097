"""Small helpers for sync tests: a round that never sleeps, a received dossier."""

from __future__ import annotations

import gzip
import json
import random
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi.testclient import TestClient

from counter_app.domain.events import GENESIS_HASH, EventRecord, event_hash
from counter_app.domain.lifecycle import EventType
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_app.sync.backoff import Backoff
from counter_app.sync.protocol import WireEvent
from counter_app.sync.round import RoundPolicy, RoundReport
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE
from tests.factories import request, vn


def no_wait() -> RoundPolicy:
    """A round policy whose back-off does not sleep (the delays are still computed)."""
    return RoundPolicy(backoff=Backoff(rng=random.Random(7)), sleep=lambda _seconds: None)


def sync(station: Station, client: TestClient) -> RoundReport:
    """One round of ``station`` against the test server."""
    return station.sync_once(http=client, policy=no_wait())


def received(station: Station, *, hour: int = 9) -> str:
    """Receive one complete dossier on 10/3/2026 at ``hour``; return its code."""
    at = vn(2026, 3, 10, hour)
    return station.receive(request(received_at=at), actor="clerk", now=at).code


def transfer(station: Station, code: str, *, hour: int = 10) -> None:
    """Transfer ``code`` to the ward police."""
    data = StepInput(to="Công an phường")
    station.step(code, EventType.TRANSFERRED, data, actor="clerk", now=vn(2026, 3, 10, hour))


class BackOffice:
    """A department's client: an enrolled station id that records steps on agency dossiers."""

    def __init__(self, client: TestClient, database_url: str, *, slot: int = 9) -> None:
        self.client = client
        self.station_id = str(uuid.uuid4())
        code = enrol(database_url, AGENCY_CODE, "UBND phường Quảng Hưng", slot)
        answer = client.post("/v1/enrol", json={"code": code, "station_id": self.station_id})
        assert answer.status_code == 200, answer.text
        self.headers = {"Authorization": f"Bearer {answer.json()['token']}"}
        self.seq, self.head, self.hlc = 0, GENESIS_HASH, 0

    def step(self, dossier_id: str, type_: str, payload: dict[str, Any], *, after_hlc: int) -> str:
        """Push one step on ``dossier_id`` with a clock after ``after_hlc``; return its id."""
        self.seq += 1
        self.hlc = max(self.hlc, after_hlc) + 1
        record = EventRecord(
            id=str(uuid.uuid4()),
            dossier_id=dossier_id,
            station_id=self.station_id,
            seq=self.seq,
            type=type_,
            actor="phong-tu-phap",
            wall_clock=datetime(2026, 3, 11, 2, 0, tzinfo=UTC),
            hlc=self.hlc,
            payload=payload,
            prev_hash=self.head,
        )
        record = replace(record, hash=event_hash(record))
        self.head = record.hash
        body = {"events": [WireEvent.from_record(record).model_dump(mode="json")]}
        answer = self.client.post("/v1/push", json=body, headers=self.headers)
        assert answer.status_code == 200, answer.text
        return record.id


class Faulty(httpx.BaseTransport):
    """The test server's transport with faults at the network edge, decided per request."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.lose_push_answers = 0  # the server commits, the answer never arrives
        self.max_push_bytes: int | None = None  # a link that cuts bigger bodies
        self.reject_first: str | None = None  # the server reports the first pushed event
        self.pushes: list[int] = []  # gzip body size of each push that got through
        self.before_push: Callable[[], None] = lambda: None  # look at the station mid-push
        # the next requests to these paths are refused: (path, status, Retry-After seconds)
        self.refuse: list[tuple[str, int, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Forward, failing as configured."""
        if self.refuse and self.refuse[0][0] == request.url.path:
            _path, status, seconds = self.refuse.pop(0)
            body = {"error": "busy", "detail": f"retry after {seconds} s"}
            headers = {"Retry-After": str(seconds)}
            return httpx.Response(status, json=body, headers=headers, request=request)
        pushing = request.url.path == "/v1/push"
        if pushing:
            self.before_push()
        limit = self.max_push_bytes
        if pushing and limit is not None and len(request.read()) > limit:
            raise httpx.RemoteProtocolError("connection cut mid-body", request=request)
        response = self.inner.handle_request(request)
        if not pushing:
            return response
        response.read()
        self.pushes.append(len(request.content))
        if self.lose_push_answers > 0:
            self.lose_push_answers -= 1
            raise httpx.ReadError("answer lost", request=request)
        return self._with_rejection(response, request)

    def _with_rejection(self, response: httpx.Response, request: httpx.Request) -> httpx.Response:
        if self.reject_first is None or response.status_code != 200:
            return response
        sent = json.loads(gzip.decompress(request.content))["events"][0]
        body = response.json() | {
            "rejected": [{"id": sent["id"], "seq": sent["seq"], "reason": self.reject_first}]
        }
        self.reject_first = None
        return httpx.Response(200, json=body, request=request)


def through(client: TestClient, faults: Faulty) -> httpx.Client:
    """A client to the test server whose requests pass ``faults``."""
    return httpx.Client(base_url=str(client.base_url), transport=faults)


def faulty(client: TestClient) -> Faulty:
    """Faults over the test client's own transport."""
    return Faulty(client._transport)  # the in-process transport is the wire
