"""The centre's counters as the window and the command line show them (plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# a peer answers a waiting pull at least every few seconds; silent this long, it is out of reach
IN_REACH = timedelta(seconds=30)


@dataclass(frozen=True)
class PeerStatus:
    """Another counter of the agency: where and when it was last heard, what came from it."""

    station_id: str
    slot: int | None  # None: heard, but no longer among the agency's counters
    address: str | None
    last_heard_at: datetime | None
    in_reach: bool
    received: int
    last_error: str | None
