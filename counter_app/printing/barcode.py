"""Code 128 of the dossier code, drawn as vector bars with the code in text beneath.

The module pattern comes from python-barcode; the bars are merged runs of dark modules drawn
as filled rectangles, so the PDF stays sharp at any printer resolution.

Module widths are whole numbers of pixels at common resolutions, because rasterisers snap bar
edges to the pixel grid: 0.381 mm (15 mil) is exactly 3 px at 200 dpi and 9 dots at 600 dpi;
0.254 mm (10 mil) is exactly 2, 3 and 6 px at 200, 300 and 600 dpi. A width such as 0.33 mm
(2.6 px at 200 dpi) decodes or not depending on where the symbol falls on the grid.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import barcode as python_barcode  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.printing.fonts import REGULAR, ensure_fonts

QUIET_MODULES = 10
MODULES = (0.381 * mm, 0.254 * mm)  # preferred first
MINIMUM_MODULE = 0.25 * mm  # the 80 mm roll: 2 dots of a 203 dpi head


@lru_cache(maxsize=256)
def modules(code: str) -> str:
    """The 0/1 module string of ``code`` in Code 128 (1 = dark)."""
    try:
        pattern = python_barcode.get_barcode_class("code128")(code, writer=None).build()
    except Exception as error:  # python-barcode raises several types for bad input
        raise InvalidInput(
            _("Không tạo được mã vạch cho mã hồ sơ «{code}».").format(code=code), field="code"
        ) from error
    return "".join(pattern)


def bar_runs(pattern: str) -> list[tuple[int, int]]:
    """(start module, width in modules) of every dark bar."""
    runs: list[tuple[int, int]] = []
    start = -1
    for index, module in enumerate(pattern + "0"):
        if module == "1" and start < 0:
            start = index
        elif module != "1" and start >= 0:
            runs.append((start, index - start))
            start = -1
    return runs


def fill_rects(canvas: Any, rects: Iterable[tuple[float, float, float, float]]) -> None:
    """Fill ``(x, y, width, height)`` rectangles in black as one path, written directly as
    PDF operators (reportlab's path API formats each number at Python speed)."""
    ops = "\n".join(f"{x:.3f} {y:.3f} {w:.3f} {h:.3f} re" for x, y, w, h in rects)
    canvas.addLiteral(f"q 0 g\n{ops}\nf Q")


def module_width(code: str, available: float) -> float:
    """The widest of ``MODULES`` whose symbol and quiet zones fit in ``available`` points;
    else the narrowest whose bars fit (the quiet zones reach into the blank page margin);
    else as wide as the bars can be (0.25 mm for a dossier code on the 80 mm roll)."""
    count = len(modules(code))
    for module in MODULES:
        if (count + 2 * QUIET_MODULES) * module <= available:
            return float(module)
    if count * MODULES[-1] <= available:
        return float(MODULES[-1])
    return available / count


class Code128(Flowable):  # type: ignore[misc]
    """A Code 128 symbol with its quiet zones and its human-readable text."""

    def __init__(
        self,
        code: str,
        *,
        available: float,
        bar_height: float = 12 * mm,
        font_size: float = 9.0,
        module: float | None = None,
    ) -> None:
        super().__init__()
        ensure_fonts()
        self.code = code
        self.pattern = modules(code)
        self.module = module if module is not None else module_width(code, available)
        self.bar_height = bar_height
        self.font_size = font_size
        self.bars_width = len(self.pattern) * self.module
        self.quiet = QUIET_MODULES * self.module
        self.width = min(available, self.bars_width + 2 * self.quiet)
        self.height = bar_height + font_size * 1.4
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fixed size: the symbol never stretches."""
        return self.width, self.height

    def draw(self) -> None:
        """Bars from the top, the code centred beneath."""
        canvas = self.canv
        left = (self.width - self.bars_width) / 2
        bottom = self.font_size * 1.4
        module, height = self.module, self.bar_height
        fill_rects(
            canvas,
            (
                (left + start * module, bottom, width * module, height)
                for start, width in bar_runs(self.pattern)
            ),
        )
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(REGULAR, self.font_size)
        canvas.drawCentredString(self.width / 2, self.font_size * 0.35, self.code)
        canvas.restoreState()
