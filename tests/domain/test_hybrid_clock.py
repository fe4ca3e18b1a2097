"""The hybrid logical clock (counter_app/domain/events.py): wall milliseconds shifted left 16
bits with a counter, each value after every value seen so far."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from counter_app.domain.events import HybridClock

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def test_a_new_clock_has_seen_nothing() -> None:
    """Nothing seen: its first value is the wall time itself, counter 0 — and at the epoch,
    where the wall time packs to 0, the smallest value after nothing, 1."""
    moment = EPOCH + timedelta(milliseconds=5)
    assert HybridClock().tick(moment) == 5 << 16
    assert HybridClock().tick(EPOCH) == 1
    assert HybridClock(last=7).tick(EPOCH) == 8
