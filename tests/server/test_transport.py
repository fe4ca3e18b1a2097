"""``counter-app server`` on a real socket: request deadlines, and its TLS options.

A connection that sends its request a byte every few seconds, or nothing at all, was kept for
ever. The head of a request must now arrive within ``--read-timeout`` seconds and its body
within that and one second per 1000 bytes declared; a slow body is answered 408.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_server.settings import PATIENCE
from tests.faults.server import ServerProcess

TIMEOUT = 1.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The server on SQLite with a one-second read timeout."""
    url = f"sqlite:///{tmp_path_factory.mktemp('transport') / 'server.sqlite3'}"
    with ServerProcess(url, options=["--read-timeout", str(TIMEOUT)]) as running:
        yield running


def connect(server: ServerProcess) -> socket.socket:
    """A raw connection to the server."""
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def closed_after(connection: socket.socket, drip: bytes, every: float) -> tuple[float, bytes]:
    """Send ``drip`` a byte at a time every ``every`` s until the server closes the connection
    (or 10 s pass); how long it took and what the server said."""
    began, answer = time.monotonic(), b""
    connection.setblocking(False)
    for byte in drip:
        try:
            connection.send(bytes([byte]))
        except OSError:  # the server closed it
            break
        time.sleep(every)
        try:
            chunk = connection.recv(65536)
        except BlockingIOError:
            continue
        answer += chunk
        if not chunk:
            break
        if time.monotonic() - began > 10:
            break
    return time.monotonic() - began, answer


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(server: ServerProcess) -> None:
    head = b"GET /v1/time HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"
    with connect(server) as connection:
        seconds, answer = closed_after(connection, head, every=0.2)
    assert seconds < TIMEOUT + 3
    assert b"200 OK" not in answer


def test_a_silent_connection_is_closed(server: ServerProcess) -> None:
    with connect(server) as connection:
        began = time.monotonic()
        assert connection.recv(1) == b""  # closed by the server
    assert time.monotonic() - began < TIMEOUT + 3


def test_a_body_sent_too_slowly_is_answered_408(server: ServerProcess) -> None:
    head = (
        b"POST /v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    with connect(server) as connection:
        connection.sendall(head)
        seconds, answer = closed_after(connection, b"{" + b" " * 999, every=0.1)
    assert seconds < TIMEOUT + 1000 / 1000 + 3
    assert answer.startswith(b"HTTP/1.1 408")
    assert b'"error":"request_timeout"' in answer


def whole_answer(connection: socket.socket) -> bytes:
    """One whole HTTP answer: its head, then as many body bytes as its Content-Length says
    (the server may send the two apart)."""
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = connection.recv(65536)
        assert chunk, f"closed before the head ended: {answer!r}"
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = connection.recv(65536)
        assert chunk, f"closed before the body ended: {answer + body!r}"
        body += chunk
    return head + b"\r\n\r\n" + body


def test_a_kept_alive_connection_serves_requests_apart(server: ServerProcess) -> None:
    request = b"GET /v1/time HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with connect(server) as connection:
        for _ in range(2):
            connection.sendall(request)
            assert whole_answer(connection).startswith(b"HTTP/1.1 200")
            time.sleep(TIMEOUT * 1.5)  # idle between requests: only the head has a deadline


def test_a_client_back_after_the_longest_retry_after_finds_its_connection_open(
    server: ServerProcess,
) -> None:
    """A busy server answers 503 with Retry-After up to PATIENCE seconds; the client coming back
    then must not send its request on a connection the server is closing as idle."""
    request = b"GET /v1/time HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with connect(server) as connection:
        connection.sendall(request)
        assert whole_answer(connection).startswith(b"HTTP/1.1 200")
        time.sleep(PATIENCE + 1)
        connection.sendall(request)
        assert whole_answer(connection).startswith(b"HTTP/1.1 200")


def test_tls_needs_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert main(["server", "--database-url", url, "--certfile", str(tmp_path / "c.pem")]) == 1
    assert "--certfile and --keyfile go together" in capsys.readouterr().err
    missing = ["--certfile", str(tmp_path / "c.pem"), "--keyfile", str(tmp_path / "k.pem")]
    assert main(["server", "--database-url", url, *missing]) == 1
    assert "cannot read" in capsys.readouterr().err
