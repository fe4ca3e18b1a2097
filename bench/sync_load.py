"""Helpers of ``bench/server_load.py``: chains re-made as other stations', ingest with several
stations pushing at once against bare INSERTs of the same rows, and a PostgreSQL schema per run."""

from __future__ import annotations

import gzip
import os
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import httpx
from sqlalchemy import (
    Column,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    make_url,
    text,
)

from counter_app.domain.events import GENESIS_HASH, event_hash
from counter_app.sync.protocol import PushRequest, PushResponse, WireEvent
from counter_server.db import Database, upgrade

PG_URL = "postgresql+psycopg://counter:counter@127.0.0.1:5432/counter_test"

BARE_TABLE = Table(
    "bench_bare_events",
    MetaData(),
    Column("id", String(36), primary_key=True),
    Column("body", Text),
)


def agency_code(number: int) -> str:
    """The ``number``-th agency of the load runs (up to 10,000)."""
    return f"000.{number // 100:02d}.23.H{number % 100:02d}"


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


@contextmanager
def pg_schema() -> Iterator[str]:
    """A URL on a fresh PostgreSQL schema (``COUNTER_TEST_DATABASE_URL``), dropped afterwards."""
    base = os.environ.get("COUNTER_TEST_DATABASE_URL", PG_URL)
    admin = create_engine(base)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def migrated(database_url: str) -> None:
    """Migrate once before the workers start, so they do not race to create the schema."""
    database = Database(database_url)
    upgrade(database.engine)
    database.dispose()
