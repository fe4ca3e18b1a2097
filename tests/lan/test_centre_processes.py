"""Three counters, each its own ``counter-app lan serve`` process, and a real server that is
stopped and started again: the centre works as one while the link is down, and afterwards the
server holds every event once. Also a serving counter killed in the middle of a transfer.

About a minute on a quiet machine (processes start, and the server restarts once).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from counter_app.domain.errors import NotFound
from counter_app.domain.lifecycle import State
from counter_app.services.due_board import due_list
from counter_app.station import Station
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE
from tests.factories import RESIDENCE, add_test_procedures, request, vn
from tests.faults.server import ROOT, ServerProcess, free_port
from tests.lan.conftest import AGENCY_NAME, wait_until
from tests.sync.helpers import no_wait

KEYRING = "keyring.backends.SecretService.Keyring"
APPLICANTS = ("Lê Thị Mai", "Trần Quốc Bảo")


@dataclass
class Process:
    """One ``counter-app lan serve`` of a counter."""

    popen: subprocess.Popen[str]
    first_line: str


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``counter-app --data-dir folder args…`` in a process of its own; it must succeed."""
    done = subprocess.run(
        [sys.executable, "-m", "counter_app", "--data-dir", str(folder), "--actor", "canbo", *args],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHON_KEYRING_BACKEND": KEYRING, "COUNTER_LANG": "en"}


def serve(folder: Path) -> Process:
    """Start the counter's LAN endpoint and wait for its first line."""
    popen = subprocess.Popen(
        [sys.executable, "-m", "counter_app", "--data-dir", str(folder), "lan", "serve"],
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert popen.stdout is not None
    line = popen.stdout.readline()
    assert "serving the centre's network" in line, line + popen.stdout.read()
    return Process(popen, line)


def stop(process: Process) -> None:
    """SIGTERM: the endpoint stops cleanly."""
    process.popen.send_signal(signal.SIGTERM)
    out, _err = process.popen.communicate(timeout=30)
    assert process.popen.returncode == 0, out
    assert out.strip().endswith("stopped")


def holds(folder: Path, code: str) -> bool:
    """True when the counter in ``folder`` has ``code`` (read from another process)."""
    station = Station(folder)
    try:
        station.dossier(code)
    except NotFound:
        return False
    finally:
        station.close()
    return True


def state_of(folder: Path, code: str) -> State:
    """The dossier's state on the counter in ``folder``."""
    station = Station(folder)
    try:
        return station.dossier(code).state
    finally:
        station.close()


def event_ids(folder: Path) -> list[str]:
    """Every event id of the counter's store."""
    station = Station(folder)
    try:
        with station.store.read() as db:
            return [str(i) for i in db.exec_driver_sql("SELECT id FROM events").scalars()]
    finally:
        station.close()


@pytest.fixture
def centre(tmp_path: Path, keys_in_keyring: None) -> Iterator[tuple[ServerProcess, list[Path]]]:
    """A live server and three counters enrolled on it, knowing each other's keys, each
    listing the others by address (``lan_peers``: as on a network that drops multicast); their
    stores' keys are in the keyring the processes share."""
    server = ServerProcess(f"sqlite:///{tmp_path / 'server.sqlite3'}").start()
    folders, ports = [tmp_path / f"counter-{slot}" for slot in (1, 2, 3)], []
    for slot, folder in enumerate(folders, start=1):
        folder.mkdir()
        station = Station(folder)
        station.initialise(agency_code=AGENCY_CODE, agency_name=AGENCY_NAME, slot=slot)
        station.recovery_key_shown()  # the leader keeps its sheet
        add_test_procedures(station)
        with httpx.Client(base_url=server.url) as direct:
            station.enrol(
                server.url, enrol(server.database_url, AGENCY_CODE, AGENCY_NAME, slot), http=direct
            )
        station.close()
        ports.append(free_port())
    for folder, port in zip(folders, ports, strict=True):
        station = Station(folder)
        with httpx.Client(base_url=server.url) as direct:
            station.sync_once(http=direct, policy=no_wait())
        others = ", ".join(f"127.0.0.1:{p}" for p in ports if p != port)
        values = {"lan_port": str(port), "lan_peers": json.dumps(others), "lan_discovery": '"off"'}
        station.set_settings(values)
        station.close()
    try:
        yield server, folders
    finally:
        server.stop()


def server_event_ids(server: ServerProcess) -> list[str]:
    """Every event id the server holds (a list: a double would show)."""
    engine = create_engine(server.database_url)
    with engine.connect() as connection:
        ids = [str(i) for i in connection.execute(text("SELECT id FROM events")).scalars()]
    engine.dispose()
    return ids


def test_receive_return_and_due_board_on_three_counters_offline_then_once_on_the_server(
    centre: tuple[ServerProcess, list[Path]], tmp_path: Path
) -> None:
    server, (one, two, three) = centre
    processes = [serve(folder) for folder in (one, two, three)]
    try:
        server.kill()  # the commune's link is down from here
        dossiers = [{"applicant": {"name": name}, "procedure": RESIDENCE} for name in APPLICANTS]
        (tmp_path / "two.json").write_text(json.dumps(dossiers, ensure_ascii=False), "utf-8")
        receipts = json.loads(cli(one, "receive", str(tmp_path / "two.json"), "--json").stdout)
        kept, returned = (receipt["code"] for receipt in receipts)
        wait_until(lambda: holds(two, returned) and holds(three, kept), seconds=30)
        cli(two, "transition", returned, "resolved", "--result", "Đã cấp")
        cli(two, "transition", returned, "returned", "--fee", "0", "--method", "counter")
        for folder in (one, three):
            wait_until(lambda f=folder: state_of(f, returned) is State.RETURNED, seconds=30)
        status = json.loads(cli(three, "lan", "status", "--json").stdout)
        assert [(p["slot"], p["answered"]) for p in status["peers"]] == [(1, True), (2, True)]
        assert sorted(chain["events"] for chain in status["holds"]) == [2, 2]  # 1's and 2's
        for peer in status["peers"]:  # what each holds, as counter 3 does
            assert peer["holds"] == status["holds"]
        leader = Station(three)  # the leader's due board: what is still open, none returned
        with leader.store.read() as db:
            board = due_list(db, calendar=leader.calendar(), now=datetime.now(UTC), within_days=20)
        leader.close()
        assert [row.code for row in board.rows] == [kept]
        # without the server, ``sync`` takes what the counters in reach hold and says so
        fallback = cli(three, "sync")
        assert "used: 2 counter(s) of the centre" in fallback.stdout
        server.start()  # the link is back
        for folder in (one, two, three):
            assert "used: the server" in cli(folder, "sync").stdout
    finally:
        for process in processes:
            stop(process)
    held = server_event_ids(server)
    assert len(held) == len(set(held)) == 4  # two received, one resolved, one returned
    for folder in (one, two, three):
        assert sorted(event_ids(folder)) == sorted(held)
        verified = json.loads(cli(folder, "events", "verify", "--json").stdout)
        assert verified["ok"], verified


def test_a_counter_killed_in_the_middle_of_a_transfer_loses_and_doubles_nothing(
    centre: tuple[ServerProcess, list[Path]],
) -> None:
    server, (one, two, _three) = centre
    server.kill()
    station = Station(one)
    start = vn(2026, 3, 10, 8)
    moments = [start + timedelta(days=n // 750, seconds=n) for n in range(1500)]  # 2 days
    station.receive_many([request(received_at=at) for at in moments], actor="canbo")
    station.close()
    serving = serve(one)
    pulling = serve(two)
    try:
        wait_until(lambda: len(event_ids(two)) > 0, seconds=60)
        serving.popen.kill()  # no goodbye: the page on its way is cut
        serving.popen.wait(10)
        partial = event_ids(two)
        assert len(partial) == len(set(partial)) and len(partial) <= 1500
        serving = serve(one)
        wait_until(lambda: len(event_ids(two)) == 1500, seconds=90)
    finally:
        stop(pulling)
        stop(serving)
    ids = event_ids(two)
    assert sorted(ids) == sorted(event_ids(one)) and len(set(ids)) == 1500
    assert json.loads(cli(two, "events", "verify", "--json").stdout)["ok"]
