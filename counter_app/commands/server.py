"""``server [--host --port --database-url]`` and its actions: stations, credentials, publishing.

The server lives in ``counter_server`` (the ``server`` extra); it is imported only when one of
these commands runs, so a station without the extra starts as before.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

from counter_app.domain.errors import InvalidInput
from counter_app.station import Station

Handler = Callable[[Station | None, argparse.Namespace], int]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``server`` and its actions."""
    parser = sub.add_parser("server", help="run the central server, or enrol/revoke stations")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--database-url", default="", help="default: an SQLite file")
    _serving_options(parser)
    parser.set_defaults(handler=_serve, needs_station=False)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    enrol = actions.add_parser("enrol", help="print a one-time code for a new station")
    enrol.add_argument("agency_code")
    enrol.add_argument("agency_name")
    enrol.add_argument("slot", type=int)
    enrol.add_argument("--parent", help="the province agency code above this agency")
    enrol.set_defaults(handler=_enrol, needs_station=False)
    revoke = actions.add_parser("revoke", help="refuse a station's token from now on")
    revoke.add_argument("station_id")
    revoke.set_defaults(handler=_revoke, needs_station=False)
    rekey = actions.add_parser("rekey", help="print a one-time code giving a station a new token")
    rekey.add_argument("station_id")
    rekey.set_defaults(handler=_call("rekey", "station_id"))
    _register_more(actions)


def _serving_options(parser: argparse.ArgumentParser) -> None:
    """How the server runs: processes, database connections, TLS, timeouts, logging."""
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="worker processes (default: 1 on SQLite, 2–4 on PostgreSQL)",
    )
    parser.add_argument(
        "--db-connections",
        type=int,
        default=32,
        help="database connections of all workers together",
    )
    parser.add_argument("--certfile", default="", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--keyfile", default="", help="… and this private key (PEM)")
    parser.add_argument(
        "--read-timeout", type=float, default=20.0, help="seconds for a request's head to arrive"
    )
    parser.add_argument(
        "--log-level", default="info", choices=("critical", "error", "warning", "info", "debug")
    )


def _register_more(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Back-office and admin credentials, the agency tree, publications and imports."""
    officer = actions.add_parser("officer", help="print a back-office token for an agency")
    officer.add_argument("agency_code")
    officer.add_argument("name")
    officer.set_defaults(handler=_call("officer", "agency_code", "name"))
    revoke = actions.add_parser("revoke-officer", help="refuse a back-office token")
    revoke.add_argument("officer_id")
    revoke.set_defaults(handler=_call("revoke_officer", "officer_id", found=True))
    admin = actions.add_parser("admin-token", help="print an administrator token")
    admin.add_argument("--label", default="admin")
    admin.set_defaults(handler=_call("admin_token", "label"))
    unadmin = actions.add_parser("revoke-admin", help="refuse the admin tokens with a label")
    unadmin.add_argument("label")
    unadmin.set_defaults(handler=_call("revoke_admin", "label", found=True))
    parent = actions.add_parser("parent", help="place an agency under the province")
    parent.add_argument("agency_code")
    parent.add_argument("parent", nargs="?", help="omit to put the agency at the top")
    parent.set_defaults(handler=_call("set_parent", "agency_code", "parent"))
    centre = actions.add_parser(
        "agency", help="show, or set, the centre's name, address and phone on the lookup page"
    )
    centre.add_argument("agency_code")
    centre.add_argument("--name", help="the centre's name as citizens know it")
    centre.add_argument("--address", help="its address ('' clears it)")
    centre.add_argument("--phone", help="its phone ('' clears it)")
    centre.set_defaults(handler=_call("agency", "agency_code", "name", "address", "phone"))
    lookups = actions.add_parser(
        "lookups", help="the public lookup page's tallies: totals and the callers that missed most"
    )
    lookups.add_argument("--hours", type=int, default=24, help="the period to report (24)")
    lookups.add_argument(
        "--prune-days", type=int, help="first delete the tallies older than this many days"
    )
    lookups.set_defaults(handler=_call("lookups", "hours", "prune_days"))
    publish = actions.add_parser(
        "publish-catalogue",
        help="publish a catalogue JSON, or a province's decision (DOCX/XLSX), to every station",
    )
    publish.add_argument("file", type=Path)
    publish.add_argument("--decision", default="", help="its number, if the file lacks it")
    publish.add_argument("--effective", type=date.fromisoformat, help="its effective day")
    publish.set_defaults(handler=_call("publish_catalogue", "file", "decision", "effective"))
    for name, function, text in (
        ("publish-calendar", "publish_calendar", "publish calendar days to every station"),
        ("import", "import_file", "import a file carried by hand from a station"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("file", type=Path)
        action.set_defaults(handler=_call(function, "file"))
    release = actions.add_parser(
        "publish-release", help="announce a new Counter version to every station"
    )
    release.add_argument("version", help="e.g. 0.2.0")
    release.add_argument(
        "--required-from", help="YYYY-MM-DD: from this day older stations are refused"
    )
    release.add_argument("--note", default="", help="a sentence shown with the announcement")
    release.set_defaults(handler=_call("publish_release", "version", "required_from", "note"))
    _register_quarantine(actions)
    for action in actions.choices.values():
        action.set_defaults(needs_station=False)


def _register_quarantine(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Links held in a chain but not applied: list them, record a review."""
    listing = actions.add_parser("quarantine", help="list links held but not applied")
    listing.add_argument("--agency", help="one agency code only")
    listing.add_argument("--state", choices=("open", "reviewed", "all"), default="open")
    listing.set_defaults(handler=_call("list_quarantine", "agency", "state"))
    review = actions.add_parser("review", help="record what was done about a quarantined link")
    review.add_argument("event_id")
    review.add_argument("note", help="what was done (the station told, the step recorded again…)")
    review.add_argument("--by", default=getpass.getuser(), help="who reviewed (default: you)")
    review.set_defaults(handler=_call("review_quarantined", "event_id", "note", "by"))


def _call(function: str, *names: str, found: bool = False) -> Handler:
    """A handler calling ``counter_server.cli.<function>(database_url, *args)``."""

    def handler(_station: Station | None, args: argparse.Namespace) -> int:
        result = getattr(_server_cli(), function)(
            args.database_url, *(getattr(args, name) for name in names)
        )
        return 1 if found and not result else 0

    return handler


def _server_cli() -> ModuleType:
    try:
        return importlib.import_module("counter_server.cli")
    except ImportError as error:
        raise InvalidInput(
            f"the central server is not installed ({error.name}): pip install -e '.[server]'"
        ) from None


def _serve(_station: Station | None, args: argparse.Namespace) -> int:
    cli = _server_cli()
    settings = importlib.import_module("counter_server.settings").ServerSettings(
        args.database_url or cli.default_database_url(),
        workers=args.workers,
        db_connections=args.db_connections,
        read_timeout=args.read_timeout,
    )
    cli.serve(
        args.host,
        args.port,
        settings,
        certfile=args.certfile,
        keyfile=args.keyfile,
        log_level=args.log_level,
    )
    return 0


def _enrol(_station: Station | None, args: argparse.Namespace) -> int:
    _server_cli().enrol(
        args.database_url, args.agency_code, args.agency_name, args.slot, args.parent
    )
    return 0


def _revoke(_station: Station | None, args: argparse.Namespace) -> int:
    found = _server_cli().revoke(args.database_url, args.station_id)
    return 0 if found else 1
