"""A counter refuses to apply another's event whose clock is out of bounds, whatever the server.

The server quarantines such events; a server that did not (an older one, or one restored from
before the rule) must still not be able to stop this counter: an event carrying HLC 2^63-1
would make the counter's next own event overflow its store's 64-bit integer.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select

from counter_app.domain.events import EventRecord, event_hash
from counter_app.models.tables import EVENTS, HELD_EVENTS
from counter_app.station import Station
from counter_app.sync.protocol import WireEvent
from tests.sync.helpers import no_wait, received, sync

HLC_MAX = 2**63 - 1


def poisoned_step(dossier_id: str) -> dict[str, object]:
    """A validly hashed transfer of ``dossier_id`` by a station whose clock says 9999."""
    record = EventRecord(
        id=str(uuid.uuid4()),
        dossier_id=dossier_id,
        station_id=str(uuid.uuid4()),
        seq=1,
        type="transferred",
        actor="ke-xau",
        wall_clock=datetime(9999, 12, 31, tzinfo=UTC),
        hlc=HLC_MAX,
        payload={"to": "Công an phường"},
    )
    record = replace(record, hash=event_hash(record))
    return WireEvent.from_record(record).model_dump(mode="json")


class Injecting(httpx.BaseTransport):
    """The test server's transport, adding one event to the first pull page it forwards."""

    def __init__(self, inner: httpx.BaseTransport, event: dict[str, object]) -> None:
        self.inner, self.event = inner, event

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path != "/v1/pull" or not self.event:
            return response
        response.read()
        page = response.json()
        top = max([e["server_seq"] for e in page["events"]] + [page["next_cursor"]])
        page["events"].append({**self.event, "server_seq": top + 1})
        page["next_cursor"] = top + 1
        self.event = {}
        return httpx.Response(200, content=json.dumps(page).encode(), request=request)


def test_a_poisoned_clock_from_the_server_never_stops_this_counter(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    first, second = enrolled(1), enrolled(2)
    target, other = received(first, hour=8), received(first, hour=9)
    sync(first, client)
    poison = poisoned_step(first.dossier(target).id)
    injecting = Injecting(client._transport, poison)
    with httpx.Client(base_url=str(client.base_url), transport=injecting) as http:
        report = second.sync_once(http=http, policy=no_wait())
    assert (report.pulled, report.on_hold) == (2, 1)
    with second.store.read() as db:
        stored = set(db.execute(select(EVENTS.c.id)).scalars())
        [reason] = db.execute(select(HELD_EVENTS.c.reason)).scalars()
    assert poison["id"] not in stored
    assert "9999" in reason
    mine = received(second, hour=10)  # overflowed the store's integer before
    assert second.dossier(mine).state.value == "received"
    assert second.dossier(other).code == other
    assert second.verify().ok
