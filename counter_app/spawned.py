"""Worker processes started with ``spawn`` on first use and kept for the next use.

A process that cannot be started, or a pool that broke, is not an error for the caller: the
work is then done where it was asked for (``here``), and the next use starts a new pool. A pool
belongs to the process that started it: a process forked after that starts its own, since the
threads that feed the inherited one were not forked with it (its results would never come).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class SpawnedWorkers:
    """Up to ``count`` spawned processes, started by the first submission."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        self._owner = 0  # the pid that started the pool

    def submit(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T] | None:
        """``work`` started in a worker; None when no worker can be started."""
        try:
            if self._pool is None or self._owner != os.getpid():
                self._pool = ProcessPoolExecutor(self.count, mp_context=get_context("spawn"))
                self._owner = os.getpid()
            return self._pool.submit(work, *args, **kwargs)
        except (BrokenProcessPool, OSError, RuntimeError):
            self._pool = None
            return None

    def result(self, running: Future[T] | None, here: Callable[[], T]) -> T:
        """What the worker returned; ``here()`` when it could not run."""
        if running is not None:
            try:
                return running.result()
            except (BrokenProcessPool, OSError):
                self._pool = None
        return here()
