"""Conflicts across counters while offline follow the fold rule, and when the server comes back
every event reaches it once, whichever counter carries it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from counter_app.domain.lifecycle import EventType, State
from counter_app.services.step_types import StepInput
from counter_app.sync.round import RoundPolicy
from counter_server.db import Database
from counter_server.models import Event
from tests.factories import vn
from tests.lan.conftest import Counter, wait_until
from tests.lan.test_exchange import event_ids, holds
from tests.sync.helpers import no_wait, received


def server_events(database_url: str) -> list[tuple[str, str, str | None, str | None]]:
    """(id, author, carried_by, quarantine) of every event the server holds."""
    database = Database(database_url)
    with database.sessions() as session:
        rows = session.execute(
            select(Event.id, Event.station_id, Event.carried_by, Event.quarantine)
        ).all()
    database.dispose()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def at_once() -> RoundPolicy:
    """A round that carries up at once what a sibling handed on (no ten-minute grace)."""
    return RoundPolicy(backoff=no_wait().backoff, sleep=lambda _s: None, relay_after=timedelta(0))


def test_a_step_taken_on_two_counters_offline_folds_the_same_everywhere(
    centre: Callable[[int], list[Counter]], client: TestClient, database_url: str
) -> None:
    first, second = centre(2)
    first.start(), second.start()
    code = received(first.station, hour=8)
    wait_until(lambda: holds(second, code))
    first.stop(), second.stop()  # the counters cannot see each other for a moment
    done = StepInput(result="Đã đăng ký thường trú")
    first.station.step(code, EventType.RESOLVED, done, actor="tra-kq", now=vn(2026, 3, 10, 9))
    gone = StepInput(reason="Công dân xin rút")
    second.station.step(code, EventType.WITHDRAWN, gone, actor="tiep-nhan", now=vn(2026, 3, 10, 10))
    first.start(), second.start()
    wait_until(lambda: len(event_ids(first)) == len(event_ids(second)) == 3)
    for counter in (first, second):
        assert counter.station.dossier(code).state is State.RESOLVED  # the earlier step wins
        conflicts = counter.station.sync_reconciliation().conflicts
        assert [(c, kind) for c, _event, kind in conflicts][:1] and conflicts[0][0] == code
    assert first.station.sync_reconciliation().conflicts == (
        second.station.sync_reconciliation().conflicts
    )
    # the server folds it the same way when it comes back
    second.stop()
    report = first.station.sync_once(http=client, policy=at_once())
    assert (report.pushed, report.relayed) == (2, 1)
    held = server_events(database_url)
    assert sorted(event_id for event_id, *_rest in held) == sorted(event_ids(first))
    withdrawn = [row for row in held if row[1] == second.station_id]
    assert [(carrier, bool(reason)) for _i, _s, carrier, reason in withdrawn] == [
        (first.station_id, True)
    ]
    # counter 2, back, pushes nothing twice and learns its step was set aside
    again = second.station.sync_once(http=client, policy=no_wait())
    assert (again.pushed, again.set_aside) == (0, 1)
    assert second.station.sync_status().waiting == 0
    assert [seq for _id, seq, _r in second.station.sync_reconciliation().set_aside] == [1]
    assert len(server_events(database_url)) == 3
    assert first.station.verify().ok and second.station.verify().ok


def test_every_event_reaches_the_server_once_whoever_carries_it(
    centre: Callable[[int], list[Counter]], client: TestClient, database_url: str
) -> None:
    counters = centre(3)
    for counter in counters:
        counter.start()
    for hour, counter in enumerate(counters * 3, start=8):
        received(counter.station, hour=hour % 17)
    wait_until(lambda: all(len(event_ids(c)) == 9 for c in counters))
    counters[0].stop()  # counter 1 is switched off before the link comes back
    # within its grace a counter carries nothing of another: an author online pushes its own
    second = counters[1].station.sync_once(http=client, policy=no_wait())
    assert (second.pushed, second.relayed) == (3, 0)
    # past it, counter 3 carries up what counter 1 handed it and the server lacks
    third = counters[2].station.sync_once(http=client, policy=at_once())
    assert (third.pushed, third.relayed) == (3, 3)
    first = counters[0].station.sync_once(http=client, policy=at_once())
    assert (first.pushed, first.relayed) == (0, 0)
    held = server_events(database_url)
    carriers = {carrier for _id, author, carrier, _q in held if author == counters[0].station_id}
    assert carriers == {counters[2].station_id}
    assert sorted(event_id for event_id, *_rest in held) == sorted(event_ids(counters[0]))
    assert len({event_id for event_id, *_rest in held}) == len(held) == 9
    for counter in counters:
        assert counter.station.sync_status().waiting == 0
        assert counter.station.verify().ok
    # a second pass changes nothing anywhere
    for counter in counters:
        report = counter.station.sync_once(http=client, policy=at_once())
        assert (report.pushed, report.relayed, report.pulled) == (0, 0, 0)
    database = Database(database_url)
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 9
    database.dispose()
