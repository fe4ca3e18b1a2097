"""Sync over a bad link, server ingest, and many stations polling.

Usage: python bench/sync.py [--dossiers 1000] [--skip-link] [--skip-server]
       [--ingest-stations 8] [--pollers 200] [--poll-seconds 30] [--poll-interval 10]

1. Link: the dossiers of one station (with their lifecycle events) go up through the fault proxy
   set to 64 kbit/s each way, 300 ms round trip and a cut every ~50 kB, first batched (the
   station's real sync client: status, gzip pushes, pull, round after round), then NAIVE
   (each dossier its own uncompressed JSON request to a route mounted only on this process's
   app), in the same run, against the same SQLite server.
   Prints wall time, wire bytes per dossier, the requests' median/p99 and the naive/batched
   ratios. Targets: < 500 wire bytes per dossier, batched ≥ 5× faster than naive.
2. Server on PostgreSQL (``COUNTER_TEST_DATABASE_URL``, a schema of its own, dropped after) with
   2 uvicorn workers: events per second while several stations push at once, against bare
   INSERTs of the same rows made the same way; then ``--pollers`` stations polling ``/v1/pull``
   for ``--poll-seconds`` (p99 latency, against ``/v1/time`` asked meanwhile).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seed import AGENCY, store_with  # noqa: E402
from sqlalchemy import create_engine, make_url, text  # noqa: E402
from stats import percentile, summary  # noqa: E402
from sync_link import (  # noqa: E402
    LinkRun,
    app_with_naive_route,
    enrolled_token,
    own_events,
    pull_page_sizes,
    push_naive,
    push_with_client,
    run_side,
)
from sync_load import agency_code, enrol_many, ingest, migrated, poll, rechained  # noqa: E402

from tests.faults.proxy import FaultProxy, Link  # noqa: E402
from tests.faults.server import ServerProcess, ServerThread  # noqa: E402

BAD_LINK = Link(latency_up=0.15, latency_down=0.15, bandwidth=8000, cut_every=50_000, seed=11)
PG_URL = "postgresql+psycopg://counter:counter@127.0.0.1:5432/counter_test"


def report_side(run: LinkRun, dossiers: int) -> None:
    """One side's lines."""
    wire = run.traffic.up + run.traffic.down
    print(
        f"  {run.name:<8} wall {run.seconds:8.1f} s   wire {wire / dossiers:7.0f} B/dossier "
        f"(up {run.traffic.up}, down {run.traffic.down})   requests {len(run.request_seconds)}"
        f" ok, cuts {run.traffic.cuts}, connections {run.traffic.connections}"
    )
    if run.request_seconds:
        print("  " + summary(f"{run.name} request", run.request_seconds))


def link_part(dossiers: int) -> None:
    """Batched against naive through the same bad link."""
    folder_of_station = store_with(dossiers, lifecycle=True)
    station_id, events = own_events(folder_of_station)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'server.sqlite3'}"
        with ServerThread(app_with_naive_route(url)) as server:
            token = enrolled_token(server.url, url, station_id, AGENCY)
            with FaultProxy("127.0.0.1", server.port) as proxy:
                same = {"proxy": proxy, "link": BAD_LINK, "token": token, "events": events}
                batched = run_side("batched", push_with_client(folder_of_station), **same)
                naive = run_side("naive", push_naive, **same)
            other = enrolled_token(server.url, url, str(uuid.uuid4()), AGENCY, slot=1)
            in_page, raw, packed = pull_page_sizes(server.url, other)
    print(f"link: {dossiers} dossiers, {len(events)} events; 64 kbit/s, 300 ms RTT, cut ~50 kB")
    report_side(batched, dossiers)
    report_side(naive, dossiers)
    bytes_ratio = (naive.traffic.up + naive.traffic.down) / (
        batched.traffic.up + batched.traffic.down
    )
    print(
        f"  naive/batched: wall {naive.seconds / batched.seconds:.1f}x, wire bytes "
        f"{bytes_ratio:.1f}x  (targets: < 500 B/dossier, wall ratio >= 5)"
    )
    print(
        f"  pull page of {in_page} events as sent: {raw / in_page:.0f} B/event "
        f"({raw / 8000:.1f} s at 64 kbit/s); gzipped it would be {packed / in_page:.0f} B/event"
    )


@contextmanager
def pg_schema() -> Iterator[str]:
    """A URL on a fresh PostgreSQL schema, dropped afterwards."""
    base = os.environ.get("COUNTER_TEST_DATABASE_URL", PG_URL)
    admin = create_engine(base)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def server_part(args: argparse.Namespace) -> None:
    """Ingest and polling on PostgreSQL with 2 workers."""
    _station, template = own_events(store_with(args.dossiers, lifecycle=True))
    with pg_schema() as url:
        migrated(url)
        with ServerProcess(url, workers=2) as server:
            places = [(agency_code(n), 0) for n in range(args.ingest_stations)]
            chains = [
                (token, rechained(template, station_id, agency))
                for (station_id, token), (agency, _slot) in zip(
                    enrol_many(url, server.url, places), places, strict=True
                )
            ]
            seconds, pushes, bare_seconds, bares = ingest(server.url, url, chains, 500)
            events = sum(len(chain) for _t, chain in chains)
            print(f"ingest: {args.ingest_stations} stations × {len(template)} events at once, "
                  f"batches of 500, PostgreSQL, 2 workers")  # fmt: skip
            print(f"  push  {events / seconds:9.0f} events/s   " + summary("push batch", pushes))
            print(f"  bare  {events / bare_seconds:9.0f} events/s   " + summary("bare", bares))
            print(f"  ratio bare/push events/s: {seconds / bare_seconds:.1f}x")
            _poll_part(args, url, server.url)


def _poll_part(args: argparse.Namespace, url: str, server_url: str) -> None:
    agencies = max(args.ingest_stations, -(-args.pollers // 9))
    places = [(agency_code(i % agencies), 1 + i // agencies) for i in range(args.pollers)]
    tokens = [token for _station, token in enrol_many(url, server_url, places)]
    run = poll(server_url, tokens, args.poll_seconds, args.poll_interval)
    pulls, empty, probes, failures = asyncio.run(run)
    print(f"poll: {args.pollers} stations pulling every ~{args.poll_interval} s for "
          f"{args.poll_seconds} s, 100 events a page (loopback, same machine); "
          f"{failures} pulls failed")  # fmt: skip
    print("  " + summary("pull, a page of events", pulls))
    print("  " + summary("pull, nothing new", empty))
    print("  " + summary("time (no database)", probes))
    every = pulls + empty
    p99, median = percentile(every, 0.99) * 1000, statistics.median(every) * 1000
    ratio = percentile(every, 0.99) / percentile(probes, 0.99)
    print(f"  all pulls: p99 {p99:.0f} ms, median {median:.0f} ms; p99 pull/time {ratio:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--skip-link", action="store_true")
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--ingest-stations", type=int, default=8)
    parser.add_argument("--pollers", type=int, default=200)
    parser.add_argument("--poll-seconds", type=float, default=30)
    # a station's timer; 200 stations every 10 s is 20 pulls a second
    parser.add_argument("--poll-interval", type=float, default=10)
    args = parser.parse_args()
    if not args.skip_link:
        link_part(args.dossiers)
    if not args.skip_server:
        server_part(args)


if __name__ == "__main__":
    main()
