"""A TCP relay on loopback that keeps a copy of every byte passing either way: what someone
listening on the centre's network would see."""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.faults.server import free_port


class Wiretap:
    """Forwards ``127.0.0.1:port`` to ``127.0.0.1:upstream``; ``seen()`` gives the bytes."""

    def __init__(self, upstream: int) -> None:
        self.upstream, self.port = upstream, free_port()
        self._captured = bytearray()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._stopping = threading.Event()

    def __enter__(self) -> Wiretap:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        self._listener.close()

    def seen(self) -> bytes:
        """A copy of the bytes so far."""
        with self._lock:
            return bytes(self._captured)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                near, _address = self._listener.accept()
            except OSError:  # closed
                return
            far = socket.create_connection(("127.0.0.1", self.upstream))
            for source, target in ((near, far), (far, near)):
                threading.Thread(target=self._copy, args=(source, target), daemon=True).start()

    def _copy(self, source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):  # either end closed: the other is closed too
            while chunk := source.recv(65536):
                with self._lock:
                    self._captured += chunk
                target.sendall(chunk)
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
