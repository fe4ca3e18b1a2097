"""Tests of text normalisation at the boundary (counter_app.domain.text)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import (
    clean,
    clean_optional,
    fold,
    nfc,
    normalise_email,
    normalise_phone,
)

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
vietnamese_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \t\n", max_size=60)
any_text = st.one_of(st.text(max_size=80), vietnamese_text)


def nfd(value: str) -> str:
    """Decomposed form, as some scanners and macOS clipboards deliver it."""
    return unicodedata.normalize("NFD", value)


# --- nfc / fold ---------------------------------------------------------------------------------


def test_nfc_composes_decomposed_text() -> None:
    assert nfc(nfd("Nguyễn Văn Đức")) == "Nguyễn Văn Đức"
    assert len(nfc(nfd("ễ"))) == 1


def test_fold_examples() -> None:
    expected = "nguyen van duc"
    assert fold("Nguyễn Văn Đức") == expected
    assert fold("nguyen van duc") == expected
    assert fold("NGUYỄN  VĂN ĐỨC") == expected
    assert fold(nfd("Nguyễn Văn Đức")) == expected
    assert fold("  \tNguyễn\nVăn \u00a0 Đức  ") == expected


def test_fold_handles_every_vietnamese_vowel() -> None:
    assert fold("ăâêôơư ÀẢÃÁẠ ỳýỷỹỵ") == "aaeoou aaaaa yyyyy"


def test_fold_drops_zero_width_characters() -> None:
    assert fold("Ngu\u200byễn") == "nguyen"


@given(any_text)
def test_fold_is_idempotent(value: str) -> None:
    assert fold(fold(value)) == fold(value)


@given(any_text)
def test_fold_ignores_normal_form(value: str) -> None:
    assert fold(nfd(value)) == fold(nfc(value))


@given(any_text)
def test_fold_output_has_no_marks_no_d_stroke_no_extra_spaces(value: str) -> None:
    folded = fold(value)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert not any(unicodedata.category(ch) == "Mn" for ch in folded)
    assert "đ" not in folded
    assert "Đ" not in folded
    assert folded == folded.strip()
    assert "  " not in folded


# --- clean ----------------------------------------------------------------------------------------


def test_clean_trims_collapses_and_composes() -> None:
    assert clean(nfd("  Nguyễn \t  Văn\r\nA  "), field="name", max_length=50) == "Nguyễn Văn A"


def test_clean_removes_control_and_zero_width_characters() -> None:
    dirty = "Ng\x00uy\x07ễn\u200b V\ufeffăn\x9b A\u202e"
    assert clean(dirty, field="name", max_length=50) == "Nguyễn Văn A"


def test_clean_recomposes_after_removing_an_invisible_character() -> None:
    assert clean("e\u200b\u0301", field="x", max_length=5) == "é"


def test_clean_multiline_keeps_line_breaks() -> None:
    value = "  Dòng một  \r\n\tDòng   hai\r\r\n\n\nDòng ba\x00 \n"
    expected = "Dòng một\nDòng hai\n\nDòng ba"
    assert clean(value, field="note", max_length=100, multiline=True) == expected


def test_clean_single_line_turns_line_breaks_into_spaces() -> None:
    assert clean("Dòng một\nDòng hai", field="x", max_length=100) == "Dòng một Dòng hai"


def test_clean_required_refuses_blank() -> None:
    with pytest.raises(InvalidInput) as caught:
        clean(" \t\u200b\n ", field="full_name", max_length=10)
    assert caught.value.field == "full_name"
    assert caught.value.message


def test_clean_not_required_allows_blank() -> None:
    assert clean("   ", field="x", max_length=10, required=False) == ""


def test_clean_refuses_too_long_and_says_the_limit() -> None:
    with pytest.raises(InvalidInput) as caught:
        clean("a" * 11, field="address", max_length=10)
    assert caught.value.field == "address"
    assert "10" in caught.value.message


def test_clean_counts_length_after_normalising() -> None:
    assert clean(nfd("ễ" * 10) + "     ", field="x", max_length=10) == "ễ" * 10


def test_clean_keeps_sql_looking_text_as_text() -> None:
    value = "Robert'); DROP TABLE dossiers;--"
    assert clean(value, field="x", max_length=100) == value


@given(any_text, st.integers(min_value=0, max_value=40), st.booleans())
def test_clean_is_bounded_and_idempotent(value: str, limit: int, multiline: bool) -> None:
    try:
        cleaned = clean(value, field="x", max_length=limit, required=False, multiline=multiline)
    except InvalidInput:
        return
    assert len(cleaned) <= limit
    assert cleaned == cleaned.strip()
    assert unicodedata.is_normalized("NFC", cleaned)
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in cleaned)
    if not multiline:
        assert "\n" not in cleaned
    again = clean(cleaned, field="x", max_length=limit, required=False, multiline=multiline)
    assert again == cleaned


def test_clean_optional() -> None:
    assert clean_optional(None, field="x", max_length=5) is None
    assert clean_optional("  \t ", field="x", max_length=5) is None
    assert clean_optional("  ab  ", field="x", max_length=5) == "ab"
    with pytest.raises(InvalidInput):
        clean_optional("abcdef", field="x", max_length=5)


# --- phone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("091-234-5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("  0912345678\r\n", "0912345678"),
        ("024 3825 1234", "02438251234"),
        ("+84 24 3825 1234", "02438251234"),
    ],
)
def test_normalise_phone_accepts(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "091234567",  # 9 digits
        "09123456789",  # 11 digits not starting with 02
        "912345678",  # no leading 0
        "1234567890",
        "+1 212 555 0100",
        "0912abc678",
        "0912345678 ext 2",
        "09+12345678",
    ],
)
def test_normalise_phone_refuses(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_phone(typed)
    assert caught.value.field == "phone"
    assert caught.value.message


# --- email ---------------------------------------------------------------------------------------


def test_normalise_email_lowercases_and_trims() -> None:
    assert normalise_email("  Nguyen.Van.A@Example.COM.vn ") == "nguyen.van.a@example.com.vn"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "nguyenvana",
        "nguyen@vana",
        "a@@example.com",
        "a@b@example.com",
        "nguyen van a@example.com",
        "@example.com",
        "a@.com",
        "a@example..com",
        "a@example.com.",
        ".a@example.com",
        "a..b@example.com",
        "<a@example.com>",
        "a@" + "b" * 250 + ".com",
    ],
)
def test_normalise_email_refuses(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_email(typed)
    assert caught.value.field == "email"


def test_normalise_email_length_limit() -> None:
    local = "a" * 64
    domain = "b" * (254 - 64 - 1 - 4) + ".com"
    address = f"{local}@{domain}"
    assert len(address) == 254
    assert normalise_email(address) == address
    with pytest.raises(InvalidInput):
        normalise_email("a" + address)
