"""Look-ups on a store of 1,000,000 dossiers: by code, by ID number, by folded name, filtered.

Usage: python bench/search.py [--dossiers 1000000] [--runs 500]
Targets: code and ID number under 2 ms median; folded name under 50 ms p95; filtered searches
(state, field, period of receipt; with or without text) under 100 ms p95, the GUI-thread budget.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from seed import sampled_dossiers, store_with
from stats import summary

from counter_app.domain.text import fold
from counter_app.services.search_types import SearchFilters
from counter_app.station import Station

FILTERED: tuple[tuple[str, str, SearchFilters], ...] = (
    ("name + state", "nguyen van", SearchFilters(state="returned")),
    ("name + field", "nguyen", SearchFilters(field="Chứng thực")),
    (
        "name + period",
        "tran thi",
        SearchFilters(received_from=date(2025, 3, 1), received_to=date(2025, 3, 31)),
    ),
    (
        "name + all three",
        "le",
        SearchFilters(state="received", field="Hộ tịch", received_from=date(2025, 1, 1)),
    ),
    ("state only", "", SearchFilters(state="received")),
    ("field only", "", SearchFilters(field="Hộ tịch")),
    (
        "period only",
        "",
        SearchFilters(received_from=date(2025, 6, 2), received_to=date(2025, 6, 6)),
    ),
    ("rare state only", "", SearchFilters(state="pending_supplement")),
)


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
    sample = sampled_dossiers(folder, args.runs)
    rng = random.Random(3)
    station = Station(folder)
    station.search(sample[0][0])  # warm-up
    codes = iter([row[0] for row in sample] * 2)
    ids = iter([row[1] for row in sample] * 2)
    names = [fold(row[2]) for row in sample]
    print(f"store: {args.dossiers} dossiers")
    print(summary("by code", timed(lambda: station.search(next(codes)), args.runs)))
    print(summary("by ID number", timed(lambda: station.search(next(ids)), args.runs)))
    by_name = timed(lambda: station.search(rng.choice(names)), args.runs)
    print(summary("by folded full name", by_name))
    print(
        summary(
            "by partial name ('nguyen van d')",
            timed(lambda: station.search("nguyen van d"), args.runs),
        )
    )
    filtered_runs = max(20, args.runs // 10)
    for label, query, filters in FILTERED:
        found = len(station.search(query, filters=filters))
        samples = timed(lambda q=query, f=filters: station.search(q, filters=f), filtered_runs)
        ratio = statistics.median(samples) / statistics.median(by_name)
        print(f"{summary(f'filtered: {label} ({found})', samples)}  ratio={ratio:.1f}x name")
    station.close()


if __name__ == "__main__":
    main()
