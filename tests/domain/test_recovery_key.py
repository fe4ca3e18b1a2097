"""The recovery key's layout, from its text (counter_app/domain/recovery.py's docstring and the
README's "The recovery key"): 48 digits in eight groups of six, each group eleven times a
16-bit number (BitLocker's recovery password), the store's key HKDF-SHA256 of the 128 bits."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.recovery import GROUPS, SECRET_BYTES, new_secret, parse, store_key, text_of

# bytes 00 01 … 0f: the 16-bit values 1, 515, 1029, … 3599, each times eleven, six digits
SECRET = bytes(range(16))
PRINTED = "000011-005665-011319-016973-022627-028281-033935-039589"


def test_the_layout_is_eight_groups_of_six_digits() -> None:
    assert (GROUPS, SECRET_BYTES) == (8, 16)
    assert text_of(SECRET) == PRINTED


def test_a_new_secret_is_128_random_bits() -> None:
    first, second = new_secret(), new_secret()
    assert len(first) == len(second) == 16
    assert first != second


@pytest.mark.parametrize(
    "typed",
    [
        PRINTED,
        PRINTED.replace("-", ""),
        PRINTED.replace("-", " "),
        PRINTED.replace("-", "–"),
        " " + PRINTED.replace("-", " - ") + "\n",
        PRINTED.replace("-", "\t"),
    ],
    ids=["dashes", "run-on", "spaces", "en-dashes", "padded", "tabs"],
)
def test_the_key_reads_back_however_it_is_typed(typed: str) -> None:
    assert parse(typed) == SECRET


def test_the_highest_group_value_is_accepted_and_one_more_is_refused() -> None:
    highest = "-".join(["720885"] * 8)  # 65535 × 11
    assert parse(highest) == b"\xff" * 16
    assert parse("-".join(["000000"] * 8)) == bytes(16)
    over = "-".join(["720896"] + ["000000"] * 7)  # 65536 × 11: not a 16-bit number
    with pytest.raises(InvalidInput) as refused:
        parse(over)
    assert refused.value.message == "Nhóm thứ 1 của khóa khôi phục bị nhập sai; hãy kiểm tra lại."
    assert refused.value.field == "recovery_key"


@pytest.mark.parametrize("group", range(1, 9))
def test_a_mistyped_digit_is_named_by_its_group(group: int) -> None:
    groups = PRINTED.split("-")
    wrong = groups[group - 1]
    groups[group - 1] = wrong[:-1] + str((int(wrong[-1]) + 1) % 10)
    with pytest.raises(InvalidInput) as refused:
        parse("-".join(groups))
    assert refused.value.message == (
        f"Nhóm thứ {group} của khóa khôi phục bị nhập sai; hãy kiểm tra lại."
    )
    assert refused.value.field == "recovery_key"


@pytest.mark.parametrize(
    "typed",
    [PRINTED[:-1], PRINTED + "1", PRINTED.replace("0", "O", 1), "", None, "x" * 48],
    ids=["47 digits", "49 digits", "a letter", "empty", "none", "letters"],
)
def test_anything_but_48_digits_is_refused_whole(typed: str | None) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(typed)  # type: ignore[arg-type]
    assert refused.value.message == (
        "Khóa khôi phục gồm 48 chữ số, chia 8 nhóm 6 chữ số; hãy nhập lại."
    )
    assert refused.value.field == "recovery_key"


def _hkdf_sha256(secret: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    """RFC 5869 written out, to check the store's key against something other than the code."""
    prk = hmac.new(salt, secret, hashlib.sha256).digest()
    block, okm = b"", b""
    for counter in range(1, -(-length // 32) + 1):
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
    return okm[:length]


def test_the_store_key_is_hkdf_sha256_of_the_secret() -> None:
    expected = _hkdf_sha256(SECRET, b"counter-app store key", b"sqlcipher/1", 32)
    assert store_key(SECRET) == expected
    assert store_key(parse(text_of(SECRET))) == expected


@pytest.mark.parametrize("size", [15, 17, 0])
def test_a_secret_of_another_size_gives_no_key(size: int) -> None:
    with pytest.raises(ValueError, match=r"^a recovery secret is 16 bytes$"):
        store_key(bytes(size))
