"""Phone and e-mail checks at their edges, and every refusal word for word with its field.

Phone numbers follow the national numbering plan (Thông tư 22/2014/TT-BTTTT as amended; mobile
numbers 10 digits from 0, fixed lines 11 digits from 02 since 2017), country code +84.
"""

from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import normalise_email, normalise_phone

PHONE_SHAPE = (
    "Số điện thoại phải gồm 10 chữ số bắt đầu bằng 0 (ví dụ 0912345678) "
    "hoặc 11 chữ số bắt đầu bằng 02 nếu là máy cố định."
)
EMAIL_SHAPE = "Địa chỉ thư điện tử không hợp lệ; hãy kiểm tra lại (ví dụ ten@example.com)."


def _refusal(call: object, typed: str) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        call(typed)  # type: ignore[operator]
    return raised.value.message, raised.value.field


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("  ", "Chưa nhập số điện thoại."),
        (
            "0912abc678",
            "Số điện thoại chỉ được gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang).",
        ),
        ("+1 212 555 0100", "Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84)."),
        ("091234567", PHONE_SHAPE),
        ("8491234567890", PHONE_SHAPE),  # 84 and 11 digits more: not a Vietnamese number
    ],
)
def test_phone_refusals(typed: str, message: str) -> None:
    assert _refusal(normalise_phone, typed) == (message, "phone")


def test_a_fixed_line_written_with_84_and_no_plus_is_read() -> None:
    assert normalise_phone("84 24 3825 1234") == "02438251234"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("  ", "Chưa nhập địa chỉ thư điện tử."),
        ("a" * 64 + "@" + "b" * 186 + ".com", "Địa chỉ thư điện tử không được dài quá 254 ký tự."),
        ("a.@example.com", EMAIL_SHAPE),  # the local part ends with a dot
        ("a@-example.com", EMAIL_SHAPE),  # a domain label starts with a hyphen
        ("a@example", EMAIL_SHAPE),
    ],
)
def test_email_refusals(typed: str, message: str) -> None:
    assert _refusal(normalise_email, typed) == (message, "email")


def test_an_address_with_a_hyphen_inside_a_label_is_kept() -> None:
    assert normalise_email("a-b@ubnd-xa.gov.vn") == "a-b@ubnd-xa.gov.vn"
