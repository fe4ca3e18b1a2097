"""A counter on the centre's network, running in the background: its endpoint, its
advertisement, and one worker per sibling pulling that sibling's events as they are written.

A worker asks its peer to wait for a new event (up to ``WAIT`` seconds) and applies each page
as it comes, so a dossier saved on one counter is found on the others within moments. Peers are
those mDNS hears, those in the ``lan_peers`` setting (asked who they are first), and those heard
before (at their last address). Everything here runs on its own threads, never the window's.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter_app.lan.client import PeerApi
from counter_app.lan.discovery import Discovery
from counter_app.lan.exchange import SiblingKeys, pull_page
from counter_app.lan.server import LanEndpoint, LanServer
from counter_app.models.database import Store
from counter_app.services import lan_store
from counter_app.services.context import StationIdentity
from counter_app.sync.errors import SyncError

log = logging.getLogger(__name__)
# seconds a pull waits at the peer for a new event: a new one is answered at once, so this only
# sets how often an idle peer is asked again (and how soon a stop is noticed)
WAIT = 5.0
MANAGE_SECONDS = 2.0  # how often the list of peers is looked at again
PROBE_SECONDS = 5.0  # how often an address of unknown identity is asked again
BACKOFF_CAP = 30.0


@dataclass(frozen=True)
class LanSettings:
    """Where to listen and whom to look for."""

    port: int
    peers: Sequence[str] = ()
    discovery: bool = True
    interfaces: Sequence[str] = ()


@dataclass
class _Worker:
    """The thread pulling one sibling's events, and the address it uses."""

    station_id: str
    address: str
    thread: threading.Thread | None = None
    changed: threading.Event = field(default_factory=threading.Event)


class LanService:
    """The endpoint, discovery and the workers of one counter."""

    def __init__(
        self,
        store: Store,
        identity: StationIdentity,
        key: Ed25519PrivateKey,
        settings: LanSettings,
        *,
        on_applied: Callable[[int], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store, self.identity, self.key, self.settings = store, identity, key, settings
        self.clock, self.on_applied = clock, on_applied
        self.keys = SiblingKeys(store)
        self.endpoint = LanEndpoint(store, identity, key, self.keys, clock)
        self.server = LanServer(self.endpoint, port=settings.port)
        self.discovery: Discovery | None = None
        self.workers: dict[str, _Worker] = {}
        self.stopping = threading.Event()
        self._probed: dict[str, float] = {}
        self._manager = threading.Thread(target=self._manage, name="lan-peers", daemon=True)

    @property
    def port(self) -> int:
        """The port the endpoint listens on."""
        return self.server.port

    def start(self) -> LanService:
        """Serve, advertise, and start looking for peers."""
        self.server.start()
        if self.settings.discovery:
            try:
                self.discovery = Discovery(
                    self.identity, self.port, interfaces=self.settings.interfaces
                ).start()
            except OSError as error:  # no multicast here: the peers setting still works
                log.warning("mDNS discovery is off: %s", error)
        self._manager.start()
        return self

    def stop(self) -> None:
        """Stop everything and wait for the threads (a few seconds at most)."""
        self.stopping.set()
        if self.discovery is not None:
            self.discovery.stop()
        self.server.stop()
        deadline = time.monotonic() + WAIT + 5
        self._manager.join(max(0.0, deadline - time.monotonic()))
        for worker in list(self.workers.values()):
            worker.changed.set()
        for worker in list(self.workers.values()):
            if worker.thread is not None:
                worker.thread.join(max(0.0, deadline - time.monotonic()))

    # -- which peers, at which addresses ---------------------------------------------------

    def _manage(self) -> None:
        while not self.stopping.is_set():
            try:
                self._look_around()
            except Exception:  # the next look may fare better; never end the manager
                log.exception("looking for the centre's counters failed")
            self.stopping.wait(MANAGE_SECONDS)

    def _look_around(self) -> None:
        with self.store.read() as db:
            heard = {row.station_id: row.address for row in lan_store.peers(db)}
        for station, address in heard.items():
            self._assign(station, address, replace=False)
        for station, address in (self.discovery.found() if self.discovery else {}).items():
            self._assign(station, address, replace=True)
        known = {worker.address for worker in self.workers.values()}
        for address in self.settings.peers:
            if address not in known and self._due_for_probe(address):
                self._probe(address)

    def _due_for_probe(self, address: str) -> bool:
        now = time.monotonic()
        if now - self._probed.get(address, -PROBE_SECONDS) < PROBE_SECONDS:
            return False
        self._probed[address] = now
        return True

    def _probe(self, address: str) -> None:
        api = self._api(address, None)
        try:
            hello = api.hello()
        except SyncError as error:
            log.info("no counter of this agency at %s: %s", address, error.detail)
            return
        finally:
            api.close()
        self._assign(hello.station_id, address, replace=True)

    def _assign(self, station: str, address: str, *, replace: bool) -> None:
        if station == self.identity.station_id or station not in self.keys():
            return
        worker = self.workers.get(station)
        if worker is None:
            worker = self.workers[station] = _Worker(station, address)
            worker.thread = threading.Thread(
                target=self._work, args=(worker,), name=f"lan-{station[:8]}", daemon=True
            )
            worker.thread.start()
        elif replace and worker.address != address:
            worker.address = address
            worker.changed.set()

    # -- pulling one peer ------------------------------------------------------------------

    def _api(self, address: str, expected: str | None) -> PeerApi:
        return PeerApi(
            address, me=self.identity.station_id, key=self.key, keys=self.keys, expected=expected
        )

    def _work(self, worker: _Worker) -> None:
        failures = 0
        while not self.stopping.is_set():
            worker.changed.clear()
            api = self._api(worker.address, worker.station_id)
            try:
                api.hello()
                while not self.stopping.is_set() and not worker.changed.is_set():
                    pulled = pull_page(self.store, self.identity, api, self.keys(), wait=WAIT)
                    failures = 0
                    if pulled.applied and self.on_applied is not None:
                        self.on_applied(pulled.applied)
            except SyncError as error:
                failures += 1
                self._failed(worker, error.detail)
            except Exception as error:  # a bug must not end the exchange: logged, retried
                failures += 1
                log.exception("pulling from counter %s failed", worker.station_id)
                self._failed(worker, f"{type(error).__name__}")
            finally:
                api.close()
            delay = min(BACKOFF_CAP, 0.5 * 2 ** min(failures, 8)) if failures else 0
            worker.changed.wait(delay)

    def _failed(self, worker: _Worker, reason: str) -> None:
        with self.store.write() as db:
            lan_store.failed(db, worker.station_id, reason)
