"""Counters of one centre see each other's dossiers over the local network, server or not."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from counter_app.domain.errors import NotFound
from counter_app.domain.lifecycle import State
from counter_app.models.tables import EVENTS, LAN_RECEIVED
from tests.lan.conftest import Counter, wait_until
from tests.sync.helpers import received, transfer


def holds(counter: Counter, code: str) -> bool:
    """True when ``code`` is in the counter's store."""
    try:
        counter.station.dossier(code)
    except NotFound:
        return False
    return True


def event_ids(counter: Counter) -> list[str]:
    """Every event id in the counter's store (a list: a double would show)."""
    with counter.station.store.read() as db:
        return list(db.execute(select(EVENTS.c.id)).scalars())


def test_a_dossier_received_on_one_counter_is_found_on_the_other(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    first.start(), second.start()
    code = received(first.station)
    wait_until(lambda: holds(second, code))
    transfer(second.station, code)
    wait_until(lambda: first.station.dossier(code).state is State.TRANSFERRED)
    assert sorted(event_ids(first)) == sorted(event_ids(second))
    assert len(set(event_ids(first))) == len(event_ids(first)) == 2
    assert first.station.verify().ok and second.station.verify().ok


def test_a_counter_started_later_gets_a_stopped_counters_dossiers_from_another(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second, third = centre(3)
    first.start(), second.start()
    codes = [received(first.station, hour=8 + n) for n in range(3)]
    wait_until(lambda: all(holds(second, code) for code in codes))
    first.stop()
    third.start()  # the leader's PC, switched on after counter 1 went home
    wait_until(lambda: all(holds(third, code) for code in codes))
    with third.station.store.read() as db:
        carriers = set(db.execute(select(LAN_RECEIVED.c.from_station)).scalars())
    assert carriers == {second.station_id}
    assert sorted(event_ids(third)) == sorted(event_ids(first))
    assert third.station.verify().ok


def test_what_each_peer_handed_on_is_counted_once(
    centre: Callable[[int], list[Counter]],
) -> None:
    counters = centre(3)
    for counter in counters:
        counter.start()
    codes = [received(counter.station, hour=9 + n) for n, counter in enumerate(counters)]
    for counter in counters:
        wait_until(lambda c=counter: all(holds(c, code) for code in codes))  # type: ignore[misc]
    for counter in counters:
        ids = event_ids(counter)
        assert len(ids) == len(set(ids)) == 3
        with counter.station.store.read() as db:
            taken = db.execute(select(func.count()).select_from(LAN_RECEIVED)).scalar_one()
        assert taken == 2  # the two dossiers of the other counters, each recorded once
        # whichever peer handed each on first (a counter may have had another's already)
        assert sum(peer.received for peer in counter.station.lan_peers()) == 2
    wait_until(lambda: all(p.in_reach for p in counters[0].station.lan_peers()))
    assert [p.slot for p in counters[0].station.lan_peers()] == [2, 3]


def test_counters_find_each_other_by_mdns_without_the_peers_setting(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    for counter in (first, second):
        counter.peers, counter.discovery = [], True  # announced on loopback, listed nowhere
        counter.start()
    code = received(first.station)
    wait_until(lambda: holds(second, code), seconds=30)
    [heard] = second.station.lan_peers()
    assert (heard.station_id, heard.address) == (first.station_id, f"127.0.0.1:{first.port}")
