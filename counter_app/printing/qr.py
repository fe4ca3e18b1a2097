"""QR code of a text (the dossier's lookup address) as a square flowable.

reportlab's ``QrCodeWidget`` encodes the text; its module matrix is then drawn straight onto the
canvas as one filled path of row runs (the widget's own drawing builds thousands of validated
shape objects, ten times slower, for the same marks).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from counter_app.printing.barcode import fill_rects

QUIET_MODULES = 4  # the quiet zone QR requires on every side


@lru_cache(maxsize=64)
def qr_matrix(value: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``value``'s QR code (rows, top first)."""
    widget = QrCodeWidget(value, barLevel=level, barBorder=QUIET_MODULES)
    code = widget.qr
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def row_runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of every run of dark modules in ``row``."""
    runs: list[tuple[int, int]] = []
    start = -1
    for index, dark in enumerate((*row, False)):
        if dark and start < 0:
            start = index
        elif not dark and start >= 0:
            runs.append((start, index - start))
            start = -1
    return runs


class QrFlowable(Flowable):  # type: ignore[misc]
    """A ``size`` × ``size`` point QR symbol, quiet zone included."""

    def __init__(self, value: str, size: float, *, level: str = "M") -> None:
        super().__init__()
        self.value = value
        self.matrix = qr_matrix(value, level)
        self.width = self.height = size
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Every dark run of every row, as one filled path."""
        module = self.width / (len(self.matrix) + 2 * QUIET_MODULES)
        fill_rects(
            self.canv,
            (
                (
                    (start + QUIET_MODULES) * module,
                    self.height - (index + QUIET_MODULES + 1) * module,
                    length * module,
                    module,
                )
                for index, row in enumerate(self.matrix)
                for start, length in row_runs(row)
            ),
        )


def qr_flowable(value: str, size: float, *, level: str = "M") -> QrFlowable:
    """The QR code of ``value`` as a flowable of ``size`` points square."""
    return QrFlowable(value, size, level=level)
