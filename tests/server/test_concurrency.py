"""The no-skip proof: pushes commit concurrently while a puller follows with its cursor.

Each push transaction is held open a little after it has taken its server_seq values, widening
the window in which a lower server_seq could become visible after a higher one. The agency lock
must make later pushes wait, so the puller, which only ever moves its cursor forward, still sees
every event exactly once.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.sync.protocol import WireEvent
from counter_server import sync
from counter_server.db import Database
from counter_server.models import Event, Station
from tests.server.factories import StationChain, body, enrolled

PUSHERS = 4
progress: list[int] = []  # cursors the puller reached while pushes were still running
BATCHES = 12
BATCH_SIZE = 5


def slow_push(
    *, session: Session, station: Station, events: Sequence[WireEvent], now: datetime
) -> int:
    """The real push, then a pause before the endpoint commits."""
    held = REAL_PUSH(session=session, station=station, events=events, now=now)
    time.sleep(random.uniform(0, 0.02))
    return held


REAL_PUSH = sync.push


def pusher(app: FastAPI, station: StationChain, errors: list[str]) -> None:
    """Push BATCHES batches of this station's chain, each over a fresh client."""
    with TestClient(app) as client:
        for _ in range(BATCHES):
            batch = station.next_events(BATCH_SIZE)
            response = client.post("/v1/push", json=body(batch), headers=station.headers)
            if response.status_code != 200:
                errors.append(response.text)


def puller(app: FastAPI, station: StationChain, done: threading.Event) -> list[dict[str, Any]]:
    """Pull with a cursor until the pushers are done, then drain."""
    seen: list[dict[str, Any]] = []
    cursor = 0
    with TestClient(app) as client:
        while True:
            finished = done.is_set()
            page = client.get(f"/v1/pull?after={cursor}&limit=7", headers=station.headers).json()
            seen.extend(page["events"])
            if page["events"] and not finished:
                progress.append(cursor)
            cursor = page["next_cursor"]
            if finished and not page["events"]:
                return seen


@pytest.mark.slow
def test_pull_never_skips_late_commits(
    app: FastAPI, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    progress.clear()
    setup = TestClient(app)
    stations = [enrolled(setup, database_url, slot=slot) for slot in range(1, PUSHERS + 1)]
    reader = enrolled(setup, database_url, slot=PUSHERS + 1)
    monkeypatch.setattr(sync, "push", slow_push)
    errors: list[str] = []
    done = threading.Event()
    result: list[list[dict[str, Any]]] = []
    pulling = threading.Thread(target=lambda: result.append(puller(app, reader, done)))
    pushing = [threading.Thread(target=pusher, args=(app, s, errors)) for s in stations]
    pulling.start()
    for thread in pushing:
        thread.start()
    for thread in pushing:
        thread.join()
    done.set()
    pulling.join()

    assert errors == []
    seen = result[0]
    seen_ids = [event["id"] for event in seen]
    held = stored_ids(database_url)
    assert len(held) == PUSHERS * BATCHES * BATCH_SIZE
    assert held - set(seen_ids) == set(), "the puller skipped events that committed late"
    assert len(seen_ids) == len(held), "an event was delivered twice"
    server_seqs = [event["server_seq"] for event in seen]
    assert server_seqs == list(range(1, len(held) + 1))
    assert len(result) == 1 and len(progress) > 1, "the puller did not run during the pushes"


def stored_ids(database_url: str) -> set[str]:
    """Every event id the server holds."""
    database = Database(database_url)
    with database.sessions() as session:
        ids = set(session.scalars(select(Event.id)))
    database.dispose()
    return ids
