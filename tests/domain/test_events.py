from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.events import (
    GENESIS_HASH,
    EventRecord,
    HybridClock,
    event_hash,
    verify_chain,
)

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def _chain(n: int) -> list[EventRecord]:
    events, previous = [], GENESIS_HASH
    for seq in range(1, n + 1):
        record = EventRecord(
            id=f"e{seq}",
            dossier_id="d",
            station_id="s",
            seq=seq,
            type="received",
            actor="a",
            wall_clock=T0 + timedelta(minutes=seq),
            hlc=seq,
            payload={"n": seq, "tên": "Đức"},
            prev_hash=previous,
        )
        record = replace(record, hash=event_hash(record))
        events.append(record)
        previous = record.hash
    return events


def test_intact_chain_verifies() -> None:
    assert verify_chain(_chain(5)) == []


def test_edited_payload_is_found() -> None:
    events = _chain(5)
    events[2] = replace(events[2], payload={"n": 99})
    assert [b.seq for b in verify_chain(events)] == [3]


def test_removed_event_is_found() -> None:
    events = _chain(5)
    del events[1]
    assert verify_chain(events)


def test_reordered_events_are_found() -> None:
    events = _chain(4)
    events[1], events[2] = events[2], events[1]
    assert verify_chain(events)


@given(st.lists(st.integers(-10_000, 10_000), min_size=1, max_size=50))
def test_hybrid_clock_never_goes_back(jumps: list[int]) -> None:
    clock, last = HybridClock(), 0
    now = T0
    for jump in jumps:
        now += timedelta(milliseconds=jump)
        value = clock.tick(now)
        assert value > last
        last = value
