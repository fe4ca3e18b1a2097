"""Turning results into text and JSON for the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import STATE_LABELS, portal_status
from counter_app.i18n import _

if TYPE_CHECKING:  # the parser is built before the login; the values load later
    from counter_app.domain.dossier import DossierFacts


def local(moment: datetime | None) -> str | None:
    """An instant as ISO text in Vietnam's time zone."""
    return None if moment is None else moment.astimezone(VN_TZ).isoformat(timespec="minutes")


def human(moment: datetime | None) -> str:
    """An instant as a clerk reads it: 10:00 13/02/2026."""
    return "—" if moment is None else moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def facts_json(facts: DossierFacts) -> dict[str, Any]:
    """A dossier as a JSON object."""
    return {
        "id": facts.id,
        "code": facts.code,
        "state": facts.state.value,
        "state_label": STATE_LABELS[facts.state],
        "portal_status": int(portal_status(facts.state, facts.pause_kind)),
        "procedure": facts.procedure_code,
        "applicant": dict(facts.applicant),
        "channel": facts.channel,
        "return_method": facts.return_method,
        "documents": [dict(document) for document in facts.documents],
        "created_at": local(facts.created_at),
        "received_at": local(facts.received_at),
        "due": local(facts.due_at),
        "original_due": local(facts.original_due_at),
        "ended_at": local(facts.ended_at),
        "returned_at": local(facts.returned_at),
        "apologies": facts.apology_count,
        "supplement_requests": facts.supplement_count,
        "fee_paid": facts.fee_paid,
        "rating": facts.rating,
        "register": None
        if facts.register_number is None
        else {"book": facts.register_year, "number": facts.register_number},
    }


def facts_text(facts: DossierFacts) -> str:
    """A dossier as a few readable lines."""
    applicant = facts.applicant
    rows = (
        (_("Mã hồ sơ:"), facts.code),
        (_("Trạng thái:"), _(STATE_LABELS[facts.state])),
        (_("Thủ tục:"), facts.procedure_code),
        (_("Người nộp:"), f"{applicant['name']}  {applicant['id_number'] or ''}"),
        (_("Nhận lúc:"), human(facts.received_at)),
        (_("Hẹn trả:"), human(facts.due_at)),
    )
    width = max(len(label) for label, _value in rows) + 1
    lines = [f"{label:<{width}}{value}" for label, value in rows]
    lines.append(_("Giấy tờ:"))
    lines += [f"  - {d['name']} ({d['form']}) x{d['count']}" for d in facts.documents]
    return "\n".join(lines)


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON with --json, else the human ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def parse_day(text: str) -> date:
    """A day typed on the command line as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{text[:20]}: expected a date like 2026-08-22", field="day") from None
