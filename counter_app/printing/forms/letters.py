"""Letters signed by the head of the agency: Mẫu 04 (apology and new date; in 2025 apology and
request for an extension) and Mẫu 05 of 2025 (notice that processing stops)."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.printing import layout
from counter_app.printing.forms.common import (
    Form,
    build,
    date_words,
    datetime_words,
    dossier_values,
    open_form,
    place_date,
    short_date,
    signature_table,
    standard_header,
)
from counter_app.printing.model import (
    ApologySheet,
    DossierSheet,
    FormKind,
    FormSet,
    Paper,
    StopSheet,
)


def _opening(form: Form, dossier: DossierSheet, number: str, dated: str) -> list[Flowable]:
    story: list[Flowable] = standard_header(
        form, dossier.header, number=number, dated=dated, with_unit=False
    )
    story.extend(layout.title(form.form.title, form.page))
    return story


def _closing(form: Form, names: dict[str, str], signer_title: str = "") -> Flowable:
    """Nơi nhận on the left, the signer on the right."""
    left = layout.recipients(form.common["recipients_title"], form.form.recipients, form.page)
    return signature_table(form, names, signer_title=signer_title, left=left)


def apology_story(form: Form, sheet: ApologySheet) -> list[Flowable]:
    """One copy of the apology, dated when the leader signed it."""
    dossier = sheet.dossier
    common = form.common
    values = dossier_values(common, dossier)
    values.update(
        received=short_date(common, dossier.received_at or dossier.created_at),
        previous_due=date_words(common, sheet.previous_due_at),
        reason=sheet.reason,
        new_due=date_words(common, sheet.new_due_at),
        new_due_time=datetime_words(common, sheet.new_due_at),
    )
    story = _opening(
        form, dossier, sheet.number, place_date(common, dossier.header, sheet.issued_at)
    )
    story.append(form.centered("addressee", values, bold=False))
    story.append(form.field("received", values, bold=False))
    story.append(form.field("code", values))
    story.append(form.field("previous_due", values))
    story.append(form.field("late", values, bold=False))
    story.append(form.field("reason", values, bold=False))
    story.append(form.field("new_due", values, bold=False))
    story.append(form.field("sympathy", values, bold=False))
    story.append(_closing(form, {"signer": sheet.signer_name}, sheet.signer_title))
    return story


def stop_story(form: Form, sheet: StopSheet) -> list[Flowable]:
    """One copy of the stop notice, dated the day processing stopped."""
    dossier = sheet.dossier
    common = form.common
    values = dossier_values(common, dossier)
    values.update(
        received=short_date(common, dossier.received_at or dossier.created_at),
        stopped=datetime_words(common, sheet.stopped_at),
        reason=sheet.reason,
    )
    dated = place_date(common, dossier.header, sheet.stopped_at)
    story = _opening(form, dossier, sheet.number, dated)
    story.append(form.centered("addressee", values, bold=False))
    story.append(form.field("received", values, bold=False))
    story.append(form.field("code", values))
    story.append(form.field("stop", values, bold=False))
    story.append(form.field("reason", values, bold=False))
    story.append(form.field("closing", values, bold=False))
    story.append(_closing(form, {"signer": sheet.signer_name}, sheet.signer_title))
    return story


def render_apology(sheet: ApologySheet, *, paper: Paper, copies: int) -> bytes:
    """Mẫu 04 of the dossier's set."""
    form = open_form(sheet.dossier.form_set, FormKind.APOLOGY, paper)
    return build(form, [apology_story(form, sheet) for _ in range(copies)], sheet.dossier.code)


def render_stop(sheet: StopSheet, *, paper: Paper, copies: int) -> bytes:
    """Mẫu 05 of 2025; a dossier under the 2018 forms has no such notice."""
    if sheet.dossier.form_set is not FormSet.TT03_2025:
        raise InvalidInput(
            _("Mẫu thông báo dừng giải quyết chỉ có từ Thông tư 03/2025."), field="kind"
        )
    form = open_form(sheet.dossier.form_set, FormKind.STOP, paper)
    return build(form, [stop_story(form, sheet) for _ in range(copies)], sheet.dossier.code)
