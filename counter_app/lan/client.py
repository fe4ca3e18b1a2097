"""Asking a sibling counter over the centre's network: signed requests over pinned TLS.

Failures come out as the server client's ``SyncError`` with the same kinds: a peer out of reach
is retry-later; one that is not an enrolled counter of this agency (or not the one expected at
that address) is a refusal with the code ``not_a_sibling``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlencode

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ValidationError

from counter_app.lan import trust
from counter_app.lan.wire import LAN_PREFIX, MAX_WAIT, LanHello, LanHoldings, LanPullResponse
from counter_app.sync.client import send
from counter_app.sync.errors import ErrorKind, SyncError

M = TypeVar("M", bound=BaseModel)
NOT_A_SIBLING = "not_a_sibling"
CONNECT_SECONDS = 3.0


class PeerApi:
    """One sibling at one address, as seen by the station ``me``."""

    def __init__(
        self,
        address: str,
        *,
        me: str,
        key: Ed25519PrivateKey,
        keys: trust.Keys,
        expected: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.address, self.me, self.key = address, me, key
        self.context = trust.client_context(keys, expected)
        self.http = httpx.Client(
            base_url=f"https://{address}",
            verify=self.context,
            timeout=httpx.Timeout(timeout + MAX_WAIT, connect=CONNECT_SECONDS),
        )

    @property
    def station_id(self) -> str | None:
        """The counter this address leads to, once a hello said so."""
        return self.context.expected

    def hello(self) -> LanHello:
        """Which counter answers at this address (it must be the one its certificate names)."""
        response = self._get("hello", {})
        hello = _answer(response, LanHello)
        pinned = _pinned_station(response)
        if pinned != hello.station_id:
            raise SyncError(
                ErrorKind.REJECT, f"{self.address} names another counter", code=NOT_A_SIBLING
            )
        self.context.expected = hello.station_id
        return hello

    def pull(self, *, after: int, after_id: str | None, limit: int, wait: float) -> LanPullResponse:
        """Events the peer holds after place ``after``, waiting up to ``wait`` s for one."""
        params: dict[str, object] = {"after": after, "limit": limit, "wait": wait}
        if after_id is not None:
            params["after_id"] = after_id
        return _answer(self._get("pull", params), LanPullResponse)

    def holdings(self) -> LanHoldings:
        """How much of each chain the peer holds."""
        return _answer(self._get("holdings", {}), LanHoldings)

    def close(self) -> None:
        """Close its connections."""
        self.http.close()

    def _get(self, name: str, params: dict[str, object]) -> httpx.Response:
        target = f"{LAN_PREFIX}/{name}" + (f"?{urlencode(params)}" if params else "")
        headers = trust.signed_headers(self.key, self.me, "GET", target, datetime.now(UTC))
        try:
            return send(self.http, "GET", target, headers=headers)
        except SyncError as error:
            raise _named(error, self.address) from None


def _named(error: SyncError, address: str) -> SyncError:
    """A transport failure that was the pin refusing the peer, as a refusal."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, trust.NotASibling):
            detail = f"{address} is not an enrolled counter of this agency: {cause}"
            return SyncError(ErrorKind.REJECT, detail, code=NOT_A_SIBLING)
        cause = cause.__cause__ or cause.__context__
    if error.kind is ErrorKind.RETRY:
        return SyncError(ErrorKind.RETRY, f"{address} is out of reach", code=error.code)
    return error


def _pinned_station(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    socket = None if stream is None else stream.get_extra_info("socket")
    return getattr(socket, "peer_station", None)


def _answer(response: httpx.Response, model: type[M]) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as error:
        raise SyncError(ErrorKind.RETRY, f"a counter's answer cannot be read: {error}") from None
