"""Look-ups on a store of 1,000,000 dossiers: by code, by ID number, by folded name.

Usage: python bench/search.py [--dossiers 1000000] [--runs 500]
Targets: code and ID number under 2 ms median; folded name under 50 ms p95.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Callable

from seed import store_with
from stats import summary

from counter_app.domain.text import fold
from counter_app.station import Station


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append(time.perf_counter() - began)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    folder = store_with(args.dossiers)
    with sqlite3.connect(folder / "counter.sqlite3") as connection:
        sample = connection.execute(
            "SELECT code, id_number, applicant_name FROM dossiers ORDER BY random() LIMIT ?",
            (args.runs,),
        ).fetchall()
    rng = random.Random(3)
    station = Station(folder)
    station.search(sample[0][0])  # warm-up
    codes = iter([row[0] for row in sample] * 2)
    ids = iter([row[1] for row in sample] * 2)
    names = [fold(row[2]) for row in sample]
    print(f"store: {args.dossiers} dossiers")
    print(summary("by code", timed(lambda: station.search(next(codes)), args.runs)))
    print(summary("by ID number", timed(lambda: station.search(next(ids)), args.runs)))
    print(
        summary("by folded full name", timed(lambda: station.search(rng.choice(names)), args.runs))
    )
    print(
        summary(
            "by partial name ('nguyen van d')",
            timed(lambda: station.search("nguyen van d"), args.runs),
        )
    )
    station.close()


if __name__ == "__main__":
    main()
