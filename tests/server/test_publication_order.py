"""The no-skip proof for publications: concurrent publishes while a station follows its cursor.

Each publish is held open a little after it took its pub_seq; the lock on the publications
counter must make the next publisher wait, so a puller that only moves forward sees each
publication exactly once and in order.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from counter_server import publications
from counter_server.models import Publication
from tests.server.factories import StationChain, admin_headers, enrolled

PUBLISHERS = 4
EACH = 8
REAL_PUBLISH = publications._publish


def slow_publish(session: Session, kind: str, body: dict[str, Any], now: datetime) -> Publication:
    """The real numbering, then a pause before the endpoint commits."""
    row = REAL_PUBLISH(session, kind, body, now)
    time.sleep(random.uniform(0, 0.02))
    return row


def publisher(app: FastAPI, headers: dict[str, str], number: int, errors: list[str]) -> None:
    """Publish EACH calendar days, each over a fresh request."""
    with TestClient(app) as client:
        for index in range(EACH):
            day = f"2027-{number + 1:02d}-{index + 1:02d}"
            days = [
                {"day": day, "kind": "off", "reason": f"Nghỉ {number}-{index}", "document": "TB"}
            ]
            response = client.post("/v1/admin/calendar", json={"days": days}, headers=headers)
            if response.status_code != 200:
                errors.append(response.text)


def follower(app: FastAPI, station: StationChain, done: threading.Event) -> list[int]:
    """Pull with the publication cursor until the publishers are done, then drain."""
    seen: list[int] = []
    cursor = 0
    with TestClient(app) as client:
        while True:
            finished = done.is_set()
            url = f"/v1/pull?publications_after={cursor}"
            page = client.get(url, headers=station.headers).json()
            seen.extend(item["pub_seq"] for item in page["publications"])
            cursor = page["next_publication_cursor"]
            if finished and not page["publications"]:
                return seen


@pytest.mark.slow
def test_pull_never_skips_a_late_publication(
    app: FastAPI, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = TestClient(app)
    headers = admin_headers(database_url)
    station = enrolled(setup, database_url)
    monkeypatch.setattr(publications, "_publish", slow_publish)
    errors: list[str] = []
    done = threading.Event()
    result: list[list[int]] = []
    following = threading.Thread(target=lambda: result.append(follower(app, station, done)))
    threads = [
        threading.Thread(target=publisher, args=(app, headers, number, errors))
        for number in range(PUBLISHERS)
    ]
    following.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    following.join()
    assert errors == []
    assert result[0] == list(range(1, PUBLISHERS * EACH + 1))
