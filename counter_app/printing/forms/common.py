"""What every form module shares: its labels and page, value formatting (Vietnamese dates in
Asia/Ho_Chi_Minh, money in đồng), the standard header and the dossier code block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.printing import layout
from counter_app.printing.barcode import Code128
from counter_app.printing.forms.document import build_pdf
from counter_app.printing.labels import FormLabels, LabelSet, load_labels
from counter_app.printing.layout import Page, Signer, Styles
from counter_app.printing.model import AgencyHeader, DossierSheet, FormKind, FormSet, Paper
from counter_app.printing.qr import qr_flowable

MAX_COPIES = 10


@dataclass(frozen=True)
class Form:
    """One form being laid out: the set's labels, the form's labels, the page and styles."""

    kind: FormKind
    labels: LabelSet
    form: FormLabels
    page: Page
    styles: Styles

    @property
    def common(self) -> Mapping[str, str]:
        """Labels shared by every form of the set."""
        return self.labels.common

    def form_line(self) -> str:
        """The "Mẫu số …" line, or "" for forms without a model number."""
        if not self.form.number:
            return ""
        return self.common["form_line"].format(
            number=self.form.number, circular=self.labels.circular
        )

    def field(self, key: str, values: Mapping[str, str], *, bold: bool = True) -> Paragraph:
        """The labelled line ``key`` of this form, filled."""
        return layout.field(self.form[key], values, self.page, bold=bold)

    def centered(self, key: str, values: Mapping[str, str], *, bold: bool = True) -> Paragraph:
        """Line ``key`` centred (bold: the dossier code under the title)."""
        style = self.styles.bold_center if bold else self.styles.center
        return layout.para(layout.fill(self.form[key], values, bold=True), style)


def open_form(form_set: FormSet, kind: FormKind, paper: Paper, *, wide: bool = False) -> Form:
    """Labels and layout for ``kind`` of ``form_set`` on ``paper``."""
    labels = load_labels(form_set)
    page = layout.page_for(paper, wide=wide)
    return Form(kind, labels, labels.form(kind), page, layout.styles_for(page.size, page.leading))


def check_copies(copies: int) -> None:
    """Refuse a copy count outside 1…10."""
    if not 1 <= copies <= MAX_COPIES:
        raise InvalidInput(_("Số bản in phải từ 1 đến {n}.").format(n=MAX_COPIES), field="copies")


# -- values -------------------------------------------------------------------------------------


def local(moment: datetime) -> datetime:
    """``moment`` on Vietnam's wall clock (a naive value is taken as already local)."""
    return moment if moment.tzinfo is None else moment.astimezone(VN_TZ)


def _parts(moment: date | datetime) -> dict[str, str]:
    if isinstance(moment, datetime):
        moment = local(moment)
        parts = {"hour": f"{moment.hour:02d}", "minute": f"{moment.minute:02d}"}
    else:
        parts = {}
    parts.update(day=f"{moment.day:02d}", month=month_text(moment.month), year=f"{moment.year}")
    return parts


def month_text(month: int) -> str:
    """The month as Nghị định 30/2020 writes it: a zero only before 1 and 2 ("01", "02", "3")."""
    return f"{month:02d}" if month < 3 else str(month)


def date_words(common: Mapping[str, str], moment: date | datetime | None) -> str:
    """The date as "ngày 31 tháng 5 năm 2021" (``month_text``), or the dotted blank."""
    if moment is None:
        return common["blank_date"]
    return common["date"].format_map(_parts(moment))


def datetime_words(common: Mapping[str, str], moment: datetime | None) -> str:
    """As "08 giờ 15 phút, ngày 31 tháng 5 năm 2021", or the dotted blank."""
    if moment is None:
        return common["blank_datetime"]
    return common["datetime"].format_map(_parts(moment))


def short_date(common: Mapping[str, str], moment: date | datetime | None) -> str:
    """As "31/5/2021" or "05/02/2021", or "" when unknown."""
    if moment is None:
        return ""
    return common["short_date"].format_map(_parts(moment))


def place_date(common: Mapping[str, str], agency: AgencyHeader, moment: datetime | None) -> str:
    """As "Quảng Hưng, ngày 31 tháng 05 năm 2021" (dotted when ``moment`` is None)."""
    if moment is None:
        return common["blank_place_date"].format(place=agency.place_name)
    return common["place_date"].format_map({"place": agency.place_name, **_parts(moment)})


def money(common: Mapping[str, str], amount: int) -> str:
    """As "20.000 đồng" (dots between thousands)."""
    return common["money"].format(amount=f"{amount:,}".replace(",", "."))


def given(common: Mapping[str, str], value: str | None) -> str:
    """``value``, or the dotted blank when it is missing."""
    return value if value else common["missing"]


def dossier_values(common: Mapping[str, str], dossier: DossierSheet) -> dict[str, str]:
    """Placeholders every dossier form may use."""
    agency = dossier.header
    return {
        "applicant": dossier.applicant_name,
        "agency": agency.agency_name,
        "unit": agency.unit_name,
        "centre": agency.centre_name or agency.unit_name,
        "parent": agency.parent_name,
        "code": dossier.code,
        "procedure": dossier.procedure_name,
        "procedure_code": dossier.procedure_code,
        "field": dossier.field,
        "id_number": given(common, dossier.id_number),
        "address": given(common, dossier.address),
        "phone": given(common, dossier.phone),
        "email": given(common, dossier.email),
    }


# -- blocks -------------------------------------------------------------------------------------


def standard_header(
    form: Form,
    agency: AgencyHeader,
    *,
    number: str = "",
    dated: str = "",
    with_unit: bool = True,
) -> list[Flowable]:
    """Form line, agency block, motto, "Số: …" and the dated place."""
    number_text = form.common["number"].format(number=number) if number else ""
    return layout.header(
        form.common,
        agency,
        form.page,
        number=number_text,
        dated=dated,
        with_unit=with_unit,
        form_line=form.form_line(),
    )


def code_barcode(form: Form, code: str, available: float | None = None) -> Code128:
    """The dossier code as Code 128, sized for the page."""
    page = form.page
    return Code128(
        code,
        available=page.frame_width if available is None else available,
        bar_height=(12 if page.paper is Paper.A4 else 10) * mm,
        font_size=page.size * 0.75,
    )


def code_block(
    form: Form, code: str, lookup_url: str | None, values: Mapping[str, str]
) -> list[Flowable]:
    """The code line over the barcode; with ``lookup_url`` its QR beside (A4) or under (roll)."""
    page = form.page
    line = form.centered("code", values)
    if lookup_url is None:
        gap = page.size * 0.3
        return [line, Spacer(1, gap), code_barcode(form, code), Spacer(1, gap)]
    if page.compact:
        return [line, code_barcode(form, code), *qr_box(form, lookup_url)]
    qr_width = _qr_size(form) + 14 * mm
    left = [line, Spacer(1, 3), code_barcode(form, code, page.frame_width - qr_width)]
    return [
        Table(
            [[left, qr_box(form, lookup_url)]],
            colWidths=[page.frame_width - qr_width, qr_width],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
    ]


def _qr_size(form: Form) -> float:
    """24 mm on A4, 26 mm on the roll, 18 mm on A5 (where it sits between the signatures)."""
    size = {Paper.A4: 24, Paper.THERMAL_80MM: 26}.get(form.page.paper, 18)
    return float(size * mm)


def qr_box(form: Form, lookup_url: str) -> list[Flowable]:
    """The lookup QR with its caption."""
    caption = layout.para(layout.text(form.form["lookup"]), form.styles.note_center)
    return [qr_flowable(lookup_url, _qr_size(form)), caption]


def signers(form: Form, names: Mapping[str, str], signer_title: str = "") -> list[Signer]:
    """The form's signature blocks with the names filled from ``names``."""
    return [
        Signer(
            title=block.title.format(signer_title=signer_title),
            hint=block.hint,
            name=names.get(block.name, ""),
        )
        for block in form.form.signatures
    ]


def signature_table(
    form: Form,
    names: Mapping[str, str],
    *,
    signer_title: str = "",
    left: Sequence[Flowable] = (),
    middle: Sequence[Flowable] = (),
) -> Table:
    """The signature row of the form (``middle``: a column between two signers)."""
    return layout.signatures(
        signers(form, names, signer_title), form.page, left=left, middle=middle
    )


def build(form: Form, stories: Sequence[Sequence[Flowable]], subject: str) -> bytes:
    """The PDF of the copies; page numbers per copy when it runs over one page."""
    return build_pdf(
        stories,
        form.page,
        title_text=f"{form.form.title} - {subject}",
        page_label=form.common["page"],
        always_number=form.kind is FormKind.REGISTER,
    )
