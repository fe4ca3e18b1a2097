"""Receiving a dossier at the counter: accept it, or ask once for what is missing, or refuse.

The same functions serve the GUI and ``counter-app receive``; each runs in one write
transaction and returns only after the commit is durable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection

from counter_app.domain import personal
from counter_app.domain.calendar import ProcessingTime, TimeUnit
from counter_app.domain.catalogue import RequiredDocument, time_limit_missing
from counter_app.domain.checklist import HandedDocument, Shortfall, Verdict, check
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType
from counter_app.domain.numbers import read_issued
from counter_app.domain.text import clean, clean_optional
from counter_app.i18n import _
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.context import StationContext
from counter_app.services.eventlog import append_event, new_id, record_creation
from counter_app.services.numbering import numbered
from counter_app.services.reception_types import Channel, IntakeRequest, Receipt, ReturnMethod
from counter_app.services.sequence import issue_code

NOTE_MAX = 2000


def processing_time(entry: CatalogueEntry) -> ProcessingTime:
    """The procedure's time limit as the calendar understands it.

    A limit of 0 days that only stands for a missing value gives no appointment: InvalidInput
    tells the clerk, and a leader confirms the value first.
    """
    spec = entry.spec
    if time_limit_missing(spec):
        raise InvalidInput(
            _(
                "Thủ tục {code} chưa có thời hạn giải quyết trong danh mục (0 ngày, chưa xác "
                "minh): không tính được ngày hẹn trả. Hãy báo lãnh đạo xác nhận thời hạn "
                "(Danh mục thủ tục → Xác nhận thời hạn) rồi tiếp nhận."
            ).format(code=spec.code),
            field="procedure",
        )
    return ProcessingTime(spec.time_amount, TimeUnit(spec.time_unit), spec.same_day_cutoff)


def preview_due(ctx: StationContext, procedure_code: str, received_at: datetime) -> datetime:
    """The appointment the clerk would give now, shown before accepting."""
    entry = ctx.procedure(procedure_code, received_at.astimezone(ctx.calendar.tz).date())
    return ctx.calendar.due_at(received_at, processing_time(entry))


def all_required(
    required: Sequence[RequiredDocument], applicable: Sequence[str] = ()
) -> list[HandedDocument]:
    """Every document the catalogue demands, as if handed over in full."""
    return [
        HandedDocument(document.key, document.name, document.form, document.count)
        for document in required
        if document.mandatory or document.key in applicable
    ]


def receive(
    db: Connection,
    *,
    ctx: StationContext,
    request: IntakeRequest,
    actor: str,
    now: datetime | None = None,
) -> Receipt:
    """Accept a complete dossier or record the one-time supplement request for an incomplete one.

    ``now`` is the station's clock (tests and demo data set it); ``request.received_at`` may
    differ when a dossier is entered after the fact.
    """
    now = now or datetime.now(UTC)
    received_at = request.received_at or now
    entry, handed, verdict = _checked(ctx, request, received_at)
    code = _issue(db, ctx, received_at)
    dossier = _dossier_payload(request, entry, handed, code)
    dossier_id = new_id()
    if verdict.complete:
        due = ctx.calendar.due_at(received_at, processing_time(entry))
        payload: dict[str, Any] = {
            "dossier": dossier,
            "received_at": received_at.isoformat(),
            "due_at": due.isoformat(),
        }
        kind = EventType.RECEIVED
    else:
        _refuse_paper_for_data(verdict.missing)
        payload = {"dossier": dossier, "missing": shortfall_payload(verdict.missing)}
        kind = EventType.SUPPLEMENT_REQUESTED
    payload[personal.KEY], part = personal.seal(_personal_fields(request))
    facts, number = _create(
        db, ctx, dossier_id=dossier_id, kind=kind, payload=payload, part=part, actor=actor, at=now
    )
    return Receipt(dossier_id, code, facts.state, facts.due_at, verdict.missing, number)


def _refuse_paper_for_data(missing: Sequence[Shortfall]) -> None:
    """Form 02 never asks on paper for a document the state's data can give: the clerk obtains
    it (Nghị quyết 66.7/2025/NQ-CP), or takes the paper the applicant has with them."""
    obtainable = [item.document for item in missing if item.document.obtainable_from]
    if obtainable:
        raise InvalidInput(
            _(
                "Không yêu cầu bổ sung bản giấy của giấy tờ khai thác được từ cơ sở dữ liệu: "
                "{names}. Hãy đánh dấu «khai thác dữ liệu» (nguồn: {sources}) hoặc nhận bản giấy "
                "người nộp mang theo."
            ).format(
                names="; ".join(document.name for document in obtainable),
                sources=", ".join(dict.fromkeys(s for d in obtainable for s in d.obtainable_from)),
            ),
            field="documents",
        )


def refuse(
    db: Connection,
    *,
    ctx: StationContext,
    request: IntakeRequest,
    reasons: str,
    actor: str,
    now: datetime | None = None,
) -> Receipt:
    """Record a refusal (form 03) with its reasons; the dossier keeps its code."""
    reason_text = clean(
        reasons, field="reasons", max_length=NOTE_MAX, multiline=True, label=_("Lý do từ chối")
    )
    now = now or datetime.now(UTC)
    received_at = request.received_at or now
    entry, handed, _verdict = _checked(ctx, request, received_at)
    code = _issue(db, ctx, received_at)
    payload = {"dossier": _dossier_payload(request, entry, handed, code), "reasons": reason_text}
    payload[personal.KEY], part = personal.seal(_personal_fields(request))
    facts, number = _create(
        db,
        ctx,
        dossier_id=new_id(),
        kind=EventType.REFUSED,
        payload=payload,
        part=part,
        actor=actor,
        at=now,
    )
    return Receipt(facts.id, code, facts.state, None, number=number)


def _checked(
    ctx: StationContext, request: IntakeRequest, received_at: datetime
) -> tuple[CatalogueEntry, list[HandedDocument], Verdict]:
    if received_at.tzinfo is None:
        raise InvalidInput(_("Thời điểm tiếp nhận phải có múi giờ."), field="received_at")
    # the version in force on the day of receipt: an abolished procedure is refused from its day
    entry = ctx.procedure(request.procedure_code, received_at.astimezone(ctx.calendar.tz).date())
    if entry.spec.status != "active":
        raise InvalidInput(abolished_message(entry), field="procedure")
    _check_choice(request.channel, Channel, "channel")
    _check_choice(request.return_method, ReturnMethod, "return_method")
    if request.return_method == ReturnMethod.POST and not request.applicant.address:
        raise InvalidInput(
            _("Trả kết quả qua bưu chính cần địa chỉ nhận; hãy nhập địa chỉ."), field="address"
        )
    required = entry.spec.documents
    handed = (
        all_required(required, request.applicable)
        if request.documents is None
        else list(request.documents)
    )
    verdict = check(required, handed, applicable=request.applicable)
    return entry, handed, verdict


def abolished_message(entry: CatalogueEntry) -> str:
    """Why an abolished procedure is refused: since when, and by which decision."""
    spec = entry.spec
    if spec.effective_from is None:
        return _("Thủ tục {code} đã bị bãi bỏ; không thể tiếp nhận hồ sơ.").format(code=spec.code)
    return _(
        "Thủ tục {code} đã bị bãi bỏ từ ngày {day} (Quyết định {decision}); "
        "không thể tiếp nhận hồ sơ."
    ).format(code=spec.code, day=spec.effective_from.strftime("%d/%m/%Y"), decision=spec.decision)


def _check_choice(value: str, choices: type[StrEnum], field_name: str) -> None:
    if value not in {choice.value for choice in choices}:
        raise InvalidInput(
            _("Giá trị «{value}» không hợp lệ cho trường {field}.").format(
                value=str(value)[:30], field=field_name
            ),
            field=field_name,
        )


def _issue(db: Connection, ctx: StationContext, received_at: datetime) -> str:
    identity = ctx.identity
    day = received_at.astimezone(ctx.calendar.tz).date()
    return issue_code(
        db,
        station_id=identity.station_id,
        agency_code=identity.agency_code,
        slot=identity.slot,
        day=day,
    )


def _create(
    db: Connection,
    ctx: StationContext,
    *,
    dossier_id: str,
    kind: EventType,
    payload: dict[str, Any],
    part: dict[str, Any],
    actor: str,
    at: datetime,
) -> tuple[DossierFacts, str | None]:
    """The new dossier's facts, and the number its first paper got (form 02/03, or register)."""
    record = append_event(
        db,
        station_id=ctx.identity.station_id,
        dossier_id=dossier_id,
        type_=kind.value,
        actor=actor,
        payload=numbered(db, ctx, kind, facts=None, payload=payload, at=at),
        personal=part,
        now=at,
    )
    issued = read_issued(record.payload.get("number") or record.payload.get("register"))
    return record_creation(db, record), None if issued is None else issued.text


def _dossier_payload(
    request: IntakeRequest,
    entry: CatalogueEntry,
    handed: Sequence[HandedDocument],
    code: str,
) -> dict[str, Any]:
    return {
        "code": code,
        "procedure_id": entry.id,
        "procedure_code": entry.spec.code,
        "procedure_version": entry.version,
        "documents": documents_payload(handed),
        "applicable": list(request.applicable),
        "channel": str(request.channel),
        "return_method": str(request.return_method),
        **({} if request.digitised is None else {"digitised": request.digitised}),
    }


def _personal_fields(request: IntakeRequest) -> dict[str, Any]:
    """What the dossier keeps about the person, beside the event and outside its hash."""
    return {
        "applicant": request.applicant.as_payload(),
        "note": clean_optional(request.note, field="note", max_length=NOTE_MAX),
        # the card's text itself (its old CMND number, issue date) is never kept: only what the
        # dossier uses, and a digest that proves which card was scanned
        "scan_sha256": scan_digest(request.scan_raw),
    }


def scan_digest(raw: str | None) -> str | None:
    """SHA-256 of the scanned QR text as read (None when the applicant was typed)."""
    return None if raw is None else hashlib.sha256(raw.encode("utf-8")).hexdigest()


def documents_payload(handed: Sequence[HandedDocument]) -> list[dict[str, Any]]:
    """Handed documents as stored in an event payload."""
    return [
        {"key": doc.key, "name": doc.name, "form": doc.form.value, "count": doc.count}
        | ({} if doc.source is None else {"source": doc.source})
        for doc in handed
    ]


def shortfall_payload(missing: Sequence[Shortfall]) -> list[dict[str, Any]]:
    """What is missing, as stored in the supplement request and printed on form 02."""
    return [
        {
            "key": item.document.key,
            "name": item.document.name,
            "form": item.document.form.value,
            "count": item.missing_count,
        }
        for item in missing
    ]
