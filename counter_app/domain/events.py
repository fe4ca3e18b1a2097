"""Events: the append-only log that is the dossier's history and the audit trail.

Each station chains its own events: an event's hash covers its content and the hash of the
station's previous event, so a removed, reordered or edited event breaks the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from counter_app.i18n import _

GENESIS_HASH = "0" * 64
# How far ahead of the server's clock an event's wall clock or HLC may be. Wide enough for a PC
# whose time zone is set wrong (7 hours), narrow enough that a clock years ahead is caught
# long before an HLC adopted by the other counters could outgrow a 64-bit integer.
CLOCK_LEAD = timedelta(hours=24)
# No Counter station wrote an event before this: an earlier wall clock is a reset clock.
EARLIEST_CLOCK = datetime(2020, 1, 1, tzinfo=UTC)


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
    # the citizen's fields, outside the hash (``domain.personal``): None when it has none, or
    # once they are erased
    personal: Mapping[str, Any] | None = None


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


Vouched = Mapping[str, tuple[str, str]]  # event id → (its hash, its redacted form's hash)


def content_holds(event: EventRecord, vouched: Vouched) -> bool:
    """True when the event's content gives its hash, or is the redacted form an ``erased`` event
    vouches for (``domain.personal``)."""
    computed = event_hash(event)
    if computed == event.hash:
        return True
    return vouched.get(event.id) == (event.hash, computed)


def verify_chain(events: Iterable[EventRecord], vouched: Vouched | None = None) -> list[ChainBreak]:
    """Check one station's events, given in ``seq`` order; return every break found."""
    breaks: list[ChainBreak] = []
    previous_hash = GENESIS_HASH
    expected_seq = 1
    for event in events:
        if event.seq != expected_seq:
            breaks.append(ChainBreak(event.station_id, event.seq, f"expected seq {expected_seq}"))
        if event.prev_hash != previous_hash:
            breaks.append(ChainBreak(event.station_id, event.seq, "prev_hash does not link"))
        if not content_holds(event, vouched or {}):
            breaks.append(ChainBreak(event.station_id, event.seq, "hash does not match content"))
        previous_hash = event.hash
        expected_seq = event.seq + 1
    return breaks


def verify_held_links(
    events: Iterable[EventRecord], vouched: Vouched | None = None
) -> list[ChainBreak]:
    """Check the part of another station's chain held here, given in ``seq`` order.

    A station holds only the events of its own agency, so another station's chain (a provincial
    back office serves several agencies) has gaps; each event must still match its hash, and
    events with consecutive seqs must link.
    """
    breaks: list[ChainBreak] = []
    previous: EventRecord | None = None
    for event in events:
        if not content_holds(event, vouched or {}):
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


def hlc_moment(hlc: int) -> datetime:
    """The wall time an HLC value carries (the end of time for one past what a datetime holds)."""
    try:
        return datetime.fromtimestamp((hlc >> 16) / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return datetime.max.replace(tzinfo=UTC)


def clock_fault(event: EventRecord, reference: datetime) -> str | None:
    """Why the event's clocks lie outside the window around ``reference``; None when inside.

    ``reference`` is the server's clock (on a station: the server time of the pull answer, so
    a station whose own clock is wrong still judges right). Events may be old (a station
    offline for weeks), so only the wall clock has a floor; both clocks have a ceiling.
    """
    latest = max(event.wall_clock, hlc_moment(event.hlc))
    if latest > reference + CLOCK_LEAD:
        return _(
            "Đồng hồ của máy trạm ghi {at}, đi trước máy chủ quá {hours} giờ; sự kiện không "
            "được áp dụng."
        ).format(at=f"{latest:%Y-%m-%d %H:%M}", hours=int(CLOCK_LEAD.total_seconds() // 3600))
    if event.wall_clock < EARLIEST_CLOCK:
        return _(
            "Đồng hồ của máy trạm ghi {at}, trước năm {year}; sự kiện không được áp dụng."
        ).format(at=f"{event.wall_clock:%Y-%m-%d %H:%M}", year=EARLIEST_CLOCK.year)
    return None
