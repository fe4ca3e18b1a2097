"""The period report as a landscape A4 PDF in the embedded font, same columns as the XLSX."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.domain.statistics import PeriodReport
from counter_app.printing.fonts import BOLD, REGULAR, ensure_fonts
from counter_app.reports import (
    COLUMNS,
    FIELD_HEADING,
    RATES,
    TITLE,
    field_rows,
    percent,
    period_text,
)


def pdf_bytes(report: PeriodReport) -> bytes:
    """The report table on landscape A4 pages, headings repeated on each page."""
    ensure_fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
        topMargin=12 * mm, bottomMargin=12 * mm, title=TITLE,
    )  # fmt: skip
    title = ParagraphStyle("title", fontName=BOLD, fontSize=13, alignment=1, leading=16)
    sub = ParagraphStyle("sub", fontName=REGULAR, fontSize=10, alignment=1, leading=13)
    cell = ParagraphStyle("cell", fontName=BOLD, fontSize=7, alignment=1, leading=8.5)
    story = [
        Paragraph(TITLE, title),
        Paragraph(period_text(report), sub),
        Spacer(1, 5 * mm),
        _table(report, cell, document.width),
    ]
    document.build(story)
    return buffer.getvalue()


def _table(report: PeriodReport, cell: ParagraphStyle, width: float) -> Table:
    groups = [FIELD_HEADING] + [group for group, _head, _name in COLUMNS] + list(RATES)
    heads = [""] + [head for _group, head, _name in COLUMNS] + ["", ""]
    data: list[list[object]] = [
        [Paragraph(text, cell) for text in groups],
        [Paragraph(text, cell) for text in heads],
    ]
    for label, figures in field_rows(report):
        values = [str(getattr(figures, name)) for _group, _head, name in COLUMNS]
        rates = [percent(figures.on_time_rate), percent(figures.online_ratio)]
        data.append([label, *values, *rates])
    first = 40 * mm
    rest = (width - first) / (len(COLUMNS) + len(RATES))
    table = Table(data, colWidths=[first] + [rest] * (len(COLUMNS) + len(RATES)), repeatRows=2)
    table.setStyle(TableStyle(_style(len(data))))
    return table


def _style(rows: int) -> list[tuple[object, ...]]:
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("FONT", (0, -1), (-1, -1), BOLD, 8),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 1), colors.whitesmoke),
    ]
    column = 1
    while column < len(COLUMNS) + 1:
        group = COLUMNS[column - 1][0]
        span = sum(1 for c in COLUMNS if c[0] == group)
        if span == 1:
            style.append(("SPAN", (column, 0), (column, 1)))
        else:
            style.append(("SPAN", (column, 0), (column + span - 1, 0)))
        column += span
    style.append(("SPAN", (0, 0), (0, 1)))
    for offset in range(len(RATES)):
        at = len(COLUMNS) + 1 + offset
        style.append(("SPAN", (at, 0), (at, 1)))
    return style
