"""Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from counter_app.printing import layout
from counter_app.printing.forms.common import (
    Form,
    build,
    dossier_values,
    open_form,
    place_date,
    signature_table,
    standard_header,
)
from counter_app.printing.model import FormKind, Paper, RefusalSheet


def render_refusal(sheet: RefusalSheet, *, paper: Paper, copies: int) -> bytes:
    """The refusal with its reasons."""
    form = open_form(sheet.dossier.form_set, FormKind.REFUSAL, paper)
    return build(form, [refusal_story(form, sheet) for _ in range(copies)], sheet.dossier.code)


def refusal_story(form: Form, sheet: RefusalSheet) -> list[Flowable]:
    """One copy of the form; one paragraph per line of the reasons."""
    dossier = sheet.dossier
    values = dossier_values(form.common, dossier)
    dated = place_date(form.common, dossier.header, sheet.issued_at)
    story: list[Flowable] = standard_header(form, dossier.header, number=sheet.number, dated=dated)
    story.extend(layout.title(form.form.title, form.page))
    for key in ("intro", "address", "phone", "email", "request"):
        story.append(form.field(key, values))
    story.append(form.field("reasons_intro", values, bold=False))
    for line in sheet.reasons.splitlines():
        if line.strip():
            story.append(layout.para(layout.text(line), form.styles.body))
    story.append(form.field("closing", values))
    story.append(
        signature_table(form, {"clerk": dossier.clerk_name, "applicant": dossier.applicant_name})
    )
    return story
