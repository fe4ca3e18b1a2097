"""Real stations for the fault tests, syncing with the station's own sync client.

A ``Party`` is a real ``counter_app.station.Station`` (its own store, slot and hash chain),
enrolled on the real server with its token in the keyring, talking to it only through the fault
proxy: ``Party.sync`` runs ``Station.sync_once`` on an ``httpx.Client`` through the proxy, round
after round, the way the station's timer would, until nothing is left to send.
"""

from __future__ import annotations

import io
import itertools
import random
import time
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select

from counter_app.domain.lifecycle import EventType
from counter_app.models.tables import DOSSIERS, EVENTS
from counter_app.services.eventlog import record_from_row
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_app.sync.backoff import BATCH, Backoff, BatchSize
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import WireEvent
from counter_app.sync.round import RoundPolicy, RoundReport
from counter_server.cli import enrol
from tests.factories import add_test_procedures, request, vn

PATIENCE = 60.0  # seconds a party may keep failing before the test gives up (servers restarting)
_agencies = itertools.count(1)


def new_agency() -> str:
    """An agency code no other test of this run uses."""
    number = next(_agencies)
    return f"000.{number // 100:02d}.77.H{number % 100:02d}"


@dataclass
class Party:
    """A station of an agency, its uplink through the proxy, and the dossiers it received."""

    station: Station
    agency: str
    http: httpx.Client
    codes: list[str] = field(default_factory=list)
    batch: int = BATCH  # events a push carries at most (the client's own default)

    @property
    def station_id(self) -> str:
        """This station's id (it authors its chain under it)."""
        return self.station.context().identity.station_id

    def work(self, dossiers: int) -> None:
        """Receive ``dossiers`` dossiers; every second one is also transferred."""
        for _ in range(dossiers):
            at = vn(2026, 3, 10, 7, 30) + timedelta(minutes=len(self.codes))
            code = self.station.receive(request(received_at=at), actor="canbo", now=at).code
            self.codes.append(code)
            if len(self.codes) % 2 == 0:
                step = StepInput(to="Công an phường")
                self.station.step(code, EventType.TRANSFERRED, step, actor="canbo", now=at)

    def own_events(self) -> list[WireEvent]:
        """This station's chain, in seq order, in its wire form."""
        query = select(EVENTS).where(EVENTS.c.station_id == self.station_id).order_by(EVENTS.c.seq)
        with self.station.store.read() as db:
            rows = db.execute(query).all()
        return [WireEvent.from_record(record_from_row(row._mapping)) for row in rows]

    def sync(self) -> list[RoundReport]:
        """Rounds of the sync client until one succeeds with nothing left waiting to go up."""
        deadline, reports = time.monotonic() + PATIENCE, []
        while True:
            try:
                reports.append(self.station.sync_once(http=self.http, policy=self.policy()))
            except SyncError as error:
                if error.kind is not ErrorKind.RETRY or time.monotonic() > deadline:
                    raise
                continue
            if not self.station.sync_status().waiting:
                return reports
            if time.monotonic() > deadline:
                raise AssertionError(f"events still waiting after {PATIENCE:.0f} s")

    def policy(self) -> RoundPolicy:
        """The client's policy with short back-off, so a test does not sleep out a bad link."""
        backoff = Backoff(base=0.02, cap=0.2, rng=random.Random(self.station_id))
        return RoundPolicy(backoff=backoff, batch=BatchSize(self.batch, self.batch))

    def store_events(self) -> list[tuple[str, str, int]]:
        """(id, station, seq) of every event in this station's store: own and pulled."""
        query = select(EVENTS.c.id, EVENTS.c.station_id, EVENTS.c.seq)
        with self.station.store.read() as db:
            return [(row.id, row.station_id, row.seq) for row in db.execute(query)]

    def store_codes(self) -> list[str]:
        """Every dossier code in this station's store."""
        with self.station.store.read() as db:
            return list(db.execute(select(DOSSIERS.c.code)).scalars())


def make_party(
    folder: Path, *, agency: str, slot: int, server_url: str, database_url: str, proxy_url: str
) -> Party:
    """A new station in ``folder``, enrolled directly on the server, syncing through the proxy."""
    station = Station(folder)
    station.initialise(agency_code=agency, agency_name=f"UBND {agency}", slot=slot)
    add_test_procedures(station)
    with redirect_stdout(io.StringIO()):  # the one-time code is printed for an administrator
        code = enrol(database_url, agency, f"UBND {agency}", slot)
    with httpx.Client(base_url=server_url) as direct:
        station.enrol(server_url, code, http=direct)
    http = httpx.Client(base_url=proxy_url, timeout=httpx.Timeout(5.0))
    return Party(station, agency, http)
