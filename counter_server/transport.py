"""uvicorn's HTTP/1.1 protocol with a deadline on each request's head.

uvicorn closes a connection idle after an answer, but not one that sends its request line and
headers a byte every few seconds: such a connection was kept forever. Here the head must be
complete within ``read_timeout`` seconds of the connection opening (or of its first byte after
an answer); otherwise the connection is closed. The body's own deadline is kept by
``counter_server.http.BodyLimit``, which reads it before the application does.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from counter_server.settings import DEFAULT_READ_TIMEOUT, READ_TIMEOUT_ENV


class TimedH11Protocol(H11Protocol):
    """``H11Protocol`` closing a connection whose request head is late."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeout = float(os.environ.get(READ_TIMEOUT_ENV, DEFAULT_READ_TIMEOUT))
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_of: object = None  # the cycle in progress when the timer was armed

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the first byte of the next request
        super().data_received(data)
        if self.cycle is not self._head_of:
            self._disarm()  # its head is complete: the request is under way

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._head_of = self.cycle
        self._head_timer = self.loop.call_later(self.read_timeout, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()
