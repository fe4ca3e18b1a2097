"""What the access log costs the reads a clerk makes: a dossier opened, a search shown.

Usage: python bench/access.py [--dossiers 1000000] [--runs 500]
Each read is timed twice on the same store in the same run: bare (the read alone, as before
the access log: ``station.dossier`` and ``station.events``, ``station.search``) and logged (the
read and its access-log entry chained in one durable write transaction, as the window and the
CLI make it: ``station.privacy.open_dossier``, ``station.privacy.search``). Prints median, p95
and p99 of each, and the ratio of the logged median to the bare one (the baseline).
Target: a logged read within the GUI thread's 100 ms at p99.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable, Iterator

from search import timed
from seed import sampled_dossiers, store_with
from stats import summary

from counter_app.domain.text import fold
from counter_app.station import Station


def cycle(values: list[str]) -> Iterator[str]:
    """The values over and over (a run may need more than the sample)."""
    while True:
        yield from values


def compare(name: str, bare: Callable[[], object], logged: Callable[[], object], runs: int) -> None:
    """Time ``bare`` and ``logged`` alternately in blocks, print both and their ratio."""
    bare_samples: list[float] = []
    logged_samples: list[float] = []
    block = max(1, runs // 10)
    for _ in range(0, runs, block):  # interleaved: a busy moment of the machine hits both
        bare_samples += timed(bare, block)
        logged_samples += timed(logged, block)
    ratio = statistics.median(logged_samples) / statistics.median(bare_samples)
    print(summary(f"{name}, bare (baseline)", bare_samples))
    print(f"{summary(f'{name}, logged', logged_samples)}  ratio={ratio:.2f}x bare")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    folder = store_with(args.dossiers)
    sample = sampled_dossiers(folder, args.runs)
    station = Station(folder)
    privacy = station.privacy
    codes = cycle([row[0] for row in sample])
    ids = cycle([row[1] for row in sample])
    names = cycle([fold(row[2]) for row in sample])

    def open_bare() -> None:
        facts = station.dossier(next(codes))
        station.events(facts.id)

    def open_logged() -> None:
        privacy.open_dossier(next(codes), actor="bench", via="gui")

    station.search(sample[0][0])  # warm-up
    open_logged()
    print(f"store: {args.dossiers} dossiers")
    compare("dossier opened", open_bare, open_logged, args.runs)
    compare(
        "search by ID number",
        lambda: station.search(next(ids)),
        lambda: privacy.search(next(ids), actor="bench", via="gui"),
        args.runs,
    )
    compare(
        "search by folded name",
        lambda: station.search(next(names)),
        lambda: privacy.search(next(names), actor="bench", via="gui"),
        args.runs,
    )
    station.close()


if __name__ == "__main__":
    main()
