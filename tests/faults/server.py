"""The real central server on a real port: uvicorn in a subprocess (killable) or in a thread.

``ServerProcess`` runs ``counter-app server`` (uvicorn, its worker processes, the request
deadlines) from this repository, so a test can kill it with SIGKILL in the middle of a push and
start it again on the same database and port (the proxy in front keeps its upstream).
``ServerThread`` serves an app object built in this process, for a bench that mounts a route of
its own on it.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent.parent
START_TIMEOUT = 60.0


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_serving(
    url: str,
    alive: Any = None,
    timeout: float = START_TIMEOUT,
    verify: ssl.SSLContext | bool = True,
) -> None:
    """Poll ``GET /v1/time`` until it answers; ``alive()`` False means the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise RuntimeError("the server exited while starting")
        try:
            if httpx.get(f"{url}/v1/time", timeout=1, verify=verify).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"the server at {url} did not answer within {timeout:.0f} s")


class ServerProcess:
    """``uvicorn`` serving the central server on ``database_url`` in a process group of its own."""

    def __init__(
        self,
        database_url: str,
        *,
        workers: int = 1,
        port: int = 0,
        log_level: str = "warning",
        options: Sequence[str] = (),
        ca_file: str = "",
    ) -> None:
        self.database_url = database_url
        self.workers = workers
        self.log_level = log_level
        self.port = port or free_port()
        self.options = list(options)  # more ``counter-app server`` options
        self.ca_file = ca_file  # set when the options make it serve HTTPS: the CA to trust
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the server is

    @property
    def url(self) -> str:
        """The server's own address (no faults on the way)."""
        scheme = "https" if self.ca_file else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def ports(self) -> list[int]:
        """Its port, as a list (like ``Instances``)."""
        return [self.port]

    def start(self) -> ServerProcess:
        """Start and return once it answers."""
        command = [sys.executable, "-m", "counter_app.cli", "server", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--database-url", self.database_url]
        command += ["--workers", str(self.workers), "--log-level", self.log_level, *self.options]
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=self._log, stderr=self._log,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_serving(
                self.url,
                alive=lambda: self.process and self.process.poll() is None,
                verify=ssl.create_default_context(cafile=self.ca_file) if self.ca_file else True,
            )
        except RuntimeError as error:
            raise RuntimeError(f"{error}:\n{self.log()}") from None
        return self

    def kill(self) -> None:
        """SIGKILL to the server and its workers: no shutdown, no last commit."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        """A graceful stop (SIGTERM), forced after 10 s."""
        try:
            self._signal(signal.SIGTERM, timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def restart(self) -> None:
        """Kill it and start it again on the same database and port."""
        self.kill()
        self.start()

    def log(self) -> str:
        """What the server wrote to stdout and stderr."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def _signal(self, number: int, timeout: float = 10) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, number)
        self.process.wait(timeout)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
        self._log.close()


class Instances:
    """Several ``counter-app server`` instances on one database, as on several hosts behind a
    load balancer; started, killed and stopped together. ``url`` is the first one's."""

    def __init__(self, database_url: str, *, count: int = 2, workers: int = 2) -> None:
        self.servers = [ServerProcess(database_url, workers=workers) for _ in range(count)]

    @property
    def ports(self) -> list[int]:
        """Every instance's port (the proxy spreads connections over them)."""
        return [server.port for server in self.servers]

    @property
    def url(self) -> str:
        """The first instance's own address."""
        return self.servers[0].url

    def start(self) -> Instances:
        """Start every instance at once (their migrations wait for each other's)."""
        with ThreadPoolExecutor(len(self.servers)) as starting:
            list(starting.map(ServerProcess.start, self.servers))
        return self

    def restart(self) -> None:
        """Kill every instance and start them again on the same database and ports."""
        self.kill()
        self.start()

    def kill(self) -> None:
        """SIGKILL every instance."""
        for server in self.servers:
            server.kill()

    def stop(self) -> None:
        """Stop every instance gracefully."""
        for server in self.servers:
            server.stop()

    def log(self) -> str:
        """What the instances wrote."""
        return "\n".join(server.log() for server in self.servers)

    def __enter__(self) -> Instances:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        for server in self.servers:
            server.__exit__()


class ServerThread:
    """uvicorn serving an app object of this process on a thread (stopped gracefully)."""

    def __init__(self, app: Any, *, port: int = 0) -> None:
        import uvicorn

        self.port = port or free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """The server's own address."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self._thread.start()
        wait_until_serving(self.url, alive=self._thread.is_alive)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(10)
