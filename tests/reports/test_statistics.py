"""The period report over the hand-built history (figures worked out in ``history``)."""

from __future__ import annotations

from counter_app.services.statistics import period_report
from counter_app.station import Station
from tests.reports.history import EXPECTED, EXPECTED_CU_TRU, FIRST, LAST, build


def test_totals_match_the_hand_count(station: Station) -> None:
    build(station)
    report = period_report(station, FIRST, LAST)
    values = report.totals.as_dict()
    assert {key: values[key] for key in EXPECTED} == EXPECTED
    assert report.totals.on_time_rate == 4 / 6
    assert report.totals.online_ratio == 1 / 8


def test_breakdowns(station: Station) -> None:
    build(station)
    report = period_report(station, FIRST, LAST)
    fields = {row.key: row.figures for row in report.breakdowns["field"]}
    assert set(fields) == {"Cư trú", "Hộ tịch"}
    cu_tru = fields["Cư trú"].as_dict()
    assert {key: cu_tru[key] for key in EXPECTED_CU_TRU} == EXPECTED_CU_TRU
    assert fields["Hộ tịch"].on_time == 1
    clerks = {row.key: row.figures for row in report.breakdowns["clerk"]}
    assert clerks["lan"].new == 1 and clerks["clerk"].received == 8
    channels = {row.key: row.figures.new for row in report.breakdowns["channel"]}
    assert channels == {"direct": 6, "online": 1, "post": 1}
    returns = {row.key: row.figures.returned for row in report.breakdowns["return_method"]}
    assert returns["post"] == 1


def test_field_filter_and_an_earlier_period(station: Station) -> None:
    build(station)
    only = period_report(station, FIRST, LAST, field="Hộ tịch")
    assert only.totals.received == 1 and only.totals.on_time == 1
    february = period_report(station, FIRST.replace(month=2), FIRST.replace(month=2, day=28))
    # K (received 2/2, resolved 5/2: due 11/2 → early), F received 24/2 still open at the end.
    assert february.totals.new == 2 and february.totals.resolved == 1
    assert february.totals.early == 1 and february.totals.pending_not_due == 1
