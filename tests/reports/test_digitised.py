"""Digitisation marked at the counter: recorded in the dossier, counted by the report."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.statistics import Period, Step, contributions
from counter_app.services.statistics import period_report
from counter_app.station import Station
from tests.factories import request, vn

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def _new(digitised: bool | None) -> tuple[str, ...]:
    at = vn(2026, 3, 2, 9)
    step = Step("received", at, "lan", vn(2026, 3, 11, 9), at, digitised=digitised)
    return contributions([step], MARCH)[1]


def test_only_a_recorded_mark_counts() -> None:
    assert "digitised" in _new(True) and "digitisation_recorded" in _new(True)
    assert "digitised" not in _new(False) and "digitisation_recorded" in _new(False)
    assert "digitisation_recorded" not in _new(None)


def test_ratio_over_the_dossiers_whose_clerk_recorded_it(station: Station) -> None:
    # received in March: two scanned, one not, one without a mark → 2 / 3; the mark of a
    # dossier carried over from February is not a March figure
    marks = [(2, True), (3, True), (4, False), (5, None)]
    for day, digitised in marks:
        at = vn(2026, 3, day, 9)
        station.receive(request(received_at=at, digitised=digitised), actor="lan", now=at)
    at = vn(2026, 2, 26, 9)
    station.receive(request(received_at=at, digitised=True), actor="lan", now=at)
    totals = period_report(station, MARCH.first, MARCH.last).totals
    assert (totals.new, totals.digitised, totals.digitisation_recorded) == (4, 2, 3)
    assert totals.digitised_ratio == pytest.approx(2 / 3)
    assert period_report(station, date(2026, 4, 1), date(2026, 4, 30)).totals.digitised == 0


def _receive(data_dir: Path, file: Path, *flags: str) -> int:
    return main(["--data-dir", str(data_dir), "--actor", "lan", "receive", str(file), *flags])


def test_cli_flag_and_json_field(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = {"applicant": {"name": "Lê Thị Hoa"}, "procedure": "1.004222",
            "received_at": "2026-03-10T09:00"}  # fmt: skip
    file = tmp_path / "d.json"
    file.write_text(json.dumps([item, {**item, "digitised": False}]), encoding="utf-8")
    assert _receive(data_dir, file, "--digitised") == 0
    station = Station(data_dir)
    try:  # the command records the events now: a period up to today sees them
        totals = period_report(station, MARCH.first, datetime.now(VN_TZ).date()).totals
    finally:
        station.close()
    assert (totals.digitised, totals.digitisation_recorded) == (1, 2)


def test_a_mark_that_is_not_true_or_false_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "d.json"
    item = {"applicant": {"name": "Lê Thị Hoa"}, "procedure": "1.004222", "digitised": "có"}
    file.write_text(json.dumps(item), encoding="utf-8")
    assert _receive(data_dir, file) == 1
    assert "«digitised» phải là true hoặc false" in capsys.readouterr().err
    station = Station(data_dir)
    try:
        assert station.search("le thi hoa") == []
    finally:
        station.close()
