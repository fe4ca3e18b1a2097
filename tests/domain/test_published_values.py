"""Time limits and fees as provinces write them, read into values (expected from the words)."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.published_values import (
    TimeLimit,
    number_from_words,
    parse_fee,
    parse_time_limit,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trong ngày", TimeLimit(0, "working_days", True)),
        (
            "Ngay trong ngày tiếp nhận yêu cầu, trường hợp sau 15 giờ thì trả trong ngày làm "
            "việc tiếp theo",
            TimeLimit(0, "working_days", True),
        ),
        ("Ngay sau khi nhận đủ giấy tờ theo quy định", TimeLimit(0, "working_days", True)),
        ("03 ngày làm việc", TimeLimit(3, "working_days", False)),
        ("15 ngày", TimeLimit(15, "calendar_days", False)),
        (
            "Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            TimeLimit(5, "working_days", False),
        ),
        ("Kể từ ngày nhận đủ hồ sơ, trong 05 ngày làm việc", TimeLimit(5, "working_days", False)),
        ("04 giờ làm việc", TimeLimit(4, "working_hours", False)),
        ("ba ngày làm việc", TimeLimit(3, "working_days", False)),
        ("Mười lăm ngày", TimeLimit(15, "calendar_days", False)),
        ("Không quá hai mươi ngày làm việc", TimeLimit(20, "working_days", False)),
        (
            "20 ngày làm việc; trường hợp cần xác minh thì không quá 25 ngày",
            TimeLimit(20, "working_days", False),
        ),
        ("01 tháng", TimeLimit(30, "calendar_days", False)),
    ],
)
def test_time_limits_as_written(text: str, expected: TimeLimit) -> None:
    assert parse_time_limit(text) == expected


@pytest.mark.parametrize("text", ["", "Theo quy định", "tùy trường hợp", "năm 2025", "400 ngày"])
def test_what_names_no_time_limit_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_time_limit(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Không", 0),
        ("Miễn lệ phí", 0),
        ("Không thu phí", 0),
        ("8.000 đồng/lần", 8000),
        ("50.000đ/hợp đồng", 50000),
        ("100.000 VNĐ", 100000),
        ("Năm mươi nghìn đồng", 50000),
        ("Mười nghìn đồng/trường hợp", 10000),
        ("Không quá 200.000 đồng", 200000),
        (
            "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản",
            None,
        ),
    ],
)
def test_fees_in_numbers_and_words(text: str, expected: int | None) -> None:
    assert parse_fee(text) == expected


def test_a_fee_that_names_no_amount_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_fee("Theo Nghị quyết của Hội đồng nhân dân tỉnh")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("mười", 10),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("một trăm nghìn", 100_000),
        ("hai trăm năm mươi nghìn", 250_000),
        ("ba triệu", 3_000_000),
        ("lăm", None),
    ],
)
def test_numbers_in_words(words: str, expected: int | None) -> None:
    from counter_app.domain.text import fold

    assert number_from_words(fold(words).split()) == expected
