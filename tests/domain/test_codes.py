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


# --- what each refusal says, and which field it names (the window puts the message beside it) ---


def _refusal(call: object, *args: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        call(*args)  # type: ignore[operator]
    return raised.value


def test_a_malformed_agency_code_names_the_shape_and_its_field() -> None:
    error = _refusal(validate_agency_code, "17.22.H56")
    assert error.message == "Mã định danh cơ quan phải có dạng 000.00.00.H00 (ví dụ 000.17.22.H56)."
    assert error.field == "agency_code"


@pytest.mark.parametrize("slot", [-1, 10])
def test_a_slot_outside_0_to_9_is_refused_with_its_field(slot: int) -> None:
    error = _refusal(validate_slot, slot)
    assert error.message == "Số khe của máy tiếp nhận phải từ 0 đến 9."
    assert error.field == "slot"


@pytest.mark.parametrize("slot", [0, 9])
def test_slots_0_and_9_are_the_ends_of_the_range(slot: int) -> None:
    assert validate_slot(slot) == slot


def test_an_exhausted_slot_says_to_use_another_counter() -> None:
    error = _refusal(next_sequence, 2, 2999)
    assert error.message == (
        "Máy tiếp nhận này đã dùng hết số hồ sơ trong ngày; hãy tiếp nhận trên máy khác."
    )
    assert error.field == "code"


def test_a_malformed_dossier_code_names_the_shape_and_its_field() -> None:
    error = _refusal(parse_code, "H56-210531-0001")
    assert error.message == "Mã hồ sơ phải có dạng <mã cơ quan>-<yyMMdd>-<số thứ tự 4 chữ số>."
    assert error.field == "code"


def test_a_code_with_a_day_that_does_not_exist_says_so() -> None:
    error = _refusal(parse_code, "000.17.22.H56-210230-0001")  # 30 February
    assert error.message == "Ngày trong mã hồ sơ không có thật."
    assert error.field == "code"


def test_a_code_typed_in_lower_case_is_recognised() -> None:
    assert looks_like_code(" 000.17.22.h56-210531-0001 ")
    assert parse_code("000.17.22.h56-210531-0001").agency == "000.17.22.H56"
