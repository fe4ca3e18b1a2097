"""The applicant as the clerk typed it or the ID card's QR gave it, checked and normalised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from counter_app.domain.cccd import IdCardScan, Sex, parse_qr, validate_id_number
from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import clean, clean_optional, fold, normalise_email, normalise_phone
from counter_app.i18n import _

NAME_MAX = 200
ADDRESS_MAX = 500


@dataclass(frozen=True)
class ApplicantInput:
    """What was typed about the applicant; every field is raw text."""

    name: str
    id_number: str | None = None
    dob: str | None = None  # YYYY-MM-DD or DD/MM/YYYY
    sex: str | None = None  # "male"/"female" or "Nam"/"Nữ"
    address: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Applicant:
    """A checked applicant: NFC text, a valid ID number, a real date of birth."""

    name: str
    id_number: str | None
    dob: date | None
    sex: Sex | None
    address: str | None
    phone: str | None
    email: str | None

    def as_payload(self) -> dict[str, str | None]:
        """The applicant as stored in an event payload."""
        return {
            "name": self.name,
            "id_number": self.id_number,
            "dob": None if self.dob is None else self.dob.isoformat(),
            "sex": None if self.sex is None else self.sex.value,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
        }


def from_scan(scan: IdCardScan, *, phone: str | None = None, email: str | None = None) -> Applicant:
    """An applicant filled from a parsed ID-card QR, with contact details typed beside it."""
    return Applicant(
        name=scan.full_name,
        id_number=scan.id_number,
        dob=scan.date_of_birth,
        sex=scan.sex,
        address=scan.address,
        phone=_phone(phone),
        email=_email(email),
    )


def from_qr_text(raw: str, *, phone: str | None = None, email: str | None = None) -> Applicant:
    """Parse a scanned QR and build the applicant; raise InvalidInput with the reason."""
    return from_scan(parse_qr(raw), phone=phone, email=email)


def validate(data: ApplicantInput) -> Applicant:
    """Check every typed field; raise InvalidInput naming the first bad one."""
    dob = parse_date(data.dob, field="dob")
    sex = parse_sex(data.sex)
    number = None
    if data.id_number and data.id_number.strip():
        number = validate_id_number(data.id_number, date_of_birth=dob, sex=sex)
    return Applicant(
        name=clean(data.name, field="name", max_length=NAME_MAX, label=_("Họ và tên")),
        id_number=number,
        dob=dob,
        sex=sex,
        address=clean_optional(
            data.address, field="address", max_length=ADDRESS_MAX, label=_("Địa chỉ")
        ),
        phone=_phone(data.phone),
        email=_email(data.email),
    )


def _phone(value: str | None) -> str | None:
    return normalise_phone(value) if value and value.strip() else None


def _email(value: str | None) -> str | None:
    return normalise_email(value) if value and value.strip() else None


def parse_date(value: str | None, *, field: str) -> date | None:
    """A date typed as YYYY-MM-DD or DD/MM/YYYY; None when blank."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("Ngày «{value}» không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.").format(
                value=text[:20]
            ),
            field=field,
        ) from None


def parse_sex(value: str | None) -> Sex | None:
    """Sex from "male"/"female" or Vietnamese "Nam"/"Nữ"; None when blank."""
    if value is None or not value.strip():
        return None
    folded = fold(value)
    if folded in ("male", "nam"):
        return Sex.MALE
    if folded in ("female", "nu"):
        return Sex.FEMALE
    raise InvalidInput(_("Giới tính phải là «Nam» hoặc «Nữ»."), field="sex")
