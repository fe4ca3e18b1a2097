"""What a catalogue file would change, per procedure, without writing anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.domain.catalogue_reading import CatalogueProblem
from counter_app.services.catalogue_io import load_catalogue
from counter_app.station import Station
from tests.conftest import store_connection
from tests.factories import TEST_PROCEDURES

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "procedures.json"


def _procedures(station: Station) -> int:
    with store_connection(station.store.path) as connection:
        return int(connection.execute("SELECT count(*) FROM procedures").fetchone()[0])


def test_changed_fields_are_named_and_nothing_is_written(station: Station, tmp_path: Path) -> None:
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    birth = next(p for p in document["procedures"] if p["code"] == "1.001193")
    birth["name"] = "Đăng ký khai sinh (sửa)"
    birth["fee"] = {"amount": 8000, "text": "Lệ phí"}
    path = tmp_path / "moi.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = _procedures(station)
    preview = station.preview_catalogue_file(path)
    row = next(r for r in preview.rows if r.code == "1.001193")
    assert (row.change, row.fields) == ("changed", ("name", "fee_amount", "fee_text"))
    assert preview.summary.changed == ["1.001193"]
    assert len(preview.summary.unchanged) == len(document["procedures"]) - 1
    assert _procedures(station) == before


def test_marking_a_document_obtainable_is_a_change_of_its_documents(
    station: Station, tmp_path: Path
) -> None:
    document = json.loads(TEST_PROCEDURES.read_text(encoding="utf-8"))  # RESIDENCE is there
    residence = next(p for p in document["procedures"] if p["code"] == "1.004222")
    residence["documents"][1]["obtainable_from"] = ["csdl_dat_dai"]
    path = tmp_path / "moi.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    preview = station.preview_catalogue_file(path)
    row = next(r for r in preview.rows if r.code == "1.004222")
    assert (row.change, row.fields) == ("changed", ("documents",))
    assert preview.summary.changed == ["1.004222"]  # every other version keeps its id
    station.import_catalogue(load_catalogue(path))
    stored = station.context().current_procedure("1.004222").spec.documents[1]
    assert stored.obtainable_from == ("csdl_dat_dai",)


def test_a_broken_file_raises_every_problem(station: Station, tmp_path: Path) -> None:
    path = tmp_path / "hong.json"
    path.write_text('{"format": "counter-catalogue/1", "procedures": [{"code": "x"}]}')
    with pytest.raises(CatalogueProblem) as refused:
        station.preview_catalogue_file(path)
    assert all(problem.file == "hong.json" for problem in refused.value.problems)
    assert len(refused.value.problems) > 1


def test_pause_grounds_show_in_the_preview_and_are_stored(station: Station, tmp_path: Path) -> None:
    document = json.loads(TEST_PROCEDURES.read_text(encoding="utf-8"))  # RESIDENCE is there
    residence = next(p for p in document["procedures"] if p["code"] == "1.004222")
    residence["pause_grounds"] = ["verification"]
    path = tmp_path / "can_cu.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    preview = station.preview_catalogue_file(path)
    row = next(r for r in preview.rows if r.code == "1.004222")
    assert (row.change, row.fields) == ("changed", ("pause_grounds",))
    station.import_catalogue(station.preview_catalogue_file(path).specs)
    [entry] = [e for e in station.catalogue() if e.spec.code == "1.004222"]
    assert entry.spec.pause_grounds == ("verification",)
