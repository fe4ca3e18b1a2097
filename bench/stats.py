"""Small helpers to report timings: median, p95, p99 in milliseconds."""

from __future__ import annotations

import statistics


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the samples fall (nearest rank)."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def summary(name: str, samples: list[float]) -> str:
    """One line: median, p95 and p99 in milliseconds."""
    ms = [s * 1000 for s in samples]
    return (
        f"{name:<34} n={len(ms):<6} median={statistics.median(ms):8.3f} ms  "
        f"p95={percentile(ms, 0.95):8.3f} ms  p99={percentile(ms, 0.99):8.3f} ms"
    )
