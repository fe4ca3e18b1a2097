"""Shared building blocks of the printed forms: page geometry, styles, agency header and
national motto, titles, labelled fields, tables, signature blocks and notes.

Every block is a reportlab flowable, so text wraps and long content flows onto the next page;
nothing is placed at a fixed position (the PDF itself is put together in ``forms.document``).
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, A5, landscape  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.printing.fonts import BOLD, ITALIC, REGULAR, ensure_fonts, text_width
from counter_app.printing.model import AgencyHeader, Paper

THERMAL_WIDTH = 80 * mm


@dataclass(frozen=True)
class Page:
    """Geometry and base type size of one paper layout."""

    paper: Paper
    width: float
    height: float  # 0: the page grows to fit its content (80 mm roll)
    left: float
    right: float
    top: float
    bottom: float
    size: float
    leading: float

    @property
    def frame_width(self) -> float:
        """Width available to the content."""
        return self.width - self.left - self.right

    @property
    def compact(self) -> bool:
        """True on the receipt roll: one column, stacked header blocks."""
        return self.paper is Paper.THERMAL_80MM


def page_for(paper: Paper, *, wide: bool = False) -> Page:
    """The layout of ``paper`` (``wide``: A4 landscape for the register)."""
    if paper is Paper.THERMAL_80MM:
        return Page(paper, THERMAL_WIDTH, 0, 4 * mm, 4 * mm, 4 * mm, 4 * mm, 8.5, 10.5)
    if paper is Paper.A5:
        width, height = A5
        return Page(paper, width, height, 11 * mm, 9 * mm, 7 * mm, 9 * mm, 9, 11)
    if wide:
        width, height = landscape(A4)
        return Page(paper, width, height, 10 * mm, 10 * mm, 12 * mm, 14 * mm, 10, 12.5)
    width, height = A4
    return Page(paper, width, height, 20 * mm, 15 * mm, 12 * mm, 14 * mm, 12, 15)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one type size."""

    body: ParagraphStyle
    center: ParagraphStyle
    italic_center: ParagraphStyle
    bold_center: ParagraphStyle
    title: ParagraphStyle
    head: ParagraphStyle
    head_bold: ParagraphStyle
    small: ParagraphStyle
    small_bold: ParagraphStyle
    small_italic: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    note: ParagraphStyle
    note_center: ParagraphStyle
    right: ParagraphStyle
    sign_title: ParagraphStyle


@lru_cache(maxsize=8)
def styles_for(size: float, leading: float) -> Styles:
    """Styles derived from the base ``size`` and ``leading``."""
    ensure_fonts()

    def style(name: str, **kw: Any) -> ParagraphStyle:
        values: dict[str, Any] = {"fontName": REGULAR, "fontSize": size, "leading": leading}
        values.update(kw)
        return ParagraphStyle(f"counter-{name}-{size}", **values)

    small, cell = size * 0.85, size * 0.9
    return Styles(
        body=style(
            "body",
            alignment=TA_JUSTIFY if size > 8.5 else TA_LEFT,
            spaceAfter=size * (0.25 if size > 10 else 0.1),
        ),
        center=style("center", alignment=TA_CENTER),
        italic_center=style("italic-center", alignment=TA_CENTER, fontName=ITALIC),
        bold_center=style("bold-center", alignment=TA_CENTER, fontName=BOLD),
        title=style(
            "title",
            alignment=TA_CENTER,
            fontName=BOLD,
            fontSize=size * (1.15 if size > 8.5 else 1.05),
            leading=leading * (1.15 if size > 8.5 else 1.05),
            spaceBefore=size * 0.7,
            spaceAfter=size * 0.1,
        ),
        head=style("head", alignment=TA_CENTER, fontSize=size * 0.92, leading=size * 1.15),
        head_bold=style(
            "head-bold",
            alignment=TA_CENTER,
            fontName=BOLD,
            fontSize=size * 0.92,
            leading=size * 1.15,
        ),
        small=style("small", fontSize=small, leading=leading * 0.85, alignment=TA_JUSTIFY),
        small_bold=style("small-bold", fontSize=small, leading=leading * 0.85, fontName=BOLD),
        small_italic=style(
            "small-italic",
            fontSize=small,
            leading=leading * 0.85,
            fontName=ITALIC,
            alignment=TA_JUSTIFY,
        ),
        cell=style("cell", fontSize=cell, leading=leading * 0.9, alignment=TA_LEFT),
        cell_center=style("cell-center", fontSize=cell, leading=leading * 0.9, alignment=TA_CENTER),
        cell_head=style(
            "cell-head", fontSize=cell, leading=leading * 0.9, alignment=TA_CENTER, fontName=BOLD
        ),
        note=style("note", fontSize=small, leading=leading * 0.85, fontName=ITALIC),
        note_center=style(
            "note-center",
            fontSize=small,
            leading=leading * 0.85,
            fontName=ITALIC,
            alignment=TA_CENTER,
        ),
        sign_title=style(
            "sign-title",
            alignment=TA_CENTER,
            fontName=BOLD,
            fontSize=size if size > 8.5 else size * 0.92,
        ),
        right=style(
            "right", alignment=TA_RIGHT, fontName=BOLD, fontSize=small, leading=leading * 0.85
        ),
    )


# -- text ---------------------------------------------------------------------------------------


def text(value: str) -> str:
    """``value`` as paragraph markup: NFC, escaped, line breaks kept."""
    return escape(unicodedata.normalize("NFC", value)).replace("\n", "<br/>")


def fill(template: str, values: Mapping[str, str], *, bold: bool = True) -> str:
    """Paragraph markup of ``template`` with its ``{placeholders}`` filled (bold by default)."""
    parts: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(text(literal))
        if name is not None:
            value = text(values.get(name, ""))
            parts.append(f"<b>{value}</b>" if bold and value else value)
    return "".join(parts)


def para(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of ready markup."""
    return Paragraph(markup, style)


# -- blocks -------------------------------------------------------------------------------------


class Rule(Flowable):  # type: ignore[misc]
    """A short centred rule under a header block."""

    def __init__(self, width: float, size: float) -> None:
        super().__init__()
        self.width = width
        self.height = size * 0.95
        self.drop = size * 0.6
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Its own width, never wider than the room."""
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        """The line, a little under the text above."""
        self.canv.setLineWidth(0.6)
        self.canv.line(0, self.height - self.drop, self.width, self.height - self.drop)


class MarginNote(Flowable):  # type: ignore[misc]
    """Takes no room: a short right-aligned line drawn just above the frame (the form number)."""

    def __init__(self, markup_text: str, font: str, size: float) -> None:
        super().__init__()
        self.label = markup_text
        self.font = font
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Zero height; remembers the width to right-align against."""
        self.width = avail_width
        return avail_width, 0

    def draw(self) -> None:
        """The text in the top margin, flush right."""
        self.canv.setFont(self.font, self.size)
        self.canv.drawRightString(self.width, 2, self.label)


def rule(width: float, size: float) -> Rule:
    """A short centred rule under a header line set in ``size`` points."""
    return Rule(width, size)


def header(
    common: Mapping[str, str],
    agency: AgencyHeader,
    page: Page,
    *,
    number: str = "",
    dated: str = "",
    with_unit: bool = True,
    form_line: str = "",
) -> list[Flowable]:
    """Agency block (left) and national motto (right), then number and date."""
    styles = styles_for(page.size, page.leading)
    left: list[Flowable] = []
    if agency.parent_name:
        left.append(para(text(agency.parent_name), styles.head))
    names = [agency.agency_name]
    if with_unit and agency.unit_name.upper() not in agency.agency_name.upper():
        names.append(agency.unit_name)  # an agency named as the centre prints it once
    left.extend(para(text(name), styles.head_bold) for name in names if name)
    left.append(rule(page.frame_width * (0.16 if not page.compact else 0.3), styles.head.fontSize))
    country = common["country"]
    motto = common["motto"]
    motto_width = text_width(motto, BOLD, styles.head_bold.fontSize)
    right: list[Flowable] = [
        para(text(country), styles.head_bold),
        para(text(motto), styles.head_bold),
        rule(motto_width, styles.head.fontSize),
    ]
    number_para = para(text(number), styles.center) if number else Spacer(1, 1)
    date_para = para(text(dated), styles.italic_center) if dated else Spacer(1, 1)
    flowables: list[Flowable] = []
    if form_line and page.compact:
        flowables.append(para(text(form_line), styles.right))
    elif form_line:
        flowables.append(MarginNote(form_line, BOLD, styles.right.fontSize))
    if page.compact:
        flowables.extend(left)
        if number:
            flowables.append(number_para)
        flowables.append(Spacer(1, 2))
        flowables.extend(right)
        if dated:
            flowables.append(date_para)
        return flowables
    right_width = min(
        page.frame_width * 0.6,
        max(text_width(country, BOLD, styles.head_bold.fontSize), motto_width) + 3 * mm,
    )
    left_width = page.frame_width - right_width
    rows: list[list[Any]] = [[left, right], [number_para, date_para]]
    widths = [left_width, right_width]
    if left_width > 120 * mm:  # landscape: both blocks keep their width, a gap between them
        left_width = max(right_width, 100 * mm)
        widths = [left_width, page.frame_width - left_width - right_width, right_width]
        rows = [[left, "", right], [number_para, "", date_para]]
    if not number and not dated:
        rows = rows[:1]
    table = Table(
        rows,
        colWidths=widths,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
    )
    flowables.append(table)
    return flowables


def title(label: str, page: Page, *extra: str) -> list[Flowable]:
    """The form title, centred and bold, with optional lines beneath (liên, period …)."""
    styles = styles_for(page.size, page.leading)
    flowables: list[Flowable] = [para(text(label), styles.title)]
    flowables.extend(para(text(line), styles.italic_center) for line in extra if line)
    flowables.append(Spacer(1, page.size * 0.6))
    return flowables


def field(template: str, values: Mapping[str, str], page: Page, *, bold: bool = True) -> Paragraph:
    """One labelled line (wraps as needed); the values are bold."""
    return para(fill(template, values, bold=bold), styles_for(page.size, page.leading).body)


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
    padding: float = 3,
) -> Table:
    """A ruled table whose header rows repeat on every page."""
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        *extra,
    ]
    return Table(
        [list(row) for row in rows],
        colWidths=list(widths),
        repeatRows=header_rows,
        style=TableStyle(commands),
        spaceBefore=2,
        spaceAfter=4,
    )


def cells(values: Sequence[str], style: ParagraphStyle) -> list[Paragraph]:
    """Paragraphs of plain values for a table row."""
    return [para(text(value), style) for value in values]


@dataclass(frozen=True)
class Signer:
    """A filled signature block."""

    title: str
    hint: str
    name: str


def signatures(
    signers: Sequence[Signer],
    page: Page,
    *,
    left: Sequence[Flowable] = (),
    middle: Sequence[Flowable] = (),
) -> Table:
    """Signature blocks side by side (a single block sits on the right, ``left`` beside it;
    ``middle`` goes between two blocks); titles, the signing space and the names each form
    one row so the names line up."""
    styles = styles_for(page.size, page.leading)
    space = page.size * (1.9 if page.compact else 3.2 if page.size > 10 else 2.6)
    heads: list[Any] = []
    names: list[Any] = []
    for signer in signers:
        head = [para(text(signer.title), styles.sign_title)]
        if signer.hint:
            head.append(para(text(signer.hint), styles.italic_center))
        heads.append(head)
        names.append(para(text(signer.name), styles.sign_title) if signer.name else "")
    rows: list[list[Any]] = [heads, [""] * len(heads), names]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    widths = [page.frame_width / len(signers)] * len(signers)
    if len(signers) == 1 and page.compact and not left:
        pass  # the roll: one block across the width
    elif len(signers) == 1:
        for row in rows:
            row.insert(0, "")
        rows[0][0] = list(left)
        commands.append(("SPAN", (0, 0), (0, 2)))
        widths = [page.frame_width / 2] * 2
    elif middle and len(signers) == 2:
        for row in rows:
            row.insert(1, "")
        rows[0][1] = list(middle)
        commands.extend([("SPAN", (1, 0), (1, 2)), ("VALIGN", (1, 0), (1, 0), "MIDDLE")])
        side = page.frame_width * 0.38
        widths = [side, page.frame_width - 2 * side, side]
    return Table(
        rows,
        colWidths=widths,
        rowHeights=[None, space, None],
        style=TableStyle(commands),
        spaceBefore=page.size * 0.8,
        spaceAfter=page.size * 0.5,
    )


def recipients(title_text: str, lines: Sequence[str], page: Page) -> list[Flowable]:
    """The "Nơi nhận" list printed left of the signer."""
    styles = styles_for(page.size, page.leading)
    out: list[Flowable] = [para(f"<b><i>{text(title_text)}</i></b>", styles.small)]
    out.extend(para(text(line), styles.small) for line in lines)
    return out


def notes(lines: Sequence[str], page: Page) -> list[Flowable]:
    """Footnotes in small italics."""
    styles = styles_for(page.size, page.leading)
    return [para(text(line), styles.note) for line in lines if line]
