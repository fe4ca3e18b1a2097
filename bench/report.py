"""Period reports over a store of 1,000,000 living dossiers: one month and one year.

Usage: python bench/report.py [--dossiers 1000000] [--runs 5]
Targets: month under 0.5 s, year under 3 s (median). The first run of each period is printed
apart: a shared report starts its worker processes then. Each period is also timed as the statistics
screen reads it — the report and its weekly series in one pass — with its ratio to the report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from seed import store_with
from stats import percentile

from counter_app.domain.calendar import VN_TZ
from counter_app.services.statistics import period_report, statistics_view
from counter_app.station import Station

TARGETS = {"month": 0.5, "year": 3.0}


def _time(run: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """The first run (it starts the worker processes of a shared report), then ``runs`` more."""
    began = time.perf_counter()
    run()
    first = time.perf_counter() - began
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return first, samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = store_with(args.dossiers, lifecycle=True)
    station = Station(folder)
    today = datetime.now(VN_TZ).date()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    periods: dict[str, tuple[date, date]] = {
        "month": (last_month_end.replace(day=1), last_month_end),
        "year": (today - timedelta(days=365), today - timedelta(days=1)),
    }
    print(f"store: {args.dossiers} dossiers with their lifecycle events")
    for name, (first, last) in periods.items():
        cold, samples = _time(partial(period_report, station, first, last), args.runs)
        median = statistics.median(samples)
        verdict = "ok" if median < TARGETS[name] else "OVER TARGET"
        totals = period_report(station, first, last).totals
        print(
            f"{name:<5} {first}..{last}: median {median:.3f} s, p99 {percentile(samples, 0.99):.3f}"
            f" s (target < {TARGETS[name]} s, {verdict}); received {totals.received}, resolved "
            f"{totals.resolved}, late {totals.late}, pending {totals.pending}; "
            f"first run {cold:.3f} s"
        )
        _cold, screen = _time(partial(statistics_view, station, first, last), args.runs)
        weeks = statistics_view(station, first, last).weeks
        print(
            f"{'':<5} with the weekly series ({len(weeks)} weeks): median "
            f"{statistics.median(screen):.3f} s, p99 {percentile(screen, 0.99):.3f} s, "
            f"ratio to the report alone {statistics.median(screen) / median:.2f}"
        )
    station.close()


if __name__ == "__main__":
    main()
