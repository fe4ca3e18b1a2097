"""Chains checked exactly: which event breaks and why, and the clock after a remote value.

A station's chain links each event to the previous one by hash (DESIGN.md §3); another
station's chain is held here only in part (its agency's events), so held links are checked
where seqs are consecutive and every event against its own hash.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from counter_app.domain.events import (
    GENESIS_HASH,
    ChainBreak,
    EventRecord,
    HybridClock,
    event_hash,
    verify_chain,
    verify_held_links,
)

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def _chain(n: int, station: str = "s") -> list[EventRecord]:
    events, previous = [], GENESIS_HASH
    for seq in range(1, n + 1):
        record = EventRecord(
            id=f"e{seq}",
            dossier_id="d",
            station_id=station,
            seq=seq,
            type="received",
            actor="a",
            wall_clock=T0 + timedelta(minutes=seq),
            hlc=seq,
            payload={"n": seq},
            prev_hash=previous,
        )
        record = replace(record, hash=event_hash(record))
        events.append(record)
        previous = record.hash
    return events


def _rehash(event: EventRecord, **changes: object) -> EventRecord:
    changed = replace(event, **changes)  # type: ignore[arg-type]
    return replace(changed, hash=event_hash(changed))


def test_each_break_of_an_own_chain_is_named() -> None:
    events = _chain(4)
    events[1] = replace(events[1], payload={"n": 99})  # content edited, hash kept
    assert verify_chain(events) == [ChainBreak("s", 2, "hash does not match content")]


def test_a_missing_event_names_the_seq_expected_and_the_broken_link() -> None:
    events = _chain(4)
    del events[1]
    assert verify_chain(events) == [
        ChainBreak("s", 3, "expected seq 2"),
        ChainBreak("s", 3, "prev_hash does not link"),
    ]


def test_a_chain_must_start_from_the_genesis_hash() -> None:
    events = _chain(2)
    events[0] = _rehash(events[0], prev_hash="f" * 64)
    assert verify_chain(events) == [
        ChainBreak("s", 1, "prev_hash does not link"),
        ChainBreak("s", 2, "prev_hash does not link"),
    ]


def test_held_links_with_gaps_verify() -> None:
    events = _chain(6, station="other")
    held = [events[0], events[1], events[4], events[5]]  # 3 and 4 belong to another agency
    assert verify_held_links(held) == []


def test_a_held_event_whose_content_was_edited_is_named() -> None:
    events = _chain(3, station="other")
    events[2] = replace(events[2], payload={"n": 99})
    assert verify_held_links(events) == [ChainBreak("other", 3, "hash does not match content")]


def test_consecutive_held_events_that_do_not_link_are_named() -> None:
    events = _chain(3, station="other")
    events[1] = _rehash(events[1], prev_hash="f" * 64)  # its new hash unlinks 3 from it too
    assert verify_held_links(events) == [
        ChainBreak("other", 2, "prev_hash does not link"),
        ChainBreak("other", 3, "prev_hash does not link"),
    ]


def test_across_a_gap_the_link_is_not_judged() -> None:
    events = _chain(4, station="other")
    events[3] = _rehash(events[3], prev_hash="f" * 64)  # 3 is not held: 4 cannot be judged
    assert verify_held_links([events[0], events[1], events[3]]) == []


def test_the_first_held_event_is_judged_by_its_hash_only() -> None:
    events = _chain(3, station="other")
    events[1] = _rehash(events[1], prev_hash="f" * 64)
    assert verify_held_links(events[1:2]) == []


def test_the_clock_moves_past_a_remote_value_ahead_of_it() -> None:
    clock = HybridClock()
    local = clock.tick(T0)
    remote = local + 1_000
    clock.observe(remote)
    assert clock.tick(T0) == remote + 1


def test_a_remote_value_behind_the_clock_changes_nothing() -> None:
    clock = HybridClock()
    local = clock.tick(T0)
    clock.observe(local - 1_000)
    assert clock.tick(T0) == local + 1


def test_the_clock_packs_milliseconds_above_a_16_bit_counter() -> None:
    assert HybridClock().tick(T0) == int(T0.timestamp() * 1000) << 16
    assert HybridClock(last=5).tick(datetime(1970, 1, 1, tzinfo=UTC)) == 6
