"""Back-off is capped and jittered; batches halve on failure and grow back on success."""

from __future__ import annotations

import random

import httpx

from counter_app.sync.backoff import Backoff, BatchSize
from counter_app.sync.client import classify
from counter_app.sync.errors import ErrorKind


def test_delays_grow_exponentially_up_to_the_cap_with_jitter() -> None:
    backoff = Backoff(base=0.5, cap=30.0, rng=random.Random(1))
    delays = [backoff.delay(attempt) for attempt in range(12)]
    for attempt, delay in enumerate(delays):
        ceiling = min(30.0, 0.5 * 2**attempt)
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 30.0
    assert len({round(backoff.delay(3), 6) for _ in range(20)}) > 1  # jittered


def test_batches_halve_to_one_and_double_back_to_the_maximum() -> None:
    batch = BatchSize(current=200, maximum=1000)
    for _ in range(10):
        batch.shrink()
    assert batch.current == 1
    for _ in range(12):
        batch.grow()
    assert batch.current == 1000


def _response(status: int, body: object) -> httpx.Response:
    return httpx.Response(status, json=body, request=httpx.Request("POST", "http://x/v1/push"))


def test_errors_are_classified() -> None:
    kinds = {
        503: ErrorKind.RETRY,
        500: ErrorKind.RETRY,
        429: ErrorKind.RETRY,
        401: ErrorKind.CREDENTIALS,
        403: ErrorKind.REJECT,
        422: ErrorKind.REJECT,
        413: ErrorKind.REJECT,
    }
    for status, kind in kinds.items():
        assert classify(_response(status, {"error": "x", "detail": "y"})).kind is kind
    concurrent = classify(_response(409, {"error": "conflict", "detail": "retry"}))
    gap = classify(_response(409, {"error": "chain_gap", "detail": "d", "expected_seq": 3}))
    assert concurrent.kind is ErrorKind.RETRY
    assert (gap.kind, gap.code, gap.expected_seq) == (ErrorKind.REJECT, "chain_gap", 3)
    assert classify(httpx.Response(502, text="<html>bad gateway</html>")).kind is ErrorKind.RETRY
