"""A peer that dies mid-transfer, a peer with a poisoned event or a clock far ahead, a peer
whose store was restored: each handled, nothing lost, nothing doubled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from counter_app.domain.events import event_hash
from counter_app.models.tables import EVENTS, HELD_EVENTS, LAN_REFUSED
from counter_app.services.sync_apply import apply_pulled
from counter_app.sync.protocol import PulledEvent, WireEvent
from tests.conftest import AGENCY_CODE
from tests.factories import request, vn
from tests.lan.conftest import Counter, wait_until
from tests.lan.relay import CuttingRelay
from tests.lan.test_exchange import event_ids, holds
from tests.sync.helpers import received


def refusals(counter: Counter) -> list[tuple[str, str, str]]:
    """(event id, peer, reason) of every event the counter refused."""
    r = LAN_REFUSED.c
    with counter.station.store.read() as db:
        rows = db.execute(select(r.event_id, r.from_station, r.reason))
        return [(row.event_id, row.from_station, row.reason) for row in rows]


def held(counter: Counter) -> list[tuple[str, str]]:
    """(event id, reason) of every event the counter holds aside for a person."""
    with counter.station.store.read() as db:
        rows = db.execute(select(HELD_EVENTS.c.event_id, HELD_EVENTS.c.reason))
        return [(row.event_id, row.reason) for row in rows]


def test_a_peer_cut_in_the_middle_of_a_page_loses_and_doubles_nothing(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    at = vn(2026, 3, 10, 8)
    batch = [request(received_at=at + timedelta(seconds=n)) for n in range(600)]
    first.station.receive_many(batch, actor="clerk")
    # the first connections are cut 20 kB into their answer: a page is ~700 kB
    relay = CuttingRelay(first.port, after=20_000, cuts=3).start()
    second.peers = [f"127.0.0.1:{relay.port}"]
    first.peers = []
    first.start(), second.start()
    try:
        wait_until(lambda: len(event_ids(second)) == 600, seconds=60)
    finally:
        relay.stop()
    assert relay.cut >= 1
    assert sorted(event_ids(second)) == sorted(event_ids(first))
    assert second.station.verify().ok


def test_a_poisoned_event_is_refused_and_the_rest_arrives(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    kept = received(first.station, hour=8)
    poisoned = received(first.station, hour=9)
    poisoned_id = first.station.events(first.station.dossier(poisoned).id)[0].id
    with first.station.store.write() as db:  # its content changed after it was hashed
        db.execute(update(EVENTS).where(EVENTS.c.id == poisoned_id).values(actor="someone"))
    first.start(), second.start()
    wait_until(lambda: holds(second, kept) and bool(refusals(second)))
    assert not holds(second, poisoned)
    [(event_id, peer, reason)] = refusals(second)
    assert (event_id, peer) == (poisoned_id, first.station_id)
    assert "không khớp" in reason  # the hash does not match the content
    assert second.station.verify().ok


def test_an_event_from_a_clock_two_days_ahead_is_held_and_the_rest_arrives(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    kept = received(first.station, hour=8)
    ahead = datetime.now(UTC) + timedelta(days=2)  # counter 1's clock was set wrong
    late = first.station.receive(request(received_at=ahead), actor="clerk", now=ahead).code
    first.start(), second.start()
    wait_until(lambda: holds(second, kept) and bool(held(second)))
    assert not holds(second, late)
    [(event_id, reason)] = held(second)
    assert event_id == first.station.events(first.station.dossier(late).id)[0].id
    assert "đi trước máy chủ quá 24 giờ" in reason  # the server's own window, 24 hours
    assert second.station.verify().ok


def test_a_forged_link_from_a_peer_does_not_replace_the_one_held(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second, third = centre(3)
    first.peers, second.peers = [f"127.0.0.1:{second.port}"], [f"127.0.0.1:{first.port}"]
    first.start(), second.start()
    code = received(first.station)
    wait_until(lambda: holds(second, code))
    genuine = first.station.events(first.station.dossier(code).id)[0]
    # counter 3 holds a link at the same place of counter 1's chain, validly hashed, that
    # counter 1 never wrote (a forger, or a store restored from an old backup)
    forged = replace(
        genuine,
        id="0190aaaa-0000-7000-8000-000000000001",
        dossier_id="0190aaaa-0000-7000-8000-0000000000d1",
        actor="forger",
    )
    forged = replace(forged, hash=event_hash(forged))
    pulled = PulledEvent(**WireEvent.from_record(forged).model_dump(), server_seq=1)
    with third.station.store.write() as db:  # as if it had come from the server
        now = datetime.now(UTC)
        apply_pulled(db, [pulled], agency_code=AGENCY_CODE, now=now, server_time=now)
    second.stop()
    second.peers = [f"127.0.0.1:{third.port}"]
    third.peers = []
    second.start(), third.start()
    wait_until(lambda: bool(refusals(second)))
    [(event_id, peer, _reason)] = refusals(second)
    assert (event_id, peer) == (forged.id, third.station_id)
    assert sorted(event_ids(second)) == [genuine.id]
    assert second.station.verify().ok


def test_a_peer_restored_from_a_backup_is_read_again_from_the_start(
    centre: Callable[[int], list[Counter]], tmp_path: object
) -> None:
    first, second, third = centre(3)
    for counter, peers in ((first, [third]), (second, [first]), (third, [])):
        counter.peers = [f"127.0.0.1:{peer.port}" for peer in peers]
    mine = received(first.station, hour=8)
    backup = first.station.backup(first.station.data_dir / "before.sqlite3")
    third.start()
    theirs = received(third.station, hour=9)
    first.start(), second.start()
    wait_until(lambda: holds(second, theirs) and holds(second, mine))
    first.stop()
    first.station.restore(backup)  # counter 3's dossier is gone from it, its own chain stays
    later = received(first.station, hour=10)  # takes the place counter 3's event had
    first.start()
    wait_until(lambda: holds(second, later))
    ids = event_ids(second)
    assert len(ids) == len(set(ids)) == 3
    assert second.station.verify().ok
