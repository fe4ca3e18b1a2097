"""A report split into shares folded by worker processes equals the single pass."""

from __future__ import annotations

import itertools
from dataclasses import astuple

import pytest

from counter_app import spawned
from counter_app.domain.statistics import Period
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver
from counter_app.services import reception, statistics
from counter_app.services.eventlog import new_id
from counter_app.services.statistics import period_report, statistics_view
from counter_app.services.statistics_pass import Job, Share, fold_share
from counter_app.spawned import SpawnedWorkers
from counter_app.station import Station
from tests.reports.history import EXPECTED, EXPECTED_WEEKS, FIRST, LAST, build


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every period is split in three shares, two of them folded in worker processes."""
    monkeypatch.setattr(statistics, "SHARED_FROM", 0)
    monkeypatch.setattr(statistics.os, "cpu_count", lambda: 3)


def test_three_shares_give_the_hand_count_and_the_weeks(station: Station, shared: None) -> None:
    build(station)
    view = statistics_view(station, FIRST, LAST)
    values = view.report.totals.as_dict()
    assert {key: values[key] for key in EXPECTED} == EXPECTED
    assert [astuple(week) for week in view.weeks] == EXPECTED_WEEKS


def test_shares_and_one_pass_agree_on_every_breakdown(
    station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(station)
    one_pass = period_report(station, FIRST, LAST)
    one_field = period_report(station, FIRST, LAST, field="Cư trú")
    monkeypatch.setattr(statistics, "SHARED_FROM", 0)
    monkeypatch.setattr(statistics.os, "cpu_count", lambda: 4)
    assert period_report(station, FIRST, LAST) == one_pass
    assert period_report(station, FIRST, LAST, field="Cư trú") == one_field


def test_each_dossier_is_in_exactly_one_share(
    station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = itertools.count()

    def alternating_id() -> str:
        """Ids ending in 0, 1, 0, 1…: both halves get dossiers (the last digit is random)."""
        return new_id()[:-1] + "01"[next(made) % 2]

    monkeypatch.setattr(reception, "new_id", alternating_id)
    build(station)
    period = Period(FIRST, LAST)
    job = Job(FIRST, LAST, to_utc_text(period.start), to_utc_text(period.end))
    with station.store.read() as db:
        whole = fold_share(driver(db), job, Share()).tally
        halves = [fold_share(driver(db), job, Share(i, 2)).tally for i in (0, 1)]
    assert all(halves) and halves[0] + halves[1] == whole


def test_shares_whose_workers_cannot_start_are_folded_here(
    station: Station, shared: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(station)

    def no_processes(*_args: object, **_kwargs: object) -> None:
        raise OSError("fork failed: resource temporarily unavailable")

    monkeypatch.setattr(statistics, "_WORKERS", SpawnedWorkers(statistics.MAX_SHARES - 1))
    monkeypatch.setattr(spawned, "ProcessPoolExecutor", no_processes)
    values = period_report(station, FIRST, LAST).totals.as_dict()
    assert {key: values[key] for key in EXPECTED} == EXPECTED
