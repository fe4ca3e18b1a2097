"""A TCP relay in front of a counter's endpoint that cuts its first answers part-way.

TLS hides the HTTP framing, so the fault proxy of tests/faults cannot pick requests here; this
relay counts bytes instead: the first ``cuts`` connections are closed once ``after`` bytes of the
answer went through (the peer "dies" in the middle of a page), the later ones pass untouched.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.faults.server import free_port


class CuttingRelay:
    """127.0.0.1:``port`` → 127.0.0.1:``upstream``, cutting the first answers."""

    def __init__(self, upstream: int, *, after: int, cuts: int) -> None:
        self.upstream, self.after, self.cuts_left = upstream, after, cuts
        self.port = free_port()
        self.cut = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def start(self) -> CuttingRelay:
        """Accept in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting."""
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            with self._lock:
                cutting = self.cuts_left > 0
                self.cuts_left -= cutting
            server = socket.create_connection(("127.0.0.1", self.upstream))
            limit = self.after if cutting else None
            threading.Thread(target=self._pump, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, limit), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while chunk := source.recv(16384):
                if limit is not None and sent + len(chunk) >= limit:
                    target.sendall(chunk[: limit - sent])
                    with self._lock:
                        self.cut += 1
                    break
                target.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()
