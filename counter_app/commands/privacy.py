"""``access-log``: who saw a dossier, or what a clerk saw in a period."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from counter_app.commands.formatting import emit, local, parse_day
from counter_app.domain.access import KIND_LABELS, QUERY_LABELS
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.station import Station

if TYPE_CHECKING:
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
