"""The QR code printed on a chip ID card (CCCD) and the 12-digit personal ID number.

QR layout (fields separated by ``|``)::

    Số CCCD|Số CMND cũ|Họ và tên|Ngày sinh ddMMyyyy|Giới tính|Nơi thường trú|Ngày cấp ddMMyyyy

The old-ID field may be empty; a 6-field variant omits it; newer cards may append fields.

ID number (số định danh cá nhân): digits 1–3 are the province where the birth was registered,
digit 4 gives the century and sex (0/1 = male/female born 1900–1999, 2/3 = 2000s, 4/5 = 2100s,
6/7 = 2200s, 8/9 = 2300s), digits 5–6 are the last two digits of the birth year.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import clean, fold, nfc
from counter_app.i18n import _

ID_NUMBER_LENGTH = 12
MAX_QR_LENGTH = 2000
MAX_NAME_LENGTH = 200
OLD_ID_LENGTHS = (9, 12)

# The field separator, then the substitutes a keyboard-wedge scanner may type for it under a
# non-US keyboard layout; a substitute is used only when the text has no "|" at all.
SEPARATOR = "|"
SEPARATOR_SUBSTITUTES = ("¦", "<", "\t")
_MIN_FIELDS = 6

_DIGITS_RE = re.compile(r"[0-9]+")
_DATE_RE = re.compile(r"[0-9]{8}")
_TYPING_NOISE_RE = re.compile(r"[\s.\-]")
_QR_START_RE = re.compile(
    "[0-9]{12}[" + re.escape(SEPARATOR + "".join(SEPARATOR_SUBSTITUTES)) + "]"
)

PROVINCE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "001": "Hà Nội",
        "002": "Hà Giang",
        "004": "Cao Bằng",
        "006": "Bắc Kạn",
        "008": "Tuyên Quang",
        "010": "Lào Cai",
        "011": "Điện Biên",
        "012": "Lai Châu",
        "014": "Sơn La",
        "015": "Yên Bái",
        "017": "Hòa Bình",
        "019": "Thái Nguyên",
        "020": "Lạng Sơn",
        "022": "Quảng Ninh",
        "024": "Bắc Giang",
        "025": "Phú Thọ",
        "026": "Vĩnh Phúc",
        "027": "Bắc Ninh",
        "030": "Hải Dương",
        "031": "Hải Phòng",
        "033": "Hưng Yên",
        "034": "Thái Bình",
        "035": "Hà Nam",
        "036": "Nam Định",
        "037": "Ninh Bình",
        "038": "Thanh Hóa",
        "040": "Nghệ An",
        "042": "Hà Tĩnh",
        "044": "Quảng Bình",
        "045": "Quảng Trị",
        "046": "Thừa Thiên Huế",
        "048": "Đà Nẵng",
        "049": "Quảng Nam",
        "051": "Quảng Ngãi",
        "052": "Bình Định",
        "054": "Phú Yên",
        "056": "Khánh Hòa",
        "058": "Ninh Thuận",
        "060": "Bình Thuận",
        "062": "Kon Tum",
        "064": "Gia Lai",
        "066": "Đắk Lắk",
        "067": "Đắk Nông",
        "068": "Lâm Đồng",
        "070": "Bình Phước",
        "072": "Tây Ninh",
        "074": "Bình Dương",
        "075": "Đồng Nai",
        "077": "Bà Rịa - Vũng Tàu",
        "079": "TP Hồ Chí Minh",
        "080": "Long An",
        "082": "Tiền Giang",
        "083": "Bến Tre",
        "084": "Trà Vinh",
        "086": "Vĩnh Long",
        "087": "Đồng Tháp",
        "089": "An Giang",
        "091": "Kiên Giang",
        "092": "Cần Thơ",
        "093": "Hậu Giang",
        "094": "Sóc Trăng",
        "095": "Bạc Liêu",
        "096": "Cà Mau",
    }
)


class Sex(StrEnum):
    """Sex as printed on the card."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        """The Vietnamese word printed on the card."""
        return _("Nam") if self is Sex.MALE else _("Nữ")


@dataclass(frozen=True)
class IdCardScan:
    """What the QR code of one ID card says, checked; ``raw`` is the text exactly as scanned."""

    id_number: str
    old_id_number: str | None
    full_name: str
    date_of_birth: date
    sex: Sex
    address: str
    issued_on: date | None
    extra_fields: tuple[str, ...]
    raw: str


# --- the 12-digit number ---------------------------------------------------------------------


def _id_error(message: str) -> InvalidInput:
    """An InvalidInput about the ID number."""
    return InvalidInput(message, field="id_number")


def _check_id_shape(number: str) -> str:
    """Return the 12 digits of a typed number (spaces, dots, dashes dropped) or raise."""
    digits = _TYPING_NOISE_RE.sub("", nfc(number))
    if not digits:
        raise _id_error(_("Chưa nhập số định danh cá nhân (12 chữ số trên thẻ căn cước)."))
    if not _DIGITS_RE.fullmatch(digits):
        raise _id_error(_("Số định danh chỉ được gồm chữ số; hãy kiểm tra lại."))
    if len(digits) != ID_NUMBER_LENGTH:
        raise _id_error(
            _("Số định danh phải gồm đúng 12 chữ số (đang có {count}).").format(count=len(digits))
        )
    if digits[:3] not in PROVINCE_CODES:
        raise _id_error(
            _("Mã tỉnh {code} ở đầu số định danh không tồn tại.").format(code=digits[:3])
        )
    return digits


def birth_year_of(number: str) -> int:
    """The birth year encoded in digits 4–6 of a 12-digit number."""
    return 1900 + int(number[3]) // 2 * 100 + int(number[4:6])


def sex_of(number: str) -> Sex:
    """The sex encoded in digit 4 of a 12-digit number (even = male)."""
    return Sex.FEMALE if int(number[3]) % 2 else Sex.MALE


def _check_birth_year(digits: str, date_of_birth: date | None) -> None:
    """Raise when the encoded birth year is in the future or disagrees with ``date_of_birth``."""
    encoded = birth_year_of(digits)
    if date_of_birth is None:
        if encoded > date.today().year:
            raise _id_error(
                _(
                    "Số định danh cho biết năm sinh {year}, là năm chưa tới; hãy kiểm tra lại."
                ).format(year=encoded)
            )
        return
    actual = date_of_birth.year
    if encoded == actual:
        return
    # The years differ; with the same last two digits only the century digit can be wrong.
    if encoded % 100 == actual % 100:
        message = _(
            "Chữ số thứ 4 của số định danh cho biết năm sinh {encoded} "
            "nhưng ngày sinh là năm {actual} (sai thế kỷ)."
        )
    elif encoded // 100 == actual // 100:
        message = _(
            "Chữ số thứ 5–6 của số định danh cho biết năm sinh {encoded} "
            "nhưng ngày sinh là năm {actual}."
        )
    else:
        message = _("Số định danh cho biết năm sinh {encoded} nhưng ngày sinh là năm {actual}.")
    raise _id_error(message.format(encoded=encoded, actual=actual))


def _check_sex(digits: str, sex: Sex | None) -> None:
    """Raise when ``sex`` disagrees with digit 4."""
    encoded = sex_of(digits)
    if sex is not None and sex is not encoded:
        raise _id_error(
            _(
                "Chữ số thứ 4 của số định danh cho biết giới tính {encoded} "
                "nhưng giới tính là {actual}."
            ).format(encoded=encoded.label, actual=sex.label)
        )


def validate_id_number(
    number: str, *, date_of_birth: date | None = None, sex: Sex | None = None
) -> str:
    """Return the cleaned 12 digits of a personal ID number, or raise InvalidInput.

    Checks: 12 digits (spaces, dots and dashes typed in between are dropped), a known province
    code, and — when given — agreement of digits 4–6 with ``date_of_birth`` and ``sex``.
    """
    digits = _check_id_shape(number)
    _check_birth_year(digits, date_of_birth)
    _check_sex(digits, sex)
    return digits


def looks_like_qr(raw: str) -> bool:
    """Cheap test to route a scanner burst: 12 digits then a field separator (or a substitute)."""
    return _QR_START_RE.match(raw.lstrip("\ufeff \t\r\n")) is not None


# --- the QR code ------------------------------------------------------------------------------


def _qr_error(reason: str, field: str) -> InvalidInput:
    """An InvalidInput saying the QR text is malformed, and why."""
    return InvalidInput(
        _("Mã QR không đúng định dạng thẻ căn cước: {reason}.").format(reason=reason), field=field
    )


def _split_fields(text: str) -> list[str]:
    """Split on "|", or on the first substitute that yields enough fields; raise otherwise."""
    if SEPARATOR in text:
        return text.split(SEPARATOR)
    for substitute in SEPARATOR_SUBSTITUTES:
        if text.count(substitute) >= _MIN_FIELDS - 1:
            return text.split(substitute)
    raise _qr_error(_("không tìm thấy dấu phân cách «|» giữa các trường"), "qr")


def _field_text(value: str) -> str:
    """A field as single-line NFC text with spaces collapsed (no length limit here)."""
    return clean(value, field="qr", max_length=MAX_QR_LENGTH, required=False)


def _parse_date(value: str, *, label: str, field: str) -> date | None:
    """Parse ddMMyyyy; an empty field gives None."""
    text = value.strip()
    if not text:
        return None
    if not _DATE_RE.fullmatch(text):
        raise _qr_error(
            _("{label} «{value}» phải có dạng ngàythángnăm (8 chữ số)").format(
                label=label, value=_field_text(text)
            ),
            field,
        )
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise _qr_error(
            _("{label} {value} không phải ngày có thật").format(label=label, value=text), field
        ) from None


def _parse_old_id(value: str) -> str | None:
    """The old 9- or 12-digit CMND number, or None when the field is empty."""
    text = value.strip()
    if not text:
        return None
    if not _DIGITS_RE.fullmatch(text) or len(text) not in OLD_ID_LENGTHS:
        raise _qr_error(_("số CMND cũ phải gồm 9 hoặc 12 chữ số"), "old_id_number")
    return text


def _parse_name(value: str) -> str:
    """The full name as printed, spaces collapsed; raise when empty or too long."""
    name = _field_text(value)
    if not name:
        raise _qr_error(_("thiếu họ và tên"), "full_name")
    if len(name) > MAX_NAME_LENGTH:
        raise _qr_error(_("họ và tên dài quá 200 ký tự"), "full_name")
    return name


def _parse_birth(value: str) -> date:
    """The date of birth: present, real, not in the future."""
    born = _parse_date(value, label=_("ngày sinh"), field="date_of_birth")
    if born is None:
        raise _qr_error(_("thiếu ngày sinh"), "date_of_birth")
    if born > date.today():
        raise _qr_error(_("ngày sinh {day:%d/%m/%Y} ở tương lai").format(day=born), "date_of_birth")
    return born


def _parse_sex(value: str) -> Sex:
    """ "Nam" or "Nữ", in any case, with or without diacritics."""
    key = fold(value)
    if key == "nam":
        return Sex.MALE
    if key == "nu":
        return Sex.FEMALE
    if not key:
        raise _qr_error(_("thiếu giới tính"), "sex")
    raise _qr_error(
        _("giới tính phải là Nam hoặc Nữ, không phải «{value}»").format(value=_field_text(value)),
        "sex",
    )


def _parse_issued(value: str, born: date) -> date | None:
    """The issue date (None when empty): real, not before birth, not in the future."""
    issued = _parse_date(value, label=_("ngày cấp"), field="issued_on")
    if issued is None:
        return None
    if issued < born:
        raise _qr_error(
            _("ngày cấp {issued:%d/%m/%Y} trước ngày sinh {born:%d/%m/%Y}").format(
                issued=issued, born=born
            ),
            "issued_on",
        )
    if issued > date.today():
        raise _qr_error(
            _("ngày cấp {issued:%d/%m/%Y} ở tương lai").format(issued=issued), "issued_on"
        )
    return issued


def _has_old_id_field(fields: list[str]) -> bool:
    """True for the 7-field layout: field 1 is the old ID (digits or empty), not the name.

    A field 1 with letters is still taken as a (malformed) old ID when the date of birth sits
    in field 3 rather than field 2, so the error names the right field.
    """
    if not any(ch.isalpha() for ch in fields[1]):
        return True
    return (
        len(fields) > 3
        and _DATE_RE.fullmatch(fields[2].strip()) is None
        and _DATE_RE.fullmatch(fields[3].strip()) is not None
    )


def _require(fields: list[str], count: int) -> None:
    """Raise naming the first missing field when fewer than ``count`` layout fields are present."""
    labels = [
        (_("thiếu họ và tên"), "full_name"),
        (_("thiếu ngày sinh"), "date_of_birth"),
        (_("thiếu giới tính"), "sex"),
        (_("thiếu nơi thường trú"), "address"),
        (_("thiếu ngày cấp"), "issued_on"),
    ]
    missing = count - len(fields)
    if missing > 0:
        reason, field = labels[len(labels) - missing]
        raise _qr_error(reason, field)


def _drop_trailing_empty(fields: tuple[str, ...]) -> tuple[str, ...]:
    """Drop empty fields at the end (a trailing separator)."""
    kept = list(fields)
    while kept and not kept[-1].strip():
        kept.pop()
    return tuple(kept)


def _require_address(value: str) -> str:
    """The permanent address, spaces collapsed; raise when empty."""
    address = _field_text(value)
    if not address:
        raise _qr_error(_("thiếu nơi thường trú"), "address")
    return address


def _layout_fields(text: str) -> tuple[str, str | None, list[str]]:
    """Split the text into (ID field, old ID or None, [name, birth, sex, address, issued, ...])."""
    fields = _split_fields(text)  # at least two: a separator was found
    if _has_old_id_field(fields):
        old_id, rest = _parse_old_id(fields[1]), fields[2:]
    else:
        old_id, rest = None, fields[1:]
    _require(rest, 5)
    return fields[0], old_id, rest


def parse_qr(raw: str) -> IdCardScan:
    """Parse and check the text a scanner read from the QR code of a chip ID card.

    Tolerated: surrounding whitespace/CR/LF and a BOM, NFD text, a trailing separator, extra
    trailing fields (kept in ``extra_fields``), an empty old-ID field, the 6-field variant
    without the old-ID field, and — only when the text holds no "|" at all — "¦", "<" or a tab
    as the separator (what some keyboard layouts make of "|"). The ID number must agree with
    the date of birth and sex on the same card. Raises InvalidInput naming the faulty field.
    """
    if len(raw) > MAX_QR_LENGTH:
        raise _qr_error(_("dữ liệu dài quá 2.000 ký tự"), "qr")
    text = nfc(raw).strip().strip("\ufeff").strip()
    if not text:
        raise InvalidInput(
            _("Chưa có dữ liệu quét; hãy quét lại mã QR trên thẻ căn cước."), field="qr"
        )
    id_field, old_id, rest = _layout_fields(text)
    if not id_field.strip():
        raise _qr_error(_("thiếu số định danh cá nhân"), "id_number")
    id_digits = _check_id_shape(id_field)
    full_name = _parse_name(rest[0])
    born = _parse_birth(rest[1])
    sex = _parse_sex(rest[2])
    address = _require_address(rest[3])
    issued = _parse_issued(rest[4], born)
    extras = _drop_trailing_empty(tuple(rest[5:]))
    return IdCardScan(
        id_number=validate_id_number(id_digits, date_of_birth=born, sex=sex),
        old_id_number=old_id,
        full_name=full_name,
        date_of_birth=born,
        sex=sex,
        address=address,
        issued_on=issued,
        extra_fields=tuple(_field_text(field) for field in extras),
        raw=raw,
    )
