"""Server ingest on PostgreSQL: pushes through uvicorn with 2 workers, against a bare insert.

Usage: python bench/ingest.py [--url postgresql+psycopg://…] [--stations 4] [--batches 20]
       [--batch 500]

Each station pushes its chain in batches of realistic ``received`` events (every event is
chain-checked, judged by folding its dossier and projected) over HTTP with gzip bodies. The
baseline is the same number of event rows written by one bare ``INSERT … executemany`` and
commit per batch on the same database, run right after, so both see the same machine. Prints
median and p99 per batch, events per second, and the throughput ratio to the baseline. Every
station is of one agency, the worst case: their pushes take turns on the agency's lock. Runs on
a schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import create_engine, insert, make_url, text
from stats import summary

from counter_app.domain.events import GENESIS_HASH, EventRecord, event_hash
from counter_app.sync.protocol import WireEvent
from counter_server.cli import enrol
from counter_server.db import Database, upgrade
from counter_server.models import Event

AGENCY = "000.17.22.H56"
PORT = 8765


class Chain:
    """One station's identity and chain head."""

    def __init__(self, station_id: str, token: str) -> None:
        self.station_id, self.token = station_id, token
        self.seq, self.head = 0, GENESIS_HASH

    def batch(self, size: int, slot: int) -> list[WireEvent]:
        """``size`` new received dossiers."""
        return [self._received(slot) for _ in range(size)]

    def _received(self, slot: int) -> WireEvent:
        self.seq += 1
        at = datetime(2026, 3, 10, 2, tzinfo=UTC) + timedelta(seconds=self.seq)
        applicant = {"name": "Nguyễn Văn Đức", "id_number": "001090012345", "dob": None}
        applicant |= {"sex": None, "address": "Phường Hạc Thành", "phone": None, "email": None}
        dossier = {
            "code": f"{AGENCY}-260310-{slot * 1000 + self.seq % 999 + 1:04d}",
            "procedure_id": str(uuid.uuid4()),
            "procedure_code": "1.004222",
            "procedure_version": 1,
            "applicant": applicant,
            "documents": [{"key": "d1", "name": "Tờ khai", "form": "ban_chinh", "count": 1}],
            "applicable": [],
            "channel": "direct",
            "return_method": "counter",
        }
        payload = {"dossier": dossier, "received_at": at.isoformat(), "due_at": at.isoformat()}
        record = EventRecord(
            str(uuid.uuid4()), str(uuid.uuid4()), self.station_id, self.seq, "received",
            "canbo", at, self.seq, payload, self.head,
        )  # fmt: skip
        record = EventRecord(**{**record.__dict__, "hash": event_hash(record)})
        self.head = record.hash
        return WireEvent.from_record(record)


@contextmanager
def schema(url: str) -> Iterator[str]:
    """A URL on a fresh schema, dropped afterwards."""
    admin = create_engine(url)
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@contextmanager
def server(url: str) -> Iterator[str]:
    """uvicorn with 2 workers on ``url``; yields its base URL."""
    env = {**os.environ, "COUNTER_SERVER_DATABASE_URL": url}
    command = [sys.executable, "-m", "uvicorn", "counter_server.app:app_from_env", "--factory"]
    command += ["--workers", "2", "--port", str(PORT), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/v1/time", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def enrolled(base: str, url: str, slot: int) -> Chain:
    """A station enrolled over HTTP."""
    station_id = str(uuid.uuid4())
    code = enrol(url, AGENCY, "UBND phường", slot)
    answer = httpx.post(f"{base}/v1/enrol", json={"code": code, "station_id": station_id})
    return Chain(station_id, answer.json()["token"])


def pushes(base: str, chain: Chain, slot: int, args: argparse.Namespace) -> list[float]:
    """Seconds per pushed batch of one station."""
    headers = {"Authorization": f"Bearer {chain.token}", "Content-Encoding": "gzip"}
    headers["Content-Type"] = "application/json"
    times = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        for _ in range(args.batches):
            events = [e.model_dump(mode="json") for e in chain.batch(args.batch, slot)]
            packed = gzip.compress(json.dumps({"events": events}).encode())
            began = time.perf_counter()
            response = client.post("/v1/push", content=packed)
            times.append(time.perf_counter() - began)
            assert response.status_code == 200 and not response.json()["rejected"], response.text
    return times


def ingest(base: str, url: str, args: argparse.Namespace) -> tuple[list[float], float]:
    """Batch times and wall seconds of every station pushing at once."""
    chains = [enrolled(base, url, slot) for slot in range(1, args.stations + 1)]
    results: list[list[float]] = [[] for _ in chains]

    def run(index: int) -> None:
        results[index] = pushes(base, chains[index], index + 1, args)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(chains))]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [t for times in results for t in times], time.perf_counter() - began


def bare(url: str, args: argparse.Namespace) -> tuple[list[float], float]:
    """The same rows as bare inserts, one transaction per batch."""
    database = Database(url)
    chain = Chain("bare", "")
    times = []
    began = time.perf_counter()
    for _ in range(args.stations * args.batches):
        rows = [_row(event) for event in chain.batch(args.batch, 9)]
        start = time.perf_counter()
        with database.engine.begin() as connection:
            connection.execute(insert(Event.__table__), rows)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    database.dispose()
    return times, time.perf_counter() - began


def _row(event: WireEvent) -> dict[str, object]:
    fields = event.model_dump(include=set(WireEvent.model_fields) - {"wall_clock"})
    fields |= {"station_id": "bare", "wall_clock": event.wall_clock.isoformat()}
    server_seq = 10**9 + event.seq  # above every pushed event's number
    return fields | {
        "agency_code": AGENCY,
        "server_seq": server_seq,
        "received_at": datetime.now(UTC),
    }


def main() -> None:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=os.environ.get("COUNTER_TEST_DATABASE_URL", ""))
    parser.add_argument("--stations", type=int, default=4)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    base_url = args.url or "postgresql+psycopg://counter:counter@127.0.0.1:5432/counter_test"
    with schema(base_url) as url:
        database = Database(url)
        upgrade(database.engine)
        database.dispose()
        with server(url) as base:
            times, wall = ingest(base, url, args)
        _bare_station(url)
        bare_times, bare_wall = bare(url, args)
    events = args.stations * args.batches * args.batch
    print(summary(f"push of {args.batch} events (HTTP, 2 workers)", times))
    print(summary(f"bare insert of {args.batch} rows", bare_times))
    print(f"ingest: {events / wall:,.0f} events/s with {args.stations} stations at once")
    print(f"bare:   {events / bare_wall:,.0f} rows/s (one connection)")
    ratio = (events / bare_wall) / (events / wall)
    print(f"ratio bare/ingest throughput: {ratio:.1f}× (one agency: its pushes queue on its lock)")


def _bare_station(url: str) -> None:
    """The station row the bare rows point at (the agency exists once stations enrolled)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO stations (id, agency_code, slot, token_hash, revoked, enrolled_at, "
                "held_seq, held_hash, held_hlc, kind) VALUES ('bare', :a, 9, 'bare', false, "
                "'now', 0, :h, 0, 'bare')"
            ),
            {"a": AGENCY, "h": GENESIS_HASH},
        )
    engine.dispose()


if __name__ == "__main__":
    main()
