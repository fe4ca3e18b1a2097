"""Backpressure: how many requests work at once in this process, and what the rest are told.

A request holds a database connection and a worker thread while it works, so a process admits
at most as many as it has connections (``ServerSettings.capacity``). Past that, a bounded
number wait a few seconds for their turn; the others are answered at once with 503 and
``Retry-After``, and one caller (one bearer token) may have at most ``PER_CALLER`` requests
in progress: a flood from one station is answered 429 and never crowds the others out. A
request leaves as soon as its answer starts, so a slow link reading the answer holds nothing.

This decides only how much work a process takes on; what is stored is decided by the
database (agency row locks, conditional updates), never here, so instances can be added.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections import Counter
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counter_server.errors import ApiError
from counter_server.http import error_response

PER_CALLER = 2  # a station's sync client sends one request at a time


@dataclass(frozen=True)
class Limits:
    """A process's admission limits."""

    capacity: int  # requests working at once (= its database connections)
    queue: int  # requests waiting their turn
    patience: float  # seconds a request waits before it is told to come back


class _Gate:
    """The admission state of one event loop (one per process; tests run several)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.slots = asyncio.Semaphore(limits.capacity)
        self.waiting = 0
        self.callers: Counter[bytes] = Counter()

    async def enter(self) -> bool:
        """Take a working slot, waiting in the bounded queue; False when none came in time."""
        if not self.slots.locked():
            await self.slots.acquire()
            return True
        if self.waiting >= self.limits.queue:
            return False
        self.waiting += 1
        try:
            async with asyncio.timeout(self.limits.patience):
                await self.slots.acquire()
            return True
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1


class Admission:
    """ASGI middleware admitting every HTTP request within ``limits`` (the lookup page and
    enrolment, which carry no token, are not counted per caller: they have limits of their own)."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Gate] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gate = self._gate()
        caller = dict(scope["headers"]).get(b"authorization", b"")
        if caller and gate.callers[caller] >= PER_CALLER:
            await _refuse(too_many(), scope, receive, send)
            return
        gate.callers[caller] += 1
        try:
            if not await gate.enter():
                await _refuse(busy(self.limits.patience), scope, receive, send)
                return
            await self._work(gate, scope, receive, send)
        finally:
            gate.callers[caller] -= 1
            if gate.callers[caller] <= 0:
                del gate.callers[caller]

    async def _work(self, gate: _Gate, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request; its slot is given back when its answer starts (or it fails)."""
        held = True

        async def sending(message: Message) -> None:
            nonlocal held
            if held and message["type"] == "http.response.start":
                held = False
                gate.slots.release()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if held:
                gate.slots.release()

    def _gate(self) -> _Gate:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = _Gate(self.limits)
        return gate


def too_many() -> ApiError:
    """429: this caller already has its share of requests in progress."""
    detail = f"This caller already has {PER_CALLER} requests in progress; retry after 1 s."
    return ApiError(429, "too_many_requests", detail, retry_after=1)


def busy(patience: float) -> ApiError:
    """503: every slot is taken and the queue is full, or the turn did not come in time."""
    seconds = max(1, math.ceil(patience))
    detail = f"The server is busy; retry after {seconds} s."
    return ApiError(503, "busy", detail, retry_after=seconds)


async def _refuse(error: ApiError, scope: Scope, receive: Receive, send: Send) -> None:
    await error_response(error)(scope, receive, send)
