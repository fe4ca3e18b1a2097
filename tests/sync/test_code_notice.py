"""A counter whose dossier code another counter also sent is told, and sees it with conflicts."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from counter_app.station import Station
from tests.server.factories import body
from tests.server.factories import enrolled as enrolled_chain
from tests.sync.helpers import received, sync


def test_a_code_claimed_by_another_counter_is_shown_with_the_conflicts(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    mine = enrolled(1)
    code = received(mine)
    sync(mine, client)
    other = enrolled_chain(client, database_url, slot=2)
    clash = other.received_with_code(code)
    report = client.post("/v1/push", json=body([clash]), headers=other.headers).json()
    assert [item["id"] for item in report["rejected"]] == [clash.id]
    sync(mine, client)
    [(shown, event_id, reason)] = mine.sync_reconciliation().conflicts
    assert (shown, event_id) == (code, clash.id)
    assert "Quầy 2" in reason and code in reason
    assert mine.sync_status().conflicts == 1
    sync(mine, client)  # a repeated pull changes nothing
    assert len(mine.sync_reconciliation().conflicts) == 1
    mine.resolve_conflict(clash.id, actor="lanhdao")
    assert mine.sync_reconciliation().conflicts == []
