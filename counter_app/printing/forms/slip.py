"""Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A4, A5, 80 mm roll)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table  # type: ignore[import-untyped]

from counter_app.printing import layout
from counter_app.printing.fonts import text_width
from counter_app.printing.forms.common import (
    Form,
    build,
    code_block,
    datetime_words,
    dossier_values,
    given,
    open_form,
    place_date,
    qr_box,
    signature_table,
    standard_header,
)
from counter_app.printing.forms.document import content_height
from counter_app.printing.model import DossierSheet, FormKind, Paper, PrintedDocument

# type sizes and leadings tried in turn, against A4's usual 12 and 15, before a slip flows on
DENSE_A4 = ((11.0, 13.5), (10.5, 13.0))


def document_table(form: Form, documents: Sequence[PrintedDocument]) -> Table:
    """STT | Tên giấy tờ | Loại | Số lượng, one row per document, header repeated."""
    page, styles = form.page, form.styles
    width, padding = page.frame_width, 1.5 if page.compact else 3
    kind_width = max(
        (text_width(d.form_label, styles.cell.fontName, styles.cell.fontSize) for d in documents),
        default=0.0,
    )
    if page.compact:
        fixed = [7 * mm, 19 * mm, 10 * mm]
    else:
        kind = min(max(kind_width + 2 * padding + 4, width * 0.15), width * 0.28)
        fixed = [width * 0.065, kind, width * 0.1]
    widths = [fixed[0], width - sum(fixed), fixed[1], fixed[2]]
    rows: list[list[Flowable]] = [layout.cells(form.form.columns, styles.cell_head)]
    for index, document in enumerate(documents, start=1):
        rows.append(
            [
                layout.para(str(index), styles.cell_center),
                layout.para(layout.text(document.name), styles.cell),
                layout.para(layout.text(document.form_label), styles.cell_center),
                layout.para(str(document.count), styles.cell_center),
            ]
        )
    return layout.grid(rows, widths, padding=padding)


def slip_story(form: Form, sheet: DossierSheet, copy_label: str) -> list[Flowable]:
    """One copy (liên) of the slip."""
    common = form.common
    values = dossier_values(common, sheet)
    values.update(
        count=str(sheet.set_count),
        time_limit=sheet.time_limit_text,
        received=datetime_words(common, sheet.received_at or sheet.created_at),
        due=datetime_words(common, sheet.due_at),
        return_place=sheet.return_place,
        fee=sheet.fee_text,
        book=sheet.register_book,
        number=given(common, None if sheet.register_number is None else str(sheet.register_number)),
    )
    received = sheet.received_at or sheet.created_at
    story: list[Flowable] = standard_header(
        form, sheet.header, dated=place_date(common, sheet.header, received)
    )
    story.extend(layout.title(form.form.title, form.page, copy_label))
    beside = form.page.paper is not Paper.A5  # A5 is too narrow for both at full size
    story.extend(code_block(form, sheet.code, sheet.lookup_url if beside else None, values))
    story.append(Spacer(1, form.page.size * 0.3))
    story.append(form.field("unit", values))
    story.append(form.field("applicant", values))
    if sheet.id_number:
        story.append(form.field("id_number", values))
    story.append(form.field("address", values))
    story.append(form.field("contact", values))
    story.append(form.field("request", values))
    story.append(form.field("documents", values))
    story.append(document_table(form, sheet.documents))
    for key in ("set_count", "time_limit", "received", "due", "return_place"):
        story.append(form.field(key, values))
    if sheet.fee_text:
        story.append(form.field("fee", values))
    story.append(form.field("book", values))
    middle = qr_box(form, sheet.lookup_url) if sheet.lookup_url and not beside else []
    names = {"applicant": sheet.applicant_name, "clerk": sheet.clerk_name}
    story.append(signature_table(form, names, middle=middle))
    notes = [*form.form.notes, form.form["bring"], sheet.privacy_notice]
    story.extend(layout.notes(notes, form.page))
    return story


def render_slip(sheet: DossierSheet, *, paper: Paper, copies: int) -> bytes:
    """The slip; with two or more copies each liên is labelled and starts a new page."""
    form = slip_form(sheet, paper, copies)
    labels = form.form.copies
    stories = []
    for index in range(copies):
        label = labels[index] if copies > 1 and index < len(labels) else ""
        stories.append(slip_story(form, sheet, label))
    return build(form, stories, sheet.code)


def slip_form(sheet: DossierSheet, paper: Paper, copies: int) -> Form:
    """The slip's layout: on A4, a slip a few lines too long for one sheet (eight documents,
    a long fee note, the notice of processing, a liên's label) is set a point or a point and a
    half smaller so that it takes one sheet, not two; a longer one keeps the usual type and
    flows onto more pages."""
    form = open_form(sheet.form_set, FormKind.SLIP, paper)
    if paper is not Paper.A4 or _fits_one_page(form, sheet, copies):
        return form
    for size, leading in DENSE_A4:
        page = replace(form.page, size=size, leading=leading)
        dense = replace(form, page=page, styles=layout.styles_for(size, leading))
        if _fits_one_page(dense, sheet, copies):
            return dense
    return form


def _fits_one_page(form: Form, sheet: DossierSheet, copies: int) -> bool:
    label = form.form.copies[0] if copies > 1 and form.form.copies else ""
    story = slip_story(form, sheet, label)
    page = form.page
    return content_height(story, page.frame_width) <= page.height - page.top - page.bottom
