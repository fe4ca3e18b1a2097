"""One sync round: ask the server's status, push the outbox, pull until there is nothing left,
then learn the agency's counters and carry up what they handed on here and the server lacks.

Every step writes in its own short transaction, so a round cut anywhere leaves a consistent
store and the next round (on the timer, without any new local write) carries on from there.
Failures that may pass are retried inside the round with capped, jittered back-off and
shrinking batches; whatever is left is recorded as the last error, with its class.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from counter_app.models.database import Store
from counter_app.services import (
    access_sync,
    conflicts,
    lan_store,
    outbox,
    publications,
    sync_apply,
    sync_restore,
)
from counter_app.sync.backoff import Backoff, BatchSize
from counter_app.sync.client import ServerApi
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import PullResponse, SiblingStation, StationStatus

log = logging.getLogger(__name__)

T = TypeVar("T")
log = logging.getLogger(__name__)
_HEAD = "SELECT last_seq FROM stations WHERE id = ?"


@dataclass
class RoundReport:
    """What one round did."""

    pushed: int = 0
    held_through_seq: int = 0
    set_aside: int = 0
    pulled: int = 0
    on_hold: int = 0
    publications: int = 0
    restored: int = 0
    rechained: int = 0
    clock_offset_ms: int = 0
    siblings: int = 0
    relayed: int = 0
    access_pushed: int = 0


@dataclass
class RoundPolicy:
    """How hard a round tries before it gives up until the next one."""

    attempts: int = 4
    # ~30 kB gzipped (≈ 145 B an event): a page must fit between two cuts of a bad link, and
    # 500 did not (≈ 70 kB)
    pull_limit: int = 200
    backoff: Backoff = field(default_factory=Backoff)
    batch: BatchSize = field(default_factory=BatchSize)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    # another counter's events are carried up only when the server still lacks them this long
    # after their author handed them on here: an author online pushes its own first
    relay_after: timedelta = timedelta(minutes=10)


class SyncRound:
    """A round for the station ``station_id`` of ``agency_code`` over ``api``."""

    def __init__(
        self,
        store: Store,
        api: ServerApi,
        *,
        station_id: str,
        agency_code: str,
        policy: RoundPolicy | None = None,
    ) -> None:
        self.store, self.api = store, api
        self.station_id, self.agency_code = station_id, agency_code
        self.policy = policy or RoundPolicy()
        self.report = RoundReport()

    def run(self) -> RoundReport:
        """Status, push, pull; the outcome is recorded in the sync state either way."""
        self._save(last_attempt_at=self.policy.clock())
        try:
            self._reconcile(self._retrying(self._status))
            self._learn_transfer_key()
            self._push_all()
            self._pull_all()
            self._siblings_and_relay()
            self._push_access()
        except SyncError as error:
            self._failed(error.detail, error.kind.value)
            raise
        except Exception as error:  # never silent: the status shows what stopped the round
            self._failed(f"{type(error).__name__}: {error}", "error")
            raise
        self._save(last_success_at=self.policy.clock(), last_error=None, last_error_class=None)
        return self.report

    # -- status: what the server already holds, and its clock --------------------------------

    def _status(self) -> StationStatus:
        sent = self.policy.clock()
        status = self.api.status()
        middle = sent + (self.policy.clock() - sent) / 2
        offset = round((status.server_time - middle).total_seconds() * 1000)
        self.report.clock_offset_ms = offset
        self._save(clock_offset_ms=offset)
        return status

    def _learn_transfer_key(self) -> None:
        """A station enrolled before the server gave its transfer key at enrolment asks for it
        once, so that ``sync export`` can encrypt to it."""
        with self.store.read() as db:
            if outbox.load_state(db).server_transfer_key:
                return
        try:
            answer = self._retrying(self.api.transfer_key)
        except SyncError as error:
            if error.kind is not ErrorKind.REJECT:
                raise
            log.warning("the server gives no transfer key (%s): exports stay refused", error)
            return
        with self.store.write() as db:
            outbox.save_state(db, server_transfer_key=answer.transfer_key)

    def _reconcile(self, status: StationStatus) -> None:
        """Skip what the server holds; take back what it holds and this store lost."""
        with self.store.read() as db:
            last = int(db.exec_driver_sql(_HEAD, (self.station_id,)).scalar())
            held_hash = outbox.own_hash_at(
                db, station_id=self.station_id, seq=status.held_through_seq
            )
        if status.held_through_seq == 0:
            return
        if status.held_through_seq > last or held_hash != status.held_hash:
            self._take_back()
            return
        self._learn_set_aside(status.held_through_seq)
        with self.store.write() as db:
            outbox.acknowledge(db, status.held_through_seq)

    def _learn_set_aside(self, held: int) -> None:
        """Own events the server took from someone else (another counter carried them, a file
        carried by hand) and set aside: the push answer that would have said so never came."""
        with self.store.read() as db:
            after = outbox.load_state(db).acked_seq
        while after < held:
            try:
                answer = self._retrying(partial(self.api.quarantined_own, after=after))
            except SyncError as error:
                if error.status == 404:  # a server from before counters carried for each other
                    return
                raise
            told = [(item.id, item.seq, item.reason) for item in answer.events if item.seq <= held]
            with self.store.write() as db:
                outbox.set_aside(db, told, now=self.policy.clock())
            self.report.set_aside += len(told)
            if len(told) < len(answer.events) or not answer.events:
                return
            after = told[-1][1]

    def _take_back(self) -> None:
        with self.store.read() as db:
            after = outbox.load_state(db).acked_seq
        own = self._retrying(lambda: self.api.own(after=after))
        with self.store.write() as db:
            done = sync_restore.take_back(
                db, own.events, station_id=self.station_id, after=after, now=self.policy.clock()
            )
        self.report.restored += done.restored
        self.report.rechained += done.rechained

    # -- push ---------------------------------------------------------------------------------

    def _push_all(self) -> None:
        failures = 0
        while True:
            with self.store.write() as db:
                acked = outbox.load_state(db).acked_seq
                batch = outbox.pending(
                    db, station_id=self.station_id, after=acked, limit=self.policy.batch.current
                )
                if batch:
                    outbox.save_state(db, sending_through_seq=batch[-1].seq)
            if not batch:
                return
            try:
                answer = self.api.push(batch)
            except SyncError as error:
                failures = self._after_push_failure(error, failures)
                continue
            self._acknowledged(answer.held_through_seq, answer.rejected, acked)
            self.report.pushed += len(batch)
            self.policy.batch.grow()
            failures = 0

    def _acknowledged(self, held: int, rejected: list[Any], acked: int) -> None:
        if held <= acked:
            raise SyncError(ErrorKind.REJECT, f"the server took nothing past seq {acked}")
        with self.store.write() as db:
            outbox.acknowledge(db, held)
            outbox.set_aside(
                db, [(r.id, r.seq, r.reason) for r in rejected], now=self.policy.clock()
            )
        self.report.held_through_seq = held
        self.report.set_aside += len(rejected)

    def _after_push_failure(self, error: SyncError, failures: int) -> int:
        """Decide what a failed push means; return the failure count, or raise."""
        if failures + 1 >= self.policy.attempts:
            raise error
        if error.code == "chain_gap" and error.expected_seq is not None:
            with self.store.write() as db:  # the server lacks events we thought held: resend
                outbox.save_state(db, acked_seq=error.expected_seq - 1)
        elif error.code == "event_conflict":
            self._take_back()
        elif error.kind is ErrorKind.RETRY:
            if error.retry_after is None:  # the link failed it: a smaller batch may pass
                self.policy.batch.shrink()
            self._wait(failures, error)
        else:
            raise error
        return failures + 1

    # -- pull ---------------------------------------------------------------------------------

    def _pull_all(self) -> None:
        while True:
            with self.store.read() as db:
                state = outbox.load_state(db)
            answer = self._retrying(partial(self._pull_once, state))
            self._apply(answer, state)
            if not answer.events and not answer.publications and not answer.notices:
                return

    def _pull_once(self, state: outbox.SyncStateRow) -> PullResponse:
        return self.api.pull(
            after=state.pull_cursor,
            publications_after=state.publication_cursor,
            limit=self.policy.pull_limit,
        )

    def _apply(self, answer: PullResponse, state: outbox.SyncStateRow) -> None:
        """Publications, then events and notices, then both cursors: one transaction."""
        now = self.policy.clock()
        with self.store.write() as db:
            published = publications.apply_publications(db, answer.publications)
            if published:
                retried = sync_apply.retry_held(
                    db, agency_code=self.agency_code, now=now, server_time=answer.server_time
                )
                self.report.pulled += retried.applied
            summary = sync_apply.apply_pulled(
                db,
                answer.events,
                agency_code=self.agency_code,
                now=now,
                server_time=answer.server_time,
            )
            conflicts.record_notices(db, answer.notices, now=now)
            outbox.save_state(
                db,
                pull_cursor=max(state.pull_cursor, answer.next_cursor),
                publication_cursor=max(state.publication_cursor, answer.next_publication_cursor),
            )
        self.report.publications += published
        self.report.pulled += summary.applied
        self.report.on_hold += summary.on_hold

    # -- the agency's counters: their keys, and their events the server lacks ---------------

    def _siblings_and_relay(self) -> None:
        """Keep the agency's counters' keys (the local network trusts those only), then carry
        up each one's events that it handed on here and the server still lacks."""
        try:
            answer = self._retrying(self.api.siblings)
        except SyncError as error:
            if error.status == 404:  # a server from before the exchange between counters
                return
            raise
        with self.store.write() as db:
            lan_store.save_siblings(
                db, answer.stations, own_id=self.station_id, now=self.policy.clock()
            )
        self.report.siblings = sum(s.station_id != self.station_id for s in answer.stations)
        for sibling in answer.stations:
            if sibling.station_id != self.station_id:
                self._relay(sibling)

    def _relay(self, sibling: SiblingStation) -> None:
        """Push the sibling's first-hand events after the server's head, batch by batch; a
        refusal (the author pushed meanwhile, the chain differs) ends it for this round."""
        held = sibling.held_seq
        while True:
            before = self.policy.clock() - self.policy.relay_after
            with self.store.read() as db:
                batch = lan_store.first_hand(
                    db,
                    author=sibling.station_id,
                    after=held,
                    limit=self.policy.batch.current,
                    received_before=before,
                )
            if not batch:
                return
            events, signatures = [e for e, _s in batch], [s for _e, s in batch]
            try:
                answer = self._retrying(partial(self.api.relay, events, signatures))
            except SyncError as error:
                if error.kind is ErrorKind.RETRY:
                    raise
                log.info("not carrying up for %s: %s", sibling.station_id, error.detail)
                return
            if answer.held_through_seq <= held:
                return
            self.report.relayed += answer.held_through_seq - held
            held = answer.held_through_seq

    # -- the access log: up only ---------------------------------------------------------------

    def _push_access(self) -> None:
        """Send the access-log entries the server does not hold (after its head, if restored)."""
        try:
            head = self._retrying(self.api.access_head)
        except SyncError as error:
            if error.status == 404:  # a server from before the access log: they wait here
                return
            raise
        self._align_access(head.held_through_seq, head.held_hash)
        conflicts = 0
        while True:
            with self.store.read() as db:
                batch = access_sync.pending(db, self.station_id, self.policy.batch.current)
            if not batch:
                return
            try:
                answer = self._retrying(partial(self.api.push_access, batch))
            except SyncError as error:
                conflicts += 1
                if error.status != 409 or conflicts >= self.policy.attempts:
                    raise
                head = self._retrying(self.api.access_head)  # ours and the server's differ
                self._align_access(head.held_through_seq, head.held_hash)
                continue
            with self.store.write() as db:
                access_sync.acknowledge(db, self.station_id, answer.held_through_seq)
            self.report.access_pushed += len(batch)

    def _align_access(self, held_seq: int, held_hash: str) -> None:
        with self.store.write() as db:
            access_sync.align(db, self.station_id, held_seq=held_seq, held_hash=held_hash)

    # -- plumbing -----------------------------------------------------------------------------

    def _retrying(self, call: Callable[[], T]) -> T:
        """``call``, retried with back-off while the failure is worth retrying."""
        for attempt in range(self.policy.attempts):
            try:
                return call()
            except SyncError as error:
                if error.kind is not ErrorKind.RETRY or attempt + 1 == self.policy.attempts:
                    raise
                self._wait(attempt, error)
        raise AssertionError("unreachable")

    def _wait(self, attempt: int, error: SyncError) -> None:
        """Back off before retrying; at least the server's Retry-After, and when that is longer
        than the back-off's cap, end the round (the timer comes back later)."""
        asked = error.retry_after or 0.0
        if asked > self.policy.backoff.cap:
            raise error
        self.policy.sleep(self.policy.backoff.delay(attempt, asked))

    def _failed(self, detail: str, kind: str) -> None:
        self._save(sending_through_seq=0, last_error=detail[:2000], last_error_class=kind)

    def _save(self, **values: object) -> None:
        with self.store.write() as db:
            outbox.save_state(db, **values)
