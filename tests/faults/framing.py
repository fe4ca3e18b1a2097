"""Just enough HTTP/1.1 framing for the fault proxy to tell where a request or response ends.

The proxy never rewrites a message; it only needs its exact bytes, whether the connection closes
after it, and (for a response) whether a body follows at all.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

NO_BODY_STATUSES = {204, 304}


@dataclass(frozen=True)
class Message:
    """One request or response as it came off the wire."""

    raw: bytes
    start_line: str
    closes: bool  # the sender ends the connection after this message

    @property
    def method(self) -> str:
        """The request's method ("" for a response)."""
        return self.start_line.split(" ", 1)[0]


async def read_message(reader: asyncio.StreamReader, *, request_method: str = "") -> Message | None:
    """The next message (a request when ``request_method`` is empty); None at a clean EOF."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise ConnectionResetError("the peer closed inside a message head") from None
        return None
    start_line, headers = _parse_head(head)
    body, until_eof = await _read_body(reader, start_line, headers, request_method)
    closes = until_eof or headers.get("connection", "").lower() == "close"
    return Message(raw=head + body, start_line=start_line, closes=closes)


def _parse_head(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


async def _read_body(
    reader: asyncio.StreamReader, start_line: str, headers: dict[str, str], request_method: str
) -> tuple[bytes, bool]:
    """The body's raw bytes (framing included) and whether it ran to the end of the stream."""
    if request_method and not _response_has_body(start_line, request_method):
        return b"", False
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return await _read_chunked(reader), False
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"])), False
    if request_method:  # a response without a length runs until the server closes
        return await reader.read(), True
    return b"", False


def _response_has_body(start_line: str, request_method: str) -> bool:
    status = int(start_line.split(" ", 2)[1])
    return request_method != "HEAD" and status >= 200 and status not in NO_BODY_STATUSES


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size_line = await reader.readuntil(b"\r\n")
        parts.append(size_line)
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            break
        parts.append(await reader.readexactly(size + 2))
    while True:  # trailers, then the empty line
        line = await reader.readuntil(b"\r\n")
        parts.append(line)
        if line == b"\r\n":
            return b"".join(parts)
