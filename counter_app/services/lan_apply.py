"""Applying a page of events another counter of the centre handed on.

The same application as a pull from the server (``sync_apply.apply_pulled``: idempotent by
event id, the fold, the HLC observed, events on hold), after the checks the server makes on a
push and a station cannot assume of a peer: the event's own hash, its place in its author's
chain as held here (``chain_checks``), and the agency. An event that fails is refused: not
stored, recorded with the peer and the reason, and the peer's cursor goes past it, so the rest
of the page still arrives. The clock window is judged around this counter's best estimate of the
server's clock (its own plus the offset measured at its last contact), never the peer's.
All in the caller's transaction, with the peer's cursor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from counter_app.domain.codes import CODE_RE
from counter_app.i18n import _
from counter_app.services import lan_store, sync_apply
from counter_app.services.chain_checks import chain_clash, held_hash
from counter_app.sync.protocol import PulledEvent
from counter_app.sync.signing import event_signed


@dataclass
class PeerPage:
    """What applying one page from a peer did."""

    applied: int = 0
    already_held: int = 0
    on_hold: int = 0
    refused: int = 0


def apply_from_peer(
    db: Connection,
    events: Sequence[PulledEvent],
    *,
    peer: str,
    own_id: str,
    agency_code: str,
    signatures: Mapping[str, str],
    keys: Mapping[str, str],
    now: datetime,
    reference: datetime,
) -> PeerPage:
    """Check and apply ``events`` from ``peer``; record where each came from (with the
    author's signature when the peer wrote it and signed it)."""
    page, kept, signed = PeerPage(), [], {}
    for event in events:
        if event.station_id == own_id:  # its own chain comes back from the server only
            continue
        if held_hash(db, event.id) == event.hash:
            page.already_held += 1
            kept.append(event.id)
        elif (reason := _refusal(db, event, agency_code)) is not None:
            lan_store.refused(db, event.to_record(), peer=peer, reason=reason, now=now)
            page.refused += 1
            continue
        else:
            done = sync_apply.apply_pulled(
                db,
                [event],
                agency_code=agency_code,
                now=now,
                server_time=reference,
                chain_checked=True,  # just now, by _refusal
            )
            page.applied += done.applied
            page.on_hold += done.on_hold
            if done.applied:
                kept.append(event.id)
        signature = signatures.get(event.id)
        if event.station_id == peer and signature and _signed(keys, event, signature):
            signed[event.id] = signature
    lan_store.received(db, kept, signatures=signed, peer=peer, now=now)
    return page


def _refusal(db: Connection, event: PulledEvent, agency_code: str) -> str | None:
    """Why the event may not enter this store from a peer; None when it may."""
    dossier = event.payload.get("dossier")
    code = dossier.get("code") if isinstance(dossier, dict) else None
    if isinstance(code, str) and CODE_RE.match(code) and not code.startswith(agency_code + "-"):
        return _("Hồ sơ {code} thuộc cơ quan khác; sự kiện không được nhận.").format(code=code)
    return chain_clash(db, event.to_record())


def _signed(keys: Mapping[str, str], event: PulledEvent, signature: str) -> bool:
    key = keys.get(event.station_id)
    return key is not None and event_signed(key, event.hash, signature)
