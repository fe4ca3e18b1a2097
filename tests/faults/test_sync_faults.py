"""Sync through a faulty link to the real server (uvicorn, SQLite and PostgreSQL).

Real stations run the station's sync client through the fault proxy, and an officer records
processing steps through it too. Whatever the link does — duplicated requests, answers lost
after the server committed, connections cut in the middle of a body, the link going down, the
server killed in the middle of a push — once the faults stop, the server holds every event
exactly once, every dossier code is distinct, and every station's store holds the same events,
its log verifying, the officer's steps folded in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.lifecycle import State
from tests.faults.conftest import PartyMaker
from tests.faults.ledger import assert_exactly_once, assert_stations_agree, held, held_through
from tests.faults.office import Office, publish_catalogue
from tests.faults.proxy import Fault, FaultProxy, Link
from tests.faults.server import ServerProcess
from tests.faults.stations import Party

ONE_OF_EACH = [
    pytest.param([Fault("duplicate")] * 3, id="duplicated"),
    pytest.param([Fault("lose_response")] * 3, id="answers-lost"),
    pytest.param(
        [Fault("cut_request", at=300), Fault("cut_request", at=1), Fault("cut_request", at=900)],
        id="cut-mid-request",
    ),
    pytest.param(
        [Fault("cut_response", at=40), Fault("cut_response", at=200), Fault("cut_response")],
        id="cut-mid-response",
    ),
]


@pytest.mark.parametrize("faults", ONE_OF_EACH)
def test_a_station_syncs_through_each_fault(
    faults: list[Fault], parties: PartyMaker, proxy: FaultProxy, backend_url: str
) -> None:
    party = parties(1)
    party.work(14)  # 21 events: two pushes and a pull
    proxy.schedule(*faults)
    party.sync()
    assert proxy.pending() == 0
    assert_exactly_once(backend_url, party.agency, [party])
    assert_stations_agree([party], party.codes)
    traffic = proxy.traffic
    assert traffic.duplicates + traffic.lost + traffic.cuts == len(faults)  # each fault struck


def test_the_server_killed_mid_push_loses_nothing_and_doubles_nothing(
    parties: PartyMaker, proxy: FaultProxy, server: ServerProcess, backend_url: str
) -> None:
    party = parties(2)
    party.work(60)
    delays, seen = [0.0, 0.05], []

    def kill_then_restart(request_line: str) -> None:
        if request_line.startswith("POST /v1/push") and delays:
            time.sleep(delays.pop(0))  # the batch is on the server: parsed, checking, committing
            server.kill()
            seen.append(held_through(backend_url, party.station_id))
            seen.append(len(held(backend_url, party.agency)))
            server.start()

    proxy.on_delivered = kill_then_restart
    party.batch = 40
    party.sync()
    assert not delays
    # after each kill the held chain is whole batches (40, or 20 once a failure halved it), all
    # its events stored: nothing half-done
    assert all(count % 20 == 0 for count in seen) and seen[0::2] == seen[1::2]
    assert_exactly_once(backend_url, party.agency, [party])


FAULTS = st.one_of(
    st.builds(Fault, st.sampled_from(["cut_request", "cut_response"]), at=st.integers(0, 3000)),
    st.builds(Fault, st.sampled_from(["lose_response", "duplicate", "pass"])),
    st.builds(Fault, st.just("link_down"), seconds=st.floats(0.02, 0.25)),
)
LINKS = st.builds(
    Link,
    latency_up=st.floats(0, 0.01),
    latency_down=st.floats(0, 0.01),
    bandwidth=st.sampled_from([None, 400_000]),
    cut_every=st.sampled_from([None, 30_000]),  # a page or batch must fit between two cuts
    seed=st.integers(0, 1000),
)


def test_three_stations_and_the_office_agree_after_random_faults(
    parties: PartyMaker, proxy: FaultProxy, server: ServerProcess, backend_url: str
) -> None:
    stations = [parties(slot) for slot in (1, 2, 3)]
    publish_catalogue(server.url, backend_url)
    office = Office(proxy.url, backend_url, stations[0].agency)

    @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(FAULTS, max_size=10), LINKS, st.tuples(*[st.integers(1, 4)] * 3))
    def round_through(faults: list[Fault], link: Link, work: tuple[int, int, int]) -> None:
        on_server = _not_transferred(stations, office.resolved)  # synced by an earlier example
        for party, dossiers in zip(stations, work, strict=True):
            party.work(dossiers)
        proxy.link = link
        proxy.schedule(*faults)
        _all_at_once([party.sync for party in stations] + [lambda: office.resolve(on_server)])
        proxy.clear()
        proxy.link = Link()
        _all_at_once([party.sync for party in stations])  # the link healed: one more round
        assert_exactly_once(backend_url, stations[0].agency, stations)
        assert_stations_agree(stations, [code for party in stations for code in party.codes])
        for party in stations:
            states = {party.station.dossier(code).state for code in office.resolved}
            assert states <= {State.RESOLVED}

    round_through()
    assert all(party.codes for party in stations) and office.resolved
    office.http.close()


def _not_transferred(stations: list[Party], done: list[str]) -> list[str]:
    """The stations' dossiers they did not transfer themselves, not yet taken by the office."""
    codes = [code for party in stations for code in party.codes[0::2]]
    return [code for code in codes if code not in done]


def _all_at_once(rounds: list[Callable[[], None]]) -> None:
    """Run the stations' rounds at the same time, as three counters on one link would."""
    failures: list[BaseException] = []

    def run(round_: Callable[[], None]) -> None:
        try:
            round_()
        except BaseException as error:  # handed back to the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(item,)) for item in rounds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
