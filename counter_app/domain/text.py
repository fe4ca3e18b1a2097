"""Text at the boundary: Unicode normalisation, search folding, and checks of typed values.

Every value typed, pasted, scanned or imported goes through :func:`clean` (or one of the
specialised normalisers) before it reaches the rest of the program, so that stored text is NFC,
has no invisible or control characters and fits its column.
"""

from __future__ import annotations

import re
import unicodedata

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

# Invisible characters removed by ``clean``: zero-width spaces/joiners, word joiner and invisible
# operators, bidirectional marks/embeddings/overrides/isolates, byte-order mark, soft hyphen and
# the Mongolian vowel separator. They cannot be seen on screen or paper but break search and
# comparison, and bidi overrides can make a printed name read differently from what is stored.
_INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
# Line breaks other than "\n" that are turned into "\n" (CR, NEL, line/paragraph separators).
_LINE_BREAKS = frozenset("\r\x85\u2028\u2029")
_SPACES_RE = re.compile(r" {2,}")
_BLANK_LINES_RE = re.compile(r"\n{3,}")

MAX_EMAIL_LENGTH = 254
_EMAIL_FORBIDDEN = frozenset('<>()[]\\,;:"')
_PHONE_ALLOWED_RE = re.compile(r"\+?[0-9 .\-()]+")
_MOBILE_RE = re.compile(r"0[0-9]{9}")
_LANDLINE_RE = re.compile(r"02[0-9]{9}")


def nfc(value: str) -> str:
    """Return ``value`` in Unicode normal form C (composed), the form stored everywhere."""
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Return the search key of ``value``: no diacritics, đ → d, case-folded, single spaces.

    ``fold("NGUYỄN  VĂN ĐỨC") == fold("nguyen van duc") == "nguyen van duc"``; NFC and NFD
    input give the same key. Invisible format characters are dropped as well.
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFD", value).casefold())
    kept = (ch for ch in decomposed if unicodedata.category(ch)[0] != "M" and ch not in _INVISIBLE)
    stripped = "".join(kept).replace("đ", "d").replace("Đ", "d")
    return " ".join(stripped.split())


def _is_control(ch: str) -> bool:
    """True for C0/C1 control characters (category Cc)."""
    return unicodedata.category(ch) == "Cc"


def _scrub(value: str, *, multiline: bool) -> str:
    """Map whitespace to " " (and line breaks to "\\n" when multiline); drop controls/invisibles."""
    out: list[str] = []
    for ch in value.replace("\r\n", "\n"):
        if ch == "\n" or ch in _LINE_BREAKS:
            out.append("\n" if multiline else " ")
        elif ch.isspace():
            out.append(" ")
        elif not _is_control(ch) and ch not in _INVISIBLE:
            out.append(ch)
    return "".join(out)


def _collapse(value: str, *, multiline: bool) -> str:
    """Collapse runs of spaces, trim every line, keep at most one blank line in a row."""
    if not multiline:
        return _SPACES_RE.sub(" ", value).strip()
    lines = [_SPACES_RE.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def clean(
    value: str,
    *,
    field: str,
    max_length: int,
    required: bool = True,
    multiline: bool = False,
    label: str = "",
) -> str:
    """Normalise a typed value (NFC, trimmed, single spaces, no controls) and check its length.

    Tabs and other whitespace become a single space; line breaks (CR, CRLF, NEL, U+2028/9)
    become "\\n" when ``multiline`` and a space otherwise. Control characters and invisible
    characters (zero-width, bidi controls, BOM, soft hyphen) are removed. Raises InvalidInput
    (with ``field``) when the result is empty and ``required``, or longer than ``max_length``;
    the message names the field by ``label`` (translated) when one is given.
    """
    text = nfc(_collapse(_scrub(nfc(value), multiline=multiline), multiline=multiline))
    if required and not text:
        empty = (
            _("«{label}» không được để trống; hãy nhập nội dung.")
            if label
            else _("Ô này không được để trống; hãy nhập nội dung.")
        )
        raise InvalidInput(empty.format(label=label), field=field)
    if len(text) > max_length:
        long = (
            _("«{label}» dài {length} ký tự, quá giới hạn {limit} ký tự; hãy rút gọn.")
            if label
            else _("Nội dung dài {length} ký tự, quá giới hạn {limit} ký tự; hãy rút gọn.")
        )
        raise InvalidInput(
            long.format(label=label, length=len(text), limit=max_length), field=field
        )
    return text


def clean_optional(
    value: str | None, *, field: str, max_length: int, label: str = ""
) -> str | None:
    """Like :func:`clean` for an optional single-line value: None or blank gives None."""
    if value is None:
        return None
    return clean(value, field=field, max_length=max_length, required=False, label=label) or None


def _phone_digits(text: str) -> str:
    """Digits of a typed phone number with the country prefix (+84, 0084, 84) turned into 0."""
    digits = re.sub(r"[^0-9]", "", text)
    if text.startswith("+"):
        if not digits.startswith("84"):
            raise InvalidInput(
                _("Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84)."), field="phone"
            )
        digits = digits[2:]
    elif digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = digits[2:]
    else:
        return digits
    return digits if digits.startswith("0") else "0" + digits


def normalise_phone(value: str) -> str:
    """Return a Vietnamese phone number as digits starting with 0, or raise InvalidInput.

    Spaces, dots, dashes and brackets are allowed and dropped; +84, 0084 and 84 become 0.
    Accepted: 10 digits starting with 0 (mobile), and 11 digits starting with 02 (the fixed-line
    numbers used since 2017, e.g. 024 3825 1234).
    """
    text = nfc(value).strip()
    if not text:
        raise InvalidInput(_("Chưa nhập số điện thoại."), field="phone")
    if not _PHONE_ALLOWED_RE.fullmatch(text):
        raise InvalidInput(
            _("Số điện thoại chỉ được gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang)."),
            field="phone",
        )
    digits = _phone_digits(text)
    if not (_MOBILE_RE.fullmatch(digits) or _LANDLINE_RE.fullmatch(digits)):
        raise InvalidInput(
            _(
                "Số điện thoại phải gồm 10 chữ số bắt đầu bằng 0 (ví dụ 0912345678) "
                "hoặc 11 chữ số bắt đầu bằng 02 nếu là máy cố định."
            ),
            field="phone",
        )
    return digits


def _email_shape_ok(text: str) -> bool:
    """True when ``text`` has the basic shape local@domain.tld with no spaces or odd characters."""
    if text.count("@") != 1 or any(ch.isspace() or _is_control(ch) for ch in text):
        return False
    if any(ch in _EMAIL_FORBIDDEN for ch in text):
        return False
    local, domain = text.split("@")
    if not local or local.startswith(".") or local.endswith(".") or ".." in local:
        return False
    labels = domain.split(".")
    return len(labels) >= 2 and all(label and not label.startswith("-") for label in labels)


def normalise_email(value: str) -> str:
    """Return the e-mail address in lower case, or raise InvalidInput when it is not plausible."""
    text = nfc(value).strip().lower()
    if not text:
        raise InvalidInput(_("Chưa nhập địa chỉ thư điện tử."), field="email")
    if len(text) > MAX_EMAIL_LENGTH:
        raise InvalidInput(_("Địa chỉ thư điện tử không được dài quá 254 ký tự."), field="email")
    if not _email_shape_ok(text):
        raise InvalidInput(
            _("Địa chỉ thư điện tử không hợp lệ; hãy kiểm tra lại (ví dụ ten@example.com)."),
            field="email",
        )
    return text
