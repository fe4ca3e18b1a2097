"""Later steps of a dossier's life: transfer, processing, supplement, pause, result, return.

Each step folds the dossier's events, lets the state machine judge the new event, computes what
the event must record (a new due date after a wait, for instance) and stores it with the
projection in the caller's write transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from counter_app.domain import personal
from counter_app.domain.calendar import TimeUnit
from counter_app.domain.catalogue import DocumentForm
from counter_app.domain.checklist import HandedDocument, check
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.lifecycle import EventType, State, next_state
from counter_app.domain.pauses import GROUNDS, check_ground, is_lawful
from counter_app.domain.text import clean, clean_optional, normalise_email, normalise_phone
from counter_app.i18n import _
from counter_app.models.tables import DOSSIERS
from counter_app.services.applicant import ADDRESS_MAX, NAME_MAX
from counter_app.services.context import StationContext
from counter_app.services.dossier_fold import fold_dossier
from counter_app.services.eventlog import append_event, record_step
from counter_app.services.numbering import numbered
from counter_app.services.reception import NOTE_MAX, documents_payload, processing_time
from counter_app.services.reception_types import ReturnMethod
from counter_app.services.step_types import RATINGS, PrintJob, StepInput

_DOSSIERS = DOSSIERS


def load_facts(db: Connection, code: str) -> DossierFacts:
    """The dossier with this code, folded from its events."""
    dossier_id = db.execute(
        select(_DOSSIERS.c.id).where(_DOSSIERS.c.code == code.strip().upper())
    ).scalar_one_or_none()
    if dossier_id is None:
        raise NotFound(_("Không tìm thấy hồ sơ có mã {code}.").format(code=code.strip()[:60]))
    facts = fold_dossier(db, dossier_id).facts
    assert facts is not None
    return facts


def take_step(
    db: Connection,
    *,
    ctx: StationContext,
    code: str,
    event: EventType,
    data: StepInput,
    actor: str,
    now: datetime | None = None,
) -> DossierFacts:
    """Record ``event`` on the dossier ``code``; raise without writing if it is not allowed."""
    facts = load_facts(db, code)
    moment = now or datetime.now(UTC)
    payload, part = seal_step(step_payload(ctx, facts, event, data, moment))
    payload = numbered(db, ctx, event, facts=facts, payload=payload, at=moment)
    record = append_event(
        db,
        station_id=ctx.identity.station_id,
        dossier_id=facts.id,
        type_=event.value,
        actor=actor,
        payload=payload,
        personal=part,
        now=moment,
    )
    return record_step(db, facts, record)


_PERSONAL_STEP_FIELDS = ("changes", "receiver_name", "receiver_id_number")


def seal_step(payload: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A step's payload with its personal fields moved beside it (``domain.personal``): a
    correction's changes, a result's receiver. The payload keeps which fields were changed."""
    fields = {key: payload[key] for key in _PERSONAL_STEP_FIELDS if payload.get(key)}
    if not fields:
        return dict(payload), None
    kept = {key: value for key, value in payload.items() if key not in _PERSONAL_STEP_FIELDS}
    if "changes" in fields:
        kept["fields"] = sorted(fields["changes"])
    kept[personal.KEY], part = personal.seal(fields)
    return kept, part


def step_payload(
    ctx: StationContext, facts: DossierFacts, event: EventType, data: StepInput, now: datetime
) -> dict[str, Any]:
    """What ``event`` must record on this dossier; raise without side effects if not allowed.

    The central server's back office calls this too, so its steps carry the station's shapes.
    """
    if event not in _PAYLOADS:
        raise InvalidInput(_("Bước này không thực hiện được bằng lệnh chuyển trạng thái."))
    next_state(facts.state, event)  # judge before computing anything
    return _PAYLOADS[event](ctx, facts, data, now)


def _reason(data: StepInput, *, required: bool = True) -> str | None:
    if required:
        return clean(
            data.reason or "", field="reason", max_length=NOTE_MAX, multiline=True, label=_("Lý do")
        )
    return clean_optional(data.reason, field="reason", max_length=NOTE_MAX)


def _transferred(
    ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime
) -> dict[str, Any]:
    return {
        "to": clean(d.to or "", field="to", max_length=200, label=_("Chuyển đến")),
        "note": _reason(d, required=False),
    }


def _started(ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime) -> dict[str, Any]:
    return {"note": _reason(d, required=False)}


def _supplement_requested(
    ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime
) -> dict[str, Any]:
    entry = ctx.procedure_version(f.procedure_id)
    by_key = {doc.key: doc for doc in entry.spec.documents}
    unknown = [key for key in d.missing_keys if key not in by_key]
    if unknown or not d.missing_keys:
        raise InvalidInput(
            _("Chỉ được yêu cầu bổ sung giấy tờ có trong danh mục của thủ tục."), field="missing"
        )
    obtainable = [by_key[key].name for key in d.missing_keys if by_key[key].obtainable_from]
    if obtainable:
        raise InvalidInput(
            _(
                "Không yêu cầu bổ sung bản giấy của giấy tờ khai thác được từ cơ sở dữ liệu: "
                "{names}."
            ).format(names="; ".join(obtainable)),
            field="missing",
        )
    missing = [
        {
            "key": key,
            "name": by_key[key].name,
            "form": by_key[key].form.value,
            "count": by_key[key].count,
        }
        for key in d.missing_keys
    ]
    return {"missing": missing, "reason": _reason(d)}


def _supplement_received(
    ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime
) -> dict[str, Any]:
    entry = ctx.procedure_version(f.procedure_id)
    names = {doc.key: doc.name for doc in entry.spec.documents}
    brought = [replace(doc, name=names.get(doc.key or "", doc.name)) for doc in d.documents]
    handed = [_handed(doc) for doc in f.documents] + brought
    verdict = check(entry.spec.documents, handed, applicable=f.applicable)
    if f.state is State.PENDING_SUPPLEMENT:
        if not verdict.complete:
            still = "; ".join(item.document.name for item in verdict.missing)
            raise InvalidInput(
                _("Hồ sơ vẫn còn thiếu: {names}.").format(names=still), field="documents"
            )
        due = ctx.calendar.due_at(now, processing_time(entry))
        return {
            "documents": documents_payload(brought),
            "received_at": now.isoformat(),
            "due_at": due.isoformat(),
        }
    return {
        "documents": documents_payload(brought),
        "due_at": _shifted_due(ctx, f, now).isoformat(),
    }


def _handed(document: Mapping[str, Any]) -> HandedDocument:
    form = DocumentForm(document["form"])
    source = document.get("source")
    return HandedDocument(document["key"], document["name"], form, document["count"], source)


def _shifted_due(ctx: StationContext, f: DossierFacts, now: datetime) -> datetime:
    assert f.due_at is not None and f.paused_at is not None
    unit = TimeUnit(ctx.procedure_version(f.procedure_id).spec.time_unit)
    return ctx.calendar.shift_for_wait(f.due_at, f.paused_at, now, unit)


def _paused(ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime) -> dict[str, Any]:
    """A pause only on a ground the law gives and the procedure's catalogue entry lists."""
    spec = ctx.procedure_version(f.procedure_id).spec
    ground = check_ground(d.kind, spec.pause_grounds, spec.code)
    return {
        "kind": ground.value,
        "legal_basis": GROUNDS[ground].legal_basis,
        "procedure_basis": spec.legal_basis[:NOTE_MAX] or None,
        "reason": _reason(d),
    }


def _resumed(ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime) -> dict[str, Any]:
    """The clock runs again; the due date moves by the time waited only after a lawful pause
    (a pause of an older version with no ground, ``other``, moves nothing)."""
    due = _shifted_due(ctx, f, now) if is_lawful(f.pause_kind) else f.due_at
    assert due is not None
    return {"due_at": due.isoformat(), "note": _reason(d, required=False)}


def _resolved(ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime) -> dict[str, Any]:
    return {"result": clean(d.result or _("Đã có kết quả"), field="result", max_length=NOTE_MAX)}


def _returned(ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime) -> dict[str, Any]:
    method = d.method or f.return_method
    if method not in {m.value for m in ReturnMethod}:
        raise InvalidInput(_("Hình thức trả kết quả không hợp lệ."), field="method")
    if d.rating is not None and d.rating not in RATINGS:
        raise InvalidInput(_("Mức đánh giá không hợp lệ."), field="rating")
    if d.fee_paid is not None and not 0 <= d.fee_paid <= 1_000_000_000:
        raise InvalidInput(_("Số tiền phí, lệ phí không hợp lệ."), field="fee_paid")
    return {
        "method": method,
        "receiver_name": clean_optional(d.receiver_name, field="receiver_name", max_length=200),
        "receiver_id_number": clean_optional(
            d.receiver_id_number, field="receiver_id_number", max_length=12
        ),
        "fee_paid": d.fee_paid,
        "rating": d.rating,
    }


def _with_reason(
    ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime
) -> dict[str, Any]:
    return {"reason": _reason(d)}


def _apologised(
    ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime
) -> dict[str, Any]:
    if d.new_due_at is None or d.new_due_at.tzinfo is None:
        raise InvalidInput(_("Hãy nhập ngày hẹn trả mới (có giờ)."), field="new_due_at")
    new_due = ctx.calendar.start_of_work(d.new_due_at)
    if f.due_at is None or new_due <= max(f.due_at, now):
        raise InvalidInput(
            _("Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại."), field="new_due_at"
        )
    return {
        "new_due_at": new_due.isoformat(),
        "previous_due_at": f.due_at.isoformat(),
        "reason": _reason(d),
    }


def _corrected(ctx: StationContext, f: DossierFacts, d: StepInput, now: datetime) -> dict[str, Any]:
    if not d.changes or not set(d.changes) <= set(_CORRECTORS):
        raise InvalidInput(
            _("Chỉ sửa được họ tên, địa chỉ, điện thoại, thư điện tử."), field="changes"
        )
    changes = {
        name: [f.applicant.get(name), _CORRECTORS[name](value)] for name, value in d.changes.items()
    }
    return {"changes": changes, "reason": _reason(d)}


_CORRECTORS: Mapping[str, Callable[[str | None], str | None]] = {
    "name": lambda value: clean(
        value or "", field="name", max_length=NAME_MAX, label=_("Họ và tên")
    ),
    "address": lambda value: clean_optional(value, field="address", max_length=ADDRESS_MAX),
    "phone": lambda value: normalise_phone(value) if value else None,
    "email": lambda value: normalise_email(value) if value else None,
}

_PayloadBuilder = Callable[[StationContext, DossierFacts, StepInput, datetime], dict[str, Any]]
_PAYLOADS: Mapping[EventType, _PayloadBuilder] = {
    EventType.TRANSFERRED: _transferred,
    EventType.PROCESSING_STARTED: _started,
    EventType.SUPPLEMENT_REQUESTED: _supplement_requested,
    EventType.SUPPLEMENT_RECEIVED: _supplement_received,
    EventType.PAUSED: _paused,
    EventType.RESUMED: _resumed,
    EventType.RESOLVED: _resolved,
    EventType.RETURNED: _returned,
    EventType.WITHDRAWN: _with_reason,
    EventType.STOPPED: _with_reason,
    EventType.APOLOGISED: _apologised,
    EventType.CORRECTED: _corrected,
}


def record_print(
    db: Connection,
    *,
    ctx: StationContext,
    code: str,
    job: PrintJob,
    actor: str,
    now: datetime | None = None,
) -> DossierFacts:
    """Append a ``printed`` event: every print, successful or not, is in the log."""
    facts = load_facts(db, code)
    payload = {
        "kind": job.kind,
        "paper": job.paper,
        "printer": job.printer[:300],
        "ok": job.ok,
        "error": None if job.error is None else job.error[:1000],
        "copies": job.copies,
    }
    record = append_event(
        db,
        station_id=ctx.identity.station_id,
        dossier_id=facts.id,
        type_=EventType.PRINTED.value,
        actor=actor,
        payload=payload,
        now=now,
    )
    return record_step(db, facts, record)
