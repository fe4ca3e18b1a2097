"""The period report as an XLSX workbook: merged Vietnamese headings, SUM and rate formulas."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from counter_app.domain.pause_audit import PauseAudit
from counter_app.domain.statistics import PeriodReport
from counter_app.reports import COLUMNS, FIELD_HEADING, RATES, TITLE, field_rows, period_text
from counter_app.reports.pauses import add_sheet

HEAD_TOP, HEAD_BOTTOM = 4, 5  # the two heading rows
FIRST_DATA = HEAD_BOTTOM + 1
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def column_of(counter: str) -> str:
    """The letter of the column holding ``counter`` (column A holds the field)."""
    index = [name for _group, _head, name in COLUMNS].index(counter)
    return str(get_column_letter(index + 2))


def xlsx_bytes(report: PeriodReport, pauses: PauseAudit | None = None) -> bytes:
    """The workbook, one row per field and a total row of formulas; with ``pauses``, a second
    sheet holds the pause audit of the period."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    _headings(sheet, report)
    rows = field_rows(report)
    last_field = FIRST_DATA + len(rows) - 2
    for offset, (label, figures) in enumerate(rows):
        row = FIRST_DATA + offset
        total = label == rows[-1][0] and offset == len(rows) - 1
        sheet.cell(row, 1, label).font = Font(bold=total)
        for index, (_group, _head, name) in enumerate(COLUMNS, start=2):
            letter = get_column_letter(index)
            if total:
                value: object = (
                    f"=SUM({letter}{FIRST_DATA}:{letter}{last_field})"
                    if last_field >= FIRST_DATA
                    else 0
                )
            else:
                value = getattr(figures, name)
            sheet.cell(row, index, value).font = Font(bold=total)
        _rates(sheet, row)
        for column in range(1, len(COLUMNS) + len(RATES) + 2):
            sheet.cell(row, column).border = _BOX
    _printable(sheet, FIRST_DATA + len(rows) - 1)
    if pauses is not None:
        add_sheet(book, pauses)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rates(sheet: Worksheet, row: int) -> None:
    early, on_time, resolved = column_of("early"), column_of("on_time"), column_of("resolved")
    online, new_cells = column_of("new_online"), _new_cells(row)
    base = len(COLUMNS) + 2
    sheet.cell(
        row,
        base,
        f'=IF({resolved}{row}=0,"",ROUND(({early}{row}+{on_time}{row})/{resolved}{row}*100,1))',
    )
    sheet.cell(row, base + 1, f'=IF(({new_cells})=0,"",ROUND({online}{row}/({new_cells})*100,1))')


def _new_cells(row: int) -> str:
    return "+".join(f"{column_of(name)}{row}" for name in ("new_online", "new_direct", "new_post"))


def _headings(sheet: Worksheet, report: PeriodReport) -> None:
    width = len(COLUMNS) + len(RATES) + 1
    sheet.cell(1, 1, TITLE).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(2, 1, period_text(report)).font = Font(italic=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for row in (1, 2):
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    _merged(sheet, 1, 1, FIELD_HEADING)
    index = 2
    while index < len(COLUMNS) + 2:
        group = COLUMNS[index - 2][0]
        span = [c for c in COLUMNS if c[0] == group]
        if len(span) == 1:
            _merged(sheet, index, index, group)
        else:
            sheet.merge_cells(
                start_row=HEAD_TOP, start_column=index, end_row=HEAD_TOP,
                end_column=index + len(span) - 1,
            )  # fmt: skip
            sheet.cell(HEAD_TOP, index, group)
            for offset, (_group, head, _name) in enumerate(span):
                sheet.cell(HEAD_BOTTOM, index + offset, head)
        index += len(span)
    for offset, text in enumerate(RATES):
        _merged(sheet, index + offset, index + offset, text)
    for row in (HEAD_TOP, HEAD_BOTTOM):
        for column in range(1, width + 1):
            cell = sheet.cell(row, column)
            cell.font, cell.alignment, cell.border = Font(bold=True), _CENTER, _BOX
    sheet.column_dimensions["A"].width = 28
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11


def _merged(sheet: Worksheet, first: int, last: int, text: str) -> None:
    sheet.cell(HEAD_TOP, first, text)
    sheet.merge_cells(start_row=HEAD_TOP, start_column=first, end_row=HEAD_BOTTOM, end_column=last)


def _printable(sheet: Worksheet, last_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEAD_TOP}:{HEAD_BOTTOM}"
    width = get_column_letter(len(COLUMNS) + len(RATES) + 1)
    sheet.print_area = f"A1:{width}{last_row}"
    sheet.freeze_panes = f"B{FIRST_DATA}"
