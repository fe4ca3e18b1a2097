"""``server [--host --port --database-url]``, ``server enrol``, ``server revoke``.

The server lives in ``counter_server`` (the ``server`` extra); it is imported only when one of
these commands runs, so a station without the extra starts as before.
"""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType

from counter_app.domain.errors import InvalidInput
from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``server`` and its actions."""
    parser = sub.add_parser("server", help="run the central server, or enrol/revoke stations")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--database-url", default="", help="default: an SQLite file")
    parser.set_defaults(handler=_serve, needs_station=False)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    enrol = actions.add_parser("enrol", help="print a one-time code for a new station")
    enrol.add_argument("agency_code")
    enrol.add_argument("agency_name")
    enrol.add_argument("slot", type=int)
    enrol.set_defaults(handler=_enrol, needs_station=False)
    revoke = actions.add_parser("revoke", help="refuse a station's token from now on")
    revoke.add_argument("station_id")
    revoke.set_defaults(handler=_revoke, needs_station=False)


def _server_cli() -> ModuleType:
    try:
        return importlib.import_module("counter_server.cli")
    except ImportError as error:
        raise InvalidInput(
            f"the central server is not installed ({error.name}): pip install -e '.[server]'"
        ) from None


def _serve(_station: Station | None, args: argparse.Namespace) -> int:
    _server_cli().serve(args.host, args.port, args.database_url)
    return 0


def _enrol(_station: Station | None, args: argparse.Namespace) -> int:
    _server_cli().enrol(args.database_url, args.agency_code, args.agency_name, args.slot)
    return 0


def _revoke(_station: Station | None, args: argparse.Namespace) -> int:
    found = _server_cli().revoke(args.database_url, args.station_id)
    return 0 if found else 1
