"""What the server holds for an agency, read straight from its database, and the checks on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import select

from counter_server.db import Database
from counter_server.models import Dossier, Event, Station
from tests.faults.stations import Party


def held(database_url: str, agency: str) -> list[tuple[str, str, int, str]]:
    """(id, station, seq, hash) of every event the server holds for ``agency``."""
    database = Database(database_url)
    try:
        with database.sessions() as session:
            query = select(Event.id, Event.station_id, Event.seq, Event.hash)
            rows = session.execute(query.where(Event.agency_code == agency)).all()
    finally:
        database.dispose()
    return [(row.id, row.station_id, row.seq, row.hash) for row in rows]


def held_codes(database_url: str, agency: str) -> list[str | None]:
    """The dossier codes the server knows for ``agency``."""
    database = Database(database_url)
    try:
        with database.sessions() as session:
            return list(session.scalars(select(Dossier.code).where(Dossier.agency_code == agency)))
    finally:
        database.dispose()


def held_through(database_url: str, station_id: str) -> int:
    """The seq the server holds the station's chain through."""
    database = Database(database_url)
    try:
        with database.sessions() as session:
            station = session.get(Station, station_id)
            return station.held_seq if station is not None else 0
    finally:
        database.dispose()


def assert_exactly_once(database_url: str, agency: str, parties: Sequence[Party]) -> None:
    """Every event of every party held once, chains whole, every dossier code distinct."""
    authors = {party.station_id for party in parties}  # the office's own chain aside
    events = [event for event in held(database_url, agency) if event[1] in authors]
    authored = {(e.id, e.station_id, e.seq, e.hash) for p in parties for e in p.own_events()}
    assert len(events) == len(set(events)) == len(authored)
    assert set(events) == authored
    for party in parties:
        assert held_through(database_url, party.station_id) == len(party.own_events())
    codes = held_codes(database_url, agency)
    assert sorted(codes) == sorted(code for party in parties for code in party.codes)  # type: ignore[type-var]
    assert not [code for code, times in Counter(codes).items() if times > 1]


def assert_stations_agree(parties: Sequence[Party], codes: Sequence[str]) -> None:
    """Every station stores the same events once each, its log verifies, ``codes`` distinct."""
    views = []
    for party in parties:
        events = party.store_events()
        assert len(events) == len({event_id for event_id, _station, _seq in events})
        assert party.station.verify().ok
        assert sorted(party.store_codes()) == sorted(codes)
        views.append(set(events))
    assert all(view == views[0] for view in views)
    assert len(set(codes)) == len(codes)
