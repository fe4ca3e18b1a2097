"""Two dossiers of one agency with one code: the second is held, and both stations are told.

Slots keep stations' codes apart, but a station restored wrongly, a slot given twice before
enrolment was atomic, or a hostile station can still send a code another dossier holds. The
server keeps the first dossier, quarantines the link that claims its code for another one
(the pusher learns it in ``rejected``), and tells the first dossier's station in its pulls.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.factories import (
    admin_headers,
    body,
    enrolled,
    officer_headers,
)


def test_a_second_dossier_with_a_held_code_is_quarantined_and_both_told(
    client: TestClient, database_url: str
) -> None:
    first = enrolled(client, database_url, slot=1)
    second = enrolled(client, database_url, slot=2)
    [mine] = first.next_events(1)
    code = mine.payload["dossier"]["code"]
    clash = second.received_with_code(code)  # the same code, from another counter
    assert (
        client.post("/v1/push", json=body([mine]), headers=first.headers).json()["rejected"] == []
    )
    answer = client.post("/v1/push", json=body([clash]), headers=second.headers).json()
    assert answer["held_through_seq"] == 1
    [rejected] = answer["rejected"]
    assert rejected["id"] == clash.id and code in rejected["reason"]
    page = client.get("/v1/pull", headers=first.headers).json()
    assert page["events"] == []
    [notice] = page["notices"]
    assert (notice["event_id"], notice["dossier_id"]) == (clash.id, mine.dossier_id)
    assert code in notice["reason"] and "Quầy 2" in notice["reason"]  # the other counter
    assert page["next_cursor"] == notice["server_seq"]
    assert (
        client.get(f"/v1/pull?after={page['next_cursor']}", headers=first.headers).json()["notices"]
        == []
    )
    assert client.get("/v1/pull", headers=second.headers).json()["notices"] == []
    office = officer_headers(database_url)
    shown = client.get(f"/v1/office/dossiers/{code}", headers=office).json()
    assert (shown["station_id"], shown["conflicts"]) == (first.station_id, 1)
    listing = client.get(f"/v1/office/dossiers?q={code}", headers=office).json()
    assert listing["total"] == 1
    [held] = client.get("/v1/admin/quarantine", headers=admin_headers(database_url)).json()
    assert held["id"] == clash.id


def test_two_dossiers_with_one_code_in_one_batch(client: TestClient, database_url: str) -> None:
    station = enrolled(client, database_url, slot=1)
    first = station.next_events(1)
    again = [station.received_with_code(first[0].payload["dossier"]["code"])]
    answer = client.post("/v1/push", json=body(first + again), headers=station.headers).json()
    assert answer["held_through_seq"] == 2
    assert [item["id"] for item in answer["rejected"]] == [again[0].id]
    notices = client.get("/v1/pull", headers=station.headers).json()["notices"]
    assert [notice["dossier_id"] for notice in notices] == [first[0].dossier_id]


def test_the_same_code_in_another_agency_is_no_clash(client: TestClient, database_url: str) -> None:
    ours = enrolled(client, database_url, slot=1)
    theirs = enrolled(client, database_url, agency="000.17.22.H57", slot=1)
    ours_events = ours.next_events(1)
    theirs_events = theirs.next_events(1)
    assert (
        ours_events[0].payload["dossier"]["code"][-4:]
        == theirs_events[0].payload["dossier"]["code"][-4:]
    )
    for station, events in ((ours, ours_events), (theirs, theirs_events)):
        answer = client.post("/v1/push", json=body(events), headers=station.headers).json()
        assert answer["rejected"] == []
