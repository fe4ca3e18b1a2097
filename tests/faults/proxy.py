"""A fault-injecting TCP proxy between a station and the central server (stdlib only, no Qt).

It listens on 127.0.0.1 on a free port and forwards every connection to the upstream server,
through a shaped link: one-way latency per direction, a bandwidth cap shared by all connections
(a token bucket per direction), and optionally a cut every ~N bytes. It reads HTTP/1.1 framing
so that faults land on whole requests: each request takes the next ``Fault`` of the schedule
(none left: it passes untouched), so a test can say exactly what goes wrong and then let the
link heal. The proxy runs its own asyncio loop on a thread, so blocking code can use it.

Used by the fault tests and by ``bench/sync.py`` (which puts the repository root on sys.path);
it imports nothing of Counter, so the bench measures the same link the tests break.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tests.faults.framing import Message, read_message

CHUNK = 1024
FaultKind = Literal[
    "pass", "cut_request", "cut_response", "lose_response", "duplicate", "link_down"
]


@dataclass(frozen=True)
class Link:
    """The shape of the link; ``bandwidth`` in bytes per second for each direction."""

    latency_up: float = 0.0
    latency_down: float = 0.0
    bandwidth: int | None = None
    cut_every: int | None = None  # bytes both ways between two cuts, varied by ±25 %
    seed: int = 0


@dataclass(frozen=True)
class Fault:
    """What happens to one request.

    ``cut_request``/``cut_response``: the connection is cut after ``at`` bytes of the request
    (the server sees half a request) or of the response (the server did its work).
    ``lose_response``: the whole request reaches the server, its answer is dropped and the
    client's connection closed. ``duplicate``: the server gets the request twice, the client
    sees the second answer. ``link_down``: this connection and every open one are cut and new
    connections refused for ``seconds``.
    """

    kind: FaultKind = "pass"
    at: int = 0
    seconds: float = 0.0


@dataclass
class Traffic:
    """What crossed the link: bytes delivered each way, and what the faults did."""

    up: int = 0
    down: int = 0
    connections: int = 0
    requests: int = 0
    cuts: int = 0
    lost: int = 0
    duplicates: int = 0
    link_downs: int = 0


class _Cut(Exception):
    """The connection ends here (a fault, or the link's own cut)."""


class _Bucket:
    """A token bucket as a queue in time: senders share ``rate`` and may burst ``burst``."""

    def __init__(self, rate: int | None, burst: int = 2 * CHUNK) -> None:
        self.rate, self.burst, self.free_at = rate, burst, 0.0

    async def take(self, size: int) -> None:
        if not self.rate:
            return
        now = asyncio.get_running_loop().time()
        self.free_at = max(now, self.free_at) + size / self.rate
        wait = self.free_at - now - self.burst / self.rate
        if wait > 0:
            await asyncio.sleep(wait)


@dataclass
class _Shaper:
    """The link's state: buckets per direction and the bytes left before its next cut."""

    link: Link
    up: _Bucket = field(init=False)
    down: _Bucket = field(init=False)
    budget: int | None = field(init=False)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.up, self.down = _Bucket(self.link.bandwidth), _Bucket(self.link.bandwidth)
        self.rng = random.Random(self.link.seed)
        self.budget = self._next_budget()

    def _next_budget(self) -> int | None:
        every = self.link.cut_every
        return None if every is None else int(every * self.rng.uniform(0.75, 1.25))

    def spend(self, size: int) -> int | None:
        """How much of ``size`` may pass before the link cuts (None: all of it)."""
        if self.budget is None:
            return None
        if size < self.budget:
            self.budget -= size
            return None
        allowed, self.budget = self.budget, self._next_budget()
        return allowed


class FaultProxy:
    """The proxy; use as a context manager or ``start()``/``stop()``."""

    def __init__(
        self, upstream_host: str, upstream_port: int | Sequence[int], link: Link | None = None
    ) -> None:
        # several ports: server instances behind one address, each connection to the next one
        ports = [upstream_port] if isinstance(upstream_port, int) else list(upstream_port)
        self._upstreams = itertools.cycle([(upstream_host, port) for port in ports])
        self.traffic = Traffic()
        self.port = 0
        self.on_delivered: Callable[[str], None] | None = None  # runs once a request is upstream
        self._shaper = _Shaper(link or Link())
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._open: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)

    @property
    def url(self) -> str:
        """The address clients use instead of the server's."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def link(self) -> Link:
        """The link's shape now."""
        return self._shaper.link

    @link.setter
    def link(self, link: Link) -> None:
        self._shaper = _Shaper(link)

    def schedule(self, *faults: Fault) -> None:
        """Queue faults for the next requests, one each, in order."""
        with self._lock:
            self._faults.extend(faults)

    def pending(self) -> int:
        """Faults not yet used."""
        with self._lock:
            return len(self._faults)

    def clear(self) -> None:
        """Drop the faults not yet used: the link heals."""
        with self._lock:
            self._faults.clear()

    def reset_traffic(self) -> Traffic:
        """The counts so far; counting starts again from zero."""
        with self._lock:
            counted, self.traffic = self.traffic, Traffic()
        return counted

    def start(self) -> FaultProxy:
        """Listen; returns once the port is known."""
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        """Cut everything and stop listening."""
        self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- the loop's side ---------------------------------------------------------------------

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self._server: asyncio.Server | None = await self._listen()
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stopping.wait()
        self._down()

    async def _listen(self) -> asyncio.Server:
        return await asyncio.start_server(
            self._serve, "127.0.0.1", self.port, reuse_address=True, limit=1 << 20
        )

    def _count(self, **amounts: int) -> None:
        with self._lock:
            for name, amount in amounts.items():
                setattr(self.traffic, name, getattr(self.traffic, name) + amount)

    def _next_fault(self) -> Fault:
        with self._lock:
            return self._faults.popleft() if self._faults else Fault()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._count(connections=1)
        self._open.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            await asyncio.sleep(self.link.latency_up + self.link.latency_down)  # the handshake
            up_reader, upstream = await asyncio.open_connection(
                *next(self._upstreams), limit=1 << 20
            )
            self._open.add(upstream)
            while (request := await read_message(reader)) is not None:
                if not await self._exchange(request, up_reader, upstream, writer):
                    break
        except (_Cut, OSError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            for end in (writer, upstream):
                if end is not None:
                    self._open.discard(end)
                    end.transport.abort()

    async def _exchange(
        self,
        request: Message,
        up_reader: asyncio.StreamReader,
        upstream: asyncio.StreamWriter,
        client: asyncio.StreamWriter,
    ) -> bool:
        """One request and its answer through the fault; False when the connection ends."""
        fault = self._next_fault()
        self._count(requests=1)
        if fault.kind == "link_down":
            self._go_down(fault.seconds)
            raise _Cut
        if fault.kind == "duplicate":
            await self._send_copy(request)
        cut_at = fault.at if fault.kind == "cut_request" else None
        await self._deliver(upstream, request.raw, up=True, limit=cut_at)
        if self.on_delivered is not None:
            await asyncio.get_running_loop().run_in_executor(
                None, self.on_delivered, request.start_line
            )
        response = await read_message(up_reader, request_method=request.method)
        if response is None:
            raise _Cut
        if fault.kind == "lose_response":
            self._count(lost=1)
            raise _Cut
        cut_at = fault.at if fault.kind == "cut_response" else None
        await self._deliver(client, response.raw, up=False, limit=cut_at)
        return not (response.closes or request.closes)

    async def _send_copy(self, request: Message) -> None:
        """The request once more on a connection of its own; its answer goes nowhere."""
        reader, writer = await asyncio.open_connection(*next(self._upstreams), limit=1 << 20)
        try:
            writer.write(request.raw)
            await writer.drain()
            await read_message(reader, request_method=request.method)
            self._count(duplicates=1)
        finally:
            writer.transport.abort()

    async def _deliver(
        self, writer: asyncio.StreamWriter, data: bytes, *, up: bool, limit: int | None
    ) -> None:
        """Send ``data`` over the shaped link; cut after ``limit`` bytes or at the link's cut."""
        shaper = self._shaper
        await asyncio.sleep(shaper.link.latency_up if up else shaper.link.latency_down)
        if limit is not None:
            data = data[: max(0, min(limit, len(data) - 1))]
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            allowed = shaper.spend(len(chunk))
            chunk = chunk if allowed is None else chunk[:allowed]
            await (shaper.up if up else shaper.down).take(len(chunk))
            writer.write(chunk)
            await writer.drain()
            self._count(**{"up" if up else "down": len(chunk)})
            if allowed is not None:
                self._count(cuts=1)
                raise _Cut
        if limit is not None:
            self._count(cuts=1)
            raise _Cut

    def _go_down(self, seconds: float) -> None:
        """Refuse new connections for ``seconds`` and cut the open ones."""
        self._count(link_downs=1)
        self._down()
        self._loop.call_later(seconds, lambda: asyncio.ensure_future(self._come_up()))

    def _down(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()

    async def _come_up(self) -> None:
        if self._server is None and not self._stopping.is_set():
            self._server = await self._listen()
