"""Test data builders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.cccd import Sex
from counter_app.domain.lifecycle import EventType
from counter_app.services.applicant import Applicant
from counter_app.services.eventlog import append_event, record_step
from counter_app.services.reception_types import IntakeRequest
from counter_app.services.step_types import StepInput
from counter_app.station import Station

BIRTH = "1.001193"  # Đăng ký khai sinh: same day, 15:00 cut-off
RESIDENCE = "1.004222"  # Đăng ký thường trú: 7 working days (tests/data, not shipped)
TEST_PROCEDURES = Path(__file__).resolve().parent / "data" / "test_procedures.json"
# the fictitious applicant of most tests
APPLICANT_NAME = "Nguyễn Văn Đức"
APPLICANT_ID = "001090012345"
APPLICANT_PHONE = "0912345678"
APPLICANT_ADDRESS = "Số 12, đường Lê Lai, phường Quảng Hưng, tỉnh Thanh Hóa"


def add_test_procedures(station: Station) -> None:
    """Import the procedures the tests use beside the starter set (RESIDENCE)."""
    from counter_app.services.catalogue_io import load_catalogue

    station.import_catalogue(load_catalogue(TEST_PROCEDURES))


LAWFUL_GROUNDS = ("financial_obligation", "verification")


def allow_pauses(
    station: Station, procedure: str = RESIDENCE, grounds: tuple[str, ...] = LAWFUL_GROUNDS
) -> None:
    """Import a version of ``procedure`` whose entry lists lawful pause grounds (the bundled
    seed lists none: no source found for any); dossiers received afterwards may be paused."""
    [entry] = [item for item in station.catalogue() if item.spec.code == procedure]
    station.import_catalogue([replace(entry.spec, pause_grounds=grounds)])


def vn(*parts: int) -> datetime:
    """A moment in Vietnam's time zone."""
    return datetime(*parts, tzinfo=VN_TZ)  # type: ignore[misc]


def applicant(**overrides: Any) -> Applicant:
    """Nguyễn Văn Đức, born 1990 in Hà Nội."""
    values: dict[str, Any] = {
        "name": APPLICANT_NAME,
        "id_number": APPLICANT_ID,
        "dob": date(1990, 5, 17),
        "sex": Sex.MALE,
        "address": APPLICANT_ADDRESS,
        "phone": APPLICANT_PHONE,
        "email": None,
    }
    values.update(overrides)
    return Applicant(**values)


def request(procedure: str = RESIDENCE, **overrides: Any) -> IntakeRequest:
    """A complete dossier for ``procedure`` (every required document handed over)."""
    values: dict[str, Any] = {"procedure_code": procedure, "applicant": applicant()}
    values.update(overrides)
    return IntakeRequest(**values)


def full_life(station: Station) -> str:
    """A dossier received Tue 10/3/2026 09:00 (due 19/3 09:00), transferred, resolved on
    18/3 and returned on 19/3 to Trần Văn Bình with a 20.000 đ fee; returns its code."""
    code = station.receive(
        request(received_at=vn(2026, 3, 10, 9)), actor="clerk", now=vn(2026, 3, 10, 9)
    ).code
    steps = [
        (EventType.TRANSFERRED, StepInput(to="Công an phường"), vn(2026, 3, 10, 10)),
        (EventType.PROCESSING_STARTED, StepInput(), vn(2026, 3, 10, 14)),
        (EventType.RESOLVED, StepInput(result="Đã đăng ký thường trú"), vn(2026, 3, 18, 9)),
        (
            EventType.RETURNED,
            StepInput(fee_paid=20_000, rating="satisfied", receiver_name="Trần Văn Bình"),
            vn(2026, 3, 19, 8),
        ),
    ]
    for event, data, at in steps:
        station.step(code, event, data, actor="clerk", now=at)
    return code


def legacy_pause(station: Station, code: str, at: datetime, actor: str = "old") -> None:
    """A ``paused`` event of kind ``other`` as versions before the lawful grounds wrote it."""
    facts = station.dossier(code)
    with station.store.write() as db:
        record = append_event(
            db,
            station_id=station.context().identity.station_id,
            dossier_id=facts.id,
            type_="paused",
            actor=actor,
            payload={"kind": "other", "reason": "Chờ ý kiến"},
            now=at,
        )
        record_step(db, facts, record)
