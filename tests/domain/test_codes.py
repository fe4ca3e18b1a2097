from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.codes import (
    DossierCode,
    looks_like_code,
    next_sequence,
    parse_code,
    validate_agency_code,
    validate_slot,
)
from counter_app.domain.errors import InvalidInput


def test_code_has_the_national_shape() -> None:
    code = DossierCode("000.17.22.H56", date(2021, 5, 31), 1)
    assert str(code) == "000.17.22.H56-210531-0001"
    assert parse_code("000.17.22.H56-210531-0001") == code


@pytest.mark.parametrize(
    "text",
    ["", "000.17.22.H56-210531-1", "000.17.22.H56-211331-0001", "H56-210531-0001", "x" * 5000],
)
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_code(text)
    if text != "000.17.22.H56-211331-0001":
        assert not looks_like_code(text)


def test_agency_code_and_slot_are_validated() -> None:
    assert validate_agency_code(" 000.17.22.h56 ") == "000.17.22.H56"
    with pytest.raises(InvalidInput):
        validate_agency_code("17.22.H56")
    with pytest.raises(InvalidInput):
        validate_slot(10)


def test_slot_block_is_exhausted_with_a_message() -> None:
    assert next_sequence(2, None) == 2001
    assert next_sequence(2, 2998) == 2999
    with pytest.raises(InvalidInput):
        next_sequence(2, 2999)


@given(st.integers(0, 9), st.integers(0, 9), st.integers(0, 997), st.integers(0, 997))
def test_slots_never_overlap(a: int, b: int, i: int, j: int) -> None:
    first = next_sequence(a, None if i == 0 else next_sequence(a, None) + i - 1)
    second = next_sequence(b, None if j == 0 else next_sequence(b, None) + j - 1)
    if a != b:
        assert first != second


# --- exact lengths (Thông tư 03/2025/TT-VPCP, mã hồ sơ; QCVN 102:2016, mã định danh cơ quan) ---
# An agency code is 000.00.00.X00: three, two and two digits, one capital letter, two digits.
# A dossier code adds the receipt day (yyMMdd, 6 digits) and a 4-digit daily sequence.


@pytest.mark.parametrize(
    "agency",
    [
        "000.17.22.H5",  # one digit after the letter
        "000.17.22.H567",  # three digits after the letter
        "00.17.22.H56",
        "0000.17.22.H56",
        "000.1.22.H56",
        "000.170.22.H56",
        "000.17.2.H56",
        "000.17.220.H56",
        "000.17.22.56",
        "000.17.22.HH56",
    ],
)
def test_agency_codes_of_any_other_length_are_refused(agency: str) -> None:
    with pytest.raises(InvalidInput):
        validate_agency_code(agency)
    assert not looks_like_code(f"{agency}-260310-1001")
    with pytest.raises(InvalidInput):
        parse_code(f"{agency}-260310-1001")


@pytest.mark.parametrize("sequence", ["001", "00001", "10001"])
def test_sequences_of_other_than_four_digits_are_refused(sequence: str) -> None:
    text = f"000.17.22.H56-260310-{sequence}"
    assert not looks_like_code(text)
    with pytest.raises(InvalidInput):
        parse_code(text)


@pytest.mark.parametrize("day", ["26031", "2603100"])
def test_days_of_other_than_six_digits_are_refused(day: str) -> None:
    assert not looks_like_code(f"000.17.22.H56-{day}-1001")


def test_the_shortest_and_longest_valid_parts() -> None:
    assert parse_code("000.17.22.H56-260310-0001").sequence == 1
    assert parse_code("000.17.22.H56-260310-9999").sequence == 9999
    assert validate_agency_code("999.99.99.Z99") == "999.99.99.Z99"
