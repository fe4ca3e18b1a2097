"""Published values at their edges: Vietnamese number words as the language writes them ("linh"
or "lẻ" joins hundreds and units and never starts a number, "mơi" is spoken "mươi", "trăm" and
"nghìn" alone are one hundred and one thousand), a time limit of at most 365 days (a month is 30
days), and what the administrator reads when a cell cannot be read (the cell's text, cut at 80
characters, on the field it belongs to)."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.published_values import (
    TimeLimit,
    number_from_words,
    parse_fee,
    parse_time_limit,
)
from counter_app.domain.text import fold


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("một trăm linh năm", 105),
        ("một trăm lẻ năm", 105),
        ("hai trăm linh một nghìn", 201_000),
        ("linh năm", None),
        ("lẻ năm", None),
        ("ba mơi", 30),
        ("một trăm mười", 110),
        ("hai nghìn không trăm mười", 2010),
        ("một triệu không trăm năm mươi nghìn", 1_050_000),
        ("một nghìn mười", 1010),
        ("ba trăm", 300),
        ("một trăm mười lăm nghìn", 115_000),
        ("trăm nghìn", 100_000),
        ("nghìn", 1000),
        ("một triệu hai trăm nghìn", 1_200_000),
        ("không", 0),
        ("", None),
        ("không không", None),
    ],
)
def test_numbers_in_words_at_their_edges(words: str, expected: int | None) -> None:
    assert number_from_words(fold(words).split()) == expected


def _refusal(parse: object, text: str) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        parse(text)  # type: ignore[operator]
    return raised.value.message, raised.value.field


def test_a_time_limit_cell_that_cannot_be_read_is_named() -> None:
    assert _refusal(parse_time_limit, " ") == ("Ô thời hạn giải quyết để trống.", "time")
    assert _refusal(parse_time_limit, " Theo quy định ") == (
        "Không đọc được thời hạn giải quyết «Theo quy định».",
        "time",
    )
    long = "Theo quy định của " + "x" * 100
    assert _refusal(parse_time_limit, long) == (
        f"Không đọc được thời hạn giải quyết «{long[:80]}».",
        "time",
    )


def test_a_time_limit_is_at_most_365_days_and_a_month_is_30() -> None:
    assert parse_time_limit("365 ngày") == TimeLimit(365, "calendar_days", False)
    assert parse_time_limit("12 tháng") == TimeLimit(360, "calendar_days", False)
    assert _refusal(parse_time_limit, "366 ngày") == (
        "Thời hạn 366 ngày quá dài (tối đa 365).",
        "time",
    )
    assert _refusal(parse_time_limit, "13 tháng") == (
        "Thời hạn 390 ngày quá dài (tối đa 365).",
        "time",
    )


def test_a_unit_followed_by_a_full_stop_still_counts_words() -> None:
    assert parse_time_limit("Ba ngày.") == TimeLimit(3, "calendar_days", False)
    assert parse_fee("Năm mươi nghìn đồng.") == 50_000


def test_a_fee_cell_that_names_no_amount_is_named() -> None:
    assert _refusal(parse_fee, "Không quá mức quy định") == (
        "Không đọc được mức phí, lệ phí «Không quá mức quy định».",
        "fee",
    )
    long = "Theo Nghị quyết của Hội đồng nhân dân tỉnh " + "x" * 100
    assert _refusal(parse_fee, long) == (f"Không đọc được mức phí, lệ phí «{long[:80]}».", "fee")


def test_a_comma_after_the_unit_does_not_hide_it() -> None:
    assert parse_time_limit("05 ngày, kể từ ngày nhận đủ hồ sơ") == TimeLimit(
        5, "calendar_days", False
    )
