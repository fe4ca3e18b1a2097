"""Events: the append-only log that is the dossier's history and the audit trail.

Each station chains its own events: an event's hash covers its content and the hash of the
station's previous event, so a removed, reordered or edited event breaks the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class EventRecord:
    """One event as stored and synced."""

    id: str
    dossier_id: str
    station_id: str
    seq: int  # 1, 2, 3 … per station: the order of the chain
    type: str
    actor: str
    wall_clock: datetime
    hlc: int
    payload: Mapping[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS_HASH
    hash: str = ""


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(event: EventRecord) -> str:
    """The hash an event must carry, given its content and ``prev_hash``."""
    body = canonical_json(
        [
            event.id,
            event.dossier_id,
            event.station_id,
            event.seq,
            event.type,
            event.actor,
            event.wall_clock.isoformat(),
            event.hlc,
            event.payload,
            event.prev_hash,
        ]
    )
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """Where a station's chain does not hold."""

    station_id: str
    seq: int
    reason: str


def verify_chain(events: Iterable[EventRecord]) -> list[ChainBreak]:
    """Check one station's events, given in ``seq`` order; return every break found."""
    breaks: list[ChainBreak] = []
    previous_hash = GENESIS_HASH
    expected_seq = 1
    for event in events:
        if event.seq != expected_seq:
            breaks.append(ChainBreak(event.station_id, event.seq, f"expected seq {expected_seq}"))
        if event.prev_hash != previous_hash:
            breaks.append(ChainBreak(event.station_id, event.seq, "prev_hash does not link"))
        if event_hash(event) != event.hash:
            breaks.append(ChainBreak(event.station_id, event.seq, "hash does not match content"))
        previous_hash = event.hash
        expected_seq = event.seq + 1
    return breaks


def verify_held_links(events: Iterable[EventRecord]) -> list[ChainBreak]:
    """Check the part of another station's chain held here, given in ``seq`` order.

    A station holds only the events of its own agency, so another station's chain (a district
    back office serves several agencies) has gaps; each event must still match its hash, and
    events with consecutive seqs must link.
    """
    breaks: list[ChainBreak] = []
    previous: EventRecord | None = None
    for event in events:
        if event_hash(event) != event.hash:
            breaks.append(ChainBreak(event.station_id, event.seq, "hash does not match content"))
        linked = previous is None or previous.seq + 1 != event.seq
        if not linked and previous is not None and event.prev_hash != previous.hash:
            breaks.append(ChainBreak(event.station_id, event.seq, "prev_hash does not link"))
        previous = event
    return breaks


class HybridClock:
    """A hybrid logical clock: wall milliseconds with a counter, never going backwards.

    The value packs ``(milliseconds << 16) | counter`` into one integer so that it sorts.
    """

    def __init__(self, last: int = 0) -> None:
        self._last = last

    def tick(self, now: datetime) -> int:
        """A value after every value seen so far, close to ``now``."""
        physical = int(now.timestamp() * 1000) << 16
        self._last = max(physical, self._last + 1)
        return self._last

    def observe(self, remote: int) -> None:
        """Take a value seen on another station into account."""
        self._last = max(self._last, remote)
