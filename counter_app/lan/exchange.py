"""Pulling from one sibling: a page of its events checked and applied with its cursor.

A page is applied in short write transactions of ``APPLY_CHUNK`` events (``lan_apply``), the
last one also moving the peer's cursor, with a pause between them in which none of this
store's workers writes: SQLite lets a waiting writer in only when it retries (at least every
100 ms) and finds the store free, so without the pause a clerk saving a dossier waited behind
the pages of every peer. A pull cut anywhere, or a chunk that failed, is simply asked
again: what was applied is held already (idempotent by event id). A peer whose store
renumbered (restored from a backup) is read again from the start.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from counter_app.lan.client import PeerApi
from counter_app.lan.wire import CURSOR_RESET, LanPullResponse
from counter_app.models.database import Store
from counter_app.services import lan_apply, lan_store, outbox
from counter_app.services.context import StationIdentity
from counter_app.services.lan_apply import PeerPage
from counter_app.sync.errors import SyncError
from counter_app.sync.protocol import PulledEvent

PAGE = 500
APPLY_CHUNK = 25  # events per write transaction: a few tens of milliseconds of the store's lock
CHUNK_PAUSE = 0.15  # seconds the store is left free between two, longer than SQLite's retry
_turns: weakref.WeakKeyDictionary[Store, threading.Lock] = weakref.WeakKeyDictionary()
_turns_guard = threading.Lock()
KEYS_FRESH_SECONDS = 30.0


class SiblingKeys:
    """The siblings' public keys as the store holds them, read again every half minute (a
    server round may have learned a new counter, or dropped a revoked one)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._keys: dict[str, str] = {}
        self._read_at = -KEYS_FRESH_SECONDS

    def __call__(self) -> Mapping[str, str]:
        with self._lock:
            if time.monotonic() - self._read_at >= KEYS_FRESH_SECONDS:
                self.refresh()
            return dict(self._keys)

    def refresh(self) -> None:
        """Read the keys now."""
        with self.store.read() as db:
            found = lan_store.siblings(db)
        self._keys = {station: sibling.public_key for station, sibling in found.items()}
        self._read_at = time.monotonic()


@dataclass(frozen=True)
class Pulled:
    """What one pull from a peer brought."""

    applied: int
    already_held: int
    on_hold: int
    refused: int
    full: bool  # the page was full: more is waiting


def pull_page(
    store: Store,
    identity: StationIdentity,
    api: PeerApi,
    keys: Mapping[str, str],
    *,
    wait: float,
    limit: int = PAGE,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Pulled:
    """One page from the peer at ``api`` (whose station id a hello established)."""
    peer = api.station_id
    assert peer is not None, "say hello first"
    with store.read() as db:
        row = lan_store.peer(db, peer)
    after, after_id = (row.cursor, row.cursor_event_id) if row else (0, None)
    try:
        answer = api.pull(after=after, after_id=after_id, limit=limit, wait=wait)
    except SyncError as error:
        if error.code != CURSOR_RESET:
            raise
        answer, after, after_id = api.pull(after=0, after_id=None, limit=limit, wait=0), 0, None
    events, now = answer.events, clock()
    chunks = [events[n : n + APPLY_CHUNK] for n in range(0, len(events), APPLY_CHUNK)] or [[]]
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        # the cursor moves with the last chunk only: until then the page is asked again
        last = number == len(chunks)
        at = (answer.next_cursor, answer.cursor_event_id) if last else (after, after_id)
        with _turn(store):  # the other peers' workers wait through the pause too
            parts.append(
                _apply(store, identity, api, answer, keys, events=chunk, cursor=at, now=now)
            )
            if not last:
                time.sleep(CHUNK_PAUSE)
    return Pulled(
        sum(p.applied for p in parts),
        sum(p.already_held for p in parts),
        sum(p.on_hold for p in parts),
        sum(p.refused for p in parts),
        full=len(events) >= limit,
    )


def _turn(store: Store) -> threading.Lock:
    """The lock the workers writing to ``store`` take turns with."""
    with _turns_guard:
        return _turns.setdefault(store, threading.Lock())


def _apply(
    store: Store,
    identity: StationIdentity,
    api: PeerApi,
    answer: LanPullResponse,
    keys: Mapping[str, str],
    *,
    events: Sequence[PulledEvent],
    cursor: tuple[int, str | None],
    now: datetime,
) -> PeerPage:
    """One write transaction: ``events`` of the answer, where the peer was heard, and the
    peer's cursor set to ``cursor``."""
    peer = api.station_id
    assert peer is not None
    with store.write() as db:
        offset = outbox.load_state(db).clock_offset_ms or 0
        page = lan_apply.apply_from_peer(
            db,
            events,
            peer=peer,
            own_id=identity.station_id,
            agency_code=identity.agency_code,
            signatures=answer.signatures,
            keys=keys,
            now=now,
            reference=now + timedelta(milliseconds=offset),
        )
        lan_store.heard(db, peer, api.address, now=now)
        lan_store.advance(
            db, peer, cursor=cursor[0], cursor_event_id=cursor[1], received=page.applied
        )
    return page


def drain(store: Store, identity: StationIdentity, api: PeerApi, keys: Mapping[str, str]) -> Pulled:
    """Every page the peer has now, without waiting; the totals."""
    applied = already_held = on_hold = refused = 0
    while True:
        pulled = pull_page(store, identity, api, keys, wait=0)
        applied, already_held = applied + pulled.applied, already_held + pulled.already_held
        on_hold, refused = on_hold + pulled.on_hold, refused + pulled.refused
        if not pulled.full:
            return Pulled(applied, already_held, on_hold, refused, full=False)
