"""The CCCD checks at their exact edges: the day itself, the exact length, the exact field count.

Each expectation comes from the rule's words, not from the code: "not in the future" lets
today pass; "not before birth" lets the birth day pass; "longer than 2,000 characters" lets
2,000 pass; digit 4 gives the century and digits 5–6 the last two digits of the birth year
(domain.md §5.3, Thông tư 07/2016/TT-BCA art. 7); the QR fields are those of domain.md §5.1.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from counter_app.domain.cccd import Sex, parse_qr, validate_id_number
from counter_app.domain.errors import InvalidInput

MALE_1990 = "001090012345"
ADDRESS = "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội"
QR_PREFIX = "Mã QR không đúng định dạng thẻ căn cước: "
CARD = f"{MALE_1990}|012345678|NGUYỄN VĂN ĐỨC|15031990|Nam|{ADDRESS}|20042021"


def _refusal(raw: str) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        parse_qr(raw)
    return raised.value.message, raised.value.field


def _number_born_in(year: int) -> str:
    """A Hà Nội male's number encoding ``year``: digit 4 = (century − 19) × 2, then yy."""
    return f"001{(year // 100 - 19) * 2}{year % 100:02d}012345"


def test_a_scan_of_exactly_two_thousand_characters_is_read() -> None:
    padding = "A" * (2000 - len(CARD) - 1)
    raw = f"{CARD}|{padding}"
    assert len(raw) == 2000
    assert parse_qr(raw).extra_fields == (padding,)
    assert _refusal(raw + "A") == (f"{QR_PREFIX}dữ liệu dài quá 2.000 ký tự.", "qr")


def test_a_scan_that_swells_past_two_thousand_characters_when_composed_is_refused() -> None:
    # U+FB2C is one character as scanned and three once in normal form C, the form stored.
    swelling = "\ufb2c" * 700
    raw = f"{MALE_1990}|012345678|NGUYỄN VĂN ĐỨC|15031990|Nam|{swelling}|20042021"
    assert len(raw) < 2000
    assert _refusal(raw) == (
        "Nội dung dài 2100 ký tự, quá giới hạn 2000 ký tự; hãy rút gọn.",
        "qr",
    )


def test_a_child_born_today_can_be_scanned() -> None:
    today = date.today()
    raw = f"{_number_born_in(today.year)}||BÉ MỚI SINH|{today:%d%m%Y}|Nam|{ADDRESS}|"
    assert parse_qr(raw).date_of_birth == today


def test_a_card_issued_on_the_day_of_birth_is_read_and_the_day_before_is_not() -> None:
    scan = parse_qr(CARD.replace("|20042021", "|15031990"))
    assert scan.issued_on == scan.date_of_birth == date(1990, 3, 15)
    assert _refusal(CARD.replace("|20042021", "|14031990")) == (
        f"{QR_PREFIX}ngày cấp 14/03/1990 trước ngày sinh 15/03/1990.",
        "issued_on",
    )


def test_a_card_issued_today_is_read() -> None:
    today = date.today()
    scan = parse_qr(CARD.replace("|20042021", f"|{today:%d%m%Y}"))
    assert scan.issued_on == today


def test_the_last_field_is_kept_to_its_last_letter() -> None:
    assert parse_qr(f"{CARD}|PHỤ LỤC X").extra_fields == ("PHỤ LỤC X",)


def test_letters_in_the_old_id_field_of_four_fields_with_the_birth_date_fourth() -> None:
    # Field 3 holds a date, so field 1 is the old ID (malformed), not the name (domain.md §5.1).
    raw = f"{MALE_1990}|CMND SỐ|NGUYỄN VĂN ĐỨC|15031990"
    assert _refusal(raw) == (
        f"{QR_PREFIX}số CMND cũ phải gồm 9 hoặc 12 chữ số.",
        "old_id_number",
    )


@pytest.mark.parametrize(
    ("fields", "reason", "field"),
    [
        ([MALE_1990, ""], "thiếu họ và tên", "full_name"),
        ([MALE_1990, "012345678", "NGUYỄN VĂN ĐỨC"], "thiếu ngày sinh", "date_of_birth"),
        (
            [MALE_1990, "012345678", "NGUYỄN VĂN ĐỨC", "15031990", "Nam"],
            "thiếu nơi thường trú",
            "address",
        ),
    ],
)
def test_a_scan_cut_short_names_the_first_missing_field(
    fields: list[str], reason: str, field: str
) -> None:
    assert _refusal("|".join(fields)) == (f"{QR_PREFIX}{reason}.", field)


@pytest.mark.parametrize(
    ("number", "born", "message"),
    [
        # Born in 2005 but digit 4 says the 1900s: same two year digits, wrong century digit.
        (
            "001005012345",
            date(2005, 6, 1),
            "Chữ số thứ 4 của số định danh cho biết năm sinh 1905 "
            "nhưng ngày sinh là năm 2005 (sai thế kỷ).",
        ),
        # Same century, other year digits: digits 5–6 are wrong, whatever the decade.
        (
            "001010012345",
            date(1985, 6, 1),
            "Chữ số thứ 5–6 của số định danh cho biết năm sinh 1910 nhưng ngày sinh là năm 1985.",
        ),
        (
            "001210012345",
            date(2015, 6, 1),
            "Chữ số thứ 5–6 của số định danh cho biết năm sinh 2010 nhưng ngày sinh là năm 2015.",
        ),
    ],
)
def test_which_digit_is_wrong(number: str, born: date, message: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_id_number(number, date_of_birth=born, sex=Sex.MALE)
    assert (raised.value.message, raised.value.field) == (message, "id_number")


def test_the_birth_day_tomorrow_is_refused_but_today_is_not() -> None:
    tomorrow = date.today() + timedelta(days=1)
    raw = f"{_number_born_in(tomorrow.year)}||BÉ MỚI SINH|{tomorrow:%d%m%Y}|Nam|{ADDRESS}|"
    assert _refusal(raw) == (
        f"{QR_PREFIX}ngày sinh {tomorrow:%d/%m/%Y} ở tương lai.",
        "date_of_birth",
    )
