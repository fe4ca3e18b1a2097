"""Sổ theo dõi hồ sơ (2018: Mẫu 06; 2025: Mẫu 07): landscape A4, header rows repeated on every
page, "Trang x/y", totals at the end."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from counter_app.printing import layout
from counter_app.printing.fonts import text_width
from counter_app.printing.forms.common import (
    Form,
    build,
    open_form,
    short_date,
    standard_header,
)
from counter_app.printing.layout import Styles
from counter_app.printing.model import FormKind, Paper, RegisterRow, RegisterSheet

# STT, mã (measured), TTHC, số bộ, tên, địa chỉ/SĐT, cơ quan, 5 ngày, phương thức, ký nhận, ghi chú
_WEIGHTS = (7, 0, 30, 9, 27, 34, 24, 15, 15, 15, 15, 15, 16, 14, 13)
_CODE = 1
_CELL_SIZE, _CELL_LEADING = 8.0, 9.6
_PADDING = 2.0
_DATES = slice(7, 12)
_CENTRED = {0, 3, 7, 8, 9, 10, 11}


def _widths(form: Form, codes: list[str], style: ParagraphStyle) -> list[float]:
    """Column widths: the code column fits the longest code on one line, the rest share."""
    longest = max((text_width(code, style.fontName, style.fontSize) for code in codes), default=0.0)
    code_width = min(max(longest + 2 * _PADDING + 2, 24 * mm), 45 * mm)
    rest = form.page.frame_width - code_width
    total = sum(_WEIGHTS)
    return [code_width if i == _CODE else rest * w / total for i, w in enumerate(_WEIGHTS)]


def _row(form: Form, styles: Styles, row: RegisterRow) -> list[object]:
    common = form.common
    values = [
        "" if row.number is None else str(row.number),
        row.code,
        row.procedure_name,
        str(row.set_count),
        row.applicant_name,
        row.address_phone,
        row.handling_unit,
        short_date(common, row.received_at),
        short_date(common, row.due_at),
        short_date(common, row.transferred_at),
        short_date(common, row.result_received_at),
        short_date(common, row.returned_at),
        row.return_method,
        "",
        row.note,
    ]
    return [
        layout.para(layout.text(value), styles.cell_center if i in _CENTRED else styles.cell)
        for i, value in enumerate(values)
    ]


def _head(form: Form, styles: Styles) -> tuple[list[list[object]], list[tuple[object, ...]]]:
    """Two header rows: the five dates sit under one "Ngày, tháng, năm" cell."""
    columns = form.form.columns
    style = styles.cell_head
    top: list[object] = []
    bottom: list[object] = []
    spans: list[tuple[object, ...]] = []
    for index, label in enumerate(columns):
        if _DATES.start <= index < _DATES.stop:
            top.append(
                layout.para(layout.text(form.form["date_group"]), style)
                if index == _DATES.start
                else ""
            )
            bottom.append(layout.para(layout.text(label), style))
        else:
            top.append(layout.para(layout.text(label), style))
            bottom.append("")
            spans.append(("SPAN", (index, 0), (index, 1)))
    spans.append(("SPAN", (_DATES.start, 0), (_DATES.stop - 1, 0)))
    return [top, bottom], spans


def register_story(form: Form, sheet: RegisterSheet) -> list[Flowable]:
    """The book for the period."""
    common = form.common
    story: list[Flowable] = standard_header(form, sheet.header)
    period = form.form["period"].format(
        start=short_date(common, sheet.period_from), end=short_date(common, sheet.period_to)
    )
    story.extend(layout.title(form.form.title, form.page, period))
    styles = layout.styles_for(_CELL_SIZE, _CELL_LEADING)
    head, spans = _head(form, styles)
    rows = head + [_row(form, styles, row) for row in sheet.rows]
    widths = _widths(form, [row.code for row in sheet.rows], styles.cell)
    story.append(layout.grid(rows, widths, header_rows=2, extra=spans, padding=_PADDING))
    returned = sum(1 for row in sheet.rows if row.returned_at is not None)
    totals = {
        "total": str(len(sheet.rows)),
        "returned": str(returned),
        "pending": str(len(sheet.rows) - returned),
    }
    story.append(form.field("totals", totals))
    return story


def render_register(sheet: RegisterSheet, *, paper: Paper, copies: int) -> bytes:
    """The register on landscape A4 (the only paper it is kept on)."""
    form = open_form(sheet.form_set, FormKind.REGISTER, Paper.A4, wide=True)
    return build(form, [register_story(form, sheet) for _ in range(copies)], period_name(sheet))


def period_name(sheet: RegisterSheet) -> str:
    """The period as "01/10/2025-14/11/2025", for the document title."""
    return f"{sheet.period_from:%d/%m/%Y}-{sheet.period_to:%d/%m/%Y}"
