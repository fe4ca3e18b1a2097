"""``receive``, ``refuse``, ``dossier show``, ``search``, ``due-date``, ``transition``."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.commands.formatting import emit, facts_json, facts_text, human, local
from counter_app.domain.access import Via
from counter_app.domain.calendar import VN_TZ, ProcessingTime, TimeUnit
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType
from counter_app.i18n import _
from counter_app.station import Station

if TYPE_CHECKING:
    from counter_app.domain.checklist import HandedDocument
    from counter_app.services.reception_types import Receipt

MAX_INPUT_BYTES = 5_000_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the dossier commands."""
    receive = sub.add_parser("receive", help="receive one dossier (or a list) from a JSON file")
    receive.add_argument("file", type=Path)
    receive.add_argument("--json", action="store_true")
    receive.add_argument(
        "--digitised",
        action="store_true",
        help='the papers were scanned at the counter (unless a dossier says "digitised": false)',
    )
    receive.set_defaults(handler=_receive)

    refuse = sub.add_parser(
        "refuse", help="refuse one dossier (or a list) from a JSON file, with the reasons (form 03)"
    )
    refuse.add_argument("file", type=Path, help="the same input as receive")
    refuse.add_argument("--reason", required=True, help="why it is refused (printed on form 03)")
    refuse.add_argument("--json", action="store_true")
    refuse.set_defaults(handler=_refuse)

    dossier = sub.add_parser("dossier", help="look at one dossier")
    actions = dossier.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="all facts of a dossier")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    search = sub.add_parser("search", help="find dossiers by code, ID number, phone or name")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=_search)

    due = sub.add_parser("due-date", help="compute an appointment date")
    due.add_argument(
        "--received", required=True, help="e.g. 2026-02-13T10:00 (Vietnam time if no offset)"
    )
    group = due.add_mutually_exclusive_group(required=True)
    group.add_argument("--days", type=int, help="processing time (see --unit)")
    group.add_argument("--procedure", help="take the time limit from this procedure")
    due.add_argument(
        "--unit", choices=[u.value for u in TimeUnit], default=TimeUnit.WORKING_DAYS.value
    )
    due.add_argument("--cutoff", action="store_true", help="apply the 15:00 same-day cut-off")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=_due)

    step = sub.add_parser("transition", help="record a lifecycle step on a dossier")
    step.add_argument("code")
    step.add_argument("event", choices=[e.value for e in EventType if e not in _NOT_STEPS])
    step.add_argument("--reason")
    step.add_argument("--to", help="department the dossier goes to (transferred)")
    step.add_argument(
        "--kind",
        help="pause ground (required for paused; one the procedure's catalogue entry allows): "
        "financial_obligation, verification, appraisal, consultation, public_posting",
    )
    step.add_argument("--new-due", help="new appointment (apologised), e.g. 2026-03-02T16:00")
    step.add_argument("--result")
    step.add_argument("--fee", type=int, help="fee paid in đồng (returned)")
    step.add_argument("--rating", choices=["very_satisfied", "satisfied", "dissatisfied"])
    step.add_argument("--method", choices=["counter", "post"])
    step.add_argument("--receiver-name")
    step.add_argument("--receiver-id")
    step.add_argument("--missing", nargs="*", default=[], help="catalogue keys to ask for")
    step.add_argument("--document", action="append", default=[], metavar="KEY:FORM:COUNT")
    step.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="corrected")
    step.add_argument("--json", action="store_true")
    step.set_defaults(handler=_transition)


_NOT_STEPS = {EventType.RECEIVED, EventType.REFUSED, EventType.PRINTED, EventType.ERASED}


def _receive(station: Station, args: argparse.Namespace) -> int:
    data = _read_json(args.file)
    from counter_app.services.intake_json import parse_requests  # not at start-up

    requests = parse_requests(data, ctx=station.context())
    if args.digitised:
        requests = [r if r.digitised is not None else replace(r, digitised=True) for r in requests]
    receipts = station.receive_many(requests, actor=args.actor)
    payload = [_receipt_json(receipt) for receipt in receipts]
    emit(
        args,
        payload[0] if not isinstance(data, list) else payload,
        "\n".join(map(_receipt_text, receipts)),
    )
    return 0


def _refuse(station: Station, args: argparse.Namespace) -> int:
    data = _read_json(args.file)
    from counter_app.services.intake_json import parse_requests  # not at start-up

    requests = parse_requests(data, ctx=station.context())
    receipts = station.refuse_many(requests, reasons=args.reason, actor=args.actor)
    payload = [{"code": r.code, "number": r.number, "state": r.state.value} for r in receipts]
    lines = [
        _("{code}  TỪ CHỐI TIẾP NHẬN — phiếu số {number}").format(code=r.code, number=r.number)
        for r in receipts
    ]
    emit(args, payload[0] if not isinstance(data, list) else payload, "\n".join(lines))
    return 0


def _read_json(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InvalidInput(f"{path}: file larger than {MAX_INPUT_BYTES} bytes")
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{path}: invalid JSON at line {error.lineno}, column {error.colno}"
        ) from None


def _receipt_json(receipt: Receipt) -> dict[str, Any]:
    return {
        "code": receipt.code,
        "due": local(receipt.due_at),
        "accepted": receipt.accepted,
        "state": receipt.state.value,
        "number": receipt.number,
        "missing": [
            {
                "key": s.document.key,
                "name": s.document.name,
                "form": s.document.form.value,
                "count": s.missing_count,
            }
            for s in receipt.missing
        ],
    }


def _receipt_text(receipt: Receipt) -> str:
    if receipt.accepted:
        return _("{code}  hẹn trả {due}").format(code=receipt.code, due=human(receipt.due_at))
    lines = [_("{code}  CHƯA ĐỦ HỒ SƠ — đã lập phiếu yêu cầu bổ sung:").format(code=receipt.code)]
    lines += [
        f"  - {s.document.name}: {s.missing_count} {s.document.form.value}" for s in receipt.missing
    ]
    return "\n".join(lines)


def _show(station: Station, args: argparse.Namespace) -> int:
    facts = station.privacy.open_dossier(args.code, actor=args.actor, via=Via.CLI).facts
    emit(args, facts_json(facts), facts_text(facts))
    return 0


def _search(station: Station, args: argparse.Namespace) -> int:
    limit = max(1, min(args.limit, 500))
    found = station.privacy.search(args.text, actor=args.actor, via=Via.CLI, limit=limit)
    data = [
        {
            "code": s.code,
            "name": s.applicant_name,
            "id_number": s.id_number,
            "phone": s.phone,
            "procedure": s.procedure_code,
            "state": s.state,
            "received_at": local(s.received_at),
            "due": local(s.due_at),
        }
        for s in found
    ]
    lines = [f"{d['code']}  {d['name']}  {d['procedure']}  {d['state']}" for d in data]
    emit(args, data, "\n".join(lines) or _("(không tìm thấy)"))
    return 0


def parse_moment(text: str, field: str) -> datetime:
    """An ISO moment typed on the command line; Vietnam time when it has no offset."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{field}: expected a date and time like 2026-02-13T10:00", field=field
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=VN_TZ)


def _due(station: Station, args: argparse.Namespace) -> int:
    received = parse_moment(args.received, "received")
    if args.procedure:
        due = station.preview_due(args.procedure, received)
    else:
        limit = ProcessingTime(args.days, TimeUnit(args.unit), args.cutoff)
        due = station.calendar().due_at(received, limit)
    emit(args, {"due": local(due)}, human(due))
    return 0


def _transition(station: Station, args: argparse.Namespace) -> int:
    from counter_app.services.step_types import StepInput  # not while the parser is built

    data = StepInput(
        reason=args.reason,
        to=args.to,
        kind=args.kind,
        new_due_at=None if args.new_due is None else parse_moment(args.new_due, "new_due"),
        result=args.result,
        fee_paid=args.fee,
        rating=args.rating,
        method=args.method,
        receiver_name=args.receiver_name,
        receiver_id_number=args.receiver_id,
        documents=[_handed(text) for text in args.document],
        missing_keys=args.missing,
        changes=dict(_assignment(text) for text in args.set),
    )
    facts = station.step(args.code, EventType(args.event), data, actor=args.actor)
    emit(args, facts_json(facts), facts_text(facts))
    return 0


def _handed(text: str) -> HandedDocument:
    parts = text.split(":")
    if len(parts) != 3 or not parts[2].isdigit():
        raise InvalidInput(f"--document {text[:40]}: expected KEY:FORM:COUNT", field="documents")
    from counter_app.domain.catalogue import parse_form  # not while the parser is built
    from counter_app.domain.checklist import HandedDocument

    return HandedDocument(parts[0], parts[0], parse_form(parts[1]), int(parts[2]))


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise InvalidInput(f"--set {text[:40]}: expected FIELD=VALUE", field="changes")
    return name, value
