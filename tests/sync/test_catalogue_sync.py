"""Stations agree on procedure versions; a dossier under an unknown version waits for it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command

from counter_app import store_keys
from counter_app.domain.catalogue import version_id
from counter_app.models.database import alembic_config, create_sqlite_engine, open_store
from counter_app.services import publications, sync_apply
from counter_app.services.catalogue_io import dump_catalogue
from counter_app.services.dossier_fold import local_procedure_id
from counter_app.services.eventlog import load_events
from counter_app.station import Station
from counter_app.sync.protocol import Publication, PulledEvent, WireEvent
from tests.conftest import AGENCY_CODE, store_connection
from tests.factories import RESIDENCE
from tests.sync.helpers import received

NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


def test_stations_that_import_the_same_catalogue_agree_on_version_ids(
    make_station: Callable[[int], Station],
) -> None:
    first, second = make_station(1), make_station(2)
    assert [e.id for e in first.catalogue()] == [e.id for e in second.catalogue()]
    entry = first.catalogue()[0]
    assert entry.id == version_id(entry.spec.code, entry.spec.content_hash())


def test_a_catalogue_that_changes_back_revives_the_old_version(
    make_station: Callable[[int], Station],
) -> None:
    station = make_station(1)
    original = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    station.import_catalogue([replace(original.spec, name="Đăng ký thường trú (sửa)")])
    station.import_catalogue([original.spec])
    current = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    assert current.id == original.id and current.is_current


def _pulled(station: Station, code: str) -> list[PulledEvent]:
    facts = station.dossier(code)
    with station.store.read() as db:
        records = load_events(db, facts.id)
    return [
        PulledEvent(**WireEvent.from_record(r).model_dump(), server_seq=n)
        for n, r in enumerate(records, 1)
    ]


def _catalogue_body(station: Station, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "published.json"
    dump_catalogue([e.spec for e in station.catalogue()], path)
    body: dict[str, object] = json.loads(path.read_text())
    return body


def test_a_dossier_on_an_unknown_version_waits_for_the_publication(
    make_station: Callable[[int], Station], tmp_path: Path
) -> None:
    here, there = make_station(1), make_station(2)
    spec = next(e.spec for e in there.catalogue() if e.spec.code == RESIDENCE)
    there.import_catalogue([replace(spec, name="Đăng ký thường trú (quyết định mới)")])
    code = received(there)
    with here.store.write() as db:
        held = sync_apply.apply_pulled(
            db, _pulled(there, code), agency_code=AGENCY_CODE, now=NOW, server_time=NOW
        )
    assert (held.applied, held.on_hold) == (0, 1)
    assert here.sync_reconciliation().on_hold == 1
    publication = Publication(
        pub_seq=1, kind="catalogue", published_at=NOW, body=_catalogue_body(there, tmp_path)
    )
    with here.store.write() as db:
        publications.apply_publications(db, [publication])
        retried = sync_apply.retry_held(db, agency_code=AGENCY_CODE, now=NOW, server_time=NOW)
    assert retried.applied == 1
    assert here.dossier(code).procedure_id == there.dossier(code).procedure_id
    assert here.sync_reconciliation().on_hold == 0
    assert here.verify().ok


def test_pulling_the_same_events_twice_changes_nothing(
    make_station: Callable[[int], Station],
) -> None:
    here, there = make_station(1), make_station(2)
    events = _pulled(there, received(there))
    with here.store.write() as db:
        first = sync_apply.apply_pulled(
            db, events, agency_code=AGENCY_CODE, now=NOW, server_time=NOW
        )
        again = sync_apply.apply_pulled(
            db, events, agency_code=AGENCY_CODE, now=NOW, server_time=NOW
        )
    assert (first.applied, again.applied, again.already_held) == (1, 0, 1)
    assert here.verify().ok and here.verify().dossiers == 1


def test_a_published_calendar_marks_its_days(make_station: Callable[[int], Station]) -> None:
    station = make_station(1)
    body = {
        "days": [
            {"day": "2027-02-05", "kind": "off", "reason": "Nghỉ bù Tết", "document": "TB 1/TB"},
            {"day": "2027-03-01", "kind": "off", "reason": "Nghỉ"},  # an older publication
        ],
        "removed": ["2027-03-02"],
        "years": [2027],
    }
    publication = Publication(pub_seq=1, kind="calendar", published_at=NOW, body=body)
    station.set_override(day=date(2027, 3, 2), kind="day_off", reason="Bão")
    with station.store.write() as db:
        publications.apply_publications(db, [publication])
    days = {o.day: o for o in station.overrides()}
    assert days[date(2027, 2, 5)].source == "published"
    assert days[date(2027, 2, 5)].document == "TB 1/TB"
    assert days[date(2027, 3, 1)].document is None
    assert date(2027, 3, 2) not in days
    assert station.calendar_years() == {2027: "published"}
    assert station.provisional_years(date(2026, 12, 1)) == []


def test_versions_stored_before_revision_0003_answer_to_their_derived_id(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_sqlite_engine(path, store_keys.create_key(path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    old_id = str(uuid.uuid4())
    with store_connection(path) as connection:
        connection.execute(
            "INSERT INTO procedures (id, code, version, is_current, name, name_folded, field, "
            "level, time_amount, time_unit, same_day_cutoff, fee_amount, fee_text, legal_basis, "
            "decision, status, unconfirmed, content_hash, imported_at) VALUES (?, '1.004222', 1, "
            "1, 'n', 'n', 'f', 'xa', 1, 'working_days', 0, NULL, '', '', '', 'active', '[]', "
            "'abc', '2026-01-01T00:00:00.000000+00:00')",
            (old_id,),
        )
    connection.close()
    engine, _key = open_store(path)
    with engine.connect() as db:
        assert local_procedure_id(db, version_id("1.004222", "abc")) == old_id
        assert local_procedure_id(db, str(uuid.uuid4())) is None
    engine.dispose()
