"""``events verify``, ``backup``, ``restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.commands.formatting import emit
from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the administration commands."""
    events = sub.add_parser("events", help="the event log")
    actions = events.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="recompute hash chains and the projection from events"
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_verify)

    backup = sub.add_parser("backup", help="write a consistent copy of the store")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=_backup)

    restore = sub.add_parser("restore", help="replace the store with a backup of this station")
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--recovery-key",
        help="on a new PC: the old station's recovery key, which opens its backup",
    )
    restore.set_defaults(handler=_restore, opens_store=False, shows_recovery=True)


def _verify(station: Station, args: argparse.Namespace) -> int:
    report = station.verify()
    problems = [f"chain {b.station_id} seq {b.seq}: {b.reason}" for b in report.chain_breaks]
    problems += report.mismatches
    problems += [
        f"access chain {b.station_id} seq {b.seq}: {b.reason}" for b in report.access_breaks
    ]
    data = {
        "ok": report.ok,
        "events": report.events,
        "dossiers": report.dossiers,
        "access_entries": report.access_entries,
        "problems": problems,
        "unlawful_pauses": report.unlawful_pauses,
    }
    summary = (
        f"{report.events} events, {report.dossiers} dossiers, "
        f"{report.access_entries} access-log entries: " + ("OK" if report.ok else "MISMATCH")
    )
    notes = [f"note: {line}" for line in report.unlawful_pauses]
    emit(args, data, "\n".join([summary, *problems, *notes]))
    return 0 if report.ok else 1


def _backup(station: Station, args: argparse.Namespace) -> int:
    target = station.backup(args.file)
    print(f"backup written to {target}")
    return 0


def _restore(station: Station, args: argparse.Namespace) -> int:
    aside = station.restore(args.file, recovery_key=args.recovery_key)
    kept = f"; the previous store was kept at {aside}" if aside is not None else ""
    print(f"restored from {args.file}{kept}")
    return 0
