"""One ``receive`` on a store that already holds 1,000,000 dossiers, against a bare durable insert.

Usage: python bench/intake.py [--dossiers 1000000] [--runs 2000]
Prints the median and p99 of one receive (validate, code, due date, dossier, documents, events,
commit) on the encrypted store and the ratio to a bare, unencrypted SQLite INSERT + durable
commit of a row of the same size; and the same bare insert into an encrypted (SQLCipher) table,
whose ratio to the unencrypted one is the cost of encryption alone. All three are measured in
the same run on the same disk, one after the other, so that all see the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from seed import store_with
from stats import summary

from counter_app import store_cipher
from counter_app.services.applicant import Applicant
from counter_app.services.reception_types import IntakeRequest
from counter_app.station import Station


class BareTable:
    """A table of rows the size of a dossier row, in WAL mode with synchronous=FULL; encrypted
    with SQLCipher as the store is when given a ``key``."""

    def __init__(self, folder: Path, row_bytes: int, key: bytes | None = None) -> None:
        path = folder / ("bare-encrypted.sqlite3" if key else "bare.sqlite3")
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        if key is None:
            self.connection = sqlite3.connect(path, isolation_level=None)
        else:
            self.connection = store_cipher.connect(path, key)
            self.connection.isolation_level = None
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        self.body = "x" * row_bytes

    def insert(self) -> float:
        """Seconds for one INSERT and its durable commit."""
        began = time.perf_counter()
        self.connection.execute("BEGIN")
        self.connection.execute("INSERT INTO t (body) VALUES (?)", (self.body,))
        self.connection.execute("COMMIT")
        return time.perf_counter() - began


def measure(
    station: Station, bare: BareTable, encrypted: BareTable, runs: int
) -> tuple[list[float], list[float], list[float]]:
    """Receives and bare inserts, alternated so all see the same machine at the same time."""
    entry = next(e for e in station.catalogue() if e.spec.code == "1.004873")
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
        bare.insert()
        encrypted.insert()
    intake, baseline, ciphered = [], [], []
    for n in range(50, 50 + runs):
        item = request(n)
        began = time.perf_counter()
        station.receive(item, actor="bench")
        intake.append(time.perf_counter() - began)
        baseline.append(bare.insert())
        ciphered.append(encrypted.insert())
    return intake, baseline, ciphered


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
    table = BareTable(folder, row_bytes)
    encrypted = BareTable(folder, row_bytes, key=os.urandom(store_cipher.KEY_BYTES))
    intake, bare, ciphered = measure(station, table, encrypted, args.runs)
    station.close()
    table.connection.close()
    encrypted.connection.close()
    print(f"store: {args.dossiers} dossiers, encrypted; bare row {row_bytes} bytes")
    print(summary("receive (full use case, encrypted store)", intake))
    print(summary("bare insert + durable commit", bare))
    print(summary("bare insert + durable commit, encrypted", ciphered))
    ratio = statistics.median(intake) / statistics.median(bare)
    print(
        f"ratio of medians receive/bare: {ratio:.2f}"
        "  (target: median < 2 ms, p99 < 10 ms, ratio < 5)"
    )
    alone = statistics.median(ciphered) / statistics.median(bare)
    print(f"encryption alone: encrypted bare / bare insert, ratio of medians {alone:.2f}")


if __name__ == "__main__":
    main()
