"""A province's decision as a file (DOCX, or an XLSX annex) read into its tables and text.

DOCX (python-docx): the body in order, so that each table keeps the heading printed above it;
a cell merged across columns or down rows is repeated in every grid cell it covers (python-docx
gives the covering cell for each). XLSX (openpyxl): one table per sheet, a merged range's value
in each of its cells. Small tables (the two-column letterhead of a decision) and paragraphs
give the decision's number and dates. Every text is read in NFC, as Counter stores text: a file
typed in decomposed Unicode ("Unicode tổ hợp") reads as one typed precomposed.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.domain.catalogue_reading import refuse_file
from counter_app.domain.decision import DecisionInfo, read_header
from counter_app.domain.decision_tables import SourceTable, looks_like_list
from counter_app.domain.text import nfc
from counter_app.i18n import _

MAX_UNPACKED = 200 * 1024 * 1024
MAX_CELLS = 200_000
HEADER_ROWS = 3  # the first rows of each table (the letterhead is one) hold number and date


@dataclass(frozen=True)
class DecisionFile:
    """What a decision's file holds: the decision as far as it says, and its tables."""

    file: str
    decision: DecisionInfo
    tables: tuple[SourceTable, ...]


def read_decision_file(path: Path) -> DecisionFile:
    """The tables and the decision of a .docx or .xlsx file, or CatalogueProblem."""
    _check_package(path)
    if path.suffix.lower() == ".docx":
        return _read_docx(path)
    return _read_xlsx(path)


def is_decision_workbook(path: Path) -> bool:
    """True for an XLSX that is not Counter's own catalogue workbook (sheet ThuTuc)."""
    from counter_app.services.catalogue_xlsx import PROCEDURE_SHEET, sheet_names

    return PROCEDURE_SHEET.lower() not in {name.lower() for name in sheet_names(path)}


def _check_package(path: Path) -> None:
    """Refuse what is not a ZIP package (DOCX and XLSX are), or unpacks to a huge size."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        refuse_file(path.name, _("Tệp không phải là tệp Word .docx hay Excel .xlsx hợp lệ."))
    if unpacked > MAX_UNPACKED:
        refuse_file(path.name, _("Tệp giải nén ra quá 200 MB; không nhận."))


# -- DOCX -----------------------------------------------------------------------------------


def _read_docx(path: Path) -> DecisionFile:
    import docx  # loaded on first use, with the import

    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises many kinds for a damaged package
        refuse_file(path.name, _("Không mở được tệp Word: tệp bị hỏng hoặc không phải .docx."))
    texts: list[str] = []
    tables: list[SourceTable] = []
    heading = ""
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            rows = _docx_rows(block)
            texts.extend(text for row in rows[:HEADER_ROWS] for text in _distinct(row))
            if len(rows) > HEADER_ROWS or looks_like_list(rows):  # not the letterhead
                tables.append(SourceTable(len(tables) + 1, heading, rows))
            heading = ""
        elif block.text.strip():
            heading = nfc(block.text)
            texts.append(heading)
    _check_cells(path.name, tables)
    return DecisionFile(path.name, read_header(texts), tuple(tables))


def _docx_rows(table: Any) -> tuple[tuple[str, ...], ...]:
    """Cell texts by row; python-docx repeats a merged cell in each grid cell it covers."""
    return tuple(tuple(_docx_text(cell) for cell in row.cells) for row in table.rows)


def _docx_text(cell: Any) -> str:
    """A cell's paragraphs, one a line (NFC: a file typed in decomposed Unicode reads the same)."""
    return nfc("\n".join(p.text for p in cell.paragraphs if p.text.strip()))


# -- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(path: Path) -> DecisionFile:
    from openpyxl import load_workbook  # loaded on first use

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged package
        refuse_file(path.name, _("Không mở được bảng tính: tệp bị hỏng hoặc không phải .xlsx."))
    tables = tuple(
        SourceTable(number, "", _sheet_rows(sheet), sheet.title)
        for number, sheet in enumerate(workbook.worksheets, start=1)
    )
    texts = [text for table in tables for row in table.rows[:12] for text in _distinct(row)]
    _check_cells(path.name, tables)
    return DecisionFile(path.name, read_header(texts), tables)


def _sheet_rows(sheet: Any) -> tuple[tuple[str, ...], ...]:
    """Cell texts from row 1, a merged range's value in each of its cells."""
    grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r, c in _cells_of(merged):
            grid[r][c] = value
    return tuple(tuple(row) for row in grid)


def _cells_of(merged: Any) -> Iterator[tuple[int, int]]:
    for r in range(merged.min_row - 1, merged.max_row):
        for c in range(merged.min_col - 1, merged.max_col):
            yield r, c


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


def _distinct(row: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for text in row:
        if text.strip() and text not in seen:
            seen.append(text)
    return seen


def _check_cells(file: str, tables: tuple[SourceTable, ...] | list[SourceTable]) -> None:
    cells = sum(len(row) for table in tables for row in table.rows)
    if cells > MAX_CELLS:
        refuse_file(file, _("Tệp có quá 200.000 ô bảng; không nhận."))
