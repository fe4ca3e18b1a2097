"""Two counters of one agency exchange their dossiers through the real server."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from counter_app.domain.lifecycle import State
from counter_app.station import Station
from tests.sync.helpers import received, sync, transfer


def test_two_counters_exchange_dossiers(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    first, second = enrolled(1), enrolled(2)
    mine = [received(first, hour=8 + n) for n in range(3)]
    theirs = received(second)
    up = sync(first, client)
    assert (up.pushed, up.held_through_seq) == (3, 3)
    sync_second = sync(second, client)
    assert sync_second.pulled == 3
    sync(first, client)
    assert first.dossier(theirs).station_id == second.identity.station_id  # type: ignore[union-attr]
    assert [second.dossier(code).state for code in mine] == [State.RECEIVED] * 3
    assert first.verify().ok and second.verify().ok


def test_a_step_on_a_received_dossier_comes_back_to_its_counter(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    first, second = enrolled(1), enrolled(2)
    code = received(first)
    sync(first, client)
    sync(second, client)
    transfer(second, code)
    sync(second, client)
    sync(first, client)
    assert first.dossier(code).state is State.TRANSFERRED
    assert first.verify().ok


def test_a_second_round_changes_nothing(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    first, second = enrolled(1), enrolled(2)
    received(first)
    sync(first, client)
    sync(second, client)
    again = sync(second, client)
    assert (again.pushed, again.pulled) == (0, 0)
    status = second.sync_status()
    assert status.online and status.waiting == 0
    assert second.verify().ok
