"""A small real HTTP/1.1 server (stdlib) that remembers every request it answered."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: EchoServer

    def do_POST(self) -> None:
        expected = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(expected)
        if len(body) < expected:  # the client went away mid-body: nothing to answer
            self.close_connection = True
            return
        number = self.server.record(body)
        self._answer({"n": number, "size": len(body)})

    def do_GET(self) -> None:
        if self.path == "/chunked":
            self._chunked([b"first,", b"second,", b"third"])
        elif self.path == "/until-close":
            self._until_close(b"no length given")
        else:
            self._answer({"n": self.server.record(b""), "path": self.path})

    def _answer(self, value: dict[str, Any]) -> None:
        data = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _chunked(self, parts: list[bytes]) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for part in parts:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        self.wfile.write(b"0\r\n\r\n")

    def _until_close(self, data: bytes) -> None:
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read what the server recorded instead."""


class EchoServer(ThreadingHTTPServer):
    """Answers ``POST`` with the request's number and body size, in a thread of its own."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies: list[bytes] = []
        self._lock = threading.Lock()
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server_address[1])

    def record(self, body: bytes) -> int:
        """Remember a request; its number, from 1."""
        with self._lock:
            self.bodies.append(body)
            return len(self.bodies)

    def close(self) -> None:
        """Stop serving."""
        self.shutdown()
        self.server_close()
