"""Sync over a bad link: one counter's dossiers up, another counter's pull of them down.

Usage: python bench/sync.py [--dossiers 1000]

The dossiers of one station (with their lifecycle events) go up through the fault proxy set to
64 kbit/s each way, 300 ms round trip and a cut every ~50 kB, first batched (the station's real
sync client: status, gzip pushes, pull, round after round), then NAIVE (each dossier its own
uncompressed JSON request to a route mounted only on this process's app), in the same run,
against the same SQLite server. Then a second counter of the agency pulls them all down the same
link, batched (its real sync client: gzipped pages of 200) and naive (pages asked for
uncompressed, of 50 events: 200 would never get between two cuts). Prints wall time, wire bytes
per dossier as the proxy counted them (both ways of every exchange), the requests' median/p99
and the naive/batched ratios. Targets: < 500 wire bytes per dossier up, batched ≥ 5× faster
than naive. The server under load is ``bench/server_load.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seed import AGENCY, store_with  # noqa: E402
from stats import summary  # noqa: E402
from sync_link import (  # noqa: E402
    LinkRun,
    app_with_naive_route,
    enrolled_token,
    own_events,
    pull_naive,
    pull_with_client,
    push_naive,
    push_with_client,
    run_pull_side,
    run_side,
)

from counter_app.station import Station  # noqa: E402
from tests.faults.proxy import FaultProxy, Link  # noqa: E402
from tests.faults.server import ServerThread  # noqa: E402

BAD_LINK = Link(latency_up=0.15, latency_down=0.15, bandwidth=8000, cut_every=50_000, seed=11)


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


def reader_store(folder: Path) -> tuple[Path, str]:
    """A second counter of the agency (slot 1), its data folder and station id."""
    station = Station(folder)
    station.initialise(agency_code=AGENCY, agency_name="Phường Hạc Thành", slot=1)
    station_id = station.context().identity.station_id
    station.close()
    return folder, station_id


def link_part(dossiers: int) -> None:
    """Batched against naive through the same bad link, up and down."""
    folder_of_station = store_with(dossiers, lifecycle=True)
    station_id, events = own_events(folder_of_station)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'server.sqlite3'}"
        reader, reader_id = reader_store(Path(folder) / "reader")
        with ServerThread(app_with_naive_route(url)) as server:
            token = enrolled_token(server.url, url, station_id, AGENCY)
            other = enrolled_token(server.url, url, reader_id, AGENCY, slot=1)
            with FaultProxy("127.0.0.1", server.port) as proxy:
                same = {"proxy": proxy, "link": BAD_LINK, "token": token, "events": events}
                batched = run_side("batched", push_with_client(folder_of_station), **same)
                naive = run_side("naive", push_naive, **same)
                down = {"proxy": proxy, "link": BAD_LINK, "token": other}
                pulled = run_pull_side("pulled", pull_with_client(reader), **down)
                plain = run_pull_side("plain", pull_naive, **down)
    print(f"link: {dossiers} dossiers, {len(events)} events; 64 kbit/s, 300 ms RTT, cut ~50 kB")
    print(" up (the station's own events):")
    for run in (batched, naive):
        report_side(run, dossiers)
    _ratios(naive, batched, "naive/batched")
    print(" down (another counter pulls them; both ways of each exchange counted):")
    for run in (pulled, plain):
        report_side(run, dossiers)
    _ratios(plain, pulled, "uncompressed/gzipped")
    both = sum(run.traffic.up + run.traffic.down for run in (batched, pulled))
    print(f" both ways, batched: {both / dossiers:.0f} B/dossier (target up alone < 500)")


def _ratios(slow: LinkRun, fast: LinkRun, name: str) -> None:
    wire = (slow.traffic.up + slow.traffic.down) / (fast.traffic.up + fast.traffic.down)
    print(f"  {name}: wall {slow.seconds / fast.seconds:.1f}x, wire bytes {wire:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    link_part(parser.parse_args().dossiers)


if __name__ == "__main__":
    main()
