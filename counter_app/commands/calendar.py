"""``calendar list|add|remove`` and ``settings list|set``."""

from __future__ import annotations

import argparse

from counter_app.commands.formatting import emit, parse_day
from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the calendar and settings commands."""
    calendar = sub.add_parser("calendar", help="extra days off and make-up working days")
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the days that differ from the holiday package")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    add = actions.add_parser("add", help="make a day a day off or a working day")
    add.add_argument("day", help="YYYY-MM-DD")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--off", dest="kind", action="store_const", const="day_off")
    kind.add_argument("--working", dest="kind", action="store_const", const="working_day")
    add.add_argument("--reason", required=True)
    add.set_defaults(handler=_add)
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
    rows = [
        {"day": o.day.isoformat(), "kind": o.kind.value, "reason": o.reason, "source": source}
        for o, source in station.overrides()
    ]
    lines = [f"{r['day']}  {r['kind']:<12} {r['reason']}  ({r['source']})" for r in rows]
    emit(args, rows, "\n".join(lines))
    return 0


def _add(station: Station, args: argparse.Namespace) -> int:
    override = station.set_override(day=parse_day(args.day), kind=args.kind, reason=args.reason)
    print(f"{override.day.isoformat()}: {override.kind.value}")
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
