"""The process the statistics charts are drawn in, and what crosses to it and back.

matplotlib and numpy never load into the window's process: importing them there held Python's
lock for tens of ms at a time (extension modules are loaded with the lock held) while the
statistics screen first painted, and drawing competed with the GUI thread for it afterwards. A
spawned process, started with the first chart and kept for the next, imports them and returns
the pictures as pixels. If it cannot be started, the charts are drawn in the calling thread.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import partial

from counter_app.domain.statistics import Row
from counter_app.domain.weekly import Week
from counter_app.i18n import set_language
from counter_app.spawned import SpawnedWorkers

Size = tuple[int, int]  # logical pixels: width, height


@dataclass(frozen=True)
class Picture:
    """A chart's RGBA8888 pixels, row after row, at ``ratio`` physical pixels per logical one."""

    pixels: bytes
    width: int
    height: int
    ratio: float


@dataclass(frozen=True)
class Drawing:
    """Both charts of one report: the values they show and their pictures."""

    received: list[int]  # per week
    resolved: list[int]  # per week
    rates: list[float]  # on-time rate in %, per field shown
    field_labels: list[str]
    weeks: Picture
    fields: Picture


@dataclass(frozen=True)
class ChartRequest:
    """What to draw, how large, in which language."""

    weeks: list[Week]
    rows: list[Row]
    sizes: tuple[Size, Size]  # the weekly chart, the fields chart
    ratio: float
    language: str


def draw(request: ChartRequest) -> Drawing:
    """Both charts of ``request``, in the charts' process (its messages in their language)."""
    set_language(request.language)
    return _figures(request)


def _figures(request: ChartRequest) -> Drawing:
    from counter_app.ui import chart_figures

    return chart_figures.draw(request)


class DrawingProcess:
    """The charts' process: started with the first drawing, kept for the next one."""

    def __init__(self) -> None:
        self._workers = SpawnedWorkers(1)
        self._lock = threading.Lock()  # one drawing at a time

    def draw(self, request: ChartRequest) -> Drawing:
        """The drawing of ``request``; waits for it (run it as a background operation).
        Drawn here, in the language already in use, when the process cannot start."""
        with self._lock:
            # numpy's OpenBLAS would start a thread per core that spins after each use and
            # takes a core from the GUI thread on a two-core counter PC (read when spawned)
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
            running = self._workers.submit(draw, request)
            return self._workers.result(running, partial(_figures, request))


DRAWING_PROCESS = DrawingProcess()
