"""A bad link and a strict server: nothing lost, nothing doubled, nothing stuck in silence."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from counter_app.services import outbox
from counter_app.station import Station
from counter_app.sync.errors import ErrorKind, SyncError
from counter_server.cli import revoke
from counter_server.db import Database
from counter_server.models import Event
from tests.sync.helpers import faulty, no_wait, received, through


def held_on_server(database_url: str) -> int:
    """How many events the server stores."""
    database = Database(database_url)
    with database.sessions() as session:
        count = session.scalar(select(func.count()).select_from(Event))
    database.dispose()
    return int(count or 0)


def test_a_lost_answer_is_resent_without_a_duplicate(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    for hour in (8, 9, 10):
        received(station, hour=hour)
    faults = faulty(client)
    faults.lose_push_answers = 1
    report = station.sync_once(http=through(client, faults), policy=no_wait())
    assert report.held_through_seq == 3
    assert len(faults.pushes) == 2  # the batch went twice; the server kept it once
    assert held_on_server(database_url) == 3
    assert station.sync_status().waiting == 0


def test_a_link_that_cuts_big_batches_gets_them_through_smaller(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    for hour in range(8, 16):
        received(station, hour=hour)
    faults = faulty(client)
    faults.max_push_bytes = 1500  # about two events gzipped
    policy = no_wait()
    policy.attempts = 12
    report = station.sync_once(http=through(client, faults), policy=policy)
    assert report.pushed == 8 and held_on_server(database_url) == 8
    assert policy.batch.current < 200  # shrank, and grows back one success at a time


def test_a_dead_link_leaves_the_reason_and_retries_on_the_next_round(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    received(station)
    faults = faulty(client)
    faults.max_push_bytes = 10
    with pytest.raises(SyncError) as raised:
        station.sync_once(http=through(client, faults), policy=no_wait())
    assert raised.value.kind is ErrorKind.RETRY
    status = station.sync_status()
    assert (status.online, status.waiting, status.last_error_class) == (False, 1, "retry")
    assert "connection cut" in (status.last_error or "")
    [item] = station.sync_reconciliation().outbox
    assert item.state == "waiting" and "connection cut" in (item.reason or "")
    faults.max_push_bytes = None  # the link comes back; no new local write is needed
    station.sync_once(http=through(client, faults), policy=no_wait())
    assert station.sync_status().waiting == 0 and station.sync_status().online


def test_a_rejected_event_is_set_aside_and_does_not_block_the_rest(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    for hour in (8, 9, 10):
        received(station, hour=hour)
    faults = faulty(client)
    faults.reject_first = "thủ tục đã bị bãi bỏ"
    report = station.sync_once(http=through(client, faults), policy=no_wait())
    assert (report.held_through_seq, report.set_aside) == (3, 1)
    aside = station.sync_reconciliation().set_aside
    assert [(seq, reason) for _id, seq, reason in aside] == [(1, "thủ tục đã bị bãi bỏ")]
    assert station.sync_status().set_aside == 1 and station.sync_status().waiting == 0


def test_a_chain_gap_is_resent_from_where_the_server_stands(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    for hour in (8, 9):
        received(station, hour=hour)
    station.sync_once(http=client, policy=no_wait())
    for hour in (10, 11, 12):
        received(station, hour=hour)
    with station.store.write() as db:  # a state that believes more is held than really is
        outbox.save_state(db, acked_seq=4)
    report = station.sync_once(http=client, policy=no_wait())
    assert report.held_through_seq == 5 and held_on_server(database_url) == 5


def test_a_revoked_token_says_enrol_again(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    received(station)
    identity = station.identity
    assert identity is not None
    assert revoke(database_url, identity.station_id)
    with pytest.raises(SyncError) as raised:
        station.sync_once(http=client, policy=no_wait())
    assert raised.value.kind is ErrorKind.CREDENTIALS and raised.value.status == 401
    assert station.sync_status().last_error_class == "credentials"
    assert station.sync_status().waiting == 1  # nothing lost: it waits for a new enrolment


def test_events_on_their_way_show_as_sending(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    received(station, hour=9)
    seen: list[list[str]] = []
    faults = faulty(client)
    faults.before_push = lambda: seen.append(
        [item.state for item in station.sync_reconciliation().outbox]
    )
    station.sync_once(http=through(client, faults), policy=no_wait())
    assert seen == [["sending", "sending"]]
    assert station.sync_reconciliation().outbox == []


def test_a_garbled_pull_answer_is_retried_later_and_writes_nothing(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    first, second = enrolled(1), enrolled(2)
    received(first)
    first.sync_once(http=client, policy=no_wait())

    def garble(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/pull":
            return httpx.Response(
                200, content=b'{"events": [{"id": "not-a-uuid"}]', request=request
            )
        return client._transport.handle_request(request)

    with pytest.raises(SyncError) as raised:
        second.sync_once(
            http=httpx.Client(base_url=str(client.base_url), transport=httpx.MockTransport(garble)),
            policy=no_wait(),
        )
    assert raised.value.kind is ErrorKind.RETRY
    assert second.verify().dossiers == 0
    with second.store.read() as db:
        assert outbox.load_state(db).pull_cursor == 0
    assert second.sync_once(http=client, policy=no_wait()).pulled == 1  # the next round gets it


def test_a_push_conflict_takes_back_the_servers_copy(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    station.sync_once(http=client, policy=no_wait())
    with station.store.read() as db:
        first_hash = db.exec_driver_sql("SELECT hash FROM events WHERE seq = 1").scalar()
    backup = station.store.path.with_name("before.sqlite3")
    station.backup(backup)
    received(station, hour=9)
    station.sync_once(http=client, policy=no_wait())
    station.restore(backup)
    received(station, hour=10)  # seq 2 again: another event than the server's seq 2

    def stale_status(request: httpx.Request) -> httpx.Response:
        """A status from before the second push: the conflict shows only at push time."""
        answer = client._transport.handle_request(request)
        if request.url.path != "/v1/status":
            return answer
        answer.read()
        body = answer.json() | {"held_through_seq": 1, "held_hash": first_hash}
        return httpx.Response(200, json=body, request=request)

    stale = httpx.Client(base_url=str(client.base_url), transport=httpx.MockTransport(stale_status))
    report = station.sync_once(http=stale, policy=no_wait())
    assert (report.restored, report.rechained) == (1, 1)
    assert held_on_server(database_url) == 3
    assert station.verify().ok and station.sync_status().waiting == 0
