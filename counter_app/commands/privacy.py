"""``access-log``, ``subject-export``, ``retention``: a citizen's data and who saw it."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.commands.formatting import emit, local, parse_day
from counter_app.domain.access import KIND_LABELS, QUERY_LABELS, Via
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.station import Station

if TYPE_CHECKING:
    from counter_app.privacy import RetentionPlan
    from counter_app.services.access_types import AccessView


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the personal-data commands."""
    log = sub.add_parser(
        "access-log", help="who saw a dossier (CODE), or what a clerk saw (--user, --from, --to)"
    )
    log.add_argument("code", nargs="?", help="a dossier code")
    log.add_argument("--user", help="one clerk's login name (default: everyone)")
    log.add_argument("--from", dest="period_from", help="first day, e.g. 2026-03-01")
    log.add_argument("--to", dest="period_to", help="last day (default: today)")
    log.add_argument("--json", action="store_true")
    log.set_defaults(handler=_access_log)

    export = sub.add_parser(
        "subject-export", help="everything held about one person (by ID number) in a JSON file"
    )
    export.add_argument("id_number")
    export.add_argument("-o", "--output", type=Path, required=True)
    export.set_defaults(handler=_subject_export)

    kept = sub.add_parser("retention", help="personal fields past their retention period")
    actions = kept.add_subparsers(dest="action", metavar="ACTION", required=True)
    due = actions.add_parser(
        "due", help="closed dossiers whose personal fields are due for erasure"
    )
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=_retention_due)
    erase = actions.add_parser("erase", help="erase them, under the leader's decision")
    erase.add_argument("--decision", required=True, help='e.g. "Quyết định số 12/QĐ-UBND"')
    erase.add_argument("--json", action="store_true")
    erase.set_defaults(handler=_retention_erase)


def _access_log(station: Station, args: argparse.Namespace) -> int:
    if args.code:
        views = station.privacy.views_of(args.code)
    elif args.period_from:
        last = parse_day(args.period_to) if args.period_to else datetime.now(VN_TZ).date()
        views = station.privacy.views_by(args.user, parse_day(args.period_from), last)
    else:
        raise InvalidInput("access-log needs a dossier code, or --from (and --user, --to)")
    rows = [_row(view) for view in views]
    lines = [
        f"{row['at']}  {row['actor']}  {row['station']}  {row['what']}  {' '.join(row['codes'])}"
        for row in rows
    ]
    emit(args, rows, "\n".join(lines) or _("Chưa có lượt xem nào."))
    return 0


def _row(view: AccessView) -> dict[str, Any]:
    what = _(KIND_LABELS.get(view.kind, view.kind))
    query = view.detail.get("query")
    if isinstance(query, str) and query in QUERY_LABELS:
        what = f"{what} {_(QUERY_LABELS[query])}"
    return {
        "at": local(view.at),
        "actor": view.actor,
        "actor_name": view.actor_name,
        "station": view.station,
        "kind": view.kind,
        "via": view.via,
        "what": what,
        "detail": dict(view.detail),
        "codes": list(view.codes),
        "dossiers": view.dossier_count,
    }


def _subject_export(station: Station, args: argparse.Namespace) -> int:
    count = station.privacy.subject_export(
        args.id_number, args.output, actor=args.actor, via=Via.CLI
    )
    print(f"{count} dossiers written to {args.output}")
    return 0


def _retention_due(station: Station, args: argparse.Namespace) -> int:
    plan = station.privacy.retention_due()
    emit(args, _plan_json(plan), _plan_text(plan, done=False))
    return 0


def _retention_erase(station: Station, args: argparse.Namespace) -> int:
    plan = station.privacy.erase_due(actor=args.actor, decision=args.decision)
    emit(args, _plan_json(plan), _plan_text(plan, done=True))
    return 0


def _plan_json(plan: RetentionPlan) -> dict[str, Any]:
    return {
        "dossiers": [
            {"code": d.code, "field": d.field, "years": d.years, "closed_at": local(d.closed_at)}
            for d in plan.dossiers
        ],
        "scans": plan.scans,
    }


def _plan_text(plan: RetentionPlan, *, done: bool) -> str:
    lines = [
        f"{d.code}  {d.field}  {d.years} years  closed {local(d.closed_at)}" for d in plan.dossiers
    ]
    verb = "erased" if done else "due for erasure"
    lines.append(f"{len(plan.dossiers)} dossiers {verb}; {plan.scans} kept card texts "
                 + ("removed" if done else "to remove"))  # fmt: skip
    return "\n".join(lines)
