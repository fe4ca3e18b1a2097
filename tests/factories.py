"""Test data builders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.cccd import Sex
from counter_app.services.applicant import Applicant
from counter_app.services.reception import IntakeRequest

BIRTH = "1.001193"  # Đăng ký khai sinh: same day, 15:00 cut-off
RESIDENCE = "1.004222"  # Đăng ký thường trú: 7 working days


def vn(*parts: int) -> datetime:
    """A moment in Vietnam's time zone."""
    return datetime(*parts, tzinfo=VN_TZ)  # type: ignore[misc]


def applicant(**overrides: Any) -> Applicant:
    """Nguyễn Văn Đức, born 1990 in Hà Nội."""
    values: dict[str, Any] = {
        "name": "Nguyễn Văn Đức",
        "id_number": "001090012345",
        "dob": date(1990, 5, 17),
        "sex": Sex.MALE,
        "address": "Số 12, đường Lê Lai, phường Quảng Hưng, tỉnh Thanh Hóa",
        "phone": "0912345678",
        "email": None,
    }
    values.update(overrides)
    return Applicant(**values)


def request(procedure: str = RESIDENCE, **overrides: Any) -> IntakeRequest:
    """A complete dossier for ``procedure`` (every required document handed over)."""
    values: dict[str, Any] = {"procedure_code": procedure, "applicant": applicant()}
    values.update(overrides)
    return IntakeRequest(**values)
