"""The shipped official calendar files: their checks, and what a provisional year is."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.official_calendar import (
    CALENDAR_DIR,
    labour_code_name,
    package_days,
    provisional_years,
    read_calendar_document,
    read_calendar_file,
    shipped_years,
)

GOOD = {
    "format": "counter-calendar/1",
    "year": 2026,
    "days": [
        {
            "day": "2026-01-10",
            "kind": "working",
            "name": "Làm việc bù",
            "document": "Văn bản 12729/VPCP-KGVX",
            "issued": "2025-12-25",
        }
    ],
}


def test_shipped_years_are_2025_and_2026_and_read_whole() -> None:
    years = shipped_years()
    assert set(years) == {2025, 2026}
    for path in CALENDAR_DIR.glob("*.json"):
        year, days = read_calendar_file(path)
        assert days == years[year]
    jan = {item.day: item for item in years[2026]}
    assert jan[date(2026, 1, 2)].document == "Văn bản 12729/VPCP-KGVX"
    assert jan[date(2026, 1, 2)].issued == date(2025, 12, 25)


@pytest.mark.parametrize("missing", ["document", "issued"])
def test_a_day_without_its_source_is_refused_with_the_day_named(missing: str) -> None:
    broken = copy.deepcopy(GOOD)
    del broken["days"][0][missing]  # type: ignore[index]
    with pytest.raises(InvalidInput) as raised:
        read_calendar_document(broken, "2026.json")
    assert "2026.json, 2026-01-10" in raised.value.message
    assert "thiếu nguồn" in raised.value.message and missing in raised.value.message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"format": "other"}, "format"),
        ({"year": "2026"}, "year"),
        ({"days": []}, "days"),
    ],
)
def test_malformed_files_are_refused(change: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        read_calendar_document({**GOOD, **change}, "x.json")
    assert words in raised.value.message


def test_a_day_of_another_year_or_kind_or_twice_is_refused(tmp_path: Path) -> None:
    for day in ({"day": "2027-01-10"}, {"kind": "holiday"}, {"issued": "25/12/2025"}):
        broken = copy.deepcopy(GOOD)
        broken["days"][0].update(day)  # type: ignore[index]
        with pytest.raises(InvalidInput):
            read_calendar_document(broken, "x.json")
    twice = copy.deepcopy(GOOD)
    twice["days"] = twice["days"] * 2  # type: ignore[operator]
    with pytest.raises(InvalidInput, match="lặp lại"):
        read_calendar_document(twice, "x.json")
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"bad\.json"):
        read_calendar_file(path)
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert read_calendar_file(path)[0] == 2026


def test_labour_code_names_leave_out_what_no_law_made_a_day_off() -> None:
    assert labour_code_name("Tết Dương lịch")
    assert labour_code_name("Ngày Giỗ Tổ Hùng Vương (nghỉ bù)")
    assert labour_code_name("Mùng năm Tết Nguyên Đán (dự kiến)")
    assert not labour_code_name("Ngày Văn hóa Việt Nam")
    assert not labour_code_name("Ngày nghỉ (thay cho ngày 22/08/2026)")


def test_a_year_is_warned_of_from_60_days_before_it_starts_unless_shipped_or_confirmed() -> None:
    # README "Calendar": an administrator is warned about a provisional year from 60 days before
    # it starts until it is published or confirmed; 2025 and 2026 are shipped.
    assert provisional_years({}, date(2026, 11, 1)) == []  # 2027 starts in 61 days
    assert provisional_years({}, date(2026, 11, 2)) == [2027]  # 1/1/2027 is 60 days on
    assert provisional_years({2027: "admin"}, date(2026, 11, 2)) == []
    assert provisional_years({}, date(2027, 6, 1)) == [2027]
    assert provisional_years({}, date(2027, 12, 31)) == [2027, 2028]
    assert provisional_years({2028: "admin"}, date(2027, 12, 31)) == [2027]
    assert provisional_years({}, date(2024, 12, 31)) == [2024]  # 2025 is shipped


def test_the_package_days_of_a_year_are_that_years_named_in_vietnamese() -> None:
    # Labour Code 45/2019/QH14 art. 112(1): 1 January, 30 April, 1 May and 2 September are
    # days off, under these names in the package's Vietnamese.
    days = package_days(2027)
    assert {day.year for day in days} == {2027}
    assert days[date(2027, 1, 1)] == "Tết Dương lịch"
    assert days[date(2027, 4, 30)] == "Ngày Chiến thắng"
    assert days[date(2027, 5, 1)] == "Ngày Quốc tế Lao động"
    assert days[date(2027, 9, 2)] == "Quốc khánh"
