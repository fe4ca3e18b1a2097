"""The statistics columns of the event row: written with the event, filled in by revision 0004
for stores made before it, and checked against the payload by ``events verify``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alembic import command

from counter_app import store_keys
from counter_app.domain.trails import payload_texts
from counter_app.models.database import STORE_FILENAME, alembic_config, create_sqlite_engine
from counter_app.services.eventlog import STEP_FIELDS
from counter_app.services.integrity import verify
from counter_app.services.statistics import period_report
from counter_app.station import Station
from tests.conftest import store_connection
from tests.reports.history import FIRST, LAST, build

_COLUMNS = f"SELECT id, type, payload, {', '.join(STEP_FIELDS)} FROM events ORDER BY id"


def _rows(path: Path) -> list[tuple[Any, ...]]:
    with store_connection(path) as connection:
        rows = connection.execute(_COLUMNS).fetchall()
    connection.close()
    return rows


def _downgrade_to_0003(path: Path) -> None:
    engine = create_sqlite_engine(path, store_keys.require_key(path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()


def test_events_carry_their_payload_fields_as_columns(station: Station) -> None:
    build(station)
    rows = _rows(station.data_dir / STORE_FILENAME)
    filled = 0
    for _id, type_, payload, *stored in rows:
        due, received, method, rating, digitised = payload_texts(type_, json.loads(payload))
        assert stored == [
            due,
            received,
            method,
            rating,
            digitised if digitised is None else int(digitised),
        ]
        filled += any(value is not None for value in stored)
    assert filled >= 15  # receipts, returns, apologies and resumptions of the March history


def test_a_store_made_before_revision_0004_is_filled_in_from_its_payloads(
    station: Station,
) -> None:
    build(station)
    before = period_report(station, FIRST, LAST)
    path = station.data_dir / STORE_FILENAME
    written = _rows(path)
    with store_connection(path) as connection:
        personal = connection.execute("SELECT personal, id FROM events").fetchall()
    connection.close()
    station.close()
    _downgrade_to_0003(path)
    with store_connection(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(events)")}
    connection.close()
    assert not columns & set(STEP_FIELDS)
    reopened = Station(station.data_dir)
    # the way down dropped the events' personal parts (their revision), which this history's
    # events keep beside them: put them back as they were, so that only 0004 is on trial
    with store_connection(path) as connection:
        connection.executemany("UPDATE events SET personal = ? WHERE id = ?", personal)
    connection.close()
    try:
        assert _rows(path) == written
        assert period_report(reopened, FIRST, LAST) == before
        with reopened.store.read() as db:
            assert verify(db).ok
    finally:
        reopened.close()


def test_the_fill_in_keeps_only_values_of_the_expected_json_type(station: Station) -> None:
    build(station)
    path = station.data_dir / STORE_FILENAME
    station.close()
    _downgrade_to_0003(path)
    with store_connection(path) as connection:
        event_id, payload = connection.execute(
            "SELECT id, payload FROM events WHERE type = 'received' LIMIT 1"
        ).fetchone()
        odd = json.loads(payload)
        odd["due_at"], odd["received_at"] = 20260301, {"at": "2026-03-01"}
        odd["dossier"]["digitised"] = "yes"
        connection.execute(
            "UPDATE events SET payload = ? WHERE id = ?", (json.dumps(odd), event_id)
        )
    connection.close()
    reopened = Station(station.data_dir)
    reopened.close()
    row = next(r for r in _rows(path) if r[0] == event_id)
    assert row[3:] == (None, None, None, None, None)
    assert payload_texts("received", odd) == (None, None, None, None, None)


def test_verify_names_an_event_whose_columns_differ_from_its_payload(station: Station) -> None:
    build(station)
    with station.store.read() as db:
        assert verify(db).ok
    with store_connection(station.data_dir / STORE_FILENAME) as connection:
        event_id, dossier_id = connection.execute(
            "SELECT id, dossier_id FROM events WHERE type = 'received' LIMIT 1"
        ).fetchone()
        connection.execute(
            "UPDATE events SET due_at = '2030-01-01T00:00:00+07:00' WHERE id = ?", (event_id,)
        )
    connection.close()
    with station.store.read() as db:
        report = verify(db)
    assert report.mismatches == [
        f"dossier {dossier_id}: event {event_id}: statistics columns differ from payload"
    ]
