"""What an administrator reads when a calendar file is refused: the file, then the entry (its
position until its day is known, then the day), then what is wrong, word for word, on the field
"calendar" (README "Calendar": every day off and worked day with the document that set it and
its date; the shipped format is ``counter-calendar/1``)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.official_calendar import read_calendar_document, read_calendar_file

DAY = {
    "day": "2026-01-10",
    "kind": "working",
    "name": "Làm việc bù",
    "document": "Văn bản 12729/VPCP-KGVX",
    "issued": "2025-12-25",
}


def _document(*days: object, **top: object) -> dict[str, object]:
    return {"format": "counter-calendar/1", "year": 2026, "days": list(days), **top}


def _changed(**fields: object) -> dict[str, object]:
    day = copy.deepcopy(DAY)
    day.update(fields)
    return {key: value for key, value in day.items() if value is not None}


def _refusal(document: object) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        read_calendar_document(document, "x.json")
    return raised.value.message, raised.value.field


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (_document(5), "x.json, ngày thứ 1: mỗi ngày phải là một đối tượng JSON."),
        (
            _document(_changed(zeta=1, alpha=2)),
            "x.json, ngày thứ 1: trường không có trong định dạng: alpha, zeta.",
        ),
        (_document(_changed(day=None)), "x.json, ngày thứ 1: thiếu trường «day»."),
        (
            _document(_changed(day="10/01/2026")),
            "x.json, ngày thứ 1: «day» phải là ngày dạng YYYY-MM-DD.",
        ),
        (
            _document(DAY, _changed(day="2026-01-11", kind="holiday")),
            "x.json, 2026-01-11: «kind» phải là off hoặc working.",
        ),
        (
            _document(DAY, {**DAY, "day": "2026-02-01", "kind": 3}),
            "x.json, 2026-02-01: thiếu trường «kind».",
        ),
        (_document(_changed(name="   ")), "x.json, 2026-01-10: thiếu trường «name»."),
        (_document(_changed(name="x" * 201)), "x.json, 2026-01-10: «name» dài quá 200 ký tự."),
        (
            _document(_changed(document=None)),
            "x.json, 2026-01-10: thiếu nguồn (số văn bản và ngày ban hành): trường «document».",
        ),
        (
            _document(_changed(issued="")),
            "x.json, 2026-01-10: thiếu nguồn (số văn bản và ngày ban hành): trường «issued».",
        ),
        (
            _document(_changed(issued="25/12/2025")),
            "x.json, 2026-01-10: «issued» phải là ngày dạng YYYY-MM-DD.",
        ),
        (
            _document(_changed(day="2027-01-10")),
            "x.json, 2027-01-10: ngày không thuộc năm 2026 của tệp.",
        ),
        (_document(DAY, DAY), "x.json, 2026-01-10: ngày bị lặp lại."),
        (
            _document(DAY, format="counter-calendar/2"),
            'x.json, format: tệp phải có "format": "counter-calendar/1".',
        ),
        ([DAY], 'x.json, format: tệp phải có "format": "counter-calendar/1".'),
        (_document(DAY, year=1999), "x.json, year: «year» phải là một năm (số nguyên)."),
        (_document(DAY, year=2101), "x.json, year: «year» phải là một năm (số nguyên)."),
        (_document(DAY, year=True), "x.json, year: «year» phải là một năm (số nguyên)."),
        (_document(DAY, year="2026"), "x.json, year: «year» phải là một năm (số nguyên)."),
        (_document(), "x.json, days: «days» phải là danh sách các ngày."),
        (_document(DAY, days=DAY), "x.json, days: «days» phải là danh sách các ngày."),
    ],
)
def test_each_refusal_names_the_file_the_entry_and_what_is_wrong(
    document: object, message: str
) -> None:
    assert _refusal(document) == (message, "calendar")


def test_the_second_entry_is_named_by_its_position() -> None:
    assert _refusal(_document(DAY, 7)) == (
        "x.json, ngày thứ 2: mỗi ngày phải là một đối tượng JSON.",
        "calendar",
    )


def test_a_text_of_exactly_200_characters_is_kept_and_texts_are_trimmed() -> None:
    name = "y" * 200
    assert read_calendar_document(_document(_changed(name=name)), "x.json")[1][0].name == name
    _, days = read_calendar_document(_document(_changed(name=" Nghỉ bù ")), "x.json")
    assert days[0].name == "Nghỉ bù"


@pytest.mark.parametrize("year", [2000, 2100])
def test_the_first_and_last_years_the_format_takes(year: int) -> None:
    day = _changed(day=f"{year}-01-10")
    assert read_calendar_document(_document(day, year=year), "x.json")[0] == year


def test_days_come_back_in_date_order_with_their_kind() -> None:
    off = _changed(day="2026-01-02", kind="off", name="Nghỉ Tết Dương lịch")
    year, days = read_calendar_document(_document(DAY, off), "x.json")
    assert year == 2026
    assert [(d.day, d.working) for d in days] == [
        (date(2026, 1, 2), False),
        (date(2026, 1, 10), True),
    ]


def test_a_file_is_read_as_utf8_and_one_that_is_not_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "2026.json"
    path.write_bytes(json.dumps(_document(DAY), ensure_ascii=False).encode("utf-8"))
    assert read_calendar_file(path)[1][0].name == "Làm việc bù"
    broken = tmp_path / "bad.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        read_calendar_file(broken)
    assert raised.value.message == (
        "bad.json, JSON: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)"
    )
    assert raised.value.field == "calendar"


def test_a_file_whose_content_is_refused_is_named_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2026.json"
    path.write_text(json.dumps(_document(DAY, year=1999)), encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        read_calendar_file(path)
    assert raised.value.message == "2026.json, year: «year» phải là một năm (số nguyên)."


def test_a_file_that_cannot_be_read_is_named_and_the_reason_cut_at_200_characters(
    tmp_path: Path,
) -> None:
    folder = tmp_path / ("d" * 220 + ".json")
    folder.mkdir()
    with pytest.raises(InvalidInput) as raised:
        read_calendar_file(folder)
    prefix = f"{folder.name}, JSON: "
    assert raised.value.message.startswith(prefix)
    assert len(raised.value.message) == len(prefix) + 200
