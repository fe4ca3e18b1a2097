"""Erasure after retention: the chain still verifies, the statistics do not move, the person is
gone from the store — for dossiers written now and for those an earlier version wrote."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType, State
from counter_app.domain.text import fold
from counter_app.services.applicant import Applicant, from_qr_text
from counter_app.services.eventlog import append_event, new_id, record_creation
from counter_app.services.reception import all_required, documents_payload, processing_time
from counter_app.services.retention import due_from
from counter_app.services.sequence import issue_code
from counter_app.services.statistics import period_report
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.conftest import every_row, store_connection
from tests.factories import RESIDENCE, applicant, request, vn
from tests.reports.history import FIRST, LAST, build

LATER = vn(2037, 1, 5, 9)  # ten years and more after March 2026
NHUNG = "079193004321|381234567|PHẠM THỊ HỒNG NHUNG|14021993|Nữ|Số 7 ngõ Thử Nghiệm|01032022"
TRANG = applicant(
    name="Đoàn Thị Thu Trang",
    id_number="036195001122",
    dob=date(1995, 8, 8),
    address="Thôn Đông Thử, xã Yên Thử",
    phone="0977665544",
)
TRACES = {
    "Phạm Thị Hồng Nhung", "PHẠM THỊ HỒNG NHUNG", "079193004321", "381234567",
    "Số 7 ngõ Thử Nghiệm", "0987001122",
    "Đoàn Thị Thu Trang", "036195001122", "Thôn Đông Thử", "0977665544",
}  # fmt: skip


def legacy_receive(station: Station, person: Applicant, *, scan: str | None, at: datetime) -> str:
    """A dossier as Counter wrote it before personal fields moved beside their event: the
    applicant (and the scanned card's text) inside the hashed payload."""
    ctx = station.context()
    entry = ctx.current_procedure(RESIDENCE)
    with station.store.write() as db:
        code = issue_code(
            db,
            station_id=ctx.identity.station_id,
            agency_code=ctx.identity.agency_code,
            slot=ctx.identity.slot,
            day=at.date(),
        )
        dossier = {
            "code": code,
            "procedure_id": entry.id,
            "procedure_code": entry.spec.code,
            "procedure_version": entry.version,
            "applicant": person.as_payload(),
            "documents": documents_payload(all_required(entry.spec.documents)),
            "applicable": [],
            "channel": "direct",
            "return_method": "counter",
            "scan_raw": scan,
            "note": None,
        }
        due = ctx.calendar.due_at(at, processing_time(entry))
        payload = {"dossier": dossier, "received_at": at.isoformat(), "due_at": due.isoformat()}
        record = append_event(
            db,
            station_id=ctx.identity.station_id,
            dossier_id=new_id(),
            type_="received",
            actor="clerk",
            payload=payload,
            now=at,
        )
        record_creation(db, record)
    return code


def close(station: Station, code: str, day: int, receiver: str | None = None) -> None:
    """Resolve on ``day`` of March 2026 and return the result the next day."""
    station.step(
        code, EventType.RESOLVED, StepInput(result="Xong"), actor="o", now=vn(2026, 3, day, 9)
    )
    returned = StepInput(fee_paid=0, rating="satisfied", receiver_name=receiver)
    station.step(code, EventType.RETURNED, returned, actor="o", now=vn(2026, 3, day + 1, 9))


def store_text(station: Station) -> str:
    """Every byte of the store and its WAL (as text), and every row."""
    raw = b"".join(
        path.read_bytes()
        for path in station.data_dir.iterdir()
        if path.name.startswith("counter.sqlite3")
    )
    return raw.decode("utf-8", errors="replace") + every_row(station.path)


def found(station: Station) -> set[str]:
    text = store_text(station)
    return {trace for trace in TRACES | {fold(t) for t in TRACES} if trace in text}


def test_erasure_after_retention_keeps_the_chain_and_the_statistics_and_removes_the_person(
    station: Station,
) -> None:
    build(station)  # the hand-built March history: its figures must not move
    scanned = from_qr_text(NHUNG, phone="0987001122")
    at = vn(2026, 3, 9, 9)
    nhung = station.receive(
        request(applicant=scanned, scan_raw=NHUNG, received_at=at), actor="c", now=at
    )
    close(station, nhung.code, 12, receiver="Phạm Văn Thử Hộ")
    trang = legacy_receive(station, TRANG, scan=None, at=vn(2026, 3, 9, 10))
    close(station, trang, 13)
    before = period_report(station, FIRST, LAST)
    assert found(station) >= {"PHẠM THỊ HỒNG NHUNG", "Đoàn Thị Thu Trang", "036195001122"}
    plan = station.privacy.retention_due(now=vn(2030, 1, 1))
    assert plan.dossiers == ()  # ten years are not over in 2030

    plan = station.privacy.erase_due(actor="lanhdao", decision="Quyết định 12/QĐ-UBND", now=LATER)

    codes = {item.code for item in plan.dossiers}
    assert {nhung.code, trang} <= codes
    report = station.verify()
    assert report.ok, (report.mismatches[:5], report.chain_breaks[:5])
    assert period_report(station, FIRST, LAST) == before
    assert found(station) == set()
    for code in (nhung.code, trang):
        facts = station.dossier(code)
        assert facts.state is State.RETURNED and all(v is None for v in facts.applicant.values())
        erased = station.events(facts.id)[-1]
        assert erased.type == "erased" and erased.actor == "lanhdao"
        assert erased.payload["rule"] == {"field": "Cư trú", "years": 10}
        assert erased.payload["decision"] == "Quyết định 12/QĐ-UBND"
    assert station.privacy.retention_due(now=LATER).dossiers == ()  # nothing twice


def test_open_dossiers_and_those_within_retention_are_kept(station: Station) -> None:
    open_code = station.receive(request(received_at=vn(2026, 3, 2, 9)), actor="c").code
    closed = station.receive(request(received_at=vn(2026, 3, 2, 9)), actor="c").code
    close(station, closed, 10)
    station.set_setting("retention_years", '{"Cư trú": 20, "*": 5}')
    assert station.privacy.retention_due(now=LATER).dossiers == ()
    station.set_setting("retention_years", '{"Cư trú": 0}')  # never
    assert station.privacy.retention_due(now=vn(2090, 1, 1)).dossiers == ()
    station.set_setting("retention_years", '{"*": 10}')
    [due] = station.privacy.retention_due(now=LATER).dossiers
    assert due.code == closed and station.dossier(open_code).applicant["name"]


def test_a_card_text_kept_by_an_earlier_version_is_removed_whatever_the_state(
    station: Station,
) -> None:
    code = legacy_receive(
        station, TRANG, scan="036195001122|123|ĐOÀN THỊ THU TRANG", at=vn(2026, 3, 9, 9)
    )
    assert station.privacy.retention_due(now=LATER).scans == 1
    station.privacy.erase_due(actor="lanhdao", decision="QĐ 1", now=vn(2026, 12, 1))
    facts = station.dossier(code)
    assert facts.state is State.RECEIVED and facts.applicant["name"] == "Đoàn Thị Thu Trang"
    first, erased = station.events(facts.id)
    assert first.payload["dossier"]["scan_raw"] is None
    assert erased.payload["scope"] == "scan" and erased.payload["redacted"][0]["id"] == first.id
    assert "ĐOÀN THỊ THU TRANG" not in store_text(station)
    assert station.verify().ok


def test_a_redacted_event_changed_afterwards_breaks_the_chain(station: Station) -> None:
    code = legacy_receive(station, TRANG, scan="036195001122|1|X", at=vn(2026, 3, 9, 9))
    station.privacy.erase_due(actor="lanhdao", decision="QĐ 1", now=vn(2026, 12, 1))
    first = station.events(station.dossier(code).id)[0]
    with store_connection(station.path) as connection:
        connection.execute(
            "UPDATE events SET payload = json_set(payload, '$.dossier.channel', 'online') "
            "WHERE id = ?",
            (first.id,),
        )
    breaks = station.verify().chain_breaks
    assert [(b.seq, b.reason) for b in breaks] == [(first.seq, "hash does not match content")]


def test_a_sealed_personal_field_changed_or_lost_is_found(station: Station) -> None:
    code = station.receive(request(), actor="c").code
    event_id = station.events(station.dossier(code).id)[0].id
    with store_connection(station.path) as connection:
        connection.execute(
            "UPDATE events SET personal = json_set(personal, '$.applicant.phone', '0900000000') "
            "WHERE id = ?",
            (event_id,),
        )
    assert any("do not match their commitment" in m for m in station.verify().mismatches)
    with store_connection(station.path) as connection:
        connection.execute("UPDATE events SET personal = NULL WHERE id = ?", (event_id,))
    assert any("missing, not erased" in m for m in station.verify().mismatches)


def test_a_decision_is_required_and_the_retention_setting_is_checked(station: Station) -> None:
    with pytest.raises(InvalidInput):
        station.privacy.erase_due(actor="lanhdao", decision="  ")
    for bad in ('{"Cư trú": -1}', '{"Cư trú": "mười"}', '{"": 5}', '{"*": 101}'):
        with pytest.raises(InvalidInput):
            station.set_setting("retention_years", bad)
    stored: dict[str, Any] = station.settings()["retention_years"]
    assert stored == DEFAULTS


# Hộ tịch registers and registration dossiers are kept permanently (Nghị định 123/2015/NĐ-CP
# Điều 12 khoản 3; Thông tư 04/2020/TT-BTP Điều 37 khoản 1), and a record takes the longest period
# of its documents (Luật Lưu trữ 33/2024/QH15 Điều 15): hộ tịch and the liên thông procedures that
# begin with a birth or death registration are never erased. Every other field: 10 years,
# Counter's default where no schedule was read (docs/legal.md).
DEFAULTS = {"Hộ tịch": 0, "Liên thông": 0, "*": 10}
BIRTH = "1.001193"  # Đăng ký khai sinh, field Hộ tịch in the bundled catalogue
DEATH_LINKED = "2.002913"  # Liên thông khai tử, xóa thường trú, tử tuất/mai táng


def test_the_default_keeps_civil_status_and_linked_dossiers_for_good_and_others_ten_years(
    station: Station,
) -> None:
    fields = {entry.spec.code: entry.spec.field for entry in station.catalogue()}
    assert fields[BIRTH] == "Hộ tịch" and fields[DEATH_LINKED] == "Liên thông"
    assert station.settings()["retention_years"] == DEFAULTS
    at = vn(2026, 3, 2, 9)
    kept = [
        station.receive(request(code, received_at=at), actor="c", now=at).code
        for code in (BIRTH, DEATH_LINKED)
    ]
    other = station.receive(request(received_at=at), actor="c", now=at).code
    for code in (*kept, other):
        close(station, code, 10)
    assert station.privacy.retention_due(now=vn(2036, 12, 31, 23, 59)).dossiers == ()
    [due] = station.privacy.retention_due(now=vn(2037, 1, 1, 0, 0)).dossiers
    assert (due.code, due.years) == (other, 10)
    assert station.privacy.retention_due(now=vn(2126, 1, 1)).dossiers == (due,)


def test_retention_is_counted_in_years_from_the_vietnamese_year_the_dossier_closed() -> None:
    """Luật Lưu trữ 33/2024/QH15 Điều 15: a period is counted by years from the year the work
    ended, so a dossier closed in 2026 and kept 10 years is kept through 2036 whether 2026 or
    2027 is its first year; one closed at 00:30 on 1 January 2027 in Vietnam (still 2026 in
    UTC) closed in 2027."""
    assert due_from(vn(2026, 3, 12, 9), 10) == vn(2037, 1, 1)
    assert due_from(vn(2026, 12, 31, 23, 59), 10) == vn(2037, 1, 1)
    new_year = vn(2027, 1, 1, 0, 30)
    assert new_year.astimezone(UTC).year == 2026
    assert due_from(new_year.astimezone(UTC), 10) == vn(2038, 1, 1)
    assert due_from(vn(2024, 2, 29, 9), 4) == vn(2029, 1, 1)
