"""Tests of the CCCD QR parser and the 12-digit personal ID number (counter_app.domain.cccd)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.cccd import (
    PROVINCE_CODES,
    IdCardScan,
    Sex,
    looks_like_qr,
    parse_qr,
    validate_id_number,
)
from counter_app.domain.errors import InvalidInput

MALE_1990 = "001090012345"  # Hà Nội, male, born 1990
FEMALE_2001 = "079301234567"  # TP Hồ Chí Minh, female, born 2001
ADDRESS = "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội"
QR_7 = f"{MALE_1990}|012345678|NGUYỄN VĂN ĐỨC|15031990|Nam|{ADDRESS}|20042021"
QR_FEMALE = (
    f"{FEMALE_2001}||TRẦN THỊ MAI|02012001|Nữ|12 Lê Lợi, Bến Nghé, Quận 1, TP Hồ Chí Minh|10082022"
)


def qr(*fields: str) -> str:
    """Join fields with the real separator."""
    return "|".join(fields)


def male_fields(**changes: str) -> list[str]:
    """The seven fields of QR_7, with some replaced."""
    base = {
        "id": MALE_1990,
        "old": "012345678",
        "name": "NGUYỄN VĂN ĐỨC",
        "born": "15031990",
        "sex": "Nam",
        "address": ADDRESS,
        "issued": "20042021",
    }
    base.update(changes)
    return list(base.values())


def refusal(raw: str) -> InvalidInput:
    """The InvalidInput parse_qr raises for ``raw``."""
    with pytest.raises(InvalidInput) as caught:
        parse_qr(raw)
    assert caught.value.message
    return caught.value


# --- PROVINCE_CODES -----------------------------------------------------------------------------


def test_province_codes() -> None:
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["079"] == "TP Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)
    assert all(unicodedata.is_normalized("NFC", name) for name in PROVINCE_CODES.values())
    with pytest.raises(TypeError):
        PROVINCE_CODES["999"] = "Nowhere"  # type: ignore[index]


# --- validate_id_number ------------------------------------------------------------------------


def test_valid_numbers() -> None:
    assert validate_id_number(MALE_1990) == MALE_1990
    assert validate_id_number(MALE_1990, date_of_birth=date(1990, 3, 15), sex=Sex.MALE) == MALE_1990
    assert (
        validate_id_number(FEMALE_2001, date_of_birth=date(2001, 1, 2), sex=Sex.FEMALE)
        == FEMALE_2001
    )


def test_typed_spaces_and_dots_are_dropped() -> None:
    assert validate_id_number(" 001 090 012 345 ") == MALE_1990
    assert validate_id_number("001.090.012.345") == MALE_1990


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("", "Chưa nhập"),
        ("00109001234", "đang có 11"),  # 11 digits
        ("0010900123456", "đang có 13"),  # 13 digits
        ("00109001234A", "chữ số"),  # a letter
        ("OO1090012345", "chữ số"),  # letter O for zero
        ("001090012345'--", "chữ số"),
        ("999090012345", "Mã tỉnh 999"),
        ("003090012345", "Mã tỉnh 003"),  # a gap in the GSO list
        ("000090012345", "Mã tỉnh 000"),
    ],
)
def test_invalid_numbers(number: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_id_number(number)
    assert caught.value.field == "id_number"
    assert words in caught.value.message


def test_exact_length_message() -> None:
    with pytest.raises(InvalidInput, match="phải gồm đúng 12 chữ số"):
        validate_id_number("12345")


def test_year_digits_disagree_with_date_of_birth() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_id_number("001085012345", date_of_birth=date(1990, 1, 1))
    message = caught.value.message
    assert "1985" in message
    assert "1990" in message
    assert "5–6" in message


def test_century_digit_disagrees_with_date_of_birth() -> None:
    # digit 4 = 2 means born in the 2000s, but the date says 1990
    with pytest.raises(InvalidInput) as caught:
        validate_id_number("001290012345", date_of_birth=date(1990, 1, 1))
    message = caught.value.message
    assert "2090" in message
    assert "1990" in message
    assert "thế kỷ" in message


def test_whole_year_disagrees() -> None:
    with pytest.raises(InvalidInput, match=r"1985.*2001"):
        validate_id_number("001085012345", date_of_birth=date(2001, 1, 1))


def test_sex_disagrees() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_id_number(MALE_1990, date_of_birth=date(1990, 1, 1), sex=Sex.FEMALE)
    assert caught.value.field == "id_number"
    assert "giới tính" in caught.value.message
    assert "Nam" in caught.value.message
    assert "Nữ" in caught.value.message


def test_encoded_year_in_the_future_is_refused() -> None:
    # digit 4 = 4 means born in the 2100s
    with pytest.raises(InvalidInput, match="2190"):
        validate_id_number("001490012345")


@given(
    code=st.sampled_from(sorted(PROVINCE_CODES)),
    year=st.integers(min_value=1900, max_value=date.today().year),
    female=st.booleans(),
    tail=st.text(alphabet="0123456789", min_size=6, max_size=6),
)
def test_consistent_numbers_are_accepted(code: str, year: int, female: bool, tail: str) -> None:
    century_digit = (year // 100 - 19) * 2 + int(female)
    number = f"{code}{century_digit}{year % 100:02d}{tail}"
    sex = Sex.FEMALE if female else Sex.MALE
    assert validate_id_number(number, date_of_birth=date(year, 6, 1), sex=sex) == number


# --- looks_like_qr -----------------------------------------------------------------------------


def test_looks_like_qr() -> None:
    assert looks_like_qr(QR_7)
    assert looks_like_qr("\r\n  " + QR_7)
    assert looks_like_qr(QR_7.replace("|", "¦"))
    assert looks_like_qr(QR_7.replace("|", "\t"))
    assert not looks_like_qr(MALE_1990)
    assert not looks_like_qr("000.17.22.H56-210531-0001")
    assert not looks_like_qr("00109001234|x")
    assert not looks_like_qr("")


# --- parse_qr: accepted shapes -----------------------------------------------------------------


def test_seven_fields() -> None:
    scan = parse_qr(QR_7)
    assert scan == IdCardScan(
        id_number=MALE_1990,
        old_id_number="012345678",
        full_name="NGUYỄN VĂN ĐỨC",
        date_of_birth=date(1990, 3, 15),
        sex=Sex.MALE,
        address=ADDRESS,
        issued_on=date(2021, 4, 20),
        extra_fields=(),
        raw=QR_7,
    )


def test_empty_old_id_and_female() -> None:
    scan = parse_qr(QR_FEMALE)
    assert scan.old_id_number is None
    assert scan.full_name == "TRẦN THỊ MAI"
    assert scan.sex is Sex.FEMALE
    assert scan.date_of_birth == date(2001, 1, 2)
    assert scan.issued_on == date(2022, 8, 10)


def test_old_id_of_twelve_digits() -> None:
    scan = parse_qr(qr(*male_fields(old="123456789012")))
    assert scan.old_id_number == "123456789012"


def test_six_field_variant_without_old_id() -> None:
    raw = qr(MALE_1990, "NGUYỄN VĂN ĐỨC", "15031990", "Nam", ADDRESS, "20042021")
    scan = parse_qr(raw)
    assert scan.old_id_number is None
    assert scan.full_name == "NGUYỄN VĂN ĐỨC"
    assert scan.issued_on == date(2021, 4, 20)
    assert scan.extra_fields == ()


def test_extra_trailing_fields_are_kept() -> None:
    raw = qr(*male_fields(), "EXTRA ONE", "", "31122035")
    scan = parse_qr(raw)
    assert scan.extra_fields == ("EXTRA ONE", "", "31122035")
    assert scan.issued_on == date(2021, 4, 20)


def test_trailing_separator() -> None:
    scan = parse_qr(QR_7 + "|")
    assert scan.extra_fields == ()
    assert scan.issued_on == date(2021, 4, 20)
    assert scan.raw == QR_7 + "|"


def test_empty_issue_date() -> None:
    scan = parse_qr(qr(*male_fields(issued="")))
    assert scan.issued_on is None


def test_crlf_and_surrounding_whitespace() -> None:
    raw = "\ufeff  " + QR_7 + "\r\n"
    scan = parse_qr(raw)
    assert scan.id_number == MALE_1990
    assert scan.issued_on == date(2021, 4, 20)
    assert scan.raw == raw  # kept exactly as received


def test_nfd_input_is_composed() -> None:
    raw = unicodedata.normalize("NFD", QR_FEMALE)
    scan = parse_qr(raw)
    assert scan.full_name == "TRẦN THỊ MAI"
    assert unicodedata.is_normalized("NFC", scan.address)
    assert scan.sex is Sex.FEMALE
    assert scan.raw == raw


@pytest.mark.parametrize("written", ["Nữ", "nữ", "NỮ", "Nu", "nu", " nữ ", "Nư\u0303"])
def test_female_spellings(written: str) -> None:
    raw = qr(FEMALE_2001, "", "TRẦN THỊ MAI", "02012001", written, "Cà Mau", "")
    assert parse_qr(raw).sex is Sex.FEMALE


@pytest.mark.parametrize("written", ["Nam", "nam", "NAM", "nAm"])
def test_male_spellings(written: str) -> None:
    assert parse_qr(qr(*male_fields(sex=written))).sex is Sex.MALE


def test_name_keeps_case_and_collapses_spaces() -> None:
    scan = parse_qr(qr(*male_fields(name="  Nguyễn   Văn\tĐức ")))
    assert scan.full_name == "Nguyễn Văn Đức"


@pytest.mark.parametrize("substitute", ["¦", "<", "\t"])
def test_mangled_separator(substitute: str) -> None:
    scan = parse_qr(QR_7.replace("|", substitute))
    assert scan.id_number == MALE_1990
    assert scan.full_name == "NGUYỄN VĂN ĐỨC"
    assert scan.issued_on == date(2021, 4, 20)


@pytest.mark.parametrize("substitute", ["¦", "<", "\t"])
def test_six_field_layout_with_a_substitute_separator(substitute: str) -> None:
    """The 6-field card (no old-ID field) has exactly five separators: the fewest a scan needs
    to be read (domain.md §6), also when a non-US keyboard layout turned "|" into another key."""
    raw = substitute.join([MALE_1990, "NGUYỄN VĂN ĐỨC", "15031990", "Nam", ADDRESS, "20042021"])
    scan = parse_qr(raw)
    assert scan.id_number == MALE_1990
    assert scan.old_id_number is None
    assert scan.full_name == "NGUYỄN VĂN ĐỨC"
    assert scan.address == ADDRESS
    assert scan.issued_on == date(2021, 4, 20)


@pytest.mark.parametrize("substitute", ["¦", "<", "\t"])
def test_five_fields_with_a_substitute_are_not_a_card(substitute: str) -> None:
    raw = substitute.join([MALE_1990, "NGUYỄN VĂN ĐỨC", "15031990", "Nam", ADDRESS])
    assert refusal(raw).field == "qr"


def test_substitute_is_not_used_when_a_real_separator_is_present() -> None:
    scan = parse_qr(qr(*male_fields(address="Ngõ 5 < 6, Hà Nội")))
    assert scan.address == "Ngõ 5 < 6, Hà Nội"


def test_sql_looking_name_is_kept_as_text() -> None:
    name = "NGUYỄN VĂN A'); DROP TABLE dossiers;--"
    scan = parse_qr(qr(*male_fields(name=name)))
    assert scan.full_name == name


def test_name_of_two_hundred_characters() -> None:
    name = "A" * 200
    assert parse_qr(qr(*male_fields(name=name))).full_name == name


# --- parse_qr: refusals ------------------------------------------------------------------------


def test_empty_string() -> None:
    assert refusal("").field == "qr"
    assert refusal(" \r\n ").field == "qr"


def test_text_over_two_thousand_characters_is_refused_at_once() -> None:
    error = refusal(QR_7 + "|" + "x" * 10_000)
    assert error.field == "qr"
    assert "2.000" in error.message
    refusal("a" * 2001)


def test_missing_id_number() -> None:
    error = refusal("|" + QR_7.split("|", 1)[1])
    assert error.field == "id_number"
    assert "thiếu số định danh" in error.message


def test_no_separator() -> None:
    error = refusal(MALE_1990)
    assert error.field == "qr"
    assert "«|»" in error.message
    refusal("hello world")


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        (qr(MALE_1990, ""), "full_name", "thiếu họ và tên"),
        (qr(MALE_1990, "012345678", "NGUYỄN VĂN ĐỨC"), "date_of_birth", "thiếu ngày sinh"),
        (qr(MALE_1990, "012345678", "NGUYỄN VĂN ĐỨC", "15031990"), "sex", "thiếu giới tính"),
        (qr(*male_fields()[:5]), "address", "thiếu nơi thường trú"),
        (qr(*male_fields()[:6]), "issued_on", "thiếu ngày cấp"),
        (qr(MALE_1990, "NGUYỄN VĂN ĐỨC", "15031990", "Nam", ADDRESS), "issued_on", "ngày cấp"),
        (qr(MALE_1990, "NGUYỄN VĂN ĐỨC", "15031990"), "sex", "thiếu giới tính"),
    ],
)
def test_wrong_field_counts(raw: str, field: str, words: str) -> None:
    error = refusal(raw)
    assert error.field == field
    assert words in error.message
    assert error.message.startswith("Mã QR không đúng định dạng thẻ căn cước")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"born": "31021990"}, "date_of_birth", "không phải ngày có thật"),
        ({"born": "1990-03-15"}, "date_of_birth", "8 chữ số"),
        ({"born": "1503199"}, "date_of_birth", "8 chữ số"),
        ({"born": ""}, "date_of_birth", "thiếu ngày sinh"),
        ({"issued": "31022021"}, "issued_on", "không phải ngày có thật"),
        ({"issued": "01011980"}, "issued_on", "trước ngày sinh"),
        ({"sex": "Khác"}, "sex", "Nam hoặc Nữ"),
        ({"sex": ""}, "sex", "thiếu giới tính"),
        ({"name": "   "}, "full_name", "thiếu họ và tên"),
        ({"name": "A" * 201}, "full_name", "200"),
        ({"address": " "}, "address", "thiếu nơi thường trú"),
        ({"old": "12345678"}, "old_id_number", "9 hoặc 12"),
        ({"old": "1234567890"}, "old_id_number", "9 hoặc 12"),
        ({"old": "12345678A"}, "old_id_number", "9 hoặc 12"),
    ],
)
def test_bad_field(changes: dict[str, str], field: str, words: str) -> None:
    error = refusal(qr(*male_fields(**changes)))
    assert error.field == field
    assert words in error.message


def test_bad_date_of_birth_31_february_2000() -> None:
    raw = qr("001200012345", "", "LÊ VĂN B", "31022000", "Nam", ADDRESS, "")
    error = refusal(raw)
    assert error.field == "date_of_birth"
    assert "31022000" in error.message


def test_future_birth_date() -> None:
    born = date.today() + timedelta(days=1)
    century_digit = (born.year // 100 - 19) * 2
    number = f"001{century_digit}{born.year % 100:02d}012345"
    raw = qr(number, "", "BÉ MỚI SINH", f"{born:%d%m%Y}", "Nam", ADDRESS, "")
    error = refusal(raw)
    assert error.field == "date_of_birth"
    assert "tương lai" in error.message


def test_future_issue_date() -> None:
    issued = date.today() + timedelta(days=2)
    error = refusal(qr(*male_fields(issued=f"{issued:%d%m%Y}")))
    assert error.field == "issued_on"
    assert "tương lai" in error.message


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("00109001234", "đang có 11"),
        ("0010900123456", "đang có 13"),
        ("00109001234X", "chữ số"),
        ("999090012345", "Mã tỉnh 999"),
    ],
)
def test_bad_number_on_card(number: str, words: str) -> None:
    error = refusal(qr(*male_fields(id=number)))
    assert error.field == "id_number"
    assert words in error.message


def test_century_digit_disagrees_with_year_on_card() -> None:
    # digit 4 = 2: born in the 2000s, but the card says 1990
    error = refusal(qr(*male_fields(id="001290012345")))
    assert error.field == "id_number"
    assert "thế kỷ" in error.message


def test_year_digits_disagree_with_year_on_card() -> None:
    error = refusal(qr(*male_fields(born="15031991")))
    assert error.field == "id_number"
    assert "1990" in error.message
    assert "1991" in error.message


def test_sex_disagrees_with_number_on_card() -> None:
    error = refusal(qr(*male_fields(sex="Nữ")))
    assert error.field == "id_number"
    assert "giới tính" in error.message


@given(st.text(max_size=300))
def test_arbitrary_text_is_parsed_or_refused_cleanly(raw: str) -> None:
    try:
        scan = parse_qr(raw)
    except InvalidInput as error:
        assert error.message
        return
    assert scan.raw == raw


@given(st.lists(st.text(alphabet="0123456789|¦<\t NAMnữ", max_size=20), max_size=10))
def test_field_soup_is_parsed_or_refused_cleanly(fields: list[str]) -> None:
    raw = qr(MALE_1990, *fields)
    try:
        parse_qr(raw)
    except InvalidInput as error:
        assert error.message


@given(
    name=st.text(alphabet="AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀẢÃÁẠỆỮỲ ", min_size=1, max_size=60),
    born=st.dates(min_value=date(1900, 1, 1), max_value=date.today()),
    female=st.booleans(),
    separator=st.sampled_from(["|", "¦", "<", "\t"]),
    decompose=st.booleans(),
)
def test_round_trip(name: str, born: date, female: bool, separator: str, decompose: bool) -> None:
    if not name.strip():
        return
    century_digit = (born.year // 100 - 19) * 2 + int(female)
    number = f"079{century_digit}{born.year % 100:02d}000001"
    sex = "Nữ" if female else "Nam"
    fields = [number, "", name, f"{born:%d%m%Y}", sex, "Cần Thơ", f"{date.today():%d%m%Y}"]
    raw = separator.join(fields)
    if decompose:
        raw = unicodedata.normalize("NFD", raw)
    scan = parse_qr(raw)
    assert scan.id_number == number
    assert scan.full_name == " ".join(name.split())
    assert scan.date_of_birth == born
    assert scan.sex is (Sex.FEMALE if female else Sex.MALE)
    assert scan.issued_on == date.today()
