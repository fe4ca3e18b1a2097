"""Capped exponential back-off with jitter, and a batch size that adapts to the link."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from counter_app.sync.protocol import MAX_BATCH


@dataclass
class Backoff:
    """Delay before retry ``attempt`` (0-based): base·2^attempt, capped, jittered ("full")."""

    base: float = 0.5
    cap: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """Seconds to wait; jitter keeps many stations from retrying in step."""
        ceiling = min(self.cap, self.base * 2 ** min(attempt, 30))
        return self.rng.uniform(ceiling / 2, ceiling)


@dataclass
class BatchSize:
    """Halve after a failure (to 1 at least), double back after each success."""

    current: int = 200
    maximum: int = MAX_BATCH

    def shrink(self) -> None:
        """A failure: smaller batches get through a bad link."""
        self.current = max(1, self.current // 2)

    def grow(self) -> None:
        """A success: try a bigger batch next time."""
        self.current = min(self.maximum, self.current * 2)
