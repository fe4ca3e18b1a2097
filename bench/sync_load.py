"""The server half of ``bench/sync.py``: ingest with several stations pushing at once, and many
stations polling ``/v1/pull``, each against a baseline measured in the same run."""

from __future__ import annotations

import asyncio
import gzip
import random
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import httpx
from sqlalchemy import Column, MetaData, String, Table, Text, create_engine, insert

from counter_app.domain.events import GENESIS_HASH, event_hash
from counter_app.sync.protocol import PushRequest, PushResponse, WireEvent
from counter_server import auth
from counter_server.db import Database, upgrade
from counter_server.sync import utc_now

BARE_TABLE = Table(
    "bench_bare_events",
    MetaData(),
    Column("id", String(36), primary_key=True),
    Column("body", Text),
)


def agency_code(number: int) -> str:
    """The ``number``-th agency of the load runs."""
    return f"000.00.23.H{number:02d}"


def rechained(template: Sequence[WireEvent], station_id: str, agency: str) -> list[WireEvent]:
    """The template chain as another station's: new ids, its agency's codes, hashes redone."""
    dossiers: dict[str, str] = {}
    previous, chain = GENESIS_HASH, []
    for event in template:
        payload = dict(event.payload)
        if isinstance(payload.get("dossier"), dict):
            code = payload["dossier"]["code"]
            payload["dossier"] = {**payload["dossier"], "code": agency + code[len(agency) :]}
        record = replace(
            event.to_record(),
            id=str(uuid.uuid4()),
            dossier_id=dossiers.setdefault(event.dossier_id, str(uuid.uuid4())),
            station_id=station_id,
            payload=payload,
            prev_hash=previous,
        )
        record = replace(record, hash=event_hash(record))
        previous = record.hash
        chain.append(WireEvent.from_record(record))
    return chain


def enrol_many(
    database_url: str, server_url: str, places: Sequence[tuple[str, int]]
) -> list[tuple[str, str]]:
    """One station per (agency, slot), enrolled through the API; (station id, token) each."""
    database = Database(database_url)
    with database.sessions.begin() as session:
        codes = [
            auth.create_code(
                session=session, agency_code=agency, agency_name=agency, slot=slot, now=utc_now()
            )
            for agency, slot in places
        ]
    database.dispose()
    enrolled = []
    with httpx.Client(base_url=server_url, timeout=30) as http:
        for code in codes:
            station_id = str(uuid.uuid4())
            answer = http.post("/v1/enrol", json={"code": code, "station_id": station_id})
            answer.raise_for_status()
            enrolled.append((station_id, str(answer.json()["token"])))
    return enrolled


def _push_chain(server_url: str, token: str, chain: Sequence[WireEvent], batch: int) -> list[float]:
    headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip"}
    headers["Content-Type"] = "application/json"
    timings = []
    with httpx.Client(base_url=server_url, timeout=120) as http:
        for start in range(0, len(chain), batch):
            body = PushRequest(events=chain[start : start + batch]).model_dump_json().encode()
            began = time.perf_counter()
            answer = http.post("/v1/push", content=gzip.compress(body, 6), headers=headers)
            timings.append(time.perf_counter() - began)
            answer.raise_for_status()
            PushResponse.model_validate_json(answer.content)
    return timings


def _bare_insert(database_url: str, chain: Sequence[WireEvent], batch: int) -> list[float]:
    engine = create_engine(database_url)
    timings = []
    for start in range(0, len(chain), batch):
        rows = [{"id": e.id, "body": e.model_dump_json()} for e in chain[start : start + batch]]
        began = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(insert(BARE_TABLE), rows)
        timings.append(time.perf_counter() - began)
    engine.dispose()
    return timings


def in_threads(work: Sequence[tuple[Any, ...]], target: Any) -> tuple[float, list[float]]:
    """Run ``target(*args)`` for every args at once; wall seconds and all timings returned."""
    timings: list[float] = []
    threads = [threading.Thread(target=lambda a=a: timings.extend(target(*a))) for a in work]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, timings


def ingest(server_url: str, database_url: str, chains: Sequence[tuple[str, list[WireEvent]]],
           batch: int) -> tuple[float, list[float], float, list[float]]:  # fmt: skip
    """Pushes of every chain at once, then bare INSERTs of the same rows the same way."""
    pushed = in_threads([(server_url, t, c, batch) for t, c in chains], _push_chain)
    BARE_TABLE.create(create_engine(database_url), checkfirst=True)
    bare = in_threads([(database_url, c, batch) for _t, c in chains], _bare_insert)
    return pushed[0], pushed[1], bare[0], bare[1]


async def poll(
    server_url: str, tokens: Sequence[str], seconds: float, interval: float
) -> tuple[list[float], list[float], list[float], int]:
    """Every token pulls about each ``interval`` s for ``seconds``; a probe asks the time.

    Each station starts from cursor 0 and pages through its agency's backlog 100 events at a
    time, as one coming back online would, then keeps asking for what is new. A failed pull is
    counted and the station asks again at its next turn.
    """
    pulls: list[float] = []  # pages with events
    empty: list[float] = []  # "anything new?" answered with nothing
    probes: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=len(tokens) + 4)
    async with httpx.AsyncClient(base_url=server_url, limits=limits, timeout=60) as http:
        end = time.monotonic() + seconds

        async def station(token: str) -> None:
            nonlocal failures
            cursor, headers = 0, {"Authorization": f"Bearer {token}"}
            await asyncio.sleep(random.uniform(0, interval))
            while time.monotonic() < end:
                began = time.perf_counter()
                try:
                    answer = await http.get(
                        "/v1/pull", params={"after": cursor, "limit": 100}, headers=headers
                    )
                    page = answer.raise_for_status().json()
                    (pulls if page["events"] else empty).append(time.perf_counter() - began)
                    cursor = page["next_cursor"]
                except httpx.HTTPError:
                    failures += 1
                await asyncio.sleep(interval * random.uniform(0.8, 1.2))

        async def probe() -> None:
            while time.monotonic() < end:
                began = time.perf_counter()
                (await http.get("/v1/time")).raise_for_status()
                probes.append(time.perf_counter() - began)
                await asyncio.sleep(0.1)

        await asyncio.gather(probe(), *(station(token) for token in tokens))
    return pulls, empty, probes, failures


def migrated(database_url: str) -> None:
    """Migrate once before the workers start, so they do not race to create the schema."""
    database = Database(database_url)
    upgrade(database.engine)
    database.dispose()
