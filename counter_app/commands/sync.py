"""``enrol URL CODE``, ``sync``, ``sync status``, ``sync export FILE``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.commands.formatting import emit, human, local
from counter_app.domain.access import AccessKind, Via
from counter_app.station import Station
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import CLIENT_TOO_OLD

if TYPE_CHECKING:  # the HTTP client loads only for the commands that talk to the server
    from counter_app.services.sync_report import Reconciliation
    from counter_app.sync.round import RoundReport


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``enrol`` and ``sync`` with its actions."""
    enrol = sub.add_parser("enrol", help="enrol this station with the central server")
    enrol.add_argument("url", help="the server, e.g. https://dongbo.thanhhoa.gov.vn")
    enrol.add_argument("code", help="the one-time code the administrator gave")
    enrol.add_argument("--ca-bundle", default="", help="the server's own CA certificate (PEM)")
    enrol.set_defaults(handler=_enrol)

    sync = sub.add_parser("sync", help="one sync round with the server; or status / export")
    sync.set_defaults(handler=_round)
    actions = sync.add_subparsers(dest="action", metavar="ACTION")
    status = actions.add_parser("status", help="reconciliation: today per counter, what waits")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    export = actions.add_parser("export", help="seal every unacknowledged event into FILE")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=_export)


def _enrol(station: Station, args: argparse.Namespace) -> int:
    try:
        done = station.enrol(args.url, args.code, ca_bundle=args.ca_bundle)
    except SyncError as error:
        return _failed(error)
    print(f"enrolled with {done.server_url}: agency {done.agency_code}, slot {done.slot}")
    return 0


def _round(station: Station, args: argparse.Namespace) -> int:
    try:
        report = station.sync_once()
    except SyncError as error:
        if error.kind is not ErrorKind.RETRY:
            return _failed(error)
        return _from_peers(station, error)
    print("used: the server")
    print(_round_text(report))
    return 0


def _from_peers(station: Station, error: SyncError) -> int:
    """The server is out of reach: take what the counters of the centre hold instead."""
    from counter_app.commands.lan import pulls_text

    pulls = station.lan_pull()
    reached = [pull for pull in pulls if pull.error is None]
    if not reached:
        return _failed(error)
    print(f"the server is out of reach ({error.detail}); the events wait and go on the next try")
    print(f"used: {len(reached)} counter(s) of the centre")
    print(pulls_text(pulls))
    return 0


def _failed(error: SyncError) -> int:
    if error.kind is ErrorKind.CREDENTIALS:
        advice = "the server refused this station's token: enrol again (counter-app enrol URL CODE)"
    elif error.code == CLIENT_TOO_OLD:
        advice = f"this Counter is too old for the server: install {error.minimum_version} or newer"
    elif error.kind is ErrorKind.RETRY:
        advice = "offline: the server could not be reached; the events wait and go on the next try"
    else:
        advice = "the server refused the request"
    print(f"error: {advice} ({error.detail})", file=sys.stderr)
    return 1


def _round_text(report: RoundReport) -> str:
    parts = [
        f"pushed {report.pushed} (server holds through seq {report.held_through_seq})",
        f"pulled {report.pulled}",
        f"publications {report.publications}",
    ]
    if report.on_hold:
        parts.append(f"{report.on_hold} on hold")
    if report.set_aside:
        parts.append(f"{report.set_aside} set aside")
    if report.restored or report.rechained:
        parts.append(f"taken back {report.restored}, re-chained {report.rechained}")
    parts.append(f"clock offset {report.clock_offset_ms / 1000:+.1f} s")
    return "sync done: " + ", ".join(parts)


def _status(station: Station, args: argparse.Namespace) -> int:
    report = station.sync_reconciliation()
    emit(args, _status_json(report), _status_text(report))
    return 0


def _status_json(report: Reconciliation) -> dict[str, Any]:
    status = report.status
    return {
        "server_url": report.server_url,
        "online": status.online,
        "waiting": status.waiting,
        "acked_seq": report.acked_seq,
        "last_seq": report.last_seq,
        "oldest_waiting_at": local(report.oldest_waiting_at),
        "last_success_at": local(status.last_success_at),
        "last_error": status.last_error,
        "last_error_class": status.last_error_class,
        "clock_offset_seconds": None
        if status.clock_offset is None
        else status.clock_offset.total_seconds(),
        "clock_skew_warning": status.skew_warning,
        "days_since_contact": report.days_since_contact,
        "contact_warning": report.contact_warning,
        "counters": [asdict(counter) for counter in report.counters],
        "set_aside": [{"event_id": i, "seq": s, "reason": r} for i, s, r in report.set_aside],
        "conflicts": [{"code": c, "event_id": i, "reason": r} for c, i, r in report.conflicts],
        "on_hold": report.on_hold,
        "outbox": [
            {
                "seq": item.seq,
                "event_id": item.event_id,
                "type": item.type,
                "at": local(item.wall_clock),
                "state": item.state,
                "reason": item.reason,
            }
            for item in report.outbox
        ],
    }


def _status_text(report: Reconciliation) -> str:
    status = report.status
    lines = [
        f"server: {report.server_url or '(not enrolled)'} — "
        + ("online" if status.online else "offline"),
        f"waiting to go up: {status.waiting} (oldest {human(report.oldest_waiting_at)})",
        f"last successful sync: {human(status.last_success_at)}",
    ]
    if report.contact_warning:
        days = "never" if report.days_since_contact is None else f"{report.days_since_contact} days"
        lines.append(f"WARNING: no successful contact with the server for {days}")
    if status.skew_warning and status.clock_offset is not None:
        lines.append(f"WARNING: this PC's clock is off by {status.clock_offset}")
    lines.append("counter                                received returned events acked")
    lines += [
        f"{c.name[:36]:38} {c.received:8} {c.returned:8} {c.events_today:6} "
        f"{c.acknowledged_today:5}"
        for c in report.counters
    ]
    lines += [
        f"set aside: seq {seq} ({event_id}): {reason}" for event_id, seq, reason in report.set_aside
    ]
    lines += [
        f"conflict: {code} event {event_id}: {reason}"
        for code, event_id, reason in report.conflicts
    ]
    lines += [
        f"  seq {item.seq} {item.type} {human(item.wall_clock)}: {item.state}"
        + (f" — last failure: {item.reason}" if item.reason else "")
        for item in report.outbox
    ]
    if report.on_hold:
        lines.append(f"on hold (waiting for the catalogue): {report.on_hold} events")
    return "\n".join(lines)


def _export(station: Station, args: argparse.Namespace) -> int:
    count = station.sync_export(args.file)
    # the file carries every waiting event's applicant data out of the station: on the log
    station.privacy.record(
        AccessKind.EXPORT, actor=args.actor, via=Via.CLI, detail={"events": count}
    )
    print(f"{count} events sealed into {args.file}; carry it to the province for import")
    return 0
