"""The central server under load, on PostgreSQL, as ``counter-app server`` runs it.

Usage: python bench/server_load.py [--pollers 1000] [--pushers 100] [--seconds 300]
       [--poll-interval 300] [--batch 100] [--push-interval 30] [--skip-mixed]
       [--skip-overload] [--skip-ingest]

Each part runs ``counter-app server`` (uvicorn, its default worker processes and connection
budget, the admission limits) in processes of its own, on a fresh PostgreSQL schema
(``COUNTER_TEST_DATABASE_URL``), with the load made by this process over loopback on the same
machine, so both share its cores.

1. Mixed: ``--pollers`` stations run an idle sync round about every ``--poll-interval`` s (their
   first at a random moment of the first interval; each asks ``/v1/status``, pages through
   everything new on ``/v1/pull``, 200 events a page, then asks ``/v1/siblings`` and
   ``/v1/access/head``, as the station's round does when it has nothing to send) while
   ``--pushers`` stations push a batch of ``--batch`` events every ``--push-interval`` s
   (0: one after another, the most the machine ingests) for
   ``--seconds`` s (a real station's lifecycle chain, re-chained per station). Then every
   poller drains what is left. Prints the pull, push and other round latencies (median, p95,
   p99; targets: p99 pull < 500 ms, p99 push < 2 s), the answers by status (target: no 5xx),
   what PostgreSQL holds per event and per dossier, and the checks: every pushed event held
   once (0 lost, 0 doubled), every poller saw its agency's events each exactly once and in
   order.
2. Overload: every station at once asks for its status (more requests than the server admits
   and queues), and one station sends 100 at once: the answers by status, with Retry-After on
   every 429/503 and no 5xx, and how long the slowest answer took (no hang).
3. Ingest: 8 stations push their whole chains at once with 1, 2 and 4 worker processes, against
   bare INSERTs of the same rows into a two-column table (the ratio as ``bench/sync.py`` had it).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import multiprocessing
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from seed import store_with  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from stats import percentile, summary  # noqa: E402
from sync_link import own_events  # noqa: E402
from sync_load import agency_code, ingest, migrated, pg_schema, rechained  # noqa: E402

from counter_app.sync.protocol import PushRequest, WireEvent  # noqa: E402
from counter_server.models import Event  # noqa: E402
from tests.faults.server import ServerProcess  # noqa: E402
from tests.server.factories import StationChain, enrolled_many  # noqa: E402

PAGE = 200  # the station's pull page (RoundPolicy.pull_limit)


@dataclass
class Pusher:
    """A station pushing pre-built gzip batches of its chain."""

    chain: StationChain
    bodies: list[bytes]
    sizes: list[int]  # events in each body (the last batch of a chain may be short)
    sent: int = 0  # batches held by the server

    @property
    def events_sent(self) -> int:
        """Events in the batches the server holds."""
        return sum(self.sizes[: self.sent])


@dataclass
class Poller:
    """A station polling its agency's events; what it saw, checked as it goes."""

    chain: StationChain
    cursor: int = 0
    seen: int = 0
    out_of_order: int = 0  # a server_seq not one past the previous: lost, doubled or reordered


@dataclass
class Tally:
    """Latencies and statuses of one kind of request."""

    seconds: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)


CONNECTION_LOST = 0  # the status counted for a request whose connection dropped unanswered


async def send(
    http: httpx.AsyncClient, method: str, path: str, tally: Tally, **kwargs: Any
) -> httpx.Response | None:
    """One request; None, counted as CONNECTION_LOST, when the connection dropped before its
    answer (a station's client tries again, as the callers here do after a second)."""
    try:
        return await http.request(method, path, **kwargs)
    except httpx.TransportError:
        tally.statuses[CONNECTION_LOST] += 1
        await asyncio.sleep(1)
        return None


def _bodies(args: tuple[list[WireEvent], str, str, int]) -> list[tuple[bytes, int]]:
    """A pusher's chain, re-chained as its own and cut into gzip batches (in a worker)."""
    template, station_id, agency, batch = args
    chain = rechained(template, station_id, agency)
    cut = [chain[i : i + batch] for i in range(0, len(chain), batch)]
    return [
        (gzip.compress(PushRequest(events=part).model_dump_json().encode(), 6), len(part))
        for part in cut
    ]


def build_pushers(
    template: list[WireEvent], chains: list[StationChain], batch: int
) -> list[Pusher]:
    """Every pusher's batches, made on every core before the clock starts."""
    work = [(template, c.station_id, c.agency, batch) for c in chains]
    with multiprocessing.get_context("spawn").Pool() as pool:
        bodies = pool.map(_bodies, work)
    return [
        Pusher(chain, [body for body, _n in made], [n for _b, n in made])
        for chain, made in zip(chains, bodies, strict=True)
    ]


async def push_loop(
    http: httpx.AsyncClient, pusher: Pusher, end: float, interval: float, tally: Tally
) -> None:
    """Push a batch every ``interval`` s (0: one after another) until ``end``, the first at a
    random moment of the first interval; a refusal waits its Retry-After."""
    headers = {**pusher.chain.headers, "Content-Encoding": "gzip"}
    headers["Content-Type"] = "application/json"
    due = time.monotonic() + random.uniform(0, interval)
    while time.monotonic() < end and pusher.sent < len(pusher.bodies):
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        due += interval
        began = time.perf_counter()
        body = pusher.bodies[pusher.sent]
        answer = await send(http, "POST", "/v1/push", tally, content=body, headers=headers)
        if answer is None:
            continue  # the same batch again: the server holds each event once
        tally.statuses[answer.status_code] += 1
        if answer.status_code == 200:
            tally.seconds.append(time.perf_counter() - began)
            pusher.sent += 1
        else:
            await asyncio.sleep(float(answer.headers.get("Retry-After", "1")))


ROUND_READS = ("/v1/status", "/v1/siblings", "/v1/access/head")


async def round_once(http: httpx.AsyncClient, poller: Poller, pulls: Tally, reads: Tally) -> None:
    """An idle station's round: its status, its pull, its siblings, its access-log head."""
    await read_once(http, poller, ROUND_READS[0], reads)
    await poll_once(http, poller, pulls)
    for path in ROUND_READS[1:]:
        await read_once(http, poller, path, reads)


async def read_once(http: httpx.AsyncClient, poller: Poller, path: str, tally: Tally) -> None:
    """One GET of the round, again after its Retry-After if refused."""
    while True:
        began = time.perf_counter()
        answer = await send(http, "GET", path, tally, headers=poller.chain.headers)
        if answer is None:
            continue
        tally.statuses[answer.status_code] += 1
        if answer.status_code not in (429, 503):
            tally.seconds.append(time.perf_counter() - began)
            return
        await asyncio.sleep(float(answer.headers.get("Retry-After", "1")))


async def poll_once(http: httpx.AsyncClient, poller: Poller, tally: Tally) -> None:
    """Page through everything new, as a station's pull does."""
    while True:
        began = time.perf_counter()
        params = {"after": poller.cursor, "limit": PAGE}
        answer = await send(
            http, "GET", "/v1/pull", tally, params=params, headers=poller.chain.headers
        )
        if answer is None:
            continue
        tally.statuses[answer.status_code] += 1
        if answer.status_code != 200:
            await asyncio.sleep(float(answer.headers.get("Retry-After", "1")))
            continue
        tally.seconds.append(time.perf_counter() - began)
        page = answer.json()
        for event in page["events"]:
            poller.out_of_order += event["server_seq"] != poller.cursor + 1
            poller.cursor = event["server_seq"]
            poller.seen += 1
        if not page["events"]:
            return


async def poll_loop(
    http: httpx.AsyncClient, poller: Poller, end: float, interval: float, tallies: Mixed
) -> None:
    """A round about every ``interval`` s until ``end``."""
    await asyncio.sleep(random.uniform(0, interval))
    while time.monotonic() < end:
        await round_once(http, poller, tallies.pulls, tallies.reads)
        await asyncio.sleep(interval * random.uniform(0.9, 1.1))


def places(pushers: int, pollers: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Pushers in slot 0 of their own agencies; pollers in slots 1–9 of those, then of more."""
    pushing = [(agency_code(n), 0) for n in range(pushers)]
    polling = [(agency_code(n // 9), 1 + n % 9) for n in range(pollers)]
    return pushing, polling


@dataclass
class Mixed:
    """One mixed run: its stations, and what their requests took."""

    args: argparse.Namespace
    pushers: list[Pusher]
    pollers: list[Poller]
    pushes: Tally = field(default_factory=Tally)
    pulls: Tally = field(default_factory=Tally)
    reads: Tally = field(default_factory=Tally)  # the round's status, siblings, access head
    drain: Tally = field(default_factory=Tally)  # the pulls of every poller at once at the end
    seconds: float = 0.0

    async def run(self, url: str) -> None:
        """Pushes and polls until the time is up, then every poller drains what is left."""
        limits = httpx.Limits(max_connections=len(self.pushers) + len(self.pollers))
        interval = self.args.poll_interval
        began = time.monotonic()
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as http:
            end = began + self.args.seconds
            await asyncio.gather(
                *(
                    push_loop(http, pusher, end, self.args.push_interval, self.pushes)
                    for pusher in self.pushers
                ),
                *(poll_loop(http, poller, end, interval, self) for poller in self.pollers),
            )
            # every poller at once, to check what each saw: an overload by construction, its
            # answers counted apart from the run's
            await asyncio.gather(*(poll_once(http, p, self.drain) for p in self.pollers))
        self.seconds = time.monotonic() - began

    def report(self, url: str) -> None:
        """The latencies, the answers, and the checks against what the server holds."""
        batch = self.args.batch
        print(
            f"mixed: {len(self.pollers)} stations, an idle round each every "
            f"~{self.args.poll_interval:.0f} s, {len(self.pushers)} pushing batches of {batch} "
            + (
                f"every {self.args.push_interval:.0f} s each"
                if self.args.push_interval
                else "back to back"
            )
            + " for "
            f"{self.args.seconds:.0f} s (then a drain: {self.seconds:.0f} s in all); PostgreSQL, "
            "counter-app server defaults, loopback, load made on the same machine"
        )
        print("  " + summary(f"push of {batch} events", self.pushes.seconds))
        print("  " + summary(f"pull page (≤ {PAGE} events)", self.pulls.seconds))
        print("  " + summary("status/siblings/access head", self.reads.seconds))
        rate = sum(p.events_sent for p in self.pushers) / self.args.seconds
        print(f"  pushed {len(self.pushes.seconds)} batches ({rate:.0f} events/s)")
        rounds = len(self.reads.seconds) / len(ROUND_READS)
        print(
            f"  {rounds:.0f} idle rounds ({rounds / self.seconds:.1f}/s), "
            f"{len(self.pulls.seconds) + len(self.reads.seconds)} of their requests answered"
        )
        print(
            f"  answers: push {dict(self.pushes.statuses)}, pull {dict(self.pulls.statuses)}, "
            f"other round reads {dict(self.reads.statuses)}; the drain at the end, every "
            f"poller at once: {dict(self.drain.statuses)}"
        )
        self._checks(url)

    def _checks(self, url: str) -> None:
        sent = sum(p.events_sent for p in self.pushers)
        held, distinct, by_agency = _held(url)
        as_pushed = all(by_agency.get(p.chain.agency, 0) == p.events_sent for p in self.pushers)
        wrong = [
            p for p in self.pollers if p.out_of_order or p.seen != by_agency.get(p.chain.agency, 0)
        ]
        print(
            f"  held {held} events ({distinct} distinct) of {sent} pushed: lost "
            f"{sent - distinct}, doubled {held - distinct}; every agency as pushed: {as_pushed}; "
            f"pollers that missed, doubled or reordered an event: {len(wrong)}"
        )
        per_event, indexes, per_dossier, events_per_dossier = _sizes(url)
        print(
            f"  PostgreSQL: {per_event:.0f} B per event (the events table with its indexes, "
            f"{indexes:.0f} B of it indexes), "
            f"{per_dossier:.0f} B per dossier (the projection with its indexes); "
            f"{events_per_dossier:.2f} events per dossier in these chains, so "
            f"{per_event * events_per_dossier + per_dossier:.0f} B per dossier all told"
        )
        every = self.pushes.statuses + self.pulls.statuses + self.reads.statuses
        fivexx = sum(n for s, n in every.items() if s >= 500)
        print(
            f"  targets: p99 pull {percentile(self.pulls.seconds, 0.99) * 1000:.0f} ms (< 500), "
            f"p99 push {percentile(self.pushes.seconds, 0.99) * 1000:.0f} ms (< 2000), "
            f"5xx {fivexx} (0), connections dropped unanswered {every[CONNECTION_LOST]} (0)"
        )


def mixed_part(args: argparse.Namespace, template: list[WireEvent]) -> None:
    """Pollers and pushers at once, then the checks."""
    with pg_schema() as url:
        migrated(url)
        with ServerProcess(url, workers=0) as server:
            pushing, polling = places(args.pushers, args.pollers)
            with httpx.Client(base_url=server.url, timeout=60) as http:
                pusher_chains = enrolled_many(http, url, pushing)
                poller_chains = enrolled_many(http, url, polling)
            pushers = build_pushers(template, pusher_chains, args.batch)
            run = Mixed(args, pushers, [Poller(chain) for chain in poller_chains])
            asyncio.run(run.run(server.url))
            run.report(url)


def _held(url: str) -> tuple[int, int, dict[str, int]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        held = connection.scalar(select(func.count()).select_from(Event)) or 0
        distinct = connection.scalar(select(func.count(func.distinct(Event.id)))) or 0
        rows = connection.execute(
            select(Event.agency_code, func.count()).group_by(Event.agency_code)
        )
        by_agency = {agency: count for agency, count in rows}
    engine.dispose()
    return held, distinct, by_agency


def _sizes(url: str) -> tuple[float, float, float, float]:
    """Bytes on disk per event (tables, indexes and TOAST), of which indexes, per dossier, and
    events per dossier."""
    engine = create_engine(url)
    with engine.connect() as connection:
        per, counts = [], []
        for table in ("events", "dossiers"):
            size = connection.scalar(text(f"SELECT pg_total_relation_size('{table}')")) or 0
            counts.append(connection.scalar(text(f"SELECT count(*) FROM {table}")) or 1)
            per.append(size / counts[-1])
        indexes = connection.scalar(text("SELECT pg_indexes_size('events')")) or 0
    engine.dispose()
    return per[0], indexes / counts[0], per[1], counts[0] / counts[1]


def overload_part(args: argparse.Namespace) -> None:
    """More requests at once than the server admits and queues; one station's flood."""
    with pg_schema() as url:
        migrated(url)
        with ServerProcess(url, workers=0) as server:
            _, polling = places(0, args.overload)
            with httpx.Client(base_url=server.url, timeout=60) as http:
                chains = enrolled_many(http, url, polling)
            everyone = asyncio.run(_burst(server.url, [c.headers for c in chains]))
            flood = asyncio.run(_burst(server.url, [chains[0].headers] * 100))
    for name, (answers, slowest) in (
        ("every station at once", everyone),
        ("one station x100", flood),
    ):
        statuses = Counter(status for status, _retry in answers)
        missing = sum(1 for status, retry in answers if status in (429, 503) and retry is None)
        print(
            f"overload, {name} ({len(answers)} requests): {dict(statuses)}; 429/503 without "
            f"Retry-After: {missing}; slowest answer {slowest:.1f} s"
        )


async def _burst(
    url: str, headers: list[dict[str, str]]
) -> tuple[list[tuple[int, str | None]], float]:
    limits = httpx.Limits(max_connections=len(headers))
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as http:

        async def one(header: dict[str, str]) -> tuple[int, str | None, float]:
            began = time.perf_counter()
            answer = await http.get("/v1/status", headers=header)
            return (
                answer.status_code,
                answer.headers.get("Retry-After"),
                time.perf_counter() - began,
            )

        done = await asyncio.gather(*(one(header) for header in headers))
    return [(status, retry) for status, retry, _s in done], max(s for _a, _r, s in done)


def ingest_part(template: list[WireEvent], batch: int) -> None:
    """8 stations' whole chains at once with 1, 2 and 4 workers, against bare INSERTs."""
    for workers in (1, 2, 4):
        with pg_schema() as url:
            migrated(url)
            with ServerProcess(url, workers=workers) as server:
                places8 = [(agency_code(n), 0) for n in range(8)]
                with httpx.Client(base_url=server.url, timeout=60) as http:
                    chains = enrolled_many(http, url, places8)
                work = [(c.token, rechained(template, c.station_id, c.agency)) for c in chains]
                seconds, pushes, bare_seconds, _bares = ingest(server.url, url, work, batch)
                events = sum(len(chain) for _t, chain in work)
                print(
                    f"ingest, {workers} worker(s): push {events / seconds:7.0f} events/s, bare "
                    f"INSERTs {events / bare_seconds:7.0f} events/s, "
                    f"ratio {seconds / bare_seconds:.1f}x"
                )
                print("  " + summary(f"push batch of {batch}", pushes))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pollers", type=int, default=1000)
    parser.add_argument("--pushers", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--poll-interval", type=float, default=300)  # the station's timer
    parser.add_argument("--batch", type=int, default=100)  # the station's push batch
    # 100 pushers of 100 events every 30 s: 333 events/s, about five times the country's
    # morning peak (docs/scaling.md); 0 pushes back to back, what the machine ingests at most
    parser.add_argument("--push-interval", type=float, default=30)
    parser.add_argument("--dossiers", type=int, default=4000, help="the chain each pusher sends")
    parser.add_argument("--overload", type=int, default=1000)
    parser.add_argument("--skip-mixed", action="store_true")
    parser.add_argument("--skip-overload", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    _station, template = own_events(store_with(args.dossiers, lifecycle=True))
    if not args.skip_mixed:
        mixed_part(args, template)
    if not args.skip_overload:
        overload_part(args)
    if not args.skip_ingest:
        ingest_part(template[:8000], args.batch)


if __name__ == "__main__":
    main()
