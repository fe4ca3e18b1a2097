"""Phiếu kiểm soát quá trình giải quyết hồ sơ (2018: Mẫu 05; 2025: Mẫu 06)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from counter_app.printing import layout
from counter_app.printing.forms.common import (
    Form,
    build,
    code_block,
    datetime_words,
    dossier_values,
    given,
    open_form,
    standard_header,
)
from counter_app.printing.model import ControlSheet, FormKind, Handover, Paper

MIN_BLOCKS = 3  # blank hand-over blocks are added up to this many, for the pen
_FRACTIONS = (0.27, 0.35, 0.22, 0.16)


def _signing(form: Form) -> Table:
    """Người giao | Người nhận, with room to sign beneath."""
    styles = form.styles
    width = form.page.frame_width * _FRACTIONS[1] - 6
    return Table(
        [
            layout.cells([form.form["giver_sign"], form.form["receiver_sign"]], styles.cell_head),
            ["", ""],
        ],
        colWidths=[width / 2, width / 2],
        rowHeights=[None, form.page.size * 2.6],
        style=TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def _block(form: Form, handover: Handover | None) -> list[object]:
    """One row of the table: who gave to whom, when (with signatures), result, note."""
    styles, common = form.styles, form.common
    giver = handover.giver if handover else ""
    receiver = handover.receiver if handover else ""
    names = {"giver": given(common, giver), "receiver": given(common, receiver)}
    parties = [
        layout.para(layout.fill(form.form["give"], names, bold=False), styles.cell),
        layout.para(layout.fill(form.form["take"], names, bold=False), styles.cell),
    ]
    when = datetime_words(common, handover.at if handover else None)
    moment = [layout.para(layout.text(when), styles.cell_center), _signing(form)]
    result = layout.para(layout.text(handover.result if handover else ""), styles.cell_center)
    note = layout.para(layout.text(handover.note if handover else ""), styles.cell)
    return [parties, moment, result, note]


def control_story(form: Form, sheet: ControlSheet) -> list[Flowable]:
    """One copy of the control sheet."""
    dossier = sheet.dossier
    common = form.common
    values = dossier_values(common, dossier)
    values.update(
        received=datetime_words(common, dossier.received_at or dossier.created_at),
        due=datetime_words(common, dossier.due_at),
        handling_unit=given(common, sheet.handling_unit),
        cooperating_units=given(common, sheet.cooperating_units),
    )
    story: list[Flowable] = standard_header(form, dossier.header)
    story.extend(layout.title(form.form.title, form.page))
    story.extend(code_block(form, dossier.code, None, values))
    story.append(Spacer(1, form.page.size * 0.3))
    for key in ("applicant", "received", "due", "handling", "cooperating"):
        story.append(form.field(key, values))
    rows: list[list[object]] = [layout.cells(form.form.columns, form.styles.cell_head)]
    handovers: list[Handover | None] = list(sheet.handovers)
    handovers.extend([None] * max(0, MIN_BLOCKS - len(handovers)))
    rows.extend(_block(form, handover) for handover in handovers)
    widths = [form.page.frame_width * fraction for fraction in _FRACTIONS]
    story.append(layout.grid(rows, widths))
    return story


def render_control(sheet: ControlSheet, *, paper: Paper, copies: int) -> bytes:
    """The control sheet; A4 or A5 (the table needs the width)."""
    form = open_form(sheet.dossier.form_set, FormKind.CONTROL, paper)
    return build(form, [control_story(form, sheet) for _ in range(copies)], sheet.dossier.code)
