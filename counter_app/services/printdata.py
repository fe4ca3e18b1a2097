"""Filling the print model from a dossier, its procedure version and its events.

Each ``*_sheet`` function reads inside the caller's transaction and returns plain values; the
forms in ``counter_app.printing`` lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, select

from counter_app.domain import personal
from counter_app.domain.calendar import VN_TZ, TimeUnit
from counter_app.domain.catalogue import FORM_LABELS, DocumentForm
from counter_app.domain.data_sources import printed_label
from counter_app.domain.dossier import DossierFacts, apply, fold
from counter_app.domain.errors import InvalidInput
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import EventType
from counter_app.domain.numbers import Series, blank_number, read_issued
from counter_app.i18n import _
from counter_app.models.tables import DOSSIERS
from counter_app.printing.model import (
    AgencyHeader,
    ApologySheet,
    ControlSheet,
    DossierSheet,
    FormKind,
    FormSet,
    Handover,
    PrintedDocument,
    ReceiptSheet,
    RefusalSheet,
    RegisterRow,
    RegisterSheet,
    StopSheet,
    SupplementSheet,
    form_set_for,
)
from counter_app.services.calendar_admin import read_settings
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.context import StationContext
from counter_app.services.eventlog import load_events
from counter_app.services.numbering import dossier_form_set, forms_2025_from
from counter_app.services.steps import load_facts
from counter_app.settings import FORM_NAMES, OPTIONS, missing_for

UNIT_NAMES = {
    FormSet.TT01_2018: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
    FormSet.TT03_2025: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
}
RATING_LABELS = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "dissatisfied": "Không hài lòng",
}
DEFAULT_SUPPLEMENT_REASON = "Hồ sơ chưa đầy đủ thành phần theo quy định."
_CENTRE = "Trung tâm Phục vụ hành chính công"
_COMMITTEE = re.compile(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class _Loaded:
    facts: DossierFacts
    events: list[EventRecord]
    entry: CatalogueEntry
    settings: Mapping[str, Any]
    sheet: DossierSheet


def _load(db: Connection, ctx: StationContext, code: str, clerk: str) -> _Loaded:
    facts = load_facts(db, code)
    events = load_events(db, facts.id)
    entry = ctx.procedure_version(facts.procedure_id)
    settings = read_settings(db)
    sheet = _dossier_sheet(db, ctx, facts, entry=entry, settings=settings, clerk=clerk)
    return _Loaded(facts, events, entry, settings, sheet)


def header(ctx: StationContext, settings: Mapping[str, Any], form_set: FormSet) -> AgencyHeader:
    """The agency block printed at the top left of every form."""
    identity = ctx.identity
    configured = str(settings["unit_name"]).strip()
    return AgencyHeader(
        parent_name=identity.parent_name.upper(),
        agency_name=identity.agency_name.upper(),
        unit_name=configured.upper() or UNIT_NAMES[form_set],
        place_name=identity.place_name or identity.agency_name,
        centre_name=configured or centre_name(identity.agency_name, form_set),
    )


def centre_name(agency_name: str, form_set: FormSet) -> str:
    """The commune's one-stop unit in a sentence: "Trung tâm Phục vụ hành chính công phường
    Hạc Thành" (2025: the centre of Nghị định 118/2025, Điều 7 khoản 3), or "Bộ phận Tiếp nhận
    và Trả kết quả - UBND phường Hạc Thành" (2018)."""
    if form_set is FormSet.TT01_2018:
        return f"Bộ phận Tiếp nhận và Trả kết quả - {agency_name}"
    name = agency_name.strip()
    if name.lower().startswith(_CENTRE.lower()):  # the agency is named as the centre
        return name
    return f"{_CENTRE} {_COMMITTEE.sub('', name)}"


def signer_title(settings: Mapping[str, Any]) -> str:
    """Signing authority as Nghị định 30/2020 writes it: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or
    "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when a deputy signs."""
    head, deputy = (
        str(settings["leader_title"]).strip(),
        str(settings["signer_deputy_title"]).strip(),
    )
    lines = [str(settings["signer_on_behalf"]).strip(), f"KT. {head}" if deputy else head, deputy]
    return "\n".join(line for line in lines if line)


def require_settings(settings: Mapping[str, Any], kind: FormKind) -> None:
    """Refuse, before anything is printed, a form whose needed settings are empty."""
    missing = missing_for(kind.value, settings)
    if missing:
        names = "; ".join(f"«{_(OPTIONS[key].label)}»" for key in missing)
        raise InvalidInput(
            _("Chưa in được {form}: chưa có {names}. Hãy nhập trong Cài đặt rồi in lại.").format(
                form=_(FORM_NAMES[kind.value]), names=names
            ),
            field=missing[0],
        )


def time_limit_text(entry: CatalogueEntry) -> str:
    """The processing time as the slip states it."""
    spec = entry.spec
    if spec.time_unit == TimeUnit.WORKING_DAYS and spec.time_amount == 0:
        text = "Trong ngày làm việc"
        if spec.same_day_cutoff:
            text += " (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)"
        return text
    unit = {
        TimeUnit.WORKING_DAYS: "ngày làm việc",
        TimeUnit.WORKING_HOURS: "giờ làm việc",
        TimeUnit.CALENDAR_DAYS: "ngày",
    }[TimeUnit(spec.time_unit)]
    return f"{spec.time_amount:02d} {unit}"


def _dossier_sheet(
    db: Connection,
    ctx: StationContext,
    facts: DossierFacts,
    *,
    entry: CatalogueEntry,
    settings: Mapping[str, Any],
    clerk: str,
) -> DossierSheet:
    received = (facts.received_at or facts.created_at).astimezone(VN_TZ)
    form_set = dossier_form_set(facts, settings)
    applicant = facts.applicant
    url = settings["lookup_url"]
    agency = header(ctx, settings, form_set)
    return DossierSheet(
        form_set=form_set,
        header=agency,
        code=facts.code,
        procedure_code=entry.spec.code,
        procedure_name=entry.spec.name,
        field=entry.spec.field,
        applicant_name=applicant["name"] or "",
        id_number=applicant["id_number"],
        address=applicant["address"],
        phone=applicant["phone"],
        email=applicant["email"],
        documents=printed_documents(facts.documents),
        set_count=1,
        time_limit_text=time_limit_text(entry),
        created_at=facts.created_at,
        received_at=facts.received_at,
        due_at=facts.due_at,
        return_place=_return_place(agency, facts),
        register_book=str(facts.register_year or received.year),
        register_number=facts.register_number,
        clerk_name=clerk,
        lookup_url=url.replace("{code}", facts.code) if url else None,
        fee_text=entry.spec.fee_text,
        privacy_notice=privacy_notice(settings),
    )


def privacy_notice(settings: Mapping[str, Any]) -> str:
    """The slip's notice of processing and where the full notice is read (always Vietnamese)."""
    short = str(settings["privacy_notice_short"]).strip()
    if not short:
        return ""
    where = str(settings["privacy_notice_url"]).strip()
    full = where or "Bộ phận Tiếp nhận và Trả kết quả"
    return f"{short} Thông báo đầy đủ: {full}."


def printed_documents(documents: Sequence[Mapping[str, Any]]) -> tuple[PrintedDocument, ...]:
    """Documents from an event payload, with the Vietnamese label of their form (for data
    obtained from a database: the source, "Khai thác dữ liệu: …" or "Xác thực qua VNeID")."""
    return tuple(PrintedDocument(d["name"], _form_label(d), d["count"]) for d in documents)


def _form_label(document: Mapping[str, Any]) -> str:
    form = DocumentForm(document["form"])
    if form is DocumentForm.ELECTRONIC:
        return printed_label(document.get("source"))
    return FORM_LABELS[form]


def _return_place(agency: AgencyHeader, facts: DossierFacts) -> str:
    if facts.return_method == "post":
        return f"Qua dịch vụ bưu chính công ích: {facts.applicant['address'] or ''}"
    return agency.centre_name


def _last(events: Sequence[EventRecord], kind: EventType) -> EventRecord:
    for event in reversed(events):
        if event.type == kind.value:
            return event
    raise InvalidInput(
        _("Hồ sơ này không có bước «{kind}» để in giấy tờ tương ứng.").format(kind=kind.value),
        field="kind",
    )


def _number(event: EventRecord, series: Series) -> str:
    """The number the event was issued with, or a blank to fill by hand (older events)."""
    issued = read_issued(event.payload.get("number"))
    return blank_number(series) if issued is None else issued.text


def dossier_sheet(db: Connection, *, ctx: StationContext, code: str, clerk: str) -> DossierSheet:
    """Form 01: the appointment slip."""
    loaded = _load(db, ctx, code, clerk)
    if loaded.facts.received_at is None:
        raise InvalidInput(
            _("Hồ sơ chưa được tiếp nhận nên chưa có giấy hẹn trả kết quả."), field="kind"
        )
    return loaded.sheet


def supplement_sheet(
    db: Connection, *, ctx: StationContext, code: str, clerk: str
) -> SupplementSheet:
    """Form 02: exactly what the one-time supplement request listed."""
    loaded = _load(db, ctx, code, clerk)
    event = _last(loaded.events, EventType.SUPPLEMENT_REQUESTED)
    require_settings(loaded.settings, FormKind.SUPPLEMENT)
    phone = str(loaded.settings["contact_phone"]).strip()
    return SupplementSheet(
        dossier=loaded.sheet,
        missing=printed_documents(event.payload["missing"]),
        reason=event.payload.get("reason") or DEFAULT_SUPPLEMENT_REASON,
        contact=f"{clerk}, số điện thoại {phone}",
        number=_number(event, Series.SUPPLEMENT),
        issued_at=event.wall_clock,
    )


def refusal_sheet(db: Connection, *, ctx: StationContext, code: str, clerk: str) -> RefusalSheet:
    """Form 03: the refusal with its reasons."""
    loaded = _load(db, ctx, code, clerk)
    event = _last(loaded.events, EventType.REFUSED)
    return RefusalSheet(
        loaded.sheet,
        event.payload["reasons"],
        _number(event, Series.REFUSAL),
        issued_at=event.wall_clock,
    )


def apology_sheet(db: Connection, *, ctx: StationContext, code: str, clerk: str) -> ApologySheet:
    """Form 04: the latest apology and its new date."""
    loaded = _load(db, ctx, code, clerk)
    event = _last(loaded.events, EventType.APOLOGISED)
    require_settings(loaded.settings, FormKind.APOLOGY)
    return ApologySheet(
        dossier=loaded.sheet,
        previous_due_at=datetime.fromisoformat(event.payload["previous_due_at"]),
        new_due_at=datetime.fromisoformat(event.payload["new_due_at"]),
        reason=event.payload["reason"],
        signer_title=signer_title(loaded.settings),
        signer_name=loaded.settings["leader_name"],
        number=_number(event, Series.APOLOGY),
        issued_at=event.wall_clock,
    )


def stop_sheet(db: Connection, *, ctx: StationContext, code: str, clerk: str) -> StopSheet:
    """Form 05 (2025): the notice that processing stops."""
    loaded = _load(db, ctx, code, clerk)
    event = _last(loaded.events, EventType.STOPPED)
    require_settings(loaded.settings, FormKind.STOP)
    return StopSheet(
        dossier=loaded.sheet,
        reason=event.payload["reason"],
        stopped_at=event.wall_clock,
        number=_number(event, Series.STOP),
        signer_title=signer_title(loaded.settings),
        signer_name=loaded.settings["leader_name"],
    )


def receipt_sheet(db: Connection, *, ctx: StationContext, code: str, clerk: str) -> ReceiptSheet:
    """The results-return receipt."""
    loaded = _load(db, ctx, code, clerk)
    event = _last(loaded.events, EventType.RETURNED)
    payload = event.payload
    return ReceiptSheet(
        dossier=loaded.sheet,
        returned_at=event.wall_clock,
        receiver_name=personal.field(event, "receiver_name") or loaded.sheet.applicant_name,
        receiver_id_number=personal.field(event, "receiver_id_number") or loaded.sheet.id_number,
        method="Qua dịch vụ bưu chính" if payload.get("method") == "post" else "Tại quầy",
        fee_paid=payload.get("fee_paid") or 0,
        rating_label=RATING_LABELS.get(payload.get("rating") or "", ""),
    )


def control_sheet(db: Connection, *, ctx: StationContext, code: str, clerk: str) -> ControlSheet:
    """Form 05 (2018) / 06 (2025): every hand-over found in the event log."""
    loaded = _load(db, ctx, code, clerk)
    units = [e.payload["to"] for e in loaded.events if e.type == EventType.TRANSFERRED]
    return ControlSheet(
        dossier=loaded.sheet,
        handling_unit=units[0] if units else "",
        cooperating_units=", ".join(dict.fromkeys(units[1:])),
        handovers=tuple(handovers(loaded.events, loaded.sheet)),
    )


def handovers(events: Sequence[EventRecord], sheet: DossierSheet) -> list[Handover]:
    """Rows of the control sheet: transfers, the result coming back, the return."""
    desk = sheet.header.unit_name.capitalize()
    holder = desk
    rows: list[Handover] = []
    facts: DossierFacts | None = None
    for event in events:
        facts = apply(facts, event)
        due = facts.due_at
        if event.type == EventType.TRANSFERRED:
            rows.append(Handover(holder, event.payload["to"], event.wall_clock, "", ""))
            holder = event.payload["to"]
        elif event.type == EventType.RESOLVED:
            verdict = timeliness(event.wall_clock, due)
            rows.append(Handover(holder, desk, event.wall_clock, verdict, event.payload["result"]))
            holder = desk
        elif event.type == EventType.RETURNED:
            person = personal.field(event, "receiver_name") or sheet.applicant_name
            rows.append(Handover(desk, f"Ông/Bà {person}", event.wall_clock, "", ""))
    return rows


def timeliness(ended: datetime, due: datetime | None) -> str:
    """Trước hạn (before the appointment day), Đúng hạn (on it) or Quá hạn (after)."""
    if due is None:
        return ""
    end_day, due_day = ended.astimezone(VN_TZ).date(), due.astimezone(VN_TZ).date()
    if ended > due:
        return "Quá hạn"
    return "Trước hạn" if end_day < due_day else "Đúng hạn"


def register_sheet(
    db: Connection, *, ctx: StationContext, period_from: date, period_to: date
) -> RegisterSheet:
    """Form 06 (2018) / 07 (2025): dossiers received in the period, in order of receipt."""
    if period_to < period_from:
        raise InvalidInput(_("Ngày cuối kỳ phải sau ngày đầu kỳ."), field="period")
    ids = register_ids(db, period_from, period_to)
    settings = read_settings(db)
    form_set = form_set_for(period_from, forms_2025_from(settings))
    rows = [_register_row(load_events(db, dossier_id), ctx) for dossier_id in ids]
    return RegisterSheet(
        form_set, header(ctx, settings, form_set), period_from, period_to, tuple(rows)
    )


def register_ids(db: Connection, period_from: date, period_to: date) -> list[str]:
    """The dossiers the register book of a period lists, in order of receipt."""
    start = datetime.combine(period_from, time.min, VN_TZ)
    end = datetime.combine(period_to, time.max, VN_TZ)
    query = (
        select(DOSSIERS.c.id)
        .where(DOSSIERS.c.received_at >= start, DOSSIERS.c.received_at <= end)
        .order_by(DOSSIERS.c.received_at)
    )
    return list(db.execute(query).scalars())


def _register_row(events: list[EventRecord], ctx: StationContext) -> RegisterRow:
    facts = fold(events)
    assert facts is not None
    entry = ctx.procedure_version(facts.procedure_id)
    transfers = [e for e in events if e.type == EventType.TRANSFERRED]
    resolved = [e for e in events if e.type == EventType.RESOLVED]
    applicant = facts.applicant
    contact = ", ".join(part for part in (applicant["address"], applicant["phone"]) if part)
    return RegisterRow(
        number=facts.register_number,
        code=facts.code,
        procedure_name=entry.spec.name,
        set_count=1,
        applicant_name=applicant["name"] or "",
        address_phone=contact,
        handling_unit=transfers[0].payload["to"] if transfers else "",
        received_at=facts.received_at,
        due_at=facts.due_at,
        transferred_at=transfers[0].wall_clock if transfers else None,
        result_received_at=resolved[-1].wall_clock if resolved else None,
        returned_at=facts.returned_at,
        return_method="Bưu chính" if facts.return_method == "post" else "Tại quầy",
        note="Có văn bản xin lỗi" if facts.apology_count else "",
    )
