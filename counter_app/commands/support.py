"""``self-check`` and ``diagnostics FILE.zip``: for whoever installs and looks after Counter."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the support commands."""
    check = sub.add_parser(
        "self-check", help="check the installation (files, migrations, worker processes)"
    )
    check.set_defaults(handler=_self_check)
    bundle = sub.add_parser(
        "diagnostics", help="write a diagnostics zip (logs, versions, settings; no citizen data)"
    )
    bundle.add_argument("file", type=Path)
    bundle.set_defaults(handler=_diagnostics)


def _self_check(station: Station, _args: argparse.Namespace) -> int:
    from counter_app.services.self_check import run_checks

    checks = run_checks(station)
    for check in checks:
        print(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}")
    return 0 if all(check.ok for check in checks) else 1


def _diagnostics(station: Station, args: argparse.Namespace) -> int:
    from counter_app.services.diagnostics import write_bundle

    print(f"diagnostics written to {write_bundle(station, args.file)}")
    return 0
