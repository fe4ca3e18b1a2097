"""Personal fields changed on the way are refused wherever an event arrives.

An event's hash covers a commitment to its personal part, not the part itself (so that the part
can be erased); whoever hands an event on — the server, a counter carrying a sibling's events up,
another counter of the centre — could change the part without touching the hash. So the part
must match its commitment wherever the event is taken in: the server refuses the push (see
tests/server/test_push.py), and a counter holds a pulled event for a person to look at instead
of applying it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from counter_app.domain.errors import NotFound
from counter_app.station import Station
from counter_server.models import Event
from tests.conftest import store_connection
from tests.factories import applicant, request
from tests.sync.helpers import sync

NAME, FORGED = "Trần Thị Bích", "Lê Văn Mạo Danh"


def forge_on_server(database_url: str) -> None:
    """Change the applicant's name in the server's copy of the one event it holds."""
    engine = create_engine(database_url)
    with Session(engine) as session:
        row = session.scalars(select(Event)).one()
        assert row.personal is not None
        part = dict(row.personal)
        part["applicant"] = {**part["applicant"], "name": FORGED}
        row.personal = part
        session.commit()
    engine.dispose()


def test_a_counter_holds_a_pulled_event_whose_personal_part_was_changed(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    first, second = enrolled(1), enrolled(2)
    code = first.receive(request(applicant=applicant(name=NAME)), actor="c").code
    assert sync(first, client).pushed == 1
    forge_on_server(database_url)

    report = sync(second, client)

    assert (report.pulled, report.on_hold) == (0, 1)
    with pytest.raises(NotFound):
        second.dossier(code)  # not applied: no dossier under a forged name
    with store_connection(second.store.path) as store:
        [(reason,)] = store.execute("SELECT reason FROM held_events").fetchall()
    store.close()
    assert "thông tin cá nhân" in reason
    assert second.verify().ok
