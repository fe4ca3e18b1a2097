"""``calendar list|add|remove|confirm`` and ``settings list|set``."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from counter_app.commands.formatting import emit, parse_day
from counter_app.station import Station

SOURCE_TEXT = {
    "decision": "official decision shipped with Counter",
    "labour_code": "Labour Code art. 112, placed by the holidays package (provisional year)",
    "published": "published by the server",
    "local": "set by this station's administrator",
    "not_applied": "named by the holidays package, not confirmed by any decision: still worked",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the calendar and settings commands."""
    calendar = sub.add_parser("calendar", help="extra days off and make-up working days")
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every day off and worked day, with its source")
    listing.add_argument(
        "--year", type=int, action="append", help="a year (repeatable; default this and next)"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    add = actions.add_parser("add", help="make a day a day off or a working day")
    add.add_argument("day", help="YYYY-MM-DD")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--off", dest="kind", action="store_const", const="day_off")
    kind.add_argument("--working", dest="kind", action="store_const", const="working_day")
    add.add_argument("--reason", required=True)
    add.add_argument("--document", help="the decision it follows (number and date)")
    add.set_defaults(handler=_add)
    confirm = actions.add_parser("confirm", help="confirm a year that has no shipped decision")
    confirm.add_argument("year", type=int)
    confirm.add_argument("--note", default="")
    confirm.set_defaults(handler=_confirm)
    remove = actions.add_parser("remove", help="drop a day's override")
    remove.add_argument("day", help="YYYY-MM-DD")
    remove.set_defaults(handler=_remove)

    settings = sub.add_parser("settings", help="station settings (working hours, cut-off, …)")
    setting_actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = setting_actions.add_parser("list", help="every setting and its value")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_settings)
    change = setting_actions.add_parser("set", help="change one setting (value as JSON)")
    change.add_argument("key")
    change.add_argument("value")
    change.set_defaults(handler=_set)


def _list(station: Station, args: argparse.Namespace) -> int:
    from counter_app.domain.calendar import VN_TZ

    this_year = datetime.now(VN_TZ).year
    years = sorted(set(args.year or [this_year, this_year + 1]))
    calendar, confirmed = station.calendar(), station.calendar_years()
    result = [_year(calendar, year, confirmed.get(year)) for year in years]
    emit(args, {"years": result}, "\n\n".join(_year_text(item) for item in result))
    return 0


def _year(calendar: Any, year: int, confirmed_by: str | None) -> dict[str, Any]:
    days = [
        {
            "day": entry.day.isoformat(),
            "kind": "working_day" if entry.working else "day_off",
            "name": entry.name,
            "source": entry.source.value,
            "document": entry.document,
        }
        for entry in calendar.entries(year)
    ]
    provisional = calendar.is_provisional(year)
    return {
        "year": year,
        "provisional": provisional and confirmed_by is None,
        "official_decision": not provisional,
        "confirmed_by": confirmed_by,
        "days": days,
    }


def _year_text(item: dict[str, Any]) -> str:
    if item["official_decision"]:
        status = "official decision shipped"
    elif item["confirmed_by"]:
        status = f"no shipped decision; confirmed ({item['confirmed_by']})"
    else:
        status = "PROVISIONAL: no official decision yet, Labour Code days only"
    lines = [f"{item['year']}: {status}"]
    for day in item["days"]:
        document = f" — {day['document']}" if day["document"] else ""
        lines.append(
            f"  {day['day']}  {day['kind']:<11}  {day['name']}  "
            f"[{SOURCE_TEXT[day['source']]}{document}]"
        )
    return "\n".join(lines)


def _add(station: Station, args: argparse.Namespace) -> int:
    override = station.set_override(
        day=parse_day(args.day), kind=args.kind, reason=args.reason, document=args.document
    )
    print(f"{override.day.isoformat()}: {override.kind.value}")
    return 0


def _confirm(station: Station, args: argparse.Namespace) -> int:
    station.confirm_calendar_year(args.year, args.note)
    print(f"{args.year}: confirmed")
    return 0


def _remove(station: Station, args: argparse.Namespace) -> int:
    station.remove_override(parse_day(args.day))
    print(f"{args.day}: removed")
    return 0


def _settings(station: Station, args: argparse.Namespace) -> int:
    values = station.settings()
    emit(args, values, "\n".join(f"{key} = {value!r}" for key, value in values.items()))
    return 0


def _set(station: Station, args: argparse.Namespace) -> int:
    value = station.set_setting(args.key, args.value)
    print(f"{args.key} = {value!r}")
    return 0
