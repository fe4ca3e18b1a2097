"""HTTP plumbing: limits on what a request may carry, gzip request bodies, and JSON for every
refusal and failure."""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SqlTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counter_app.domain.errors import CounterError, InvalidInput, NotFound, TransitionNotAllowed
from counter_app.sync.protocol import ErrorResponse
from counter_server.errors import ApiError

MAX_BODY = 8 * 1024 * 1024
MIN_BODY_RATE = 1000  # bytes a second: an eighth of the slowest link a commune is on


def error_response(error: ApiError) -> JSONResponse:
    """The JSON form of a refusal."""
    body = ErrorResponse(
        error=error.error,
        detail=error.detail,
        expected_seq=error.expected_seq,
        minimum_version=error.minimum_version,
    )
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
    if error.retry_after is not None:
        headers["Retry-After"] = str(error.retry_after)
    return JSONResponse(body.model_dump(exclude_none=True), error.status, headers=headers)


def nul_refused() -> ApiError:
    """422: PostgreSQL's text cannot hold a NUL character, and no Counter text has one."""
    return ApiError(422, "invalid_request", "Text may not contain NUL (U+0000) characters.")


class BodyLimit:
    """Read the body whole before the app sees any of it, refusing a NUL in the path or query
    (422), a body over ``max_bytes`` (413) and one that does not arrive in time (408).

    In time: within ``read_timeout`` seconds and one more per ``MIN_BODY_RATE`` bytes declared,
    so a link of a few kbit/s gets a batch through and a byte every few seconds does not keep
    a connection forever. No slot or database connection is taken while a body arrives.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY, read_timeout: float = 20.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout = read_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"\x00" in unquote_to_bytes(scope["query_string"]):
            await error_response(nul_refused())(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            await error_response(self._too_large())(scope, receive, send)
            return
        expected = int(declared) if b"content-length" in dict(scope["headers"]) else self.max_bytes
        deadline = asyncio.get_running_loop().time() + self.read_timeout + expected / MIN_BODY_RATE
        try:
            async with asyncio.timeout_at(deadline):
                body = await self._read(receive)
        except TimeoutError:
            late = ApiError(408, "request_timeout", "The request body did not arrive in time.")
            await error_response(late)(scope, receive, send)
            return
        if isinstance(body, ApiError):
            await error_response(body)(scope, receive, send)
        elif body is not None:
            await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | ApiError | None:
        """The whole body; an ApiError when too large; None when the client went away."""
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_bytes:
                return self._too_large()
        return b"".join(chunks)

    def _too_large(self) -> ApiError:
        return ApiError(413, "too_large", f"The request body exceeds {self.max_bytes} bytes.")


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands out the buffered body once, then defers to the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class GzipRequest(Request):
    """A request whose body is inflated when sent with ``Content-Encoding: gzip``, and whose
    JSON holds only finite numbers."""

    async def body(self) -> bytes:
        if not hasattr(self, "_inflated"):
            raw = await super().body()
            encoding = self.headers.get("content-encoding", "identity").lower()
            if encoding == "gzip":
                raw = _gunzip(raw)
            elif encoding != "identity":
                raise ApiError(415, "unsupported_encoding", f"Content-Encoding {encoding!r}.")
            self._inflated = raw
        return self._inflated

    async def json(self) -> Any:
        """The body's JSON (read once, as FastAPI then takes it); NaN and Infinity refused."""
        if not hasattr(self, "_json"):
            self._json = json.loads(await self.body(), parse_constant=_no_constant)
        return self._json


def _no_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _gunzip(data: bytes) -> bytes:
    """Inflate one whole gzip member, refusing more than ``MAX_BODY`` bytes of output (no zip
    bombs), a cut member, and anything after it (a second member or junk is not ours to drop)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_BODY + 1)
    except zlib.error as error:
        raise ApiError(400, "bad_gzip", f"The gzip body cannot be read: {error}.") from None
    if len(out) > MAX_BODY or inflater.unconsumed_tail:
        raise ApiError(413, "too_large", f"The inflated body exceeds {MAX_BODY} bytes.")
    if not inflater.eof:
        raise ApiError(400, "bad_gzip", "The gzip body ends before its member does.")
    if inflater.unused_data:
        raise ApiError(400, "bad_gzip", "The gzip body carries data after its member.")
    return out


def holds_nul(value: object) -> bool:
    """True when a string anywhere in a parsed JSON value (keys too) holds a NUL character."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and "\x00" in item:
            return True
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


async def _refusal(request: GzipRequest) -> ApiError | None:
    """Why the body cannot reach the route, if it cannot: bad gzip, or NUL in its JSON.

    JSON that does not parse is left to FastAPI, whose 422 names where it breaks.
    """
    try:
        await request.body()  # here, so that a refusal keeps its own status
        if "json" in request.headers.get("content-type", "") and holds_nul(await request.json()):
            return nul_refused()
    except ApiError as error:
        return error
    except (ValueError, RecursionError):
        pass
    return None


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class GzipRoute(APIRoute):
    """A route that accepts gzip request bodies and refuses NUL characters in JSON ones."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def gzip_handler(request: Request) -> Response:
            inflating = GzipRequest(request.scope, request.receive)
            refusal = await _refusal(inflating)
            if refusal is not None:
                return error_response(refusal)
            return await handler(inflating)

        return gzip_handler


async def on_api_error(_request: Request, error: Exception) -> Response:
    """Render an ``ApiError``."""
    assert isinstance(error, ApiError)
    return error_response(error)


async def on_validation_error(_request: Request, error: Exception) -> Response:
    """422 with one readable sentence and the per-field list."""
    assert isinstance(error, RequestValidationError)
    errors = [
        {"loc": [str(part) for part in item["loc"]], "msg": item["msg"], "type": item["type"]}
        for item in error.errors()
    ]
    sentence = "; ".join(f"{'.'.join(item['loc'])}: {item['msg']}" for item in errors)
    body = ErrorResponse(error="invalid_request", detail=sentence, errors=errors)
    return JSONResponse(body.model_dump(exclude_none=True), 422)


async def on_http_error(_request: Request, error: Exception) -> Response:
    """Starlette's own refusals (404, 405, …) in the same JSON shape as ours."""
    assert isinstance(error, StarletteHTTPException)
    body = ErrorResponse(error=f"http_{error.status_code}", detail=str(error.detail))
    return JSONResponse(body.model_dump(), error.status_code, headers=error.headers)


async def on_unexpected(_request: Request, _error: Exception) -> Response:
    """A failure of the server itself: the documented JSON shape, and nothing of the inside
    (the traceback goes to the server's log)."""
    detail = "The server failed to answer this request; it is logged. Try again later."
    return JSONResponse(ErrorResponse(error="internal", detail=detail).model_dump(), 500)


async def on_database_error(_request: Request, error: Exception) -> Response:
    """The database cannot take the request now (no connection in time, connection lost, a
    lock held too long): 503, come back later. Anything else from it is a failure: raised on
    to ``on_unexpected`` (500) and to the server's log, as any other failure is."""
    if not unavailable(error):
        raise error
    detail = "The database is not available right now; retry later."
    return error_response(ApiError(503, "database_unavailable", detail, retry_after=5))


def unavailable(error: Exception) -> bool:
    """True for a database error that says "not now", not "this is wrong"."""
    if isinstance(error, SqlTimeout):
        return True
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig).lower()
    return error.connection_invalidated or "locked" in text or "connection" in text


async def on_integrity_error(_request: Request, _error: Exception) -> Response:
    """A unique constraint hit by a concurrent request: the caller may retry."""
    return error_response(ApiError(409, "conflict", "A concurrent request changed this; retry."))


_COUNTER_ERRORS: tuple[tuple[type[CounterError], int, str], ...] = (
    (TransitionNotAllowed, 409, "transition_not_allowed"),
    (NotFound, 409, "not_found"),
    (InvalidInput, 422, "invalid_input"),
)


async def on_counter_error(_request: Request, error: Exception) -> Response:
    """A refusal of the domain's rules (a forbidden step, a bad value): nothing was stored."""
    assert isinstance(error, CounterError)
    for kind, status, code in _COUNTER_ERRORS:
        if isinstance(error, kind):
            return error_response(ApiError(status, code, str(error)))
    return error_response(ApiError(409, "refused", str(error)))
