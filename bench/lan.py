"""The centre's network on loopback: three counters, each its own ``counter-app lan serve``
process, with the central server stopped.

Usage: python bench/lan.py [--writes 60] [--dossiers 1000]

1. Found on another counter: ``--writes`` times, one dossier is received on a counter (each in
   turn) and the next counter scans its code (``Station.dossier``, what the window does with a
   scanned slip) every 10 ms until it finds it. Prints the time from the write's commit to the
   first scan that finds it: median, p99, and the ratio of the median to the 2 s target.
   Measuring starts once every counter has heard the two others.
2. Converge: ``--dossiers`` dossiers received across the three counters at once (a third each,
   in batches of 10, one thread per counter), then the time until the three stores hold the
   same events, each once; ratio to the minute allowed for convergence. Also how long each
   batch took to save while the counters took in each other's (a clerk's wait).
3. The server back: each counter syncs once; the server must hold every event exactly once,
   and ``events verify`` passes on every counter.

A private gnome-keyring (scripts/keyring_setup.sh installs it) holds the counters' keys, as
the desktop's keyring does; the serving processes use it through the same D-Bus session.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import keyring  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from stats import percentile  # noqa: E402

from counter_app.domain.errors import NotFound  # noqa: E402
from counter_app.station import Station  # noqa: E402
from counter_server.cli import enrol  # noqa: E402
from tests.factories import BIRTH, request  # noqa: E402
from tests.faults.server import ServerProcess, free_port  # noqa: E402
from tests.keyring_service import secret_service  # noqa: E402

AGENCY = "000.00.22.H56"
AGENCY_NAME = "UBND phường Bench"
KEYRING = "keyring.backends.SecretService.Keyring"
TARGET_FOUND = 2.0  # seconds, median
TARGET_CONVERGED = 60.0  # seconds after the last write: "within a minute"
SCAN_EVERY = 0.01
BATCH = 10


def _quiet_enrol(database_url: str, slot: int) -> str:
    with contextlib.redirect_stdout(io.StringIO()):  # it prints the code for an administrator
        return enrol(database_url, AGENCY, AGENCY_NAME, slot)


def centre(server: ServerProcess, base: Path) -> list[Path]:
    """Three counters of one agency, enrolled, knowing each other, listing each other by
    address (no multicast needed on loopback)."""
    folders, ports = [base / f"counter-{slot}" for slot in (1, 2, 3)], []
    for slot, folder in enumerate(folders, start=1):
        folder.mkdir()
        station = Station(folder)
        station.initialise(agency_code=AGENCY, agency_name=AGENCY_NAME, slot=slot)
        station.recovery_key_shown()  # the leader keeps its sheet
        with httpx.Client(base_url=server.url) as direct:
            station.enrol(server.url, _quiet_enrol(server.database_url, slot), http=direct)
        station.close()
        ports.append(free_port())
    for folder, port in zip(folders, ports, strict=True):
        station = Station(folder)
        with httpx.Client(base_url=server.url) as direct:
            station.sync_once(http=direct)  # learns its siblings and their keys
        others = ", ".join(f"127.0.0.1:{p}" for p in ports if p != port)
        station.set_settings(
            {"lan_port": str(port), "lan_peers": json.dumps(others), "lan_discovery": '"off"'}
        )
        station.close()
    return folders


@contextlib.contextmanager
def serving(folders: list[Path]) -> Iterator[None]:
    """``counter-app lan serve`` for each counter, stopped with SIGTERM afterwards."""
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": KEYRING, "COUNTER_LANG": "en"}
    processes = []
    try:
        for folder in folders:
            command = [sys.executable, "-m", "counter_app", "--data-dir", str(folder), "lan"]
            process = subprocess.Popen(
                [*command, "serve"],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            processes.append(process)
            assert process.stdout is not None
            line = process.stdout.readline()
            if "serving the centre's network" not in line:
                raise RuntimeError(line + process.stdout.read())
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.communicate(timeout=30)


def _found(station: Station, code: str) -> bool:
    try:
        station.dossier(code)
    except NotFound:
        return False
    return True


def in_touch(stations: list[Station]) -> None:
    """Wait until every counter has heard both others (their workers are pulling)."""
    deadline = time.monotonic() + TARGET_CONVERGED
    while not all(sum(p.in_reach for p in s.lan_peers()) == 2 for s in stations):
        if time.monotonic() > deadline:
            raise RuntimeError("the counters did not find each other within a minute")
        time.sleep(0.1)


def found_elsewhere(stations: list[Station], writes: int) -> list[float]:
    """Seconds from each write's commit to the first scan on the next counter that finds it."""
    delays = []
    for n in range(writes):
        writer, reader = stations[n % 3], stations[(n + 1) % 3]
        code = writer.receive(request(BIRTH), actor="canbo").code
        written = time.monotonic()
        deadline = written + TARGET_CONVERGED
        while not _found(reader, code):
            if time.monotonic() > deadline:
                raise RuntimeError(f"dossier {n} not found on the next counter within a minute")
            time.sleep(SCAN_EVERY)
        delays.append(time.monotonic() - written)
    return delays


def event_ids(station: Station) -> list[str]:
    """Every event id of the store (a list: a double would show)."""
    with station.store.read() as db:
        return [str(i) for i in db.exec_driver_sql("SELECT id FROM events").scalars()]


@dataclass(frozen=True)
class Converged:
    """The second part's figures."""

    writing: float  # seconds, first write to last
    converged: float  # seconds from the last write until the stores hold the same events once
    events: int  # events each holds
    batches: list[float]  # seconds each batch of BATCH dossiers took to save


def converge(stations: list[Station], dossiers: int) -> Converged:
    """Receive ``dossiers`` across the counters at once, then wait for the stores to agree."""
    batches: list[float] = []
    failures: list[Exception] = []

    def write(station: Station, count: int) -> None:
        try:
            for start in range(0, count, BATCH):
                batch = [request(BIRTH) for _ in range(min(BATCH, count - start))]
                began = time.monotonic()
                station.receive_many(batch, actor="canbo")
                batches.append(time.monotonic() - began)
        except Exception as error:  # the figures would be of fewer dossiers: stop the bench
            failures.append(error)

    shares = [dossiers // 3 + (1 if n < dossiers % 3 else 0) for n in range(3)]
    threads = [
        threading.Thread(target=write, args=(station, share))
        for station, share in zip(stations, shares, strict=True)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    written = time.monotonic()
    expected = set(event_ids(stations[0])).union(*(event_ids(s) for s in stations[1:]))
    while True:
        held = [event_ids(station) for station in stations]
        if all(len(ids) == len(set(ids)) and set(ids) == expected for ids in held):
            return Converged(written - began, time.monotonic() - written, len(expected), batches)
        if time.monotonic() - written > 10 * TARGET_CONVERGED:
            raise RuntimeError("the counters did not converge within ten minutes")
        time.sleep(0.1)


def server_event_ids(server: ServerProcess) -> list[str]:
    """Every event id the server holds."""
    engine = create_engine(server.database_url)
    with engine.connect() as connection:
        ids = [str(i) for i in connection.execute(text("SELECT id FROM events")).scalars()]
    engine.dispose()
    return ids


def main() -> int:
    """Run the three parts and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=60)
    parser.add_argument("--dossiers", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="counter-bench-lan-") as scratch:
        base = Path(scratch)
        with secret_service(base / "keyring") as backend:
            keyring.set_keyring(backend)
            server = ServerProcess(f"sqlite:///{base / 'server.sqlite3'}").start()
            try:
                folders = centre(server, base)
                server.kill()  # the link is down from here
                stations = [Station(folder) for folder in folders]
                with serving(folders):
                    in_touch(stations)
                    delays = found_elsewhere(stations, args.writes)
                    converged = converge(stations, args.dossiers)
                report(delays, converged, args.dossiers)
                server.start()  # the link is back
                for station in stations:
                    with httpx.Client(base_url=server.url) as direct:
                        station.sync_once(http=direct)
                on_server = server_event_ids(server)
                events = converged.events
                once = len(on_server) == len(set(on_server)) == events
                verified = all(station.verify().ok for station in stations)
                print(
                    f"server back: {len(on_server)} events held, {len(set(on_server))} distinct,"
                    f" {events} expected — {'each once' if once else 'NOT each once'};"
                    f" events verify {'green' if verified else 'FAILED'} on the three counters"
                )
                for station in stations:
                    station.close()
            finally:
                server.stop()
    return 0 if once and verified else 1


def report(delays: list[float], done: Converged, dossiers: int) -> None:
    """The figures."""
    median = statistics.median(delays)
    print(
        f"found on the next counter (n={len(delays)}): median {median * 1000:.0f} ms, "
        f"p99 {percentile(delays, 0.99) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms; "
        f"ratio to the {TARGET_FOUND:.0f} s target {median / TARGET_FOUND:.3f}"
    )
    print(
        f"{dossiers} dossiers across three counters: written in {done.writing:.1f} s, the three "
        f"stores hold the same {done.events} events once {done.converged:.1f} s after the last "
        f"write; ratio to the {TARGET_CONVERGED:.0f} s target "
        f"{done.converged / TARGET_CONVERGED:.3f}"
    )
    print(
        f"saving {BATCH} dossiers meanwhile (n={len(done.batches)}): median "
        f"{statistics.median(done.batches) * 1000:.0f} ms, p99 "
        f"{percentile(done.batches, 0.99) * 1000:.0f} ms, max {max(done.batches) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
