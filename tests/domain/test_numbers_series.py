"""Running numbers per series and year (counter_app/domain/numbers.py; Nghị định 30/2020/NĐ-CP
Phụ lục I, docs/legal.md): a document's number is written in Arabic digits with a zero before
numbers below 10, then the kind's abbreviation and, when given, the issuing agency's ("03/TC",
"03/TC-TTPVHCC"); the register's numbers are bare ("7"). Each station owns a block per series
and year: slot ``s`` issues ``s * block + 1`` … ``s * block + block - 1`` (100,000 for the
register, 10,000 for each form), and is refused past it."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.numbers import (
    IssuedNumber,
    Series,
    blank_number,
    check_in_block,
    first_number,
    number_text,
    read_issued,
)

USED_UP = "Máy tiếp nhận này đã dùng hết số văn bản trong năm; hãy dùng máy khác."


def test_each_slot_starts_its_block_at_one() -> None:
    """Slot 0 issues from 1, slot 2 of the register from 200,001, slot 3 of refusals from
    30,001."""
    assert first_number(Series.REGISTER, 0) == 1
    assert first_number(Series.REGISTER, 2) == 200_001
    assert first_number(Series.REFUSAL, 3) == 30_001


@pytest.mark.parametrize(
    ("series", "slot", "last"),
    [(Series.REFUSAL, 0, 9_999), (Series.SUPPLEMENT, 1, 19_999), (Series.REGISTER, 1, 199_999)],
)
def test_a_slot_issues_up_to_the_end_of_its_block_and_no_further(
    series: Series, slot: int, last: int
) -> None:
    """The block's last number is issued; the next one is refused with the reason, on the
    number."""
    assert check_in_block(series, slot, last) == last
    with pytest.raises(InvalidInput) as raised:
        check_in_block(series, slot, last + 1)
    assert (raised.value.message, raised.value.field) == (USED_UP, "number")


@pytest.mark.parametrize(
    ("number", "series", "agency", "text"),
    [
        (3, Series.REFUSAL, "", "03/TC"),
        (3, Series.REFUSAL, "TTPVHCC", "03/TC-TTPVHCC"),
        (9, Series.SUPPLEMENT, "", "09/HDHS"),
        (10, Series.APOLOGY, "", "10/PXL"),
        (10_001, Series.STOP, "UBND", "10001/TB-UBND"),
        (7, Series.REGISTER, "", "7"),
        (7, Series.REGISTER, "TTPVHCC", "7"),
    ],
)
def test_a_number_is_written_with_its_kind_and_agency(
    number: int, series: Series, agency: str, text: str
) -> None:
    """A zero before numbers below 10, the kind's abbreviation, the agency's after a hyphen;
    the register's numbers bare."""
    assert number_text(number, series, agency) == text


def test_without_an_agency_the_number_ends_with_the_kind() -> None:
    """The agency's abbreviation is optional."""
    assert number_text(5, Series.REFUSAL) == "05/TC"


def test_a_document_issued_before_numbers_were_kept_has_a_blank_number() -> None:
    """The number left to be filled in by hand, the kind's abbreviation kept."""
    assert blank_number(Series.REFUSAL) == "……/TC"


def test_an_issued_number_is_kept_in_its_event_and_read_back() -> None:
    """The payload holds the series, the year, the value and the text as written."""
    issued = IssuedNumber(Series.REFUSAL, 2026, 3, "03/TC")
    payload = issued.payload()
    assert payload == {"series": "refusal", "year": 2026, "value": 3, "text": "03/TC"}
    assert read_issued(payload) == issued
    assert read_issued({"series": "register", "year": "2026", "value": "7", "text": 7}) == (
        IssuedNumber(Series.REGISTER, 2026, 7, "7")
    )


@pytest.mark.parametrize(
    "value",
    [
        None,
        "03/TC",
        ["refusal", 2026, 3, "03/TC"],
        {"year": 2026, "value": 3, "text": "03/TC"},
        {"series": "decision", "year": 2026, "value": 3, "text": "03/TC"},
        {"series": "refusal", "year": "năm nay", "value": 3, "text": "03/TC"},
        {"series": "refusal", "year": 2026, "value": None, "text": "03/TC"},
        {"series": "refusal", "year": 2026, "value": 3},
    ],
)
def test_an_older_event_or_something_else_has_no_number(value: object) -> None:
    """Events written before numbering, or a value that is not a whole issued number: None."""
    assert read_issued(value) is None
