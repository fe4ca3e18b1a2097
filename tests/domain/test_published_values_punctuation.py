"""Published values written with punctuation where a decision's annex puts it.

Several limits in one cell give the first, the ordinary one ("trường hợp cần xác minh" is a
longer one); a fee with several amounts is a scale and has no single amount
(``published_values``' rule). Punctuation other than a digit separator ("8.000") is only a
break between words, also a full stop written without the space after it ("ngày.Trường hợp"),
as annexes copied from a printed decision often have it. A digit that "mươi" follows is
multiplied by ten.
"""

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


def test_a_limit_in_words_before_a_full_stop_without_a_space_is_the_first() -> None:
    """ "Năm ngày.Trường hợp cần xác minh thì mười ngày": five days, not the extension's ten."""
    text = "Năm ngày.Trường hợp cần xác minh thì mười ngày"
    assert parse_time_limit(text) == TimeLimit(5, "calendar_days", False)
    hours = "Bốn giờ.Trường hợp phức tạp: tám giờ"
    assert parse_time_limit(hours) == TimeLimit(4, "working_hours", False)


def test_two_fees_in_words_around_a_full_stop_are_a_scale() -> None:
    """50.000 đ for the first copy and 10.000 đ from the second: two amounts, no single fee."""
    text = "Năm mươi nghìn đồng.Bản sao thứ hai trở lên: mười nghìn đồng"
    assert parse_fee(text) is None
    assert parse_fee("Năm mươi nghìn đồng.") == 50_000


def test_a_comma_between_the_words_of_a_unit_is_a_space() -> None:
    """ "10 ngày, làm việc" names working days: the comma only separates words."""
    assert parse_time_limit("10 ngày, làm việc") == TimeLimit(10, "working_days", False)


def test_a_digit_before_muoi_is_multiplied_by_ten() -> None:
    """ "một mươi" is one times ten; "một mươi lăm" fifteen."""
    assert number_from_words(fold("một mươi").split()) == 10
    assert number_from_words(fold("một mươi lăm").split()) == 15


@pytest.mark.parametrize("words", ["mười trăm", "mươi mươi", "hai mươi trăm"])
def test_number_words_in_an_order_no_number_has_are_read_or_refused(words: str) -> None:
    """Number words in a nonsensical order give a number or None, never an error."""
    value = number_from_words(fold(words).split())
    assert value is None or isinstance(value, int)
    try:
        parse_time_limit(f"{words} ngày")
    except InvalidInput as refused:
        assert refused.field == "time"
