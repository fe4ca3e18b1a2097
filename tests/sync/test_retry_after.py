"""A busy server's 429 or 503 with Retry-After: the station waits at least that long, keeps its
batch size (the link is not the problem), and gives the round up when told to wait longer than
its back-off allows (the timer comes back later)."""

from __future__ import annotations

import random
from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient

from counter_app.station import Station
from counter_app.sync.backoff import Backoff
from counter_app.sync.client import classify
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.round import RoundPolicy
from tests.sync.helpers import faulty, received, through


def recording() -> tuple[RoundPolicy, list[float]]:
    """A policy that records the waits instead of sleeping them."""
    waits: list[float] = []
    backoff = Backoff(base=0.5, cap=30.0, rng=random.Random(3))
    return RoundPolicy(backoff=backoff, sleep=waits.append), waits


def test_a_busy_push_is_sent_again_after_retry_after_in_the_same_batch(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    for hour in (8, 9, 10):
        received(station, hour=hour)
    faults = faulty(client)
    faults.refuse = [("/v1/push", 503, 7), ("/v1/push", 429, 2)]
    policy, waits = recording()
    before = policy.batch.current
    report = station.sync_once(http=through(client, faults), policy=policy)
    assert report.held_through_seq == 3 and station.sync_status().waiting == 0
    assert len(waits) == 2
    assert 7 <= waits[0] <= 7 * 1.5 and 2 <= waits[1] <= 2 * 1.5  # at least, jittered
    assert policy.batch.current == before
    assert len(faults.pushes) == 1


def test_a_busy_pull_and_status_are_retried_after_retry_after(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    faults = faulty(client)
    faults.refuse = [("/v1/status", 503, 4), ("/v1/pull", 429, 3)]
    policy, waits = recording()
    station.sync_once(http=through(client, faults), policy=policy)
    assert station.sync_status().online
    assert waits[0] >= 4 and waits[1] >= 3


def test_a_wait_past_the_cap_ends_the_round_for_the_timer(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    received(station)
    faults = faulty(client)
    faults.refuse = [("/v1/push", 503, 600)]
    policy, waits = recording()
    with pytest.raises(SyncError) as raised:
        station.sync_once(http=through(client, faults), policy=policy)
    assert raised.value.kind is ErrorKind.RETRY and raised.value.retry_after == 600
    assert waits == []
    status = station.sync_status()
    assert (status.waiting, status.last_error_class) == (1, "retry")
    assert "600" in (status.last_error or "")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("5", 5.0), ("0", 0.0), ("soon", None), ("-3", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after_is_read_as_seconds_or_a_date(header: str, seconds: float | None) -> None:
    request = httpx.Request("GET", "http://x/v1/pull")
    response = httpx.Response(
        503, json={"error": "busy"}, headers={"Retry-After": header}, request=request
    )
    assert classify(response).retry_after == seconds
