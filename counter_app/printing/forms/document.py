"""The PDF itself: copies one after another (each from a new page), "Trang x/y" counted per
copy, the 80 mm roll as tall as its content, and identical bytes for identical input."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
)

from counter_app.printing.fonts import REGULAR, ensure_fonts
from counter_app.printing.layout import Page

_THERMAL_SLACK = 4 * mm


class CopyStart(Flowable):  # type: ignore[misc]
    """Zero-size marker: the pages that follow belong to copy ``index`` (for page numbers)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Takes no room."""
        return 0, 0

    def draw(self) -> None:
        """Tell the canvas which copy it is on."""
        self.canv.copy_index = self.index


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end, then stamps "Trang x/y" counted per copy."""

    def __init__(self, *args: Any, page_label: str, always: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.copy_index = 0
        self._page_label = page_label
        self._always = always
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        """Keep the page; it is emitted in ``save``."""
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Stamp the page numbers and write every page."""
        totals = Counter(state["copy_index"] for state in self._held)
        seen: Counter[int] = Counter()
        for state in self._held:
            self.__dict__.update(state)
            copy = state["copy_index"]
            seen[copy] += 1
            if self._page_label and (self._always or totals[copy] > 1):
                label = self._page_label.format(page=seen[copy], pages=totals[copy])
                self.setFont(REGULAR, 9)
                self.drawCentredString(self._pagesize[0] / 2, 6 * mm, label)
            super().showPage()
        super().save()


def content_height(flowables: Sequence[Flowable], width: float) -> float:
    """The height ``flowables`` take one after another in a frame ``width`` wide (an upper
    bound: a frame drops the space before its first flowable)."""
    total = 0.0
    for flowable in flowables:
        _w, h = flowable.wrap(width, 10_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def build_pdf(
    copies: Sequence[Sequence[Flowable]],
    page: Page,
    *,
    title_text: str,
    page_label: str,
    always_number: bool = False,
) -> bytes:
    """The PDF of ``copies`` (each starts on a new page), identical bytes for identical input."""
    ensure_fonts()
    height = page.height
    if not height:  # the roll: as long as the longest copy
        content = max(content_height(flowables, page.frame_width) for flowables in copies)
        height = content + page.top + page.bottom + _THERMAL_SLACK
    story: list[Flowable] = []
    for index, flowables in enumerate(copies):
        if index:
            story.append(PageBreak())
        story.append(CopyStart(index))
        story.extend(flowables)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=(page.width, height),
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        invariant=1,
        title=title_text,
        author="Counter",
        creator="Counter",
        subject=title_text,
        lang="vi-VN",
    )
    frame = Frame(
        page.left,
        page.bottom,
        page.frame_width,
        height - page.top - page.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def canvas_maker(*args: Any, **kwargs: Any) -> NumberedCanvas:
        return NumberedCanvas(*args, page_label=page_label, always=always_number, **kwargs)

    document.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()
