"""One ``receive`` on a store that already holds 1,000,000 dossiers, against a bare durable insert.

Usage: python bench/intake.py [--dossiers 1000000] [--runs 2000]
Prints the median and p99 of one receive (validate, code, due date, dossier, documents, events,
commit) and the ratio to a bare SQLite INSERT + durable commit of a row of the same size, both
measured in the same run on the same disk.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from seed import store_with
from stats import summary

from counter_app.services.applicant import Applicant
from counter_app.services.reception import IntakeRequest
from counter_app.station import Station


def bare_commits(folder: Path, runs: int, row_bytes: int) -> list[float]:
    """INSERT of one row of ``row_bytes`` and a durable commit (WAL, synchronous=FULL)."""
    path = folder / "bare.sqlite3"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    body = "x" * row_bytes
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t (body) VALUES (?)", (body,))
        connection.execute("COMMIT")
        samples.append(time.perf_counter() - began)
    connection.close()
    return samples


def receives(station: Station, runs: int) -> list[float]:
    """Time ``runs`` receives of a complete dossier through the station façade."""
    entry = next(e for e in station.catalogue() if e.spec.code == "1.004222")
    person = Applicant(
        name="Nguyễn Văn Đức",
        id_number="001090012345",
        dob=None,
        sex=None,
        address="Số 12, đường Lê Lai, phường Hạc Thành, tỉnh Thanh Hóa",
        phone="0912345678",
        email=None,
    )
    start = datetime.now(UTC)

    def request(n: int) -> IntakeRequest:
        # a slot issues at most 999 codes a day: spread the runs over the coming days
        received = start + timedelta(days=n // 900)
        return IntakeRequest(entry.spec.code, person, received_at=received)

    for n in range(50):  # warm-up: caches, prepared statements
        station.receive(request(n), actor="bench")
    samples = []
    for n in range(50, 50 + runs):
        item = request(n)
        began = time.perf_counter()
        station.receive(item, actor="bench")
        samples.append(time.perf_counter() - began)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    folder = store_with(args.dossiers)
    station = Station(folder)
    with station.store.read() as db:
        row_bytes = len(
            json.dumps(
                db.exec_driver_sql("SELECT * FROM dossiers LIMIT 1").one()._asdict(), default=str
            )
        )
    intake = receives(station, args.runs)
    station.close()
    bare = bare_commits(folder, args.runs, row_bytes)
    print(f"store: {args.dossiers} dossiers; bare row {row_bytes} bytes")
    print(summary("receive (full use case)", intake))
    print(summary("bare insert + durable commit", bare))
    ratio = statistics.median(intake) / statistics.median(bare)
    print(
        f"ratio of medians receive/bare: {ratio:.2f}"
        "  (target: median < 2 ms, p99 < 10 ms, ratio < 5)"
    )


if __name__ == "__main__":
    main()
