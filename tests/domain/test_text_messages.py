"""What a clerk reads when a typed value is empty or too long, word for word, on its field.

``clean`` names the field by its label when one is given ("«Họ và tên» …"), else speaks of
"this box" / "the content"; a too-long value says its length and the limit (text.py, ``clean``).
``fold`` turns đ and Đ into d (``fold("NGUYỄN  VĂN ĐỨC") == "nguyen van duc"``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import clean, clean_optional, fold


def refusal(call: Callable[[], object]) -> tuple[str, str | None]:
    """The message and field of the InvalidInput ``call`` raises."""
    with pytest.raises(InvalidInput) as raised:
        call()
    return raised.value.message, raised.value.field


def test_an_empty_required_value_is_refused_by_its_label() -> None:
    """A required box left blank (spaces only count as blank) names its label."""
    assert refusal(lambda: clean("   ", field="name", max_length=10, label="Họ và tên")) == (
        "«Họ và tên» không được để trống; hãy nhập nội dung.",
        "name",
    )


def test_an_empty_required_value_without_a_label_speaks_of_the_box() -> None:
    """Without a label the refusal speaks of "this box"."""
    assert refusal(lambda: clean("", field="note", max_length=10)) == (
        "Ô này không được để trống; hãy nhập nội dung.",
        "note",
    )


def test_a_too_long_value_says_its_length_and_the_limit_by_label() -> None:
    """Eleven characters where ten fit: both numbers are given, and the label."""
    assert refusal(lambda: clean("a" * 11, field="name", max_length=10, label="Họ và tên")) == (
        "«Họ và tên» dài 11 ký tự, quá giới hạn 10 ký tự; hãy rút gọn.",
        "name",
    )


def test_a_too_long_value_without_a_label_speaks_of_the_content() -> None:
    """Without a label the refusal speaks of "the content"; exactly the limit is accepted."""
    assert refusal(lambda: clean("a" * 11, field="note", max_length=10)) == (
        "Nội dung dài 11 ký tự, quá giới hạn 10 ký tự; hãy rút gọn.",
        "note",
    )
    assert clean("a" * 10, field="note", max_length=10) == "a" * 10


def test_an_optional_value_too_long_is_refused_by_its_label_and_field() -> None:
    """An optional value may be blank, but not longer than its column."""
    assert refusal(
        lambda: clean_optional("abcdef", field="phone_note", max_length=5, label="Ghi chú")
    ) == ("«Ghi chú» dài 6 ký tự, quá giới hạn 5 ký tự; hãy rút gọn.", "phone_note")
    assert refusal(lambda: clean_optional("abcdef", field="phone_note", max_length=5)) == (
        "Nội dung dài 6 ký tự, quá giới hạn 5 ký tự; hãy rút gọn.",
        "phone_note",
    )


def test_fold_turns_both_cases_of_d_stroke_into_d() -> None:
    """Đ and đ fold to d, as in "ĐỖ ĐỨC" and "đỗ đức"."""
    assert fold("ĐỖ ĐỨC") == fold("đỗ đức") == "do duc"
