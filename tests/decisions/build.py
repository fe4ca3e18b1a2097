"""Decisions written the way provinces publish them, as .docx and .xlsx files made per test.

Each builder lays out a decision in the shape of a real one (the test that uses it names the
decision whose shape it follows); the decision numbers and the rows' wording are made up for
the tests. Nothing binary is committed: the files are built in the test's folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from openpyxl import Workbook

Row = Sequence[str]


def letterhead(document: object, number: str, place_and_day: str) -> None:
    """The two-column letterhead: issuer and number left, motto and place, date right."""
    table = document.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH MẪU"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = f"Số: {number}"
    table.cell(1, 1).text = place_and_day


def add_table(
    document: object, rows: Sequence[Row], merges: Sequence[tuple[int, int, int, int]] = ()
) -> None:
    """A table of ``rows``; each merge (r1, c1, r2, c2) joins a block of cells into one."""
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r1, c1, r2, c2 in merges:
        keep = table.cell(r1, c1).text
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        merged.text = keep


def decision_docx(
    path: Path,
    *,
    number: str,
    place_and_day: str,
    effect: str,
    parts: Sequence[tuple[str, Sequence[Row], Sequence[tuple[int, int, int, int]]]],
) -> Path:
    """A whole decision: letterhead, title, articles (one says when it takes effect), annex."""
    document = docx.Document()
    letterhead(document, number, place_and_day)
    document.add_paragraph("QUYẾT ĐỊNH")
    document.add_paragraph(
        "Về việc công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết "
        "của Ủy ban nhân dân cấp xã trên địa bàn tỉnh"
    )
    document.add_paragraph("Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính.")
    document.add_paragraph(f"Điều 2. {effect}")
    for heading, rows, merges in parts:
        document.add_paragraph(heading)
        add_table(document, rows, merges)
    document.save(str(path))
    return path


def annex_docx(path: Path, lines: Sequence[str], rows: Sequence[Row]) -> Path:
    """An annex printed alone: its title lines (naming the decision), then the table."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    add_table(document, rows)
    document.save(str(path))
    return path


def text_docx(path: Path, lines: Sequence[str]) -> Path:
    """A document with paragraphs only (no table)."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def annex_xlsx(
    path: Path, rows: Sequence[Sequence[object]], merges: Sequence[str] = (), title: str = "Phụ lục"
) -> Path:
    """One sheet holding the annex from its first row; ``merges`` like "A4:A5"."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for span in merges:
        sheet.merge_cells(span)
    workbook.save(path)
    return path
