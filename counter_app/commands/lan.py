"""``lan serve [--port P]``, ``lan status [--json]``: this counter on the centre's network."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import TYPE_CHECKING, Any

from counter_app.commands.formatting import emit, human, local
from counter_app.domain.errors import InvalidInput
from counter_app.station import Station

if TYPE_CHECKING:  # the network parts load only for these commands
    from counter_app.lan.engine import PeerPull, PeerReport
    from counter_app.lan.wire import HeldChain


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lan`` and its actions."""
    lan = sub.add_parser("lan", help="exchange with the other counters of the centre (LAN)")
    actions = lan.add_subparsers(dest="action", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help="serve and pull the centre's counters until stopped")
    serve.add_argument(
        "--port", type=int, default=None, help="port (default: the lan_port setting)"
    )
    serve.add_argument(
        "--interface",
        action="append",
        default=[],
        help="IPv4 address to announce this counter on (repeatable; default: every interface)",
    )
    serve.set_defaults(handler=_serve)
    status = actions.add_parser("status", help="the counters in reach and what each holds")
    status.add_argument("--json", action="store_true")
    status.add_argument("--no-probe", action="store_true", help="only what was last heard")
    status.set_defaults(handler=_status)


def _serve(station: Station, args: argparse.Namespace) -> int:
    if args.port is not None and not (args.port == 0 or 1024 <= args.port <= 65535):
        raise InvalidInput("--port must be 0 (any free port) or between 1024 and 65535")
    if args.port is None and station.settings()["lan_port"] == 0:
        raise InvalidInput("the exchange between counters is off (lan_port 0); give --port")
    stopped = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _signum, _frame: stopped.set())
    service = station.lan_service(port=args.port, interfaces=args.interface).start()
    identity = service.identity
    print(
        f"counter {identity.slot} ({identity.station_id}) of {identity.agency_code} serving the "
        f"centre's network on port {service.port}; Ctrl+C stops",
        flush=True,
    )
    try:
        stopped.wait()
    finally:
        service.stop()
    print("stopped", flush=True)
    return 0


def _status(station: Station, args: argparse.Namespace) -> int:
    holds, peers = station.lan_status(probe=not args.no_probe)
    emit(args, _status_json(station, holds, peers), _status_text(holds, peers))
    return 0


def _chains(chains: list[HeldChain]) -> list[dict[str, Any]]:
    return [
        {"station_id": c.station_id, "events": c.events, "last_seq": c.last_seq} for c in chains
    ]


def _status_json(
    station: Station, holds: list[HeldChain], peers: list[PeerReport]
) -> dict[str, Any]:
    identity = station.identity
    return {
        "station_id": identity.station_id if identity else None,
        "holds": _chains(holds),
        "peers": [
            {
                "station_id": p.status.station_id,
                "slot": p.status.slot,
                "address": p.status.address,
                "in_reach": p.answered or p.status.in_reach,
                "last_heard_at": local(p.status.last_heard_at),
                "received": p.status.received,
                "last_error": p.status.last_error,
                "answered": p.answered,
                "holds": _chains(p.holds),
                "error": p.error,
            }
            for p in peers
        ],
    }


def _status_text(holds: list[HeldChain], peers: list[PeerReport]) -> str:
    lines = ["this counter holds: " + _held_text(holds)]
    for peer in peers:
        status = peer.status
        reach = "in reach" if peer.answered or status.in_reach else "out of reach"
        lines.append(
            f"counter {status.slot if status.slot is not None else '?'} "
            f"{status.station_id[:8]} at {status.address or '—'}: {reach}, last heard "
            f"{human(status.last_heard_at)}, {status.received} events received from it"
        )
        if peer.answered:
            lines.append("  holds: " + _held_text(peer.holds))
        elif peer.error or status.last_error:
            lines.append(f"  {peer.error or status.last_error}")
    return "\n".join(lines)


def _held_text(chains: list[HeldChain]) -> str:
    return ", ".join(f"{c.station_id[:8]} {c.events} (seq ≤ {c.last_seq})" for c in chains) or "—"


def pulls_text(pulls: list[PeerPull]) -> str:
    """What ``sync`` took from the counters in reach, one line each."""
    lines = []
    for pull in pulls:
        who = f"counter {pull.slot if pull.slot is not None else '?'} at {pull.address}"
        if pull.error:
            lines.append(f"  {who}: {pull.error}")
            continue
        extra = f", {pull.on_hold} on hold" if pull.on_hold else ""
        extra += f", {pull.refused} refused" if pull.refused else ""
        lines.append(f"  {who}: {pull.applied} new events{extra}")
    return "\n".join(lines)
