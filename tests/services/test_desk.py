"""The desk: a returning applicant's details and open dossiers, the counter's usual procedures
and its day, on real stores with hand-written expectations."""

from __future__ import annotations

from counter_app.domain.lifecycle import EventType
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.factories import BIRTH, RESIDENCE, applicant, request, vn

CERTIFY = "2.000815"
NOON = vn(2026, 3, 18, 12)  # Wednesday


def _receive(station: Station, procedure: str, at: object, **person: object) -> str:
    return station.receive(
        request(procedure, applicant=applicant(**person), received_at=at), actor="an", now=at
    ).code


def test_somebody_never_seen_has_no_history(station: Station) -> None:
    assert station.applicant_history("001090012345") is None


def test_a_returning_applicant_brings_back_the_latest_details_and_open_dossiers(
    station: Station,
) -> None:
    old = _receive(station, CERTIFY, vn(2026, 3, 2, 9), phone="0912000111")
    residence = _receive(station, RESIDENCE, vn(2026, 3, 9, 9), phone="0987654321")
    for event, data in (
        (EventType.TRANSFERRED, StepInput(to="Phòng Tư pháp")),
        (EventType.PROCESSING_STARTED, StepInput()),
        (EventType.RESOLVED, StepInput(result="Đã chứng thực")),
        (EventType.RETURNED, StepInput()),
    ):
        station.step(old, event, data, actor="an", now=vn(2026, 3, 3, 9))
    _receive(station, RESIDENCE, vn(2026, 3, 10, 9), id_number="038190054321", name="Lê Thị B")
    found = station.applicant_history("001090012345")
    assert found is not None
    assert found.name == "Nguyễn Văn Đức"
    assert found.phone == "0987654321"  # the newest dossier's
    assert found.dob == "1990-05-17"
    assert found.address == "Số 12, đường Lê Lai, phường Quảng Hưng, tỉnh Thanh Hóa"
    assert [d.code for d in found.open_dossiers] == [residence]  # the returned one is closed
    open_one = found.open_of(RESIDENCE)
    assert open_one is not None and open_one.procedure_name == "Đăng ký thường trú"
    assert open_one.due_at == vn(2026, 3, 18, 9)  # 7 working days
    assert found.open_of(CERTIFY) is None


def test_the_counters_last_procedures_come_latest_first(station: Station) -> None:
    for day, procedure in ((2, CERTIFY), (3, RESIDENCE), (4, BIRTH), (5, RESIDENCE)):
        _receive(station, procedure, vn(2026, 3, day, 9))
    assert station.recent_procedures() == [RESIDENCE, BIRTH, CERTIFY]
    assert station.recent_procedures(limit=2) == [RESIDENCE, BIRTH]


def test_the_counters_day(station: Station) -> None:
    due_today = _receive(station, RESIDENCE, vn(2026, 3, 9, 9))  # due Wed 18/3 09:00
    _receive(station, RESIDENCE, vn(2026, 3, 9, 14))  # due Wed 18/3 14:00
    _receive(station, RESIDENCE, vn(2026, 3, 18, 8))  # received today, due 27/3
    _receive(station, BIRTH, vn(2026, 3, 18, 9))  # received today, due today 17:30
    for event, data in (
        (EventType.TRANSFERRED, StepInput(to="Công an phường")),
        (EventType.PROCESSING_STARTED, StepInput()),
        (EventType.RESOLVED, StepInput(result="Đã đăng ký")),
        (EventType.RETURNED, StepInput()),
    ):
        station.step(due_today, event, data, actor="an", now=vn(2026, 3, 18, 10))
    today = station.counter_today(NOON)
    assert (today.received, today.returned, today.waiting) == (2, 1, 2)
    tomorrow = station.counter_today(vn(2026, 3, 19, 8))
    assert (tomorrow.received, tomorrow.returned, tomorrow.waiting) == (0, 0, 0)
