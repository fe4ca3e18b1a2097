"""HTTP plumbing: a body size limit, gzip request bodies, and JSON for every 4xx."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counter_app.domain.errors import CounterError, InvalidInput, NotFound, TransitionNotAllowed
from counter_app.sync.protocol import ErrorResponse
from counter_server.errors import ApiError

MAX_BODY = 8 * 1024 * 1024


def error_response(error: ApiError) -> JSONResponse:
    """The JSON form of a refusal."""
    body = ErrorResponse(
        error=error.error,
        detail=error.detail,
        expected_seq=error.expected_seq,
        minimum_version=error.minimum_version,
    )
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return JSONResponse(body.model_dump(exclude_none=True), error.status, headers=headers)


class BodyLimit:
    """Refuse a request body over ``max_bytes`` with 413, before the app sees any of it."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = ApiError(413, "too_large", f"The request body exceeds {self.max_bytes} bytes.")
        await error_response(limit)(scope, receive, send)


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
    """A request whose body is inflated when sent with ``Content-Encoding: gzip``."""

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


def _gunzip(data: bytes) -> bytes:
    """Inflate, refusing more than ``MAX_BODY`` bytes of output (no zip bombs)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_BODY + 1)
    except zlib.error as error:
        raise ApiError(400, "bad_gzip", f"The gzip body cannot be read: {error}.") from None
    if len(out) > MAX_BODY or inflater.unconsumed_tail:
        raise ApiError(413, "too_large", f"The inflated body exceeds {MAX_BODY} bytes.")
    return out


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class GzipRoute(APIRoute):
    """A route that accepts gzip request bodies."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def gzip_handler(request: Request) -> Response:
            inflating = GzipRequest(request.scope, request.receive)
            try:
                await inflating.body()  # here, so that a refusal keeps its own status
            except ApiError as error:
                return error_response(error)
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
