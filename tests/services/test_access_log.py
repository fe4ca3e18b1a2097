"""The access log: every view of a citizen's data, chained, and read back for the leader."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.access import AccessKind, QueryKind, Via
from counter_app.domain.calendar import VN_TZ
from counter_app.printing.model import FormKind
from counter_app.services.search_types import SearchFilters
from counter_app.station import Station
from tests.conftest import store_connection
from tests.factories import full_life, request


def rows(station: Station) -> list[tuple[str, ...]]:
    """Every access-log row as text, and every link to a dossier."""
    with store_connection(station.store.path) as connection:
        entries = connection.execute("SELECT * FROM access_log ORDER BY seq").fetchall()
        return [tuple(str(value) for value in row) for row in entries]


def test_opening_a_dossier_is_on_the_log_with_who_where_and_how(station: Station) -> None:
    station.create_user(username="canbo", full_name="Lê Văn Cán", role="clerk", password="x" * 8)
    code = station.receive(request(), actor="canbo").code
    read = station.privacy.open_dossier(code, actor="canbo", via=Via.CLI)
    assert read.facts.code == code and read.events[0].type == "received"
    [view] = station.privacy.views_of(code)
    assert (view.kind, view.via, view.actor, view.actor_name) == (
        "open",
        "cli",
        "canbo",
        "Lê Văn Cán",
    )
    assert view.station == station.context().identity.station_name
    assert view.codes == (code,)


def test_a_search_logs_the_kind_of_query_and_the_dossiers_shown_never_the_text(
    station: Station,
) -> None:
    code = station.receive(request(), actor="canbo").code
    for text, kind in (
        ("nguyen van duc", QueryKind.NAME),
        ("001090012345", QueryKind.ID_NUMBER),
        ("0912 345 678", QueryKind.PHONE),
        (code, QueryKind.CODE),
    ):
        found = station.privacy.search(text, actor="canbo", via=Via.GUI)
        assert [summary.code for summary in found] == [code]
        assert station.privacy.views_of(code)[0].detail["query"] == kind.value
    filtered = station.privacy.search(
        "", actor="canbo", via=Via.GUI, filters=SearchFilters(state="received")
    )
    assert [summary.code for summary in filtered] == [code]
    newest = station.privacy.views_of(code)[0].detail
    assert newest == {"query": "filters", "filters": ["state"], "shown": 1}
    logged = "\n".join(" ".join(row) for row in rows(station))
    for typed in ("nguyen", "duc", "001090012345", "0912", "345 678"):
        assert typed not in logged
    assert station.privacy.search("Trần Thị Không Có", actor="canbo", via=Via.GUI) == []
    assert len(rows(station)) == 5  # a search that shows nobody shows no data


def test_prints_and_the_register_book_are_views_of_the_dossiers_they_carry(
    station: Station,
) -> None:
    code = full_life(station)
    station.sheet(FormKind.SLIP, code, actor="canbo", via=Via.GUI)
    station.register_sheet(date(2026, 3, 1), date(2026, 3, 31), actor="lanhdao", via=Via.CLI)
    register, printed = station.privacy.views_of(code)
    assert (printed.kind, printed.detail) == ("print", {"form": "slip"})
    assert register.kind == AccessKind.REGISTER and register.actor == "lanhdao"
    assert register.detail == {"from": "2026-03-01", "to": "2026-03-31"}


def test_a_clerks_views_over_a_period(station: Station) -> None:
    code = station.receive(request(), actor="canbo").code
    station.privacy.open_dossier(code, actor="canbo", via=Via.GUI)
    station.privacy.open_dossier(code, actor="lanhdao", via=Via.GUI)
    today = datetime.now(VN_TZ).date()
    mine = station.privacy.views_by("canbo", today, today)
    assert [view.actor for view in mine] == ["canbo"]
    assert len(station.privacy.views_by(None, today, today)) == 2
    assert station.privacy.views_by("canbo", date(2020, 1, 1), date(2020, 12, 31)) == []


def test_the_chain_verifies_and_an_edited_entry_breaks_it(station: Station) -> None:
    code = station.receive(request(), actor="canbo").code
    for actor in ("canbo", "lanhdao", "canbo"):
        station.privacy.open_dossier(code, actor=actor, via=Via.GUI)
    report = station.verify()
    assert report.ok and report.access_entries == 3
    with store_connection(station.store.path) as connection:
        connection.execute("UPDATE access_log SET actor = 'ai_do' WHERE seq = 2")
    breaks = station.verify().access_breaks
    assert [(b.seq, b.reason) for b in breaks] == [(2, "hash does not match content")]
    with store_connection(station.store.path) as connection:
        connection.execute("UPDATE access_log SET actor = 'lanhdao' WHERE seq = 2")
        connection.execute("DELETE FROM access_log_dossiers WHERE entry_id IN "
                           "(SELECT id FROM access_log WHERE seq = 3)")  # fmt: skip
        connection.execute("DELETE FROM access_log WHERE seq = 3")
    breaks = station.verify().access_breaks
    assert [b.seq for b in breaks] == [2] and "head says 3" in breaks[0].reason


def test_views_leave_the_dossier_and_its_events_alone(station: Station) -> None:
    code = full_life(station)
    facts = station.dossier(code)
    events = station.events(facts.id)
    station.privacy.open_dossier(code, actor="canbo", via=Via.GUI)
    station.sheet(FormKind.RECEIPT, code, actor="canbo", via=Via.GUI)
    assert station.dossier(code) == facts and station.events(facts.id) == events
    assert station.verify().ok
