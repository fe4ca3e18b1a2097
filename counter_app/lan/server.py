"""A counter's endpoint on the centre's network: its events, to its siblings only.

``GET /lan/v1/pull`` hands on every event the store holds (its own and those of the agency it
received), except the asker's own and those the server set aside, in the store's own order, as
the server's pull does; it waits up to ``wait`` seconds for a new one when there is none, so a
dossier saved on one counter reaches the others within moments. ``hello`` names the counter,
``holdings`` says how much of each chain it holds. Every request must be signed by a sibling
(``trust.caller_of``); anything else gets a 401 and nothing more.

The standard library's threading HTTP server is enough for the handful of counters of a centre;
each connection's TLS handshake runs on its own thread, never on the one accepting.
"""

from __future__ import annotations

import http.server
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from counter_app.domain.events import EventRecord
from counter_app.lan import trust
from counter_app.lan.wire import (
    CURSOR_RESET,
    LAN_PREFIX,
    MAX_WAIT,
    HeldChain,
    LanHello,
    LanHoldings,
    LanPullResponse,
)
from counter_app.models.database import Store
from counter_app.services import lan_store
from counter_app.services.context import StationIdentity
from counter_app.sync.protocol import MAX_PULL, ErrorResponse, PulledEvent, WireEvent
from counter_app.sync.signing import sign_event

log = logging.getLogger(__name__)
POLL_SECONDS = 0.2  # how often a waiting pull looks for a new event (another process may write)
HANDSHAKE_SECONDS = 10.0
RENEW_AFTER = timedelta(days=1)


class _Refusal(Exception):
    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.error, self.detail = status, error, detail


class LanEndpoint:
    """What the endpoint serves: one station's store, answered to its siblings."""

    def __init__(
        self,
        store: Store,
        identity: StationIdentity,
        key: Ed25519PrivateKey,
        keys: trust.Keys,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store, self.identity, self.key, self.keys = store, identity, key, keys
        self.clock = clock
        self.stopping = threading.Event()

    def answer(self, method: str, target: str, headers: dict[str, str]) -> BaseModel:
        """The answer to one request; _Refusal for anything not served."""
        caller = trust.caller_of(headers, method, target, self.keys(), self.clock())
        if caller is None:
            raise _Refusal(401, "unauthorised", "Only the counters of this agency are answered.")
        parts = urlsplit(target)
        query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        if method != "GET":
            raise _Refusal(405, "method_not_allowed", "Only GET is served.")
        if parts.path == f"{LAN_PREFIX}/hello":
            return self.hello()
        if parts.path == f"{LAN_PREFIX}/holdings":
            return self.holdings()
        if parts.path == f"{LAN_PREFIX}/pull":
            return self.pull(caller, **_pull_arguments(query))
        raise _Refusal(404, "not_found", "No such path.")

    def hello(self) -> LanHello:
        """Which counter this is."""
        me = self.identity
        return LanHello(
            station_id=me.station_id, agency_code=me.agency_code, slot=me.slot, now=self.clock()
        )

    def holdings(self) -> LanHoldings:
        """How much of each chain this store holds."""
        with self.store.read() as db:
            chains = lan_store.holdings(db)
            last = lan_store.last_place(db)
        return LanHoldings(
            station_id=self.identity.station_id,
            last_place=last,
            chains=[
                HeldChain(station_id=c.station_id, events=c.events, last_seq=c.last_seq)
                for c in chains
            ],
        )

    def pull(
        self, caller: str, *, after: int, after_id: str | None, limit: int, wait: float
    ) -> LanPullResponse:
        """Events after place ``after`` not written by ``caller``; waits for one up to ``wait``."""
        deadline = time.monotonic() + wait
        while True:
            with self.store.read() as db:
                if after and after_id is not None and lan_store.event_at(db, after) != after_id:
                    raise _Refusal(409, CURSOR_RESET, "This store renumbered; read from the start.")
                last = lan_store.last_place(db)
                rows = (
                    lan_store.events_after(db, after=after, exclude_station=caller, limit=limit)
                    if last > after
                    else []
                )
                reached = rows[-1][0] if len(rows) == limit else max(last, after)
                reached_id = lan_store.event_at(db, reached) if reached else None
            if rows or time.monotonic() >= deadline or self.stopping.wait(POLL_SECONDS):
                return self._page(rows, reached, reached_id)
            after, after_id = reached, reached_id

    def _page(
        self, rows: list[tuple[int, EventRecord]], reached: int, reached_id: str | None
    ) -> LanPullResponse:
        me = self.identity.station_id
        events = [
            PulledEvent(**WireEvent.from_record(record).model_dump(), server_seq=place)
            for place, record in rows
        ]
        signatures = {e.id: sign_event(self.key, e.hash) for e in events if e.station_id == me}
        return LanPullResponse(
            events=events,
            next_cursor=reached,
            cursor_event_id=reached_id,
            server_time=self.clock(),
            signatures=signatures,
        )


def _pull_arguments(query: dict[str, str]) -> dict[str, Any]:
    try:
        after = int(query.get("after", "0"))
        limit = int(query.get("limit", "200"))
        wait = float(query.get("wait", "0"))
    except ValueError:
        raise _Refusal(400, "invalid_request", "after, limit and wait are numbers.") from None
    if after < 0 or not 1 <= limit <= MAX_PULL or not 0 <= wait <= MAX_WAIT:
        raise _Refusal(400, "invalid_request", "after, limit or wait is out of range.")
    return {"after": after, "after_id": query.get("after_id"), "limit": limit, "wait": wait}


class _Handler(http.server.BaseHTTPRequestHandler):
    """One connection: signed GETs answered as JSON."""

    protocol_version = "HTTP/1.1"  # keep-alive: a counter pulls again at once
    timeout = MAX_WAIT + 35  # an idle connection is closed after this
    server: _HttpServer

    def do_GET(self) -> None:
        """Answer, or refuse with the server's error shape."""
        if self.server.endpoint.stopping.is_set():  # a kept-alive connection after the stop
            self.close_connection = True
            self._send(503, ErrorResponse(error="stopping", detail="This counter is stopping."))
            return
        try:
            headers = {name: value for name, value in self.headers.items()}
            body = self.server.endpoint.answer("GET", self.path, headers)
        except _Refusal as refusal:
            self._send(refusal.status, ErrorResponse(error=refusal.error, detail=refusal.detail))
        except Exception:  # logged, answered, and the endpoint keeps serving
            log.exception("the answer to a counter failed")
            self._send(500, ErrorResponse(error="internal", detail="The answer failed."))
        else:
            self._send(200, body)

    def _send(self, status: int, body: BaseModel) -> None:
        raw = body.model_dump_json().encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged one by one (a pull every few seconds per counter)."""


class _HttpServer(http.server.ThreadingHTTPServer):
    """Accepts on one thread; each connection's handshake and requests on a thread of its own."""

    daemon_threads = True
    endpoint: LanEndpoint
    tls: ssl.SSLContext
    tls_made: datetime

    def finish_request(self, request: Any, client_address: Any) -> None:
        """The TLS handshake on this connection's own thread, then its requests."""
        assert isinstance(request, socket.socket)
        request.settimeout(HANDSHAKE_SECONDS)
        try:
            wrapped = self.context().wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            request.close()
            return
        _Handler(wrapped, client_address, self)

    def context(self) -> ssl.SSLContext:
        """The TLS context, with a certificate renewed once a day."""
        now = self.endpoint.clock()
        if now - self.tls_made > RENEW_AFTER:
            self.tls, self.tls_made = self._fresh(now), now
        return self.tls

    def _fresh(self, now: datetime) -> ssl.SSLContext:
        identity = self.endpoint.identity
        return trust.server_context(self.endpoint.key, identity.station_id, now)


class LanServer:
    """The endpoint on a port of every interface, served from a thread of its own."""

    def __init__(self, endpoint: LanEndpoint, *, host: str = "0.0.0.0", port: int = 0) -> None:
        self.endpoint = endpoint
        self.http = _HttpServer((host, port), _Handler, bind_and_activate=True)
        self.http.endpoint = endpoint
        now = endpoint.clock()
        self.http.tls, self.http.tls_made = self.http._fresh(now), now
        self._thread = threading.Thread(target=self.http.serve_forever, name="lan-server")

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.http.server_address[1])

    def start(self) -> LanServer:
        """Serve in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, end the waiting pulls, release the port."""
        self.endpoint.stopping.set()
        self.http.shutdown()
        self.http.server_close()
        self._thread.join(5)
