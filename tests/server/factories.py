"""Factories for server tests: enrolled stations and properly chained event batches."""

from __future__ import annotations

import io
import json
import uuid
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from counter_app.domain.events import GENESIS_HASH, EventRecord, event_hash
from counter_app.sync.protocol import WireEvent
from counter_server.auth import create_code
from counter_server.cli import admin_token, enrol, officer
from counter_server.db import Database
from tests.factories import TEST_PROCEDURES

AGENCY = "000.17.22.H56"
OTHER_AGENCY = "000.17.22.H57"
START = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@dataclass
class StationChain:
    """A station's identity and the head of its chain, to build the next events from."""

    station_id: str
    token: str
    agency: str
    seq: int = 0
    head: str = GENESIS_HASH
    dossiers: int = 0
    events: list[WireEvent] = field(default_factory=list)
    slot: int = 1  # codes come from the slot's block, as a station's do

    @property
    def headers(self) -> dict[str, str]:
        """The bearer header of this station."""
        return {"Authorization": f"Bearer {self.token}"}

    def next_events(self, count: int, *, slot: int | None = None) -> list[WireEvent]:
        """``count`` new events, each receiving a new dossier of this station's agency (codes
        from ``slot``'s block: the station's own unless told otherwise)."""
        batch = [self._received(self.slot if slot is None else slot) for _ in range(count)]
        self.events.extend(batch)
        return batch

    def step(
        self,
        dossier_id: str,
        type_: str,
        payload: dict[str, Any],
        *,
        wall_clock: datetime | None = None,
        hlc: int | None = None,
    ) -> WireEvent:
        """The next event of this chain: ``type_`` on an existing dossier (clocks as given)."""
        event = self._chain(dossier_id, type_, payload, wall_clock=wall_clock, hlc=hlc)
        self.events.append(event)
        return event

    def received_with_code(self, code: str) -> WireEvent:
        """The next event: a new dossier received under ``code`` (one another counter gave)."""
        event = self._received(0, code=code)
        self.events.append(event)
        return event

    def _received(self, slot: int, *, code: str = "") -> WireEvent:
        self.dossiers += 1
        code = code or f"{self.agency}-260310-{slot * 1000 + self.dossiers:04d}"
        received = START + timedelta(minutes=self.seq + 1)
        payload = {
            "dossier": received_dossier(code),
            "received_at": received.isoformat(),
            "due_at": (received + timedelta(days=3)).isoformat(),
        }
        return self._chain(str(uuid.uuid4()), "received", payload)

    def _chain(
        self,
        dossier_id: str,
        type_: str,
        payload: dict[str, Any],
        *,
        wall_clock: datetime | None = None,
        hlc: int | None = None,
    ) -> WireEvent:
        self.seq += 1
        record = EventRecord(
            id=str(uuid.uuid4()),
            dossier_id=dossier_id,
            station_id=self.station_id,
            seq=self.seq,
            type=type_,
            actor="tiepnhan1",
            wall_clock=wall_clock or START + timedelta(minutes=self.seq),
            hlc=self.seq if hlc is None else hlc,
            payload=payload,
            prev_hash=self.head,
        )
        record = EventRecord(**{**record.__dict__, "hash": event_hash(record)})
        self.head = record.hash
        return WireEvent.from_record(record)


def received_dossier(code: str, procedure_code: str = "1.001193") -> dict[str, Any]:
    """The ``dossier`` part of a ``received`` payload, as a station writes it."""
    applicant = {"name": "Nguyễn Văn A", "id_number": "001090012345", "dob": "1990-05-17"}
    applicant |= {"sex": "Nam", "address": "Phường 1", "phone": None, "email": None}
    return {
        "code": code,
        "procedure_id": str(uuid.uuid4()),
        "procedure_code": procedure_code,
        "procedure_version": 1,
        "applicant": applicant,
        "documents": [],
        "applicable": [],
        "channel": "direct",
        "return_method": "counter",
        "scan_sha256": None,
        "note": None,
    }


def enrolled(
    client: TestClient, database_url: str, *, agency: str = AGENCY, slot: int = 1
) -> StationChain:
    """Enrol a new station through the API with a fresh one-time code."""
    station_id = str(uuid.uuid4())
    code = enrol(database_url, agency, f"UBND {agency}", slot)
    response = client.post("/v1/enrol", json={"code": code, "station_id": station_id})
    assert response.status_code == 200, response.text
    return StationChain(station_id, response.json()["token"], agency, slot=slot)


def enrolled_many(
    http: TestClient | httpx.Client, database_url: str, places: list[tuple[str, int]]
) -> list[StationChain]:
    """A station for each (agency, slot), its codes made in one transaction (quicker than the
    CLI's one run each), each enrolled through the API."""
    database = Database(database_url)
    with database.sessions.begin() as session:
        codes = [
            create_code(
                session=session,
                agency_code=agency,
                agency_name=f"UBND {agency}",
                slot=slot,
                now=datetime.now(UTC),
            )
            for agency, slot in places
        ]
    database.dispose()
    chains = []
    for code, (agency, slot) in zip(codes, places, strict=True):
        station_id = str(uuid.uuid4())
        response = http.post("/v1/enrol", json={"code": code, "station_id": station_id})
        assert response.status_code == 200, response.text
        chains.append(StationChain(station_id, response.json()["token"], agency, slot=slot))
    return chains


def body(events: list[WireEvent]) -> dict[str, Any]:
    """A push body as JSON-ready data."""
    return {"events": [event.model_dump(mode="json") for event in events]}


def resigned(event: WireEvent, **changes: Any) -> WireEvent:
    """The event with ``changes`` and a hash recomputed over them (a validly hashed fake)."""
    record = EventRecord(**{**event.to_record().__dict__, **changes})
    record = EventRecord(**{**record.__dict__, "hash": event_hash(record)})
    return WireEvent.from_record(record)


CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "procedures.json"


def bearer(token: str) -> dict[str, str]:
    """An Authorization header."""
    return {"Authorization": f"Bearer {token}"}


def admin_headers(database_url: str) -> dict[str, str]:
    """The header of a fresh administrator token."""
    with redirect_stdout(io.StringIO()):
        return bearer(admin_token(database_url, "tests"))


def officer_headers(database_url: str, agency: str = AGENCY) -> dict[str, str]:
    """The header of a fresh back-office token of ``agency``."""
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return bearer(officer(database_url, agency, "Phòng Tư pháp"))


def publish_bundled_catalogue(
    client: TestClient, headers: dict[str, str], grounds: dict[str, list[str]] | None = None
) -> int:
    """Publish the catalogue shipped with Counter and the tests' own procedures, with the pause
    ``grounds`` given per procedure code (the seed lists none); return its pub_seq."""
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    document["procedures"] += json.loads(TEST_PROCEDURES.read_text(encoding="utf-8"))["procedures"]
    for item in document["procedures"]:
        if item["code"] in (grounds or {}):
            item["pause_grounds"] = (grounds or {})[item["code"]]
    response = client.post("/v1/admin/catalogue", json=document, headers=headers)
    assert response.status_code == 200, response.text
    return int(response.json()["pub_seq"])
