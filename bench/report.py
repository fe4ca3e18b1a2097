"""Period reports over a store of 1,000,000 living dossiers: one month and one year.

Usage: python bench/report.py [--dossiers 1000000] [--runs 5]
Targets: month under 0.5 s, year under 3 s (median).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, datetime, timedelta

from seed import store_with

from counter_app.domain.calendar import VN_TZ
from counter_app.services.statistics import period_report
from counter_app.station import Station

TARGETS = {"month": 0.5, "year": 3.0}


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
        samples = []
        report = period_report(station, first, last)  # warm-up
        for _ in range(args.runs):
            began = time.perf_counter()
            report = period_report(station, first, last)
            samples.append(time.perf_counter() - began)
        median = statistics.median(samples)
        verdict = "ok" if median < TARGETS[name] else "OVER TARGET"
        totals = report.totals
        print(
            f"{name:<5} {first}..{last}: median {median:.3f} s (target < {TARGETS[name]} s, "
            f"{verdict}); received {totals.received}, resolved {totals.resolved}, "
            f"late {totals.late}, pending {totals.pending}"
        )
    station.close()


if __name__ == "__main__":
    main()
