from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType, State
from counter_app.printing.forms import render
from counter_app.printing.model import FormKind, FormSet
from counter_app.services.printdata import timeliness
from counter_app.services.step_types import PrintJob, StepInput
from counter_app.station import Station
from tests.factories import BIRTH, full_life, request, vn
from tests.printing import reading

T0 = vn(2026, 3, 10, 9, 0)


def test_slip_sheet_carries_every_field(station: Station) -> None:
    station.set_setting("lookup_url", "https://dichvucong.example/tra-cuu?ma={code}")
    code = station.receive(request(received_at=T0), actor="clerk", now=T0).code
    sheet = station.sheet(FormKind.SLIP, code, actor="clerk", via="gui")
    assert sheet.form_set is FormSet.TT03_2025
    assert sheet.header.unit_name == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    assert sheet.header.agency_name == "UBND PHƯỜNG QUẢNG HƯNG"
    assert sheet.time_limit_text == "07 ngày làm việc"
    assert sheet.due_at == vn(2026, 3, 19, 9)
    assert sheet.lookup_url == f"https://dichvucong.example/tra-cuu?ma={code}"
    # the template station has slot 1: its register block for 2026 starts at 1 × 100,000 + 1
    assert sheet.register_book == "2026" and sheet.register_number == 100_001
    assert all(d.form_label for d in sheet.documents)


def test_a_dossier_received_before_july_2025_prints_with_the_2018_set(station: Station) -> None:
    at = vn(2025, 6, 30, 9, 0)
    code = station.receive(request(BIRTH, received_at=at), actor="clerk", now=at).code
    sheet = station.sheet(FormKind.SLIP, code, actor="clerk", via="gui")
    assert sheet.form_set is FormSet.TT01_2018
    assert sheet.header.unit_name == "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    assert sheet.time_limit_text.startswith("Trong ngày làm việc")


def test_supplement_sheet_lists_exactly_what_was_asked(station: Station) -> None:
    receipt = station.receive(request(documents=[]), actor="clerk")
    sheet = station.sheet(FormKind.SUPPLEMENT, receipt.code, actor="clerk", via="gui")
    assert [d.name for d in sheet.missing] == [s.document.name for s in receipt.missing]
    with pytest.raises(InvalidInput):
        station.sheet(FormKind.SLIP, receipt.code, actor="clerk", via="gui")


def test_control_sheet_follows_the_hand_overs(station: Station) -> None:
    code = full_life(station)
    sheet = station.sheet(FormKind.CONTROL, code, actor="clerk", via="gui")
    rows = sheet.handovers
    assert [r.receiver for r in rows] == [
        "Công an phường",
        "Trung tâm phục vụ hành chính công",
        "Ông/Bà Trần Văn Bình",
    ]
    assert rows[1].result == "Trước hạn"  # resolved 18/3, due 19/3
    assert sheet.handling_unit == "Công an phường"


def test_receipt_and_register(station: Station) -> None:
    code = full_life(station)
    receipt = station.sheet(FormKind.RECEIPT, code, actor="clerk", via="gui")
    assert receipt.fee_paid == 20_000 and receipt.rating_label == "Hài lòng"
    assert receipt.receiver_name == "Trần Văn Bình"
    register = station.register_sheet(
        date(2026, 3, 1), date(2026, 3, 31), actor="lanhdao", via="gui"
    )
    assert [row.code for row in register.rows] == [code]
    assert register.rows[0].transferred_at == vn(2026, 3, 10, 10)
    assert (
        station.register_sheet(date(2026, 4, 1), date(2026, 4, 30), actor="lanhdao", via="gui").rows
        == ()
    )


def test_refusal_apology_and_stop_sheets(station: Station) -> None:
    refused = station.refuse(request(), reasons="Không thuộc thẩm quyền.", actor="clerk").code
    assert (
        station.sheet(FormKind.REFUSAL, refused, actor="c", via="gui").reasons
        == "Không thuộc thẩm quyền."
    )
    code = station.receive(request(received_at=T0), actor="clerk", now=T0).code
    station.step(
        code,
        EventType.APOLOGISED,
        StepInput(new_due_at=vn(2026, 3, 25, 9), reason="Chờ xác minh"),
        actor="leader",
        now=vn(2026, 3, 18, 9),
    )
    apology = station.sheet(FormKind.APOLOGY, code, actor="leader", via="gui")
    assert apology.previous_due_at == vn(2026, 3, 19, 9) and apology.new_due_at == vn(
        2026, 3, 25, 9
    )
    with pytest.raises(InvalidInput):
        station.sheet(FormKind.STOP, code, actor="c", via="gui")
    station.step(code, EventType.STOPPED, StepInput(reason="Công dân không bổ sung"), actor="o")
    assert (
        station.sheet(FormKind.STOP, code, actor="c", via="gui").reason == "Công dân không bổ sung"
    )


def test_every_print_is_an_event_and_changes_no_state(station: Station) -> None:
    code = station.receive(request(), actor="clerk").code
    job = PrintJob("slip", "a4", "CounterPDF", ok=False, error="Máy in hết giấy")
    facts = station.record_print(code, job, actor="clerk")
    assert facts.state is State.RECEIVED
    assert station.verify().ok


def test_timeliness_buckets() -> None:
    due = vn(2026, 3, 19, 9)
    assert timeliness(vn(2026, 3, 18, 16), due) == "Trước hạn"
    assert timeliness(vn(2026, 3, 19, 8), due) == "Đúng hạn"
    assert timeliness(vn(2026, 3, 19, 10), due) == "Quá hạn"


def test_bad_settings_are_refused_and_nothing_saved(station: Station) -> None:
    from counter_app.domain.errors import InvalidInput

    for key, text in (
        ("lookup_url", "https://dichvucong.example/tra-cuu"),
        ("lookup_url", "ftp://x/{code}"),
        ("idle_lock_minutes", "-5"),
        ("idle_lock_minutes", "9999"),
        ("slip_format", "a3"),
    ):
        with pytest.raises(InvalidInput):
            station.set_setting(key, text)
    settings = station.settings()
    assert settings["lookup_url"] == "" and settings["idle_lock_minutes"] == 10


def test_agency_is_renamed_but_keeps_its_code(station: Station) -> None:
    before = station.identity
    assert before is not None
    after = station.update_agency(
        agency_name="UBND phường Hạc Thành",
        parent_name="UBND tỉnh Thanh Hóa",
        place_name="Hạc Thành",
    )
    assert (after.agency_name, after.place_name) == ("UBND phường Hạc Thành", "Hạc Thành")
    assert (after.agency_code, after.slot) == (before.agency_code, before.slot)


def _apologised(station: Station) -> str:
    code = station.receive(request(received_at=T0), actor="clerk", now=T0).code
    data = StepInput(reason="Cần xác minh thêm.", new_due_at=vn(2026, 3, 30, 9))
    station.step(code, EventType.APOLOGISED, data, actor="leader", now=vn(2026, 3, 18, 9))
    return code


def test_the_apology_is_signed_as_decree_30_writes_signing_authority(station: Station) -> None:
    code = _apologised(station)
    printed = reading.text(
        render(FormKind.APOLOGY, station.sheet(FormKind.APOLOGY, code, actor="c", via="gui"))
    )
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Ký tên, đóng dấu) Lê Văn Tâm" in printed
    station.set_setting("signer_deputy_title", "PHÓ CHỦ TỊCH")
    printed = reading.text(
        render(FormKind.APOLOGY, station.sheet(FormKind.APOLOGY, code, actor="c", via="gui"))
    )
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký tên, đóng dấu)" in printed


def test_form_02_gives_the_clerks_phone(station: Station) -> None:
    receipt = station.receive(request(documents=[]), actor="clerk")
    sheet = station.sheet(FormKind.SUPPLEMENT, receipt.code, actor="clerk", via="gui")
    assert "clerk, số điện thoại 0237 3852 111" in reading.text(render(FormKind.SUPPLEMENT, sheet))


@pytest.mark.parametrize(
    ("key", "kind", "named"),
    [
        ("contact_phone", FormKind.SUPPLEMENT, "Số điện thoại liên hệ"),
        ("leader_name", FormKind.APOLOGY, "Họ tên người ký"),
    ],
)
def test_an_empty_needed_setting_is_named_before_printing(
    station: Station, key: str, kind: FormKind, named: str
) -> None:
    code = (
        station.receive(request(documents=[]), actor="clerk").code
        if kind is FormKind.SUPPLEMENT
        else _apologised(station)
    )
    station.set_setting(key, "")
    with pytest.raises(InvalidInput, match=named) as refused:
        station.sheet(kind, code, actor="clerk", via="gui")
    assert refused.value.field == key and "Cài đặt" in refused.value.message


def test_the_2025_slip_names_the_communes_centre(station: Station) -> None:
    code = station.receive(request(received_at=T0), actor="clerk", now=T0).code
    printed = reading.text(
        render(FormKind.SLIP, station.sheet(FormKind.SLIP, code, actor="clerk", via="gui"))
    )
    centre = "Trung tâm Phục vụ hành chính công phường Quảng Hưng"
    assert f"6. Đăng ký nhận kết quả tại: {centre}" in printed
    assert f"Bộ phận Một cửa: {centre}" in printed


def test_an_agency_named_as_the_centre_heads_the_form_once(station: Station) -> None:
    station.update_agency(
        agency_name="Trung tâm Phục vụ hành chính công phường Quảng Hưng",
        parent_name="UBND phường Quảng Hưng",
        place_name="Quảng Hưng",
    )
    code = station.receive(request(received_at=T0), actor="clerk", now=T0).code
    printed = reading.text(
        render(FormKind.SLIP, station.sheet(FormKind.SLIP, code, actor="clerk", via="gui"))
    )
    assert printed.count("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") == 1
    assert (
        "Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Quảng Hưng" in printed
    )
