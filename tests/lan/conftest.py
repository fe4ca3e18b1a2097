"""The centre's network in one process: counters enrolled on the real server (in process, on
SQLite), each running its LAN service on a loopback port, listed in the others' settings."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counter_app.lan.service import LanService
from counter_app.station import Station
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE, copy_store, new_station_store
from tests.faults.server import free_port
from tests.sync.conftest import SERVER_URL, app, client
from tests.sync.helpers import no_wait

__all__ = ["app", "client"]
AGENCY_NAME = "UBND phường Quảng Hưng"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The server on an SQLite file: the exchange between counters does not reach it."""
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


def wait_until(condition: Callable[[], bool], *, seconds: float = 20.0) -> None:
    """Poll ``condition`` until it holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds:.0f} s")
        time.sleep(0.05)


@dataclass
class Counter:
    """A counter of the centre: its station, its port, and its service once started."""

    station: Station
    port: int
    service: LanService | None = None
    peers: list[str] = field(default_factory=list)
    discovery: bool = False  # mDNS, on loopback only (``interfaces``)

    @property
    def station_id(self) -> str:
        """Its station id."""
        identity = self.station.identity
        assert identity is not None
        return identity.station_id

    def configure(self) -> Counter:
        """Its settings: its port, its listed peers, mDNS on or off."""
        self.station.set_settings(
            {
                "lan_port": json.dumps(self.port),
                "lan_peers": json.dumps(", ".join(self.peers)),
                "lan_discovery": json.dumps("on" if self.discovery else "off"),
            }
        )
        return self

    def start(self) -> Counter:
        """Its service, as configured."""
        self.configure()
        interfaces = ["127.0.0.1"] if self.discovery else []
        self.service = self.station.lan_service(interfaces=interfaces).start()
        return self

    def stop(self) -> None:
        """Its service stops (its store stays)."""
        if self.service is not None:
            self.service.stop()
            self.service = None


@pytest.fixture(scope="session")
def slot_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Initialised stores of the agency for slots 1 to 3, made once."""
    templates = {}
    for slot in (1, 2, 3):
        templates[slot] = new_station_store(
            tmp_path_factory.mktemp(f"lan-template-{slot}"),
            agency_code=AGENCY_CODE,
            agency_name=AGENCY_NAME,
            slot=slot,
        )
    return templates


@pytest.fixture
def enrolled(
    slot_templates: dict[int, Path],
    tmp_path: Path,
    client: TestClient,
    database_url: str,
    real_keyring: object,
) -> Iterator[Callable[[int], Station]]:
    """A station of the agency in ``slot``, enrolled with the test server (its key sent)."""
    opened: list[Station] = []

    def make(slot: int) -> Station:
        station = Station(
            copy_store(slot_templates[slot], tmp_path / f"counter-{slot}-{len(opened)}")
        )
        opened.append(station)
        code = enrol(database_url, AGENCY_CODE, AGENCY_NAME, slot)
        station.enrol(SERVER_URL, code, http=client)
        return station

    yield make
    for station in opened:
        station.close()


@pytest.fixture
def centre(
    enrolled: Callable[[int], Station], client: TestClient
) -> Iterator[Callable[[int], list[Counter]]]:
    """``centre(n)``: n counters of one agency, enrolled, knowing each other's keys, not started."""
    made: list[Counter] = []

    def make(count: int) -> list[Counter]:
        stations = [enrolled(slot) for slot in range(1, count + 1)]
        for station in stations:  # the first ones enrolled before the others existed
            station.sync_once(http=client, policy=no_wait())
        ports = [free_port() for _ in stations]
        for index, station in enumerate(stations):
            others = [f"127.0.0.1:{port}" for n, port in enumerate(ports) if n != index]
            made.append(Counter(station, ports[index], peers=others))
        return made[-count:]

    yield make
    for counter in made:
        counter.stop()
