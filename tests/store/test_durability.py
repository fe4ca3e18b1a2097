"""A process killed while receiving loses no committed dossier and leaves a sound store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.station import Station
from tests.conftest import store_connection

LOOP = """
import sys
from datetime import timedelta
from pathlib import Path
from counter_app.station import Station
from tests.factories import request, vn
station = Station(Path(sys.argv[1]))
start = vn(2026, 3, 2, 9, 0) + timedelta(days=7 * int(sys.argv[2]))
print("ready", flush=True)
n = 0
while True:
    at = start + timedelta(days=n // 900)  # stay inside the slot's daily block
    receipt = station.receive(request(received_at=at), actor="loop")
    print(receipt.code, flush=True)  # told "saved" only after the durable commit
    n += 1
"""


def _run_and_kill(data_dir: Path, seconds: float, round_: int) -> list[str]:
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-c", LOOP, str(data_dir), str(round_)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + seconds
    saved: list[str] = []
    while time.monotonic() < deadline:
        line = process.stdout.readline().strip()
        assert line, "the receiving process stopped by itself"
        saved.append(line)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return saved


@pytest.mark.slow
def test_kill_minus_nine_loses_nothing_committed(keyring_data_dir: Path) -> None:
    data_dir = keyring_data_dir
    told: list[str] = []
    for round_ in range(3):
        told += _run_and_kill(data_dir, 1.0, round_)
    assert len(told) > 10
    with store_connection(data_dir / "counter.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in connection.execute("SELECT code FROM dossiers")}
    connection.close()
    assert set(told) <= stored
    assert len(stored) == len(set(stored))
    station = Station(data_dir)
    report = station.verify()
    station.close()
    assert report.ok, report.mismatches[:5] + [str(b) for b in report.chain_breaks[:5]]
