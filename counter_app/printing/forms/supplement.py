"""Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (with the code's barcode)."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from counter_app.printing import layout
from counter_app.printing.forms.common import (
    Form,
    build,
    code_block,
    dossier_values,
    open_form,
    place_date,
    signature_table,
    standard_header,
)
from counter_app.printing.forms.slip import document_table
from counter_app.printing.model import FormKind, Paper, SupplementSheet


def render_supplement(sheet: SupplementSheet, *, paper: Paper, copies: int) -> bytes:
    """What the applicant must still bring, why, and whom to ask."""
    form = open_form(sheet.dossier.form_set, FormKind.SUPPLEMENT, paper)
    return build(form, [supplement_story(form, sheet) for _ in range(copies)], sheet.dossier.code)


def supplement_story(form: Form, sheet: SupplementSheet) -> list[Flowable]:
    """One copy of the form."""
    dossier = sheet.dossier
    values = dossier_values(form.common, dossier)
    values.update(reason=sheet.reason, contact=sheet.contact)
    dated = place_date(form.common, dossier.header, sheet.issued_at)
    story: list[Flowable] = standard_header(form, dossier.header, number=sheet.number, dated=dated)
    story.extend(layout.title(form.form.title, form.page))
    story.extend(code_block(form, dossier.code, None, values))
    for key in ("intro", "request", "address", "contact", "missing"):
        story.append(form.field(key, values))
    story.append(document_table(form, sheet.missing))
    story.append(form.field("reason", values))
    story.append(form.field("guidance", values))
    story.append(signature_table(form, {"clerk": dossier.clerk_name}))
    return story
