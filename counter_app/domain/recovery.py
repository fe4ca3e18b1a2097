"""The recovery key: 48 digits the leader keeps on paper, from which the store's key is derived.

Eight groups of six digits, each eleven times a 16-bit number (the layout of BitLocker's
recovery password): 128 random bits, and a check on every group, so that a mistyped digit is
named by its group instead of failing as a wrong key. The store's 32-byte key is HKDF-SHA256 of
those bits; 128 random bits need no slow derivation (there is no dictionary to try them from).
"""

from __future__ import annotations

import re
import secrets

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

GROUPS = 8
GROUP_DIGITS = 6
_MULTIPLIER = 11
_GROUP_VALUES = 1 << 16
SECRET_BYTES = GROUPS * 2
_SALT = b"counter-app store key"
_INFO = b"sqlcipher/1"


def new_secret() -> bytes:
    """128 random bits."""
    return secrets.token_bytes(SECRET_BYTES)


def text_of(secret: bytes) -> str:
    """The 48 digits as printed: ``123456-…`` in eight groups."""
    values = [int.from_bytes(secret[i : i + 2], "big") for i in range(0, SECRET_BYTES, 2)]
    return "-".join(f"{value * _MULTIPLIER:0{GROUP_DIGITS}d}" for value in values)


def parse(text: str) -> bytes:
    """The secret of a typed recovery key (spaces and dashes optional); InvalidInput naming
    the group that is wrong."""
    digits = re.sub(r"[\s\-–]", "", text or "")
    if not digits.isdigit() or len(digits) != GROUPS * GROUP_DIGITS:
        raise InvalidInput(
            _("Khóa khôi phục gồm 48 chữ số, chia 8 nhóm 6 chữ số; hãy nhập lại."),
            field="recovery_key",
        )
    secret = bytearray()
    for index in range(GROUPS):
        number = int(digits[index * GROUP_DIGITS : (index + 1) * GROUP_DIGITS])
        if number % _MULTIPLIER or number // _MULTIPLIER >= _GROUP_VALUES:
            raise InvalidInput(
                _("Nhóm thứ {n} của khóa khôi phục bị nhập sai; hãy kiểm tra lại.").format(
                    n=index + 1
                ),
                field="recovery_key",
            )
        secret += (number // _MULTIPLIER).to_bytes(2, "big")
    return bytes(secret)


def store_key(secret: bytes) -> bytes:
    """The store's 32-byte key derived from the recovery key's secret."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    if len(secret) != SECRET_BYTES:
        raise ValueError("a recovery secret is 16 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(secret)
