"""Biên nhận trả kết quả: who took the result, when, how, the fee paid and the rating."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]

from counter_app.printing import layout
from counter_app.printing.forms.common import (
    Form,
    build,
    code_block,
    datetime_words,
    dossier_values,
    money,
    open_form,
    place_date,
    signature_table,
    standard_header,
)
from counter_app.printing.model import FormKind, Paper, ReceiptSheet


def receipt_story(form: Form, sheet: ReceiptSheet) -> list[Flowable]:
    """One copy of the receipt."""
    dossier = sheet.dossier
    common = form.common
    values = dossier_values(common, dossier)
    values.update(
        receiver=sheet.receiver_name,
        id_number=sheet.receiver_id_number or "",
        returned=datetime_words(common, sheet.returned_at),
        method=sheet.method,
        fee=money(common, sheet.fee_paid),
        rating=sheet.rating_label or form.form["no_rating"],
    )
    dated = place_date(common, dossier.header, sheet.returned_at)
    story: list[Flowable] = standard_header(form, dossier.header, dated=dated)
    story.extend(layout.title(form.form.title, form.page))
    story.extend(code_block(form, dossier.code, None, values))
    story.append(Spacer(1, form.page.size * 0.3))
    story.append(form.field("procedure", values))
    story.append(form.field("applicant", values))
    story.append(form.field("receiver", values))
    if sheet.receiver_id_number:
        story.append(form.field("receiver_id", values))
    for key in ("returned", "method", "fee", "rating"):
        story.append(form.field(key, values))
    names = {"receiver": sheet.receiver_name, "clerk": dossier.clerk_name}
    story.append(signature_table(form, names))
    return story


def render_receipt(sheet: ReceiptSheet, *, paper: Paper, copies: int) -> bytes:
    """The receipt on A4, A5 or the 80 mm roll."""
    form = open_form(sheet.dossier.form_set, FormKind.RECEIPT, paper)
    return build(form, [receipt_story(form, sheet) for _ in range(copies)], sheet.dossier.code)
