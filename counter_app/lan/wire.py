"""What counters say to each other on the centre's network: the server's pull, on another path.

A counter's pull answer is the server's ``PullResponse``: the same ``PulledEvent`` values, with
``server_seq`` the place of each event in the serving counter's own store, and ``server_time``
that counter's clock (never trusted as a reference). Its own events carry its signature, so the
receiver may carry them up for it. Nothing else is new.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from counter_app.sync.protocol import PullResponse, Signature

LAN_PREFIX = "/lan/v1"
SERVICE_TYPE = "_counter-lan._tcp.local."
MAX_WAIT = 25.0  # seconds a pull may wait for a new event before answering empty
CURSOR_RESET = "cursor_reset"


class _Strict(BaseModel):
    """Unknown fields are refused, as on the server's wire."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LanPullResponse(PullResponse):
    """``GET /lan/v1/pull``: the server's pull answer, the serving counter's signature of each
    of its own events in it (event id → signature), and the id of the event at ``next_cursor``
    (asked back with the next pull: a store restored from a backup renumbers, and the id
    tells)."""

    signatures: dict[str, Signature] = Field(default_factory=dict)
    cursor_event_id: str | None = None


class LanHello(_Strict):
    """``GET /lan/v1/hello``: which counter answers, and its clock."""

    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    agency_code: str
    slot: int
    now: datetime


class HeldChain(_Strict):
    """How much of one station's chain a counter holds."""

    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    events: int
    last_seq: int


class LanHoldings(_Strict):
    """``GET /lan/v1/holdings``: what a counter holds, chain by chain, and its newest place."""

    station_id: str
    last_place: int
    chains: list[HeldChain]
