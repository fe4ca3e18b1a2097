"""Every refusal of an ID number or a card scan, word for word, with the field it names.

The window shows the message beside the field it names, so both are part of the rule: a clerk
must read what is wrong and where. Expected texts are the ones the Counter shows; the checks
they describe come from the CCCD number's layout (Thông tư 07/2016/TT-BCA, art. 7: province
code, sex-and-century digit, two year digits, six random digits) and domain.md §6.
"""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.cccd import Sex, looks_like_qr, parse_qr, validate_id_number
from counter_app.domain.errors import InvalidInput

MALE_1990 = "001090012345"
ADDRESS = "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội"
QR_PREFIX = "Mã QR không đúng định dạng thẻ căn cước: "


def _card(**changes: str) -> str:
    fields = {
        "id": MALE_1990,
        "old": "012345678",
        "name": "NGUYỄN VĂN ĐỨC",
        "born": "15031990",
        "sex": "Nam",
        "address": ADDRESS,
        "issued": "20042021",
    }
    fields.update(changes)
    return "|".join(fields.values())


def _refusal(call: object, *args: object, **kwargs: object) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        call(*args, **kwargs)  # type: ignore[operator]
    return raised.value.message, raised.value.field


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", "Chưa nhập số định danh cá nhân (12 chữ số trên thẻ căn cước)."),
        (" . - ", "Chưa nhập số định danh cá nhân (12 chữ số trên thẻ căn cước)."),
        ("00109001234A", "Số định danh chỉ được gồm chữ số; hãy kiểm tra lại."),
        ("00109001234", "Số định danh phải gồm đúng 12 chữ số (đang có 11)."),
        ("999090012345", "Mã tỉnh 999 ở đầu số định danh không tồn tại."),
    ],
)
def test_typed_number_refusals(number: str, message: str) -> None:
    assert _refusal(validate_id_number, number) == (message, "id_number")


def test_a_birth_year_not_yet_come_is_refused_word_for_word() -> None:
    assert _refusal(validate_id_number, "001490012345") == (
        "Số định danh cho biết năm sinh 2190, là năm chưa tới; hãy kiểm tra lại.",
        "id_number",
    )


def test_a_number_encoding_this_year_is_accepted_without_a_birth_date() -> None:
    this_year = date.today().year
    century_digit = (this_year // 100 - 19) * 2
    number = f"001{century_digit}{this_year % 100:02d}012345"
    assert validate_id_number(number) == number


def test_wrong_century_digit() -> None:
    message = _refusal(validate_id_number, "001290012345", date_of_birth=date(1990, 1, 1))
    assert message == (
        "Chữ số thứ 4 của số định danh cho biết năm sinh 2090 nhưng ngày sinh là năm 1990 "
        "(sai thế kỷ).",
        "id_number",
    )


def test_wrong_year_digits() -> None:
    message = _refusal(validate_id_number, "001085012345", date_of_birth=date(1990, 1, 1))
    assert message == (
        "Chữ số thứ 5–6 của số định danh cho biết năm sinh 1985 nhưng ngày sinh là năm 1990.",
        "id_number",
    )


def test_wrong_century_and_year_digits() -> None:
    message = _refusal(validate_id_number, "001085012345", date_of_birth=date(2001, 1, 1))
    assert message == (
        "Số định danh cho biết năm sinh 1985 nhưng ngày sinh là năm 2001.",
        "id_number",
    )


def test_the_same_two_year_digits_a_century_apart_is_the_century_digit() -> None:
    message, _ = _refusal(validate_id_number, "001201012345", date_of_birth=date(1901, 1, 1))
    assert message.endswith("(sai thế kỷ).")
    assert "năm sinh 2001" in message


def test_wrong_sex_digit() -> None:
    message = _refusal(
        validate_id_number, MALE_1990, date_of_birth=date(1990, 3, 15), sex=Sex.FEMALE
    )
    assert message == (
        "Chữ số thứ 4 của số định danh cho biết giới tính Nam nhưng giới tính là Nữ.",
        "id_number",
    )


@pytest.mark.parametrize(
    ("raw", "reason", "field"),
    [
        ("x" * 2001, "dữ liệu dài quá 2.000 ký tự", "qr"),
        ("001090012345", "không tìm thấy dấu phân cách «|» giữa các trường", "qr"),
        (_card(id=""), "thiếu số định danh cá nhân", "id_number"),
        (_card(old="12345"), "số CMND cũ phải gồm 9 hoặc 12 chữ số", "old_id_number"),
        (_card(name=" "), "thiếu họ và tên", "full_name"),
        (_card(name="A" * 201), "họ và tên dài quá 200 ký tự", "full_name"),
        (_card(born=""), "thiếu ngày sinh", "date_of_birth"),
        (
            _card(born="1503199"),
            "ngày sinh «1503199» phải có dạng ngàythángnăm (8 chữ số)",
            "date_of_birth",
        ),
        (_card(born="31021990"), "ngày sinh 31021990 không phải ngày có thật", "date_of_birth"),
        (_card(born="01012999"), "ngày sinh 01/01/2999 ở tương lai", "date_of_birth"),
        (_card(sex=""), "thiếu giới tính", "sex"),
        (_card(sex="Khác"), "giới tính phải là Nam hoặc Nữ, không phải «Khác»", "sex"),
        (_card(address=" "), "thiếu nơi thường trú", "address"),
        (
            _card(issued="2004202"),
            "ngày cấp «2004202» phải có dạng ngàythángnăm (8 chữ số)",
            "issued_on",
        ),
        (_card(issued="31022021"), "ngày cấp 31022021 không phải ngày có thật", "issued_on"),
        (_card(issued="01011980"), "ngày cấp 01/01/1980 trước ngày sinh 15/03/1990", "issued_on"),
        (_card(issued="01012999"), "ngày cấp 01/01/2999 ở tương lai", "issued_on"),
        (
            "|".join([MALE_1990, "012345678", "NGUYỄN VĂN ĐỨC", "15031990"]),
            "thiếu giới tính",
            "sex",
        ),
        (
            "|".join([MALE_1990, "012345678", "NGUYỄN VĂN ĐỨC", "15031990", "Nam", ADDRESS]),
            "thiếu ngày cấp",
            "issued_on",
        ),
    ],
)
def test_scan_refusals(raw: str, reason: str, field: str) -> None:
    assert _refusal(parse_qr, raw) == (f"{QR_PREFIX}{reason}.", field)


def test_an_empty_scan_asks_to_scan_again() -> None:
    assert _refusal(parse_qr, " \r\n") == (
        "Chưa có dữ liệu quét; hãy quét lại mã QR trên thẻ căn cước.",
        "qr",
    )


def test_a_scan_whose_number_disagrees_with_its_own_birth_date() -> None:
    assert _refusal(parse_qr, _card(born="15031985")) == (
        "Chữ số thứ 5–6 của số định danh cho biết năm sinh 1990 nhưng ngày sinh là năm 1985.",
        "id_number",
    )


def test_a_malformed_date_is_shown_cleaned_of_line_breaks() -> None:
    message, _ = _refusal(parse_qr, _card(born="15\n03"))
    assert message == f"{QR_PREFIX}ngày sinh «15 03» phải có dạng ngàythángnăm (8 chữ số)."


def test_a_scan_behind_a_byte_order_mark_is_routed_as_a_card() -> None:
    assert looks_like_qr("\ufeff" + _card())
    assert looks_like_qr(" \r\n\t" + _card())


def test_letters_before_the_number_are_not_a_card() -> None:
    assert not looks_like_qr("X" + _card())
    assert not looks_like_qr("XX" + _card())
