"""The station's side of the wire: one method per endpoint, every failure classified.

The caller hands in the ``httpx.Client`` (its base URL, timeouts and TLS settings), so tests pass
FastAPI's TestClient or a client through a fault proxy. Failures come out as ``SyncError`` with
a kind: retry later (the link, the server's bad moment, a concurrent push), refresh credentials
(enrol again), or reject (the request itself is wrong; retrying will not help).
"""

from __future__ import annotations

import gzip
import json
import ssl
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
import truststore
from pydantic import BaseModel, ValidationError

from counter_app import __version__
from counter_app.domain.access import AccessEntry
from counter_app.domain.events import EventRecord
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import (
    VERSION_HEADER,
    AccessHead,
    EnrolRequest,
    EnrolResponse,
    OwnEventsResponse,
    PullResponse,
    PushResponse,
    QuarantinedOwnResponse,
    SiblingsResponse,
    StationStatus,
    TransferKey,
    WireAccessEntry,
    WireEvent,
)

M = TypeVar("M", bound=BaseModel)
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# sent with every request, so the server can refuse a Counter it no longer accepts
VERSION_HEADERS = {VERSION_HEADER: __version__, "User-Agent": f"counter-app/{__version__}"}


def make_http(server_url: str, *, ca_bundle: str = "", timeout: float = 30.0) -> httpx.Client:
    """A client for ``server_url``: TLS verified against the operating system's certificate
    store (truststore), or against ``ca_bundle`` alone when one is set."""
    # never unverified: a custom CA is the only way out
    verify = (
        ssl.create_default_context(cafile=ca_bundle)
        if ca_bundle
        else truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    )
    return httpx.Client(
        base_url=server_url.rstrip("/"),
        verify=verify,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
    )


class ServerApi:
    """The central server's endpoints as seen by one enrolled station."""

    def __init__(self, http: httpx.Client, token: str) -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {token}"}

    def status(self) -> StationStatus:
        """How far the server holds this station's chain, and its clock."""
        return _answer(self._send("GET", "/v1/status"), StationStatus)

    def push(self, events: list[EventRecord]) -> PushResponse:
        """Send a batch of own events, gzipped."""
        return self._post_events("/v1/push", events)

    def relay(self, events: list[EventRecord], signatures: list[str]) -> PushResponse:
        """Carry up a batch of another counter's events (one author, in its seq order), each
        with its author's signature."""
        return self._post_events("/v1/relay", events, signatures=signatures)

    def siblings(self) -> SiblingsResponse:
        """The counters of this agency: their public keys and how far the server holds them."""
        return _answer(self._send("GET", "/v1/siblings"), SiblingsResponse)

    def quarantined_own(self, *, after: int) -> QuarantinedOwnResponse:
        """Own events after seq ``after`` the server holds but set aside."""
        params = {"after": after}
        return _answer(
            self._send("GET", "/v1/own/quarantined", params=params), QuarantinedOwnResponse
        )

    def _post_events(self, path: str, events: list[EventRecord], **more: list[str]) -> PushResponse:
        body: dict[str, Any] = {
            "events": [WireEvent.from_record(e).model_dump(mode="json") for e in events]
        }
        body |= more
        raw = gzip.compress(json.dumps(body, ensure_ascii=False).encode(), compresslevel=6)
        headers = {**self.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
        return _answer(self._send("POST", path, content=raw, headers=headers), PushResponse)

    def pull(self, *, after: int, publications_after: int, limit: int = 500) -> PullResponse:
        """Events and publications after the cursors."""
        params = {"after": after, "publications_after": publications_after, "limit": limit}
        return _answer(self._send("GET", "/v1/pull", params=params), PullResponse)

    def own(self, *, after: int) -> OwnEventsResponse:
        """This station's own events the server holds after seq ``after``."""
        return _answer(self._send("GET", "/v1/own", params={"after": after}), OwnEventsResponse)

    def transfer_key(self) -> TransferKey:
        """The server's public key that hand-carried files are encrypted to."""
        return _answer(self._send("GET", "/v1/transfer-key"), TransferKey)

    def access_head(self) -> AccessHead:
        """How far the server holds this station's access chain."""
        return _answer(self._send("GET", "/v1/access/head"), AccessHead)

    def push_access(self, entries: list[AccessEntry]) -> AccessHead:
        """Send a batch of access-log entries, gzipped."""
        wire = [WireAccessEntry.from_entry(entry).model_dump(mode="json") for entry in entries]
        raw = gzip.compress(json.dumps({"entries": wire}).encode(), compresslevel=6)
        headers = {**self.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
        return _answer(self._send("POST", "/v1/access", content=raw, headers=headers), AccessHead)

    def _send(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        kwargs.setdefault("headers", self.headers)
        return send(self.http, method, path, **kwargs)


def enrol(http: httpx.Client, request: EnrolRequest) -> EnrolResponse:
    """Trade the one-time code for a token."""
    body = request.model_dump(mode="json")
    return _answer(send(http, "POST", "/v1/enrol", json=body), EnrolResponse)


def send(http: httpx.Client, method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request, naming this Counter's version; a transport failure becomes a retry-later
    SyncError."""
    given = kwargs.get("headers")
    kwargs["headers"] = {**VERSION_HEADERS, **(given if isinstance(given, dict) else {})}
    try:
        response = http.request(method, path, **kwargs)  # type: ignore[arg-type]
    except httpx.TransportError as error:
        raise SyncError(ErrorKind.RETRY, f"no link to the server: {error!r}") from None
    if response.status_code >= 400:
        raise classify(response)
    return response


def classify(response: httpx.Response) -> SyncError:
    """The SyncError for a refusal."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = str(body.get("error", f"http_{status}"))
    detail = f"{status} {code}: {body.get('detail', response.reason_phrase)}"
    expected = body.get("expected_seq")
    expected_seq = expected if isinstance(expected, int) else None
    minimum = body.get("minimum_version")
    kind = ErrorKind.REJECT
    if status >= 500 or status in (408, 429) or (status == 409 and code == "conflict"):
        kind = ErrorKind.RETRY
    elif status == 401:
        kind = ErrorKind.CREDENTIALS
    return SyncError(
        kind,
        detail,
        status=status,
        code=code,
        expected_seq=expected_seq,
        minimum_version=minimum if isinstance(minimum, str) else "",
        retry_after=retry_after(response.headers.get("Retry-After")),
    )


def retry_after(header: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number, or a date: the time until it);
    None when absent or unreadable."""
    if header is None:
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _answer(response: httpx.Response, model: type[M]) -> M:
    """The body as ``model``; a cut or garbled answer is worth a retry."""
    try:
        return model.model_validate_json(response.content)
    except ValidationError as error:
        raise SyncError(ErrorKind.RETRY, f"the server's answer cannot be read: {error}") from None
