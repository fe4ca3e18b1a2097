"""Capped exponential back-off with jitter, and a batch size that adapts to the link."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delay before retry ``attempt`` (0-based): base·2^attempt, capped, jittered ("full")."""

    base: float = 0.5
    cap: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, at_least: float = 0.0) -> float:
        """Seconds to wait; jitter keeps many stations from retrying in step. ``at_least``: the
        server's Retry-After, waited in full and spread by up to half again."""
        if at_least > 0:
            return self.rng.uniform(at_least, at_least * 1.5)
        ceiling = min(self.cap, self.base * 2 ** min(attempt, 30))
        return self.rng.uniform(ceiling / 2, ceiling)


# ~15 kB gzipped, two seconds at 64 kbit/s: a link cut every ~50 kB then wastes little of a
# batch, and the 300 ms round trip is still small against it (bench/sync.py measured 200
# growing to 1000 cut almost every push there, > 600 B per dossier).
BATCH = 100


@dataclass
class BatchSize:
    """Halve after a failure (to 1 at least), double back after each success."""

    current: int = BATCH
    maximum: int = BATCH

    def shrink(self) -> None:
        """A failure: smaller batches get through a bad link."""
        self.current = max(1, self.current // 2)

    def grow(self) -> None:
        """A success: try a bigger batch next time."""
        self.current = min(self.maximum, self.current * 2)
